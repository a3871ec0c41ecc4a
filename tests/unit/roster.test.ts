import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildRosterPlan,
  ROSTER_LIMITS,
  toRosterTable,
  validateRoster,
  type ExistingRoster,
  type RosterTable,
} from '../../shared/commandPost/roster';
import { assignColumn, guessMapping, rosterFields, type ColumnMapping, type RosterField } from '../../shared/commandPost/rosterColumns';
import type { MemberUnit, Person } from '../../shared/commandPost/types';
import { validateMemberUnit, validatePerson } from '../../shared/commandPost/validation';
import { badRowKinds, makeRosterRows, rosterHeader, rosterUnits } from '../fixtures/rosterFixtures';

const none: ExistingRoster = { memberUnits: [], people: [] };
const table = (header: string[], rows: string[][]): RosterTable => ({ header, rows, headerRowNumber: 1 });
const counter = () => {
  let n = 0;
  return () => `id-${++n}`;
};

describe('guessing which column is which', () => {
  const cases: [string, RosterField | null][] = [
    ['姓名', 'name'],
    ['姓 名', 'name'],
    ['姓　名', 'name'],
    ['姓名（必填）', 'name'],
    ['*姓名', 'name'],
    ['人员姓名', 'name'],
    ['名字', 'name'],
    ['联系人', 'name'],
    ['单位', 'memberUnit'],
    ['成员单位', 'memberUnit'],
    ['所在单位', 'memberUnit'],
    ['工作单位', 'memberUnit'],
    ['单位名称', 'memberUnit'],
    ['部门', 'memberUnit'],
    ['职务', 'post'],
    ['职务/职级', 'post'],
    ['岗位', 'post'],
    ['电话', 'phone'],
    ['手机', 'phone'],
    ['手机号码', 'phone'],
    ['联系电话', 'phone'],
    ['联系电话(手机)', 'phone'],
    ['联系电话（手机）', 'phone'],
    ['联系方式', 'phone'],
    ['联系人电话', 'phone'],
    ['电话1', 'phone'],
    ['ＴＥＬ', 'phone'],
    ['Phone', 'phone'],
    ['证件号', 'badgeNumber'],
    ['工作证号', 'badgeNumber'],
    ['工作证件号码', 'badgeNumber'],
    ['标识编号', 'badgeNumber'],
    ['工号', 'badgeNumber'],
    ['身份证号', null],
    ['身份证件号码', null],
    ['序号', null],
    ['备注', null],
    ['性别', null],
    ['', null],
  ];
  it.each(cases)('“%s” → %s', (header, field) => {
    expect(guessMapping([header])).toEqual([field]);
  });

  it('gives each field its best column and leaves the others unmapped', () => {
    expect(guessMapping(['序号', '姓名', '单位', '部门', '办公电话', '手机', '职务'])).toEqual([
      null,
      'name',
      'memberUnit',
      null,
      null,
      'phone',
      'post',
    ]);
  });

  it('moves a field when the user assigns it to another column, so no field is mapped twice', () => {
    const mapping: ColumnMapping = ['name', 'phone', null];
    expect(assignColumn(mapping, 2, 'phone')).toEqual(['name', null, 'phone']);
    expect(assignColumn(mapping, 0, null)).toEqual([null, 'phone', null]);
  });
});

describe('reading the sheet into a table', () => {
  it('finds the header below a title, and drops empty trailing rows and columns', () => {
    const result = toRosterTable([
      ['某区强制执行工作人员名单', '', ''],
      ['', '', ''],
      ['姓名', '单位', '电话', '', ''],
      ['张三', '区法院', '13800138000', '', ''],
      ['', '', ''],
      ['李四', '区法院'],
      ['', '', '', ''],
    ]);
    expect(result).toEqual({
      ok: true,
      table: {
        header: ['姓名', '单位', '电话'],
        rows: [
          ['张三', '区法院', '13800138000'],
          ['', '', ''],
          ['李四', '区法院', ''],
        ],
        headerRowNumber: 3,
      },
    });
  });

  it('refuses empty files, header-only files and files beyond the limits, saying why', () => {
    const fail = (sheet: string[][]) => {
      const result = toRosterTable(sheet);
      return result.ok ? null : result.message;
    };
    expect(fail([])).toBe('文件是空的，没有可导入的内容');
    expect(fail([[' ', '']])).toBe('文件是空的，没有可导入的内容');
    expect(fail([['姓名', '单位']])).toBe('文件只有表头，没有人员数据');
    const row = ['张三', '区法院'];
    expect(fail([['姓名', '单位'], ...Array.from({ length: ROSTER_LIMITS.rows }, () => row)])).toBeNull();
    expect(fail([['姓名', '单位'], ...Array.from({ length: ROSTER_LIMITS.rows + 1 }, () => row)])).toBe(
      '一次最多导入 5000 行，本文件有 5001 行；请分成几个文件分批导入',
    );
    const wide = Array.from({ length: 201 }, (_, i) => `列${i}`);
    expect(fail([wide, row])).toBe('名单最多 200 列，本文件有 201 列；请删去无关的列后再导入');
  });
});

