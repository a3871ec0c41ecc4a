import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../shared/archive/base64';
import {
  BACKUP_FORMAT,
  backupTableNames,
  buildBackup,
  parseBackup,
  serialiseBackup,
  type OperationBackup,
} from '../../shared/archive/backup';
import { buildDemoBackup } from '../../shared/archive/demoBackup';
import { choosePlan, documentKinds, isDocumentKind, planPrintData } from '../../shared/documents/registry';
import { appendEntry } from '../../shared/log/append';
import { emptyPlanContent } from '../../shared/plan/planContent';
import type { Plan } from '../../shared/plan/types';

const NOW = '2026-11-23T10:00:00.000+08:00';
const demo = () => buildDemoBackup({ now: NOW, appVersion: '1.2.3' });
const json = (backup: OperationBackup) => JSON.parse(serialiseBackup(backup)) as Record<string, unknown> & Record<string, Record<string, unknown>[]>;
const errorsOf = (text: string) => {
  const result = parseBackup(text);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.errors;
};

/** A draft 告知书 as the drafting code stores it (its wording is the drafting code's concern). */
const draftNotice = (id: string): OperationBackup['documents'][number] => ({
  id,
  operationId: 'demo-operation',
  kind: 'notice',
  issuerCode: '临江强执告',
  year: 2026,
  status: 'draft',
  number: '临江执告〔2026〕1号',
  createdAt: NOW,
  updatedAt: NOW,
  selfPerformanceDays: 10,
  data: {},
});

const task = (id: string): OperationBackup['tasks'][number] => ({
  id,
  operationId: 'demo-operation',
  record: 'task',
  groupId: '',
  kind: 'housing',
  title: '落实周转房',
  owner: '刘振华',
  dueOn: '2026-12-20',
  status: 'open',
  doneOn: '',
  note: '',
  createdAt: NOW,
  updatedAt: NOW,
});

function plan(version: number, extra: Partial<Plan> = {}): Plan {
  return {
    id: `plan-${version}`,
    operationId: 'demo-operation',
    version,
    status: version === 0 ? 'draft' : 'final',
    content: emptyPlanContent(),
    updatedAt: NOW,
    ...extra,
  };
}

describe('base64', () => {
  it('encodes the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      const bytes = new TextEncoder().encode(plain);
      expect(encodeBase64(bytes)).toBe(encoded);
      expect(decodeBase64(encoded)).toEqual(bytes);
    }
  });

  it('agrees with Node for every byte value and many lengths, across slice boundaries', () => {
    for (const length of [1, 2, 3, 255, 256, 257, 3 * 16_384 - 1, 3 * 16_384, 3 * 16_384 + 2]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 7919 + length) % 256);
      const encoded = encodeBase64(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(encoded)).toEqual(bytes);
    }
  });

  it('refuses what is not padded standard base64', () => {
    for (const bad of ['Zg', 'Zg=', 'Z===', 'Zm9v\n', 'Zm-_', 'Zm=v', '中文中文']) expect(decodeBase64(bad), bad).toBeNull();
  });
});

