// Node (vitest, fake-indexeddb). Hostile and malformed roster files (issue 7, point 5):
// generated sheets with junk rows, formula injection, huge cells, control and zero-width
// characters, broken phones, in any encoding or as random bytes, never crash the importer;
// every row is either imported, refused with a Chinese message naming its row, or blank;
// what is imported obeys the hand-entry rules; a refused import writes nothing.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  ROSTER_LIMITS,
  buildRosterPlan,
  toRosterTable,
  unitKey,
  validateRoster,
  type ExistingRoster,
} from '../../shared/commandPost/roster';
import { guessMapping, rosterFields } from '../../shared/commandPost/rosterColumns';
import { memberUnitSchema, personSchema } from '../../shared/commandPost/validation';
import { isValidPhone } from '../../shared/operation/formats';
import { importRoster, loadRoster } from '../../renderer/src/commandPost/roster/importRoster';
import { readRosterFile } from '../../renderer/src/commandPost/roster/readRosterFile';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { loadDemoOperation } from '../../renderer/src/operation/repository';
import { commanderOf } from '../fixtures/demoActors';
import { encodeGbk, makeRosterRows, makeXlsx, rosterHeader, rosterUnits, toCsv } from '../fixtures/rosterFixtures';
import { closeStations } from '../../renderer/src/record/projection';
import { put } from '../../shared/record/act';
import { commitRecords } from './records-helpers';

/** Generated cases per property; reported in issue 7's closing note. */
export const ROSTER_FUZZ_RUNS = { validate: 3000, csv: 2000, bytes: 2000, xlsx: 1000, import: 60 } as const;

const HAS_CHINESE = /[\u4e00-\u9fff]/;

// —— generators ——

const formula = fc.oneof(
  fc.constantFrom('=HYPERLINK("http://x","点击")', '=cmd|" /C calc"!A0', '@SUM(1+1)*cmd|" /C calc"!A0', '+1+1', '-2+3', '=1+1'),
  fc.tuple(fc.constantFrom('=', '+', '-', '@'), fc.string()).map(([a, b]) => a + b),
);
const mobile = fc.integer({ min: 0, max: 99_999_999 }).map((n) => `139${String(n).padStart(8, '0')}`);
const phone = fc.oneof(
  mobile,
  mobile.map((m) => `+86 ${m}`),
  mobile.map((m) => `0086-${m}`),
  mobile.map((m) => m.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))), // full-width digits
  mobile.map((m) => `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`),
  fc.constantFrom('010-66001234', '0571-1234567', '1.38E+10', '13900000000/13800000000', '1390000', '110', '139 0000 0000'),
);
const hugeCell = fc.tuple(fc.integer({ min: ROSTER_LIMITS.cellChars + 1, max: 3000 }), fc.constantFrom('x', '长', '𠀀')).map(([n, c]) => c.repeat(n));
const cell = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('张三', '欧阳娜娜', '李  四', '王五', 'Zhang San', '科长', '民警', 'GZ-0001', 'GZ-0002', '') },
  { weight: 3, arbitrary: fc.constantFrom(...rosterUnits, '区城管委\r\n执法大队', '区住建委, 征收办') },
  { weight: 3, arbitrary: phone },
  { weight: 2, arbitrary: formula },
  { weight: 2, arbitrary: fc.constantFrom('无', '—', 'N/A', '/', '\u200b张三\u200d', '张\t三', '\u0000\u0007', '\ufeff', '"', '""', ',', '\r', '\n', '123456') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: hugeCell },
);
const headerCell = fc.oneof(
  fc.constantFrom(...rosterHeader, '姓名', '单位', '手机', '电话1', '电话2', '身份证号', '备注', '姓名（必填）', '联系人电话', 'Name', 'badge', ''),
  fc.string({ maxLength: 10 }),
);
const row = (width: number) => fc.array(cell, { minLength: 0, maxLength: width + 2 });
/** A sheet as a file gives it: maybe title rows, a header, rows of uneven width, blank lines. */
const header = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.shuffledSubarray(['所在单位', '职务', '联系电话（手机）', '工作证号', '序号', '身份证号', '备注'], { minLength: 1 }), fc.nat())
      .map(([rest, at]) => rest.toSpliced(at % (rest.length + 1), 0, '姓  名')),
  },
  { weight: 1, arbitrary: fc.array(headerCell, { minLength: 1, maxLength: 8 }) },
);
const sheet = header.chain((head) =>
  fc
    .tuple(
      fc.array(fc.array(fc.constantFrom('区强制执行工作人员名单', '', '2026年11月'), { maxLength: 3 }), { maxLength: 2 }),
      fc.array(fc.oneof({ weight: 6, arbitrary: row(head.length) }, { weight: 1, arbitrary: fc.constant([] as string[]) }), { maxLength: 30 }),
    )
    .map(([titles, rows]) => [...titles, head, ...rows]),
);
const options = fc.record({
  defaultUnit: fc.option(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...rosterUnits) }, { weight: 1, arbitrary: cell }), { nil: undefined }),
  fillDownUnit: fc.boolean(),
});