describe('checking each row', () => {
  const header = ['序号', '姓名', '单位', '职务', '手机', '工作证号', '备注'];
  const mapping = guessMapping(header);

  it('reports each problem with its row, the column as headed in the file, and a Chinese message', () => {
    const rows = [
      ['1', '', '区法院', '', '13800138000', '', ''],
      ['2', '王五', '', '', '', '', ''],
      ['3', '赵六', '区法院', '', '1380013800', '', ''],
      ['4', '钱七', '区法院', '', '1.38001E+10', '', ''],
      ['5', '孙八', '区法院', '', '13800138001/13900139001', '', ''],
      ['6', '周九', '=1+1', '@SUM(A1)', '', '', ''],
      ['7', '吴十', '区法院', '科'.repeat(51), '', '', ''],
      ['8', '郑一', '区法院', '', '', '', '注'.repeat(501)],
      ['9', '12', '区法院', '', '', '', ''],
      ['10', '冯二', '区法院', '', '', '-5', ''],
      ['11', '陈三', '区法院', '', '', 'GZ'.repeat(16), ''],
    ];
    const { valid, errors, mappingErrors } = validateRoster(table(header, rows), mapping, none);
    expect(mappingErrors).toEqual([]);
    expect(valid).toEqual([]);
    expect(errors).toEqual([
      { row: 2, column: '姓名', message: '缺少姓名' },
      { row: 3, column: '单位', message: '缺少单位：请填写单位，或选择“默认成员单位”' },
      { row: 4, column: '手机', message: '电话格式不正确：应为 11 位手机号或带区号的固定电话，如 010-66001234' },
      {
        row: 5,
        column: '手机',
        message: '电话显示为科学计数法（1.38001E+10），号码已经丢失；请在 Excel 中把电话列设为“文本”后重新填写或导出',
      },
      { row: 6, column: '手机', message: '电话含多个号码，请只保留一个（手机优先）' },
      {
        row: 7,
        column: '单位',
        message: '单位以“=”开头，像电子表格公式；为防止导出时被当作公式执行，不予导入，请改为纯文本',
      },
      {
        row: 7,
        column: '职务',
        message: '职务以“@”开头，像电子表格公式；为防止导出时被当作公式执行，不予导入，请改为纯文本',
      },
      { row: 8, column: '职务', message: '职务不能超过 50 个字' },
      { row: 9, column: '备注', message: '内容超过 500 个字（现有 501 个字）' },
      { row: 10, column: '姓名', message: '姓名“12”是数字，可能把序号列当成了姓名列' },
      {
        row: 11,
        column: '工作证号',
        message: '工作证号以“-”开头，像电子表格公式；为防止导出时被当作公式执行，不予导入，请改为纯文本',
      },
      { row: 12, column: '工作证号', message: '工作证号不能超过 30 个字' },
    ]);
  });

  it('tidies what people type: padded names, +86, full-width digits, placeholders, stray spaces', () => {
    const rows = [
      ['1', '张  三', ' 区公安分局 ', '-', '+86 138 0013 8000', '无', ''],
      ['2', '欧阳 娜娜', '区公安分局', '民警', '１３９００１３９０００', 'GA\u200b-001', ''],
      ['3', 'Aili Tursun', '区公安分局', '', '010-66001234', '/', ''],
    ];
    const { valid, errors } = validateRoster(table(header, rows), mapping, none);
    expect(errors).toEqual([]);
    expect(valid).toEqual([
      { row: 2, name: '张三', memberUnit: '区公安分局', post: '', phone: '13800138000', badgeNumber: '' },
      { row: 3, name: '欧阳娜娜', memberUnit: '区公安分局', post: '民警', phone: '13900139000', badgeNumber: 'GA-001' },
      { row: 4, name: 'Aili Tursun', memberUnit: '区公安分局', post: '', phone: '010-66001234', badgeNumber: '' },
    ]);
  });

  it('refuses a badge number worn by someone else, in the file or on the roster, as hand entry does', () => {
    const existing: ExistingRoster = {
      memberUnits: [{ id: 'u1', operationId: 'op', name: '区法院', role: '' }],
      people: [{ id: 'p1', operationId: 'op', memberUnitId: 'u1', name: '李四', post: '', phone: '', badgeNumber: 'FY-01' }],
    };
    const rows = [
      ['1', '张三', '区法院', '', '', 'GA-01', ''],
      ['2', '王五', '区法院', '', '', 'GA-01', ''],
      ['3', '赵六', '区法院', '', '', 'FY-01', ''],
    ];
    const { valid, errors } = validateRoster(table(header, rows), mapping, existing);
    expect(valid.map((r) => r.name)).toEqual(['张三']);
    expect(errors).toEqual([
      { row: 3, column: '工作证号', message: '工作证号 GA-01 与第 2 行相同，现场标识不能重复' },
      { row: 4, column: '工作证号', message: '工作证号 FY-01 已由李四使用，现场标识不能重复' },
    ]);
  });

  it('flags people listed twice in the file or already on the roster, and skips empty rows quietly', () => {
    const existing: ExistingRoster = {
      memberUnits: [{ id: 'u1', operationId: 'op', name: '区法院', role: '' }],
      people: [
        { id: 'p1', operationId: 'op', memberUnitId: 'u1', name: '李四', post: '', phone: '139-0013-9000', badgeNumber: '' },
        { id: 'p2', operationId: 'op', memberUnitId: 'u1', name: '王五', post: '', phone: '', badgeNumber: '' },
      ],
    };
    const rows = [
      ['1', '张三', '区法院', '', '13800138000', '', ''],
      ['', '', '', '', '', '', ''],
      ['2', '张三', '区城管委', '', '138 0013 8000', '', ''],
      ['3', '李四', '区城管委', '', '13900139000', '', ''],
      ['4', '王五', '区法院', '', '', '', ''],
      ['5', '王五', '区城管委', '', '', '', '备注不算'],
      ['6', '', '', '', '', '', '只有备注的行也算空行'],
    ];
    const { valid, errors, blankRows } = validateRoster(table(header, rows), mapping, existing);
    expect(valid.map((r) => r.row)).toEqual([2, 7]);
    expect(errors).toEqual([
      { row: 4, message: '与第 2 行重复（姓名和电话相同）' },
      { row: 5, message: '本行动的人员名单中已有此人（区法院，姓名和电话相同）' },
      { row: 6, message: '本行动的人员名单中已有此人（区法院，同一单位的同名人员，且都没有电话）' },
    ]);
    expect(blankRows).toBe(2);
  });

  it('uses the default unit for empty unit cells, and the unit above when asked (merged cells)', () => {
    const rows = [
      ['1', '张三', '区法院', '', '', '', ''],
      ['2', '李四', '', '', '', '', ''],
      ['3', '王五', '区城管委', '', '', '', ''],
      ['4', '赵六', '', '', '', '', ''],
    ];
    const units = (options: Parameters<typeof validateRoster>[3]) =>
      validateRoster(table(header, rows), mapping, none, options).valid.map((r) => r.memberUnit);
    expect(units({ defaultUnit: '区信访办' })).toEqual(['区法院', '区信访办', '区城管委', '区信访办']);
    expect(units({ defaultUnit: '区信访办', fillDownUnit: true })).toEqual(['区法院', '区法院', '区城管委', '区城管委']);
    const withoutUnitColumn = assignColumn(mapping, 2, null);
    expect(validateRoster(table(header, rows), withoutUnitColumn, none, { defaultUnit: ' 区信访办 ' }).valid).toHaveLength(4);
  });

  it('checks nothing until the mapping can import something', () => {
    const check = (m: ColumnMapping, defaultUnit?: string) => validateRoster(table(header, []), m, none, { defaultUnit }).mappingErrors;
    expect(check([null, null, 'memberUnit'])).toEqual(['请指定哪一列是“姓名”']);
    expect(check(['name'])).toEqual(['文件中没有“单位”列：请指定单位列，或选择“默认成员单位”']);
    expect(check(['name'], '区法院')).toEqual([]);
    expect(check(['name'], '=A1')).toEqual([
      '默认成员单位：单位以“=”开头，像电子表格公式；为防止导出时被当作公式执行，不予导入，请改为纯文本',
    ]);
    expect(check(['name', 'memberUnit', 'phone', 'phone'])).toEqual(['“电话”对应了多列（第 3、4 列），只能选一列']);
  });
});