describe('writing a backup', () => {
  it('puts the header first, then the tables in a fixed order, with sorted keys', () => {
    const text = serialiseBackup(demo());
    const keys = Object.keys(JSON.parse(text) as object);
    // Tables added after format version 1 are left out while empty (older files have none).
    const later = ['inventoryRooms', 'inventoryAttendance'];
    expect(keys).toEqual(['format', 'formatVersion', 'exportedAt', 'app', 'operation', ...backupTableNames.filter((t) => !later.includes(t))]);
    expect(backupTableNames).toEqual([
      'subjects',
      'householdMembers',
      'memberUnits',
      'people',
      'workingGroups',
      'preparatoryMeetings',
      'plans',
      'documents',
      'services',
      'postings',
      'logEntries',
      'media',
      'inventoryItems',
      'inventoryRooms',
      'inventoryAttendance',
      'tasks',
    ]);
    const person = (JSON.parse(text) as { people: object[] }).people[0]!;
    expect(Object.keys(person)).toEqual([...Object.keys(person)].sort());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "format": "enforcement-console.operation-backup",\n');
  });

  it('gives the same text for the same records, in whatever order they come', () => {
    const a = demo();
    const shuffled = { ...a, people: [...a.people].reverse(), workingGroups: [...a.workingGroups].reverse() };
    expect(serialiseBackup(buildBackup(shuffled, { exportedAt: a.exportedAt, app: a.app }))).toBe(serialiseBackup(a));
    expect(serialiseBackup(demo())).toBe(serialiseBackup(a));
  });

  it('writes bytes as base64 and reads them back as bytes', () => {
    const image = Uint8Array.from([137, 80, 78, 71, 0, 255, 1]);
    const backup = demo();
    backup.plans = [
      plan(0, { content: { ...emptyPlanContent(), sketch: { image, mimeType: 'image/png', width: 10, height: 5, markers: [] } } }),
    ];
    const text = serialiseBackup(backup);
    expect(text).toContain(`"$bytes": "${Buffer.from(image).toString('base64')}"`);
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    const read = parsed.ok ? parsed.backup.plans[0]!.content.sketch!.image : undefined;
    expect(read).toBeInstanceOf(Uint8Array);
    expect([...read!]).toEqual([...image]);
  });

  it('refuses values JSON cannot carry rather than lose them', () => {
    const backup = demo();
    backup.documents = [{ ...draftNotice('d1'), data: { servedAt: new Date() } }];
    expect(() => serialiseBackup(backup)).toThrow('无法写入备份：documents[0].data.servedAt 是 Date');
    backup.documents = [{ ...draftNotice('d1'), data: { pages: Number.NaN } }];
    expect(() => serialiseBackup(backup)).toThrow('不是有限数值');
  });
});