// What the operation already holds: imports must not add these people or units again.
const OPERATION = 'op-roster';
const existing: ExistingRoster = {
  memberUnits: [
    { id: 'u1', operationId: OPERATION, name: '区人民法院', role: '' },
    { id: 'u2', operationId: OPERATION, name: '区公安分局', role: '' },
  ],
  people: [
    { id: 'p1', operationId: OPERATION, memberUnitId: 'u1', name: '张三', post: '', phone: '13900000001', badgeNumber: 'GZ-0001' },
    { id: 'p2', operationId: OPERATION, memberUnitId: 'u2', name: '王五', post: '', phone: '', badgeNumber: '' },
  ],
};

/** Invisible or control characters that would make equal names differ, or break a printed list. */
const INVISIBLE = /[\u0000-\u001f\u007f\u200b-\u200d\u2060\ufeff]/;

describe('roster validation, generated sheets', () => {
  it(`every row is imported, refused in Chinese on its own row number, or blank; what is imported passes the hand-entry rules (${ROSTER_FUZZ_RUNS.validate} cases)`, () => {
    fc.assert(
      fc.property(sheet, fc.integer({ min: 0, max: 3 }), fc.infiniteStream(fc.constantFrom(null, ...rosterFields)), options, (rows, guess, fields, opts) => {
        const result = toRosterTable(rows);
        if (!result.ok) {
          expect(result.message).toMatch(HAS_CHINESE);
          return;
        }
        const { table } = result;
        const map = guess > 0 ? guessMapping(table.header) : [...fields.take(table.header.length)];
        const validation = validateRoster(table, map, existing, opts);
        if (validation.mappingErrors.length > 0) {
          for (const e of validation.mappingErrors) expect(e).toMatch(HAS_CHINESE);
          expect(validation.valid).toEqual([]);
          return;
        }
        const first = table.headerRowNumber + 1;
        const rowNumbers = table.rows.map((_, i) => first + i);
        const refused = new Set(validation.errors.map((e) => e.row));
        for (const e of validation.errors) {
          expect(rowNumbers).toContain(e.row);
          expect(e.message).toMatch(HAS_CHINESE);
        }
        for (const r of validation.valid) expect(refused.has(r.row)).toBe(false);
        expect(new Set(validation.valid.map((r) => r.row)).size).toBe(validation.valid.length);
        expect(validation.valid.length + refused.size + validation.blankRows).toBe(table.rows.length);

        for (const r of validation.valid) {
          expect(personSchema.safeParse({ ...r, memberUnitId: 'u' }).success).toBe(true);
          expect(memberUnitSchema.safeParse({ name: r.memberUnit, role: '' }).success).toBe(true);
          for (const f of ['name', 'memberUnit', 'post', 'badgeNumber'] as const) expect(r[f]).not.toMatch(/^[=+\-@]/);
          for (const f of ['name', 'memberUnit', 'post', 'phone', 'badgeNumber'] as const) expect(r[f]).not.toMatch(INVISIBLE);
          if (r.training) {
            expect(r.training.course).not.toMatch(INVISIBLE);
            expect(r.training.course).not.toMatch(/^[=+\-@]/);
            expect(r.training.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
          }
          if (r.phone) expect(isValidPhone(r.phone)).toBe(true);
          expect(existing.people.some((p) => p.name === r.name && p.phone !== '' && p.phone === r.phone)).toBe(false);
        }

        let next = 0;
        const plan = buildRosterPlan(validation.valid, existing.memberUnits, OPERATION, () => `id-${++next}`);
        expect(plan.people.map((p) => p.name)).toEqual(validation.valid.map((r) => r.name));
        const unitIds = new Set([...existing.memberUnits, ...plan.memberUnits].map((u) => u.id));
        for (const p of plan.people) expect(unitIds.has(p.memberUnitId)).toBe(true);
        const keys = [...existing.memberUnits, ...plan.memberUnits].map((u) => unitKey(u.name));
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: ROSTER_FUZZ_RUNS.validate },
    );
  }, 60_000);

  it('the size limits answer in Chinese: too many rows, too many columns', () => {
    const tall = toRosterTable([['姓名', '单位'], ...Array.from({ length: ROSTER_LIMITS.rows + 1 }, () => ['张三', '区人民法院'])]);
    expect(tall.ok || tall.message).toMatch(/^一次最多导入 5000 行/);
    const wide = toRosterTable([Array.from({ length: ROSTER_LIMITS.columns + 1 }, (_, i) => `列${i}`), ['张三']]);
    expect(wide.ok || wide.message).toMatch(/^名单最多 200 列/);
  });
});

/** A file read ends in a table or an Error with a Chinese message; nothing else escapes. */
async function readOutcome(file: File): Promise<{ ok: true } | { ok: false; message: string }> {
  try {
    await readRosterFile(file);
    return { ok: true };
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(HAS_CHINESE);
    return { ok: false, message: (error as Error).message };
  }
}

const utf8 = (s: string) => new TextEncoder().encode(s);
function gbkOrUtf8(text: string): Uint8Array<ArrayBuffer> {
  try {
    return encodeGbk(text);
  } catch {
    return utf8(text);
  }
}
const utf16le = (s: string) => {
  const out = new Uint8Array(2 + s.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < s.length; i++) new DataView(out.buffer).setUint16(2 + 2 * i, s.charCodeAt(i), true);
  return out;
};

describe('roster files, generated', () => {
  it(`CSV of generated sheets in UTF-8, UTF-8 with BOM, GBK or UTF-16: read or refused in Chinese; UTF-8 cells read back as written (${ROSTER_FUZZ_RUNS.csv} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(sheet, fc.constantFrom('utf8', 'bom', 'gbk', 'utf16'), async (rows, encoding) => {
        const text = toCsv(rows);
        const bytes = encoding === 'utf8' ? utf8(text) : encoding === 'bom' ? utf8(`\ufeff${text}`) : encoding === 'gbk' ? gbkOrUtf8(text) : utf16le(text);
        const outcome = await readOutcome(new File([bytes], '名单.csv'));
        const lossless = encoding === 'utf8' && !/[\ud800-\udfff]/.test(text) && rows.every((r) => r.length > 0);
        if (outcome.ok && lossless) {
          const table = await readRosterFile(new File([bytes], '名单.csv'));
          const at = table.headerRowNumber - 1;
          const original = rows.slice(at + 1, at + 1 + table.rows.length);
          table.rows.forEach((r, i) => expect(r.join('\u0001').replace(/\u0001+$/, '')).toBe(original[i]!.slice(0, r.length).join('\u0001').replace(/\u0001+$/, '')));
        }
      }),
      { numRuns: ROSTER_FUZZ_RUNS.csv },
    );
  }, 60_000);

  it(`random bytes under any file name: read or refused in Chinese (${ROSTER_FUZZ_RUNS.bytes} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('名单.csv', '名单.CSV', '名单.xlsx', '名单.xls', '名单.et', '名单.txt', '名单', '.csv', '名单.xlsx.exe'),
        async (bytes, name) => {
          await readOutcome(new File([bytes], name));
        },
      ),
      { numRuns: ROSTER_FUZZ_RUNS.bytes },
    );
  }, 60_000);

  it(`a real .xlsx with bytes flipped or cut short: read or refused in Chinese (${ROSTER_FUZZ_RUNS.xlsx} cases)`, async () => {
    const xlsx = makeXlsx([{ name: '名单', rows: [rosterHeader, ...makeRosterRows(20)] }]);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(xlsx.length - 1), fc.integer({ min: 1, max: 255 })), { maxLength: 4 }),
        fc.option(fc.nat(xlsx.length - 1), { nil: undefined }),
        async (flips, cut) => {
          const bytes = xlsx.slice(0, cut);
          for (const [at, mask] of flips) if (at < bytes.length) bytes[at]! ^= mask;
          await readOutcome(new File([bytes], '名单.xlsx'));
        },
      ),
      { numRuns: ROSTER_FUZZ_RUNS.xlsx },
    );
  }, 60_000);

  it('a file over 10 MB is refused before it is read', async () => {
    const outcome = await readOutcome(new File([new Uint8Array(10 * 1024 * 1024 + 1)], '名单.csv'));
    expect(outcome.ok || outcome.message).toMatch(/^文件过大/);
  });
});