describe('the records an import writes', () => {
  it('adds only units not on the roster yet (width and spaces ignored) and links every person to one', () => {
    const existingUnits: MemberUnit[] = [
      { id: 'court', operationId: 'op', name: '区人民法院', role: '组织实施' },
      { id: 'other-op', operationId: 'op2', name: '区信访办', role: '' },
    ];
    const rows = ['区人民法院', '区 人民法院', '区住建委（征收办）', '区住建委(征收办)', '区信访办'].map((memberUnit, i) => ({
      row: i + 2,
      name: `人员${i}`,
      memberUnit,
      post: '',
      phone: '',
      badgeNumber: `B${i}`,
    }));
    const plan = buildRosterPlan(rows, existingUnits, 'op', counter());
    expect(plan.memberUnits).toEqual([
      { id: 'id-3', operationId: 'op', name: '区住建委（征收办）', role: '' },
      { id: 'id-6', operationId: 'op', name: '区信访办', role: '' },
    ]);
    expect(plan.people.map((p) => [p.id, p.memberUnitId, p.name, p.badgeNumber])).toEqual([
      ['id-1', 'court', '人员0', 'B0'],
      ['id-2', 'court', '人员1', 'B1'],
      ['id-4', 'id-3', '人员2', 'B2'],
      ['id-5', 'id-3', '人员3', 'B3'],
      ['id-7', 'id-6', '人员4', 'B4'],
    ]);
    expect(plan.people.every((p: Person) => p.operationId === 'op')).toBe(true);
  });
});

