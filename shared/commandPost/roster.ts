// Pure. Importing a roster (名单) of people from member units: the sheet as read from
// the file becomes a table, each row is checked with a Chinese message per problem,
// and the rows that pass become MemberUnit and Person records.
import { isValidPhone } from '../operation/formats';
import { recognisedFieldCount, rosterFieldLabels, rosterFields, type ColumnMapping, type RosterField } from './rosterColumns';
import { normaliseTrainingDate, trainingOf } from './training';
import type { MemberUnit, Person, Training } from './types';
import { memberUnitSchema, personSchema } from './validation';

export const ROSTER_LIMITS = { rows: 5000, columns: 200, cellChars: 500 } as const;

/** The rules for typing a unit or person by hand, so an imported person can be edited and saved later. */
const fieldSchemas = {
  name: personSchema.shape.name,
  memberUnit: memberUnitSchema.shape.name,
  post: personSchema.shape.post,
  phone: personSchema.shape.phone,
  badgeNumber: personSchema.shape.badgeNumber,
  trainingCourse: personSchema.shape.trainingCourse,
  trainingDate: personSchema.shape.trainingDate,
};

/** How many of the first rows may hold a title above the header (“XX区强制执行人员名单”). */
const HEADER_SEARCH_ROWS = 10;

export interface RosterTable {
  header: string[];
  /** Data rows, each as wide as the header. */
  rows: string[][];
  /** 1-based spreadsheet row of the header; rows[i] is on row headerRowNumber + 1 + i. */
  headerRowNumber: number;
}

const isBlank = (row: readonly string[]) => row.every((c) => c.trim() === '');

/** Finds the header below any title rows, drops empty trailing rows and columns, applies the size limits. */
export function toRosterTable(sheet: readonly (readonly string[])[]): { ok: true; table: RosterTable } | { ok: false; message: string } {
  let end = sheet.length;
  while (end > 0 && isBlank(sheet[end - 1]!)) end--;
  const firstFilled = sheet.findIndex((row) => !isBlank(row));
  if (firstFilled < 0) return { ok: false, message: '文件是空的，没有可导入的内容' };

  let headerIndex = firstFilled;
  let bestCount = 0;
  for (let i = firstFilled; i < Math.min(end, firstFilled + HEADER_SEARCH_ROWS); i++) {
    const count = recognisedFieldCount(sheet[i]!);
    if (count > bestCount) [headerIndex, bestCount] = [i, count];
  }

  let width = 0;
  for (let i = headerIndex; i < end; i++) {
    const row = sheet[i]!;
    for (let c = row.length; c > width; c--) {
      if (row[c - 1]!.trim() !== '') {
        width = c;
        break;
      }
    }
  }
  if (width > ROSTER_LIMITS.columns) {
    return { ok: false, message: `名单最多 ${ROSTER_LIMITS.columns} 列，本文件有 ${width} 列；请删去无关的列后再导入` };
  }
  const dataRows = end - headerIndex - 1;
  if (dataRows === 0) return { ok: false, message: '文件只有表头，没有人员数据' };
  if (dataRows > ROSTER_LIMITS.rows) {
    return {
      ok: false,
      message: `一次最多导入 ${ROSTER_LIMITS.rows} 行，本文件有 ${dataRows} 行；请分成几个文件分批导入`,
    };
  }
  const fit = (row: readonly string[]) => Array.from({ length: width }, (_, c) => row[c] ?? '');
  return {
    ok: true,
    table: {
      header: fit(sheet[headerIndex]!),
      rows: sheet.slice(headerIndex + 1, end).map(fit),
      headerRowNumber: headerIndex + 1,
    },
  };
}

export interface RosterOptions {
  /** 默认成员单位: for rows whose unit cell is empty, or files without a unit column. */
  defaultUnit?: string;
  /** Empty unit cells take the unit above: merged unit cells arrive like that. */
  fillDownUnit?: boolean;
}

/** What is already on the operation's roster. */
export interface ExistingRoster {
  memberUnits: readonly MemberUnit[];
  people: readonly Person[];
}

export interface RosterRow {
  /** 1-based spreadsheet row, for messages. */
  row: number;
  name: string;
  memberUnit: string;
  post: string;
  phone: string;
  badgeNumber: string;
  /** From the 培训课程 and 培训日期 columns, when the file has them (seed 004 §一(三)). */
  training?: Training;
}

export interface RosterError {
  /** 1-based spreadsheet row number, counting the header and any title rows. */
  row: number;
  /** The column's header as written in the file. */
  column?: string;
  message: string;
}

export interface RosterValidation {
  /** Why this mapping cannot import anything; rows are not checked until these are fixed. */
  mappingErrors: string[];
  valid: RosterRow[];
  errors: RosterError[];
  /** Rows empty in every imported column: skipped without complaint. */
  blankRows: number;
}

/** The key that decides whether two unit names are the same unit: width, case and spaces do not count. */
export function unitKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