describe('importRoster writes exactly the rows that passed, or nothing', () => {
  const opened: ConsoleDb[] = [];
  let n = 0;
  afterAll(async () => {
    await closeStations();
    await Promise.all(opened.map((db) => db.delete()));
  });

  it(`generated sheets imported into a demo operation; a unit added meanwhile makes it refuse and write nothing (${ROSTER_FUZZ_RUNS.import} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(sheet, options, fc.boolean(), async (rows, opts, clash) => {
        const table = toRosterTable(rows);
        fc.pre(table.ok);
        if (!table.ok) return;
        const db = openConsoleDb(`fuzz-roster-${++n}`);
        opened.push(db);
        const operationId = await loadDemoOperation(db, new Date('2026-11-23T02:00:00Z'));
        const before = await loadRoster(db, operationId);
        const validation = validateRoster(table.table, guessMapping(table.table.header), before, opts);
        const plan = buildRosterPlan(validation.valid, before.memberUnits, operationId, () => crypto.randomUUID());
        const raced = clash ? plan.memberUnits[0] : undefined;
        // Added meanwhile by another act (another window of this station).
        if (raced) await commitRecords(db, operationId, '测试准备：另一窗口新增成员单位', [put('memberUnits', { ...raced, id: 'added-meanwhile' })]);
        const unitsBefore = await db.memberUnits.count();
        const peopleBefore = await db.people.count();
        try {
          await importRoster(db, operationId, plan, await commanderOf(db, operationId));
        } catch (error) {
          expect(raced).toBeDefined();
          expect((error as Error).message).toMatch(/刚刚已被添加/);
          expect([await db.memberUnits.count(), await db.people.count()]).toEqual([unitsBefore, peopleBefore]);
          return;
        }
        expect(raced).toBeUndefined();
        const after = await loadRoster(db, operationId);
        expect(after.people.length).toBe(peopleBefore + validation.valid.length);
        expect(after.memberUnits.length).toBe(unitsBefore + plan.memberUnits.length);
        const written = new Set(after.people.map((p) => p.id));
        for (const p of plan.people) expect(written.has(p.id)).toBe(true);
      }),
      { numRuns: ROSTER_FUZZ_RUNS.import },
    );
  }, 60_000);
});