describe('a 300-row roster with some bad rows', () => {
  it('gives exactly the expected per-row errors and imports the rest', () => {
    const result = toRosterTable([rosterHeader, ...makeRosterRows(300)]);
    if (!result.ok) throw new Error(result.message);
    const mapping = guessMapping(result.table.header);
    expect(mapping).toEqual([null, 'name', 'memberUnit', 'post', 'phone', 'badgeNumber']);

    const expected = Array.from({ length: 300 }, (_, i) => i).flatMap((i) => {
      const row = i + 2;
      switch (badRowKinds[(i % 50) as keyof typeof badRowKinds]) {
        case 'noName':
          return [{ row, column: '姓  名', message: '缺少姓名' }];
        case 'badPhone':
          return [
            { row, column: '联系电话（手机）', message: '电话格式不正确：应为 11 位手机号或带区号的固定电话，如 010-66001234' },
          ];
        case 'noUnit':
          return [{ row, column: '所在单位', message: '缺少单位：请填写单位，或选择“默认成员单位”' }];
        case 'duplicate':
          return [{ row, message: `与第 ${row - 1} 行重复（姓名和电话相同）` }];
        case 'formula':
          return [
            { row, column: '姓  名', message: '姓名以“=”开头，像电子表格公式；为防止导出时被当作公式执行，不予导入，请改为纯文本' },
          ];
        default:
          return [];
      }
    });
    const { valid, errors } = validateRoster(result.table, mapping, none);
    expect(errors).toEqual(expected);
    expect(errors).toHaveLength(30);
    expect(valid).toHaveLength(270);
    const plan = buildRosterPlan(valid, [], 'op', counter());
    expect(plan.memberUnits.map((u) => u.name).sort()).toEqual([...rosterUnits].sort());
    expect(plan.people).toHaveLength(270);
  });
});