describe('reading a backup', () => {
  it('reads the demo back as it was written', () => {
    const text = serialiseBackup(demo());
    const parsed = parseBackup(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(serialiseBackup(parsed.backup)).toBe(text);
    expect(parsed.backup.operation.courtRuling.number).toBe('（2026）滨0103行审45号');
    expect(parsed.backup.workingGroups).toHaveLength(9);
    expect(parsed.backup.operation.onSiteCommanderId).toBe(parsed.backup.people.find((p) => p.name === '陈志远')!.id);
  });

  it('still reads the version 1 file committed with the format', () => {
    const text = readFileSync(join(__dirname, '../fixtures/archive/demo-v1.json'), 'utf8');
    const parsed = parseBackup(text);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (!parsed.ok) return;
    // Written before the ruling's scope was recorded: it reads as relocation only, in the
    // operation and in the plan's snapshot, and nothing else changes.
    expect(parsed.backup.operation.courtRuling.scope).toBe('relocation');
    const again = serialiseBackup(parsed.backup);
    expect(again.match(/"scope": "relocation"/g)).toHaveLength(2);
    expect(again.replace(/,\n\s*"scope": "relocation"/g, '')).toBe(text);
  });

  it('says clearly when the file is not a backup, or from another version', () => {
    expect(errorsOf('{"format": ')[0]).toMatch(/^不是有效的备份文件：无法按 JSON 读取/);
    expect(errorsOf('[1, 2]')).toEqual(['不是有效的备份文件：内容应为一个 JSON 对象']);
    expect(errorsOf('{}')).toEqual(['这不是强制执行指挥台的行动备份文件（缺少 format 标记）']);
    expect(errorsOf('{"format": "other-app.export"}')).toEqual(['这不是强制执行指挥台的行动备份文件（format 为 "other-app.export"）']);
    expect(errorsOf(JSON.stringify({ format: BACKUP_FORMAT, formatVersion: 2 }))).toEqual([
      '该备份由较新版本的程序导出（格式版本 2），本程序只能读取格式版本 1，请升级程序后再导入',
    ]);
    expect(errorsOf(JSON.stringify({ format: BACKUP_FORMAT, formatVersion: '1' }))).toEqual([
      '不支持的备份格式版本："1"（本程序读取格式版本 1）',
    ]);
  });

  it('accepts a byte-order mark, as Windows editors write one', () => {
    expect(parseBackup(`\uFEFF${serialiseBackup(demo())}`).ok).toBe(true);
  });

  it('refuses files over the size and record limits before reading them', () => {
    const text = serialiseBackup(demo());
    expect(parseBackup(text, { maxChars: 1024 * 1024 }).ok).toBe(true);
    expect(parseBackup(text, { maxChars: 1000 })).toEqual({ ok: false, errors: ['文件过大（1 MB），一份行动备份不能超过 0 MB'] });
    expect(parseBackup(text, { maxRecords: 10 })).toEqual({ ok: false, errors: ['记录过多（54 条），一份行动备份不能超过 10 条记录'] });
  });

  it('names the record and field of each problem, in Chinese', () => {
    const file = json(demo());
    file.people![0]!.nickname = '老赵';
    delete file.people![2]!.phone;
    file.workingGroups![1]!.code = 'snipers';
    file.subjects![0]!.position = 'first';
    (file.operation as unknown as Record<string, unknown>).isDemo = 'yes';
    expect(errorsOf(JSON.stringify(file))).toEqual([
      '行动（isDemo）：应为是或否',
      `被执行人第 1 条「${file.subjects![0]!.id as string}」（position）：应为数字`,
      `人员第 1 条「${file.people![0]!.id as string}」：含有本版本不认识的字段：nickname`,
      `人员第 3 条「${file.people![2]!.id as string}」（phone）：缺少此项`,
      expect.stringMatching(/^工作小组第 2 条「[^」]+」（code）：取值不正确，应为 "security"、.*"custom" 之一$/),
    ]);
  });

  it('refuses bytes that are not base64', () => {
    const file = json(demo());
    file.plans = [{ ...(json({ ...demo(), plans: [plan(0)] }).plans![0] as object) }];
    (file.plans[0]!.content as Record<string, unknown>).sketch = { image: { $bytes: 'not base64!' }, mimeType: 'image/png', width: 1, height: 1, markers: [] };
    expect(errorsOf(JSON.stringify(file))).toEqual(['预案第 1 条「plan-0」（content.sketch.image）：字节数据不是有效的 base64']);
    (file.plans[0]!.content as Record<string, unknown>).sketch = { image: 'iVBORw==', mimeType: 'image/png', width: 1, height: 1, markers: [] };
    expect(errorsOf(JSON.stringify(file))).toEqual(['预案第 1 条「plan-0」（content.sketch.image）：应为字节数据（{"$bytes": "…"}）']);
  });

  it('refuses records of another operation, in the tables and in a finalised snapshot', () => {
    const backup = demo();
    const snapshot = {
      operation: { ...backup.operation, id: 'other' },
      subjects: backup.subjects,
      householdMembers: [],
      memberUnits: [],
      people: [{ ...backup.people[0]!, operationId: 'other' }],
      groups: [],
    };
    backup.plans = [plan(1, { snapshot })];
    backup.tasks = [{ ...task('t1'), operationId: 'other' }];
    expect(errorsOf(serialiseBackup(backup))).toEqual([
      '任务第 1 条「t1」属于另一行动（other），不属于本备份的行动（demo-operation）',
      '预案第 1 条的定稿快照属于另一行动（other）',
      '预案第 1 条的定稿快照属于另一行动（other），不属于本备份的行动（demo-operation）',
    ]);
  });

  it('refuses two records with one key, which the database would refuse half-way', () => {
    const backup = demo();
    backup.people = [...backup.people, { ...backup.people[0]!, name: '另一人' }];
    backup.plans = [plan(1), plan(1, { id: 'plan-1b' })];
    const entry = appendEntry(undefined, { operationId: 'demo-operation', operator: '刘志强', category: 'phase', text: '宣布开始执行' }, new Date(NOW));
    backup.logEntries = [entry, { ...entry, text: '另一条' }];
    expect(errorsOf(serialiseBackup(backup))).toEqual([
      `人员中编号 ${backup.people[0]!.id}重复出现`,
      '预案中版本 1重复出现',
      '执行日志中序号 1重复出现',
    ]);
  });

  it('reads documents, service, log, footage and aftercare records field by field', () => {
    const backup = demo();
    backup.documents = [{ ...draftNotice('d1'), data: { body: { paragraphs: ['一', '二'] } } }];
    backup.tasks = [task('t1')];
    const parsed = parseBackup(serialiseBackup(backup));
    expect(parsed.ok && parsed.backup.documents[0]).toEqual(backup.documents[0]);
    expect(parsed.ok && parsed.backup.tasks[0]).toEqual(backup.tasks[0]);
    // A draft has no number yet; every document has a kind, and the times the lists sort on.
    const { number: _n, ...draft } = draftNotice('d1');
    backup.documents = [draft as never];
    expect(parseBackup(serialiseBackup(backup)).ok).toBe(true);
    const { kind: _k, createdAt: _c, ...nameless } = draftNotice('d1');
    backup.documents = [nameless as never];
    expect(errorsOf(serialiseBackup(backup))).toEqual([expect.stringMatching(/^文书第 1 条「d1」（kind）：缺少此项，应为 "notice"、.*"courtReport" 之一$/)]);
    backup.documents = [{ ...nameless, kind: 'notice' } as never];
    expect(errorsOf(serialiseBackup(backup))).toEqual(['文书第 1 条「d1」（createdAt）：缺少此项']);
    backup.documents = [];
    backup.media = [{ id: 'm1', operationId: 'demo-operation', sha256: 'ab', bytes: Uint8Array.from([1, 2, 3]) } as never];
    expect(errorsOf(serialiseBackup(backup))).toEqual(expect.arrayContaining(['音视频及照片第 1 条「m1」（sha256）：应为 64 位十六进制 SHA-256']));
  });
});

describe('inventory in a backup', () => {
  const at = NOW;
  const op = 'demo-operation';
  const inventory = (backup: OperationBackup) => {
    backup.inventoryRooms = [{ id: 'r1', operationId: op, name: '客厅', position: 0, createdAt: at, updatedAt: at }];
    backup.inventoryItems = [
      {
        id: 'i1',
        operationId: op,
        tag: '1-001',
        roomId: 'r1',
        name: '电视机',
        quantity: 1,
        unit: '台',
        condition: '完好',
        photos: [{ name: 'tv.png', mimeType: 'image/png', bytes: Uint8Array.from([137, 80, 78, 71]) }],
        destination: { kind: 'interimHousing', address: '柳巷周转房3号楼201' },
        note: '',
        status: 'listed',
        createdAt: at,
        updatedAt: at,
      },
    ];
    backup.inventoryAttendance = [
      { id: op, operationId: op, notaryInstitution: '滨江市公证处', notaryNames: ['王明'], witnesses: [{ name: '黄敏', idNumber: '', unit: '柳巷社区' }], groupLeader: '刘强', updatedAt: at },
    ];
    return backup;
  };

  it('writes rooms, items with photos and the attendance, and reads them back field by field', () => {
    const backup = inventory(demo());
    const text = serialiseBackup(backup);
    const parsed = parseBackup(text);
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.backup.inventoryItems[0]).toEqual(backup.inventoryItems[0]);
    expect(parsed.backup.inventoryRooms).toEqual(backup.inventoryRooms);
    expect(parsed.backup.inventoryAttendance).toEqual(backup.inventoryAttendance);
    expect(serialiseBackup(parsed.backup)).toBe(text);
  });

  it('reads a file without the later tables as empty, and refuses an item with a wrong destination', () => {
    const parsed = parseBackup(serialiseBackup(demo()));
    expect(parsed.ok && parsed.backup.inventoryRooms).toEqual([]);
    const backup = inventory(demo());
    (backup.inventoryItems[0] as { destination: unknown }).destination = { kind: 'garage', address: 'x' };
    expect(errorsOf(serialiseBackup(backup))[0]).toMatch(/^物品清单第 1 条「i1」（destination\.kind）：取值不正确/);
  });
});

describe('document kinds', () => {
  it('lists plan and task cards, and nothing inherited', () => {
    expect(documentKinds).toEqual(expect.arrayContaining(['plan', 'taskCards']));
    expect(isDocumentKind('plan')).toBe(true);
    expect(isDocumentKind('toString')).toBe(false);
  });

  it('prints the latest finalised plan with its frozen command post, else the draft, else an empty draft', () => {
    const backup = demo();
    expect(choosePlan(backup, NOW)).toMatchObject({ plan: { version: 0, status: 'draft' }, source: '依据空白预案草稿（该行动尚未编制预案）' });
    backup.plans = [plan(0)];
    expect(choosePlan(backup, NOW).source).toBe('依据预案草稿（尚无定稿版本）');
    const frozen = { ...backup, groups: backup.workingGroups.slice(0, 2) };
    backup.plans = [plan(0), plan(2, { snapshot: frozen }), plan(1)];
    expect(choosePlan(backup, NOW)).toMatchObject({ plan: { version: 2 }, source: '依据预案第2版（定稿，最新定稿版本）' });
    const { data } = planPrintData(backup, { printedAt: NOW });
    expect(data.groups).toHaveLength(2);
    expect(data.printedAt).toBe(NOW);
  });
});