// Line breaks and tabs inside cells read as spaces; zero-width characters come with
// copy-paste from web pages and chat apps and would make equal names differ.
const CONTROL = /[\u0000-\u001f\u007f]/g;
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff]/g;
const CJK_GAP = /(?<=[\u3400-\u9fff·])\s+(?=[\u3400-\u9fff·])/g;
/** What people type for “nothing here”. */
const PLACEHOLDER = /^(?:[-—–_/\\、.。]+|无|暂无|空|null|n\/a)$/i;
/** Cells a spreadsheet would run as a formula when the roster is exported again (CSV injection). */
const FORMULA_START = /^[=+\-@]/;

function cleanCell(raw: string): string {
  const text = raw.replace(ZERO_WIDTH, '').replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return PLACEHOLDER.test(text) ? '' : text;
}

const charCount = (s: string) => [...s].length;
const phoneDigits = (phone: string) => phone.replace(/\D/g, '');

/** Full-width digits and +86/0086 prefixes are common; mobiles are stored as bare digits. */
function normalisePhone(text: string): string {
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  const mobile = /^(?:\+?86|0086)-?(1\d{10})$/.exec(s)?.[1] ?? (/^1[\d-]{10,12}$/.test(s) ? s.replace(/-/g, '') : null);
  return mobile ?? s;
}

/**
 * What goes wrong in files first, then the hand-entry rules. Messages name the row and
 * column, never the phone number itself: errors must not carry personal data.
 */
function fieldProblem(field: RosterField, value: string): string | null {
  if (field === 'phone') {
    // A phone that fails here is not imported, so it needs no formula check.
    if (/^\d(?:\.\d+)?e\+?\d+$/i.test(value)) {
      return `电话显示为科学计数法（${value}），号码已经丢失；请在 Excel 中把电话列设为“文本”后重新填写或导出`;
    }
    if (/[/、,，;；]/.test(value) || phoneDigits(value).length >= 22) {
      return '电话含多个号码，请只保留一个（手机优先）';
    }
    if (!isValidPhone(value)) return '电话格式不正确：应为 11 位手机号或带区号的固定电话，如 010-66001234';
  } else if (FORMULA_START.test(value)) {
    return `${rosterFieldLabels[field]}以“${value[0]}”开头，像电子表格公式；为防止导出时被当作公式执行，不予导入，请改为纯文本`;
  }
  if (field === 'name' && /^\d+$/.test(value)) return `姓名“${value}”是数字，可能把序号列当成了姓名列`;
  const result = fieldSchemas[field].safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? `${rosterFieldLabels[field]}不符合要求`);
}

export function checkMapping(mapping: ColumnMapping, options: RosterOptions): string[] {
  const errors: string[] = [];
  for (const field of rosterFields) {
    const columns = mapping.flatMap((f, i) => (f === field ? [i + 1] : []));
    if (columns.length > 1) {
      errors.push(`“${rosterFieldLabels[field]}”对应了多列（第 ${columns.join('、')} 列），只能选一列`);
    }
  }
  if (!mapping.includes('name')) errors.push('请指定哪一列是“姓名”');
  const defaultUnit = cleanCell(options.defaultUnit ?? '');
  if (!mapping.includes('memberUnit') && !defaultUnit) {
    errors.push('文件中没有“单位”列：请指定单位列，或选择“默认成员单位”');
  }
  if (defaultUnit) {
    const problem = fieldProblem('memberUnit', defaultUnit);
    if (problem) errors.push(`默认成员单位：${problem}`);
  }
  return errors;
}

/** Same person: same name and phone; without a phone, same name in the same unit. */
function personKey(name: string, phone: string, unitName: string): string {
  return `${name}\u0000${phone ? phoneDigits(phone) : `@${unitKey(unitName)}`}`;
}