describe('any input at all', () => {
  const cell = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.constantFrom('', ' ', '　', '姓名', '单位', '电话', '张三', '区法院', '13800138000', '=1+1', '-', '无', '１３８'),
  );
  const sheet = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 30 });
  const mapping = fc.array(fc.constantFrom<RosterField | null>(...rosterFields, null), { maxLength: 8 });

  it('never throws, and every person it yields has a name and a unit and could be saved by hand', () => {
    fc.assert(
      fc.property(sheet, mapping, fc.option(fc.oneof(cell, fc.constant('区法院'))), fc.boolean(), (rows, chosen, defaultUnit, fillDownUnit) => {
        const result = toRosterTable(rows);
        if (!result.ok) return;
        for (const m of [guessMapping(result.table.header), chosen]) {
          const { valid, errors } = validateRoster(result.table, m, none, { defaultUnit: defaultUnit ?? undefined, fillDownUnit });
          for (const e of errors) expect(e.message).not.toBe('');
          const plan = buildRosterPlan(valid, [], 'op', counter());
          const unitIds = new Set(plan.memberUnits.map((u) => u.id));
          for (const p of plan.people) {
            expect(p.name.trim()).not.toBe('');
            expect(p.name).not.toMatch(/^[=+\-@]/);
            expect(unitIds.has(p.memberUnitId)).toBe(true);
            const others = plan.people.filter((o) => o !== p);
            expect(validatePerson(p, others, plan.memberUnits)).toMatchObject({ ok: true });
          }
          for (const u of plan.memberUnits) expect(validateMemberUnit(u, [])).toMatchObject({ ok: true });
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('training columns (seed 004 §一(三))', () => {
  it('are recognised, read as course and date together, dates normalised, and carried into the people', () => {
    const header = ['姓名', '单位', '培训课程', '培训日期'];
    const mapping = guessMapping(header);
    expect(mapping).toEqual(['name', 'memberUnit', 'trainingCourse', 'trainingDate']);
    const rows = [
      ['张三', '区法院', '岗前培训', '2026/9/8'],
      ['李四', '区法院', '', ''],
      ['王五', '区法院', '岗前培训', ''],
      ['赵六', '区法院', '', '2026-09-08'],
      ['钱七', '区法院', '岗前培训', '九月八日'],
    ];
    const { valid, errors } = validateRoster(table(header, rows), mapping, none);
    expect(valid).toEqual([
      { row: 2, name: '张三', memberUnit: '区法院', post: '', phone: '', badgeNumber: '', training: { course: '岗前培训', date: '2026-09-08' } },
      { row: 3, name: '李四', memberUnit: '区法院', post: '', phone: '', badgeNumber: '' },
    ]);
    expect(errors).toEqual([
      { row: 4, column: '培训日期', message: '填写了培训课程，请填写培训日期' },
      { row: 5, column: '培训课程', message: '填写了培训日期，请填写培训课程' },
      { row: 6, column: '培训日期', message: '培训日期格式不正确，应如 2026-03-01' },
    ]);
    const plan = buildRosterPlan(valid, [], 'op', counter());
    expect(plan.people.map((p) => [p.name, p.training])).toEqual([
      ['张三', { course: '岗前培训', date: '2026-09-08' }],
      ['李四', undefined],
    ]);
    expect('training' in plan.people[1]!).toBe(false);
  });
});

describe('roster errors carry no phone numbers', () => {
  it('a wrong or doubled phone is named by row and column, never echoed (1000 cases)', () => {
    const header = ['序号', '姓名', '单位', '职务', '手机', '警号', '备注'];
    const mapping = guessMapping(header);
    const digits = fc.stringMatching(/^1\d{6,9}$|^1\d{11,14}$/);
    fc.assert(
      fc.property(digits, fc.option(digits, { nil: undefined }), (phone, second) => {
        const cell = second ? `${phone}/${second}` : phone;
        const { errors } = validateRoster(table(header, [['1', '张三', '区法院', '', cell, '', '']]), mapping, none);
        expect(errors).toHaveLength(1);
        expect(errors[0]!.message).not.toContain(phone);
      }),
      { numRuns: 1000 },
    );
  });
});