export function validateRoster(
  table: RosterTable,
  mapping: ColumnMapping,
  existing: ExistingRoster,
  options: RosterOptions = {},
): RosterValidation {
  const problems = checkMapping(mapping, options);
  if (problems.length > 0) return { mappingErrors: problems, valid: [], errors: [], blankRows: 0 };

  const columnOf = (field: RosterField) => mapping.indexOf(field);
  const columnLabel = (column: number) => table.header[column]?.trim() || `第 ${column + 1} 列`;
  const fieldLabel = (field: RosterField) =>
    columnOf(field) >= 0 ? columnLabel(columnOf(field)) : rosterFieldLabels[field];
  const defaultUnit = cleanCell(options.defaultUnit ?? '');

  const unitNames = new Map(existing.memberUnits.map((u) => [u.id, u.name]));
  const known = new Map(
    existing.people.map((p) => [personKey(p.name, p.phone, unitNames.get(p.memberUnitId) ?? ''), unitNames.get(p.memberUnitId) ?? '']),
  );
  const seen = new Map<string, number>();
  // What people wear on site must tell them apart, as when a person is entered by hand.
  const badgeHolders = new Map(existing.people.filter((p) => p.badgeNumber).map((p) => [p.badgeNumber, p.name]));
  const badgesSeen = new Map<string, number>();

  const valid: RosterRow[] = [];
  const errors: RosterError[] = [];
  let blankRows = 0;
  let unitAbove = '';

  table.rows.forEach((cells, index) => {
    const row = table.headerRowNumber + 1 + index;
    const value = (field: RosterField) => {
      const column = columnOf(field);
      return column < 0 ? '' : cleanCell(cells[column] ?? '');
    };
    const values = {
      name: value('name').replace(CJK_GAP, ''), // 张  三: two-character names padded to line up with three
      memberUnit: value('memberUnit'),
      post: value('post'),
      phone: normalisePhone(value('phone')),
      badgeNumber: value('badgeNumber'),
      trainingCourse: value('trainingCourse'),
      trainingDate: normaliseTrainingDate(value('trainingDate')),
    };
    if (rosterFields.every((f) => values[f] === '')) {
      blankRows++;
      return;
    }
    if (values.memberUnit) unitAbove = values.memberUnit;
    else values.memberUnit = (options.fillDownUnit ? unitAbove : '') || defaultUnit;

    const rowErrors: RosterError[] = [];
    const oversize = new Set<number>();
    cells.forEach((cell, column) => {
      const length = charCount(cell);
      if (length > ROSTER_LIMITS.cellChars) {
        oversize.add(column);
        rowErrors.push({ row, column: columnLabel(column), message: `内容超过 ${ROSTER_LIMITS.cellChars} 个字（现有 ${length} 个字）` });
      }
    });
    if (!values.name) rowErrors.push({ row, column: fieldLabel('name'), message: '缺少姓名' });
    if (!values.memberUnit) {
      rowErrors.push({ row, column: fieldLabel('memberUnit'), message: '缺少单位：请填写单位，或选择“默认成员单位”' });
    }
    for (const field of rosterFields) {
      if (!values[field] || oversize.has(columnOf(field))) continue;
      const problem = fieldProblem(field, values[field]);
      if (problem) rowErrors.push({ row, column: fieldLabel(field), message: problem });
    }
    const training = trainingOf(values.trainingCourse, values.trainingDate);
    if (!training.ok && rowErrors.length === 0) {
      for (const [field, message] of Object.entries(training.errors)) rowErrors.push({ row, column: fieldLabel(field as RosterField), message });
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      return;
    }

    const key = personKey(values.name, values.phone, values.memberUnit);
    const why = values.phone ? '姓名和电话相同' : '同一单位的同名人员，且都没有电话';
    const first = seen.get(key);
    const existingUnit = known.get(key);
    const badge = values.badgeNumber;
    const badgeRow = badgesSeen.get(badge);
    const badgeHolder = badgeHolders.get(badge);
    if (first !== undefined) {
      errors.push({ row, message: `与第 ${first} 行重复（${why}）` });
    } else if (existingUnit !== undefined) {
      errors.push({ row, message: `本行动的人员名单中已有此人（${existingUnit || '单位不详'}，${why}）` });
    } else if (badge && badgeRow !== undefined) {
      errors.push({ row, column: fieldLabel('badgeNumber'), message: `工作证号 ${badge} 与第 ${badgeRow} 行相同，现场标识不能重复` });
    } else if (badge && badgeHolder !== undefined) {
      errors.push({ row, column: fieldLabel('badgeNumber'), message: `工作证号 ${badge} 已由${badgeHolder}使用，现场标识不能重复` });
    } else {
      seen.set(key, row);
      if (badge) badgesSeen.set(badge, row);
      const { trainingCourse: _course, trainingDate: _date, ...person } = values;
      valid.push({ row, ...person, ...(training.ok && training.value ? { training: training.value } : {}) });
    }
  });
  return { mappingErrors: [], valid, errors, blankRows };
}

/** The records an import writes: units not yet on the roster, and the people. */
export interface RosterPlan {
  memberUnits: MemberUnit[];
  people: Person[];
}

/** Ids come from the caller, so the same input always gives the same records. */
export function buildRosterPlan(
  rows: readonly RosterRow[],
  existingUnits: readonly MemberUnit[],
  operationId: string,
  newId: () => string,
): RosterPlan {
  const unitIds = new Map(existingUnits.filter((u) => u.operationId === operationId).map((u) => [unitKey(u.name), u.id]));
  const memberUnits: MemberUnit[] = [];
  const people = rows.map((r): Person => {
    const key = unitKey(r.memberUnit);
    let memberUnitId = unitIds.get(key);
    if (memberUnitId === undefined) {
      memberUnitId = newId();
      unitIds.set(key, memberUnitId);
      memberUnits.push({ id: memberUnitId, operationId, name: r.memberUnit, role: '' });
    }
    return {
      id: newId(),
      operationId,
      memberUnitId,
      name: r.name,
      post: r.post,
      phone: r.phone,
      badgeNumber: r.badgeNumber,
      ...(r.training ? { training: r.training } : {}),
    };
  });
  return { memberUnits, people };
}
