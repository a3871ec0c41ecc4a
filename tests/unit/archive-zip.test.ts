// The verifiable archive (一户一档): built from a backup, checked by the independent verifier,
// and every kind of tampering or hostile ZIP named in Chinese, never a crash.
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { INDEX_NAME, planArchive, type ArchiveManifest } from '../../shared/archive/archive';
import { LIMIT_RULES, MAX_ENTRY_BYTES, MAX_JSON_BYTES, type ArchiveVerdict } from '../../shared/archive/verifyArchive';
import { ZIP_RULES } from '../../shared/archive/zipReader';
import { verifyArchiveZip } from '../../shared/archive/verifyStream';
import { archivableBackup, buildArchive, INDEX_STAND_IN, NOTICE_HEAD_SEQ } from '../fixtures/archive/archivable';

const CREATED_AT = '2026-12-10T10:00:00.000+08:00';
const backup = archivableBackup();

let zip: Uint8Array;
beforeAll(async () => {
  const built = await buildArchive(backup, CREATED_AT);
  expect(built.finals).toBe(1);
  zip = built.zip;
});
const entries = () => unzipSync(zip);
const rezip = (files: Record<string, Uint8Array>) => zipSync(files);
const problem = (verdict: ArchiveVerdict) => (verdict.ok ? '' : verdict.problem);
/** A refusal's ending: the rule it names. */
const broke = (rule: string) => `（违反规则：${rule}）`;
const PDF = 'documents/notice/临江强执告〔2026〕3号-v1.pdf';
const manifestOf = (files: Record<string, Uint8Array>) => JSON.parse(new TextDecoder().decode(files['manifest.json'])) as ArchiveManifest;

describe('the archive of an operation backup', () => {
  it('holds the index, every issued PDF, the log, the registers and a manifest of them all', async () => {
    const plan = planArchive(backup, CREATED_AT);
    expect(plan.files.map((f) => f.name)).toEqual([PDF, 'log.jsonl', 'stations.json', 'media.json', 'inventory.json', 'service.json']);
    const { manifest } = await buildArchive(backup, CREATED_AT);
    expect(Object.keys(entries())).toEqual([INDEX_NAME, ...plan.files.map((f) => f.name), 'manifest.json']);
    expect(manifestOf(entries())).toEqual(manifest);
    expect(manifest.operationId).toBe(backup.operation.id);
    expect(manifest.createdAt).toBe(CREATED_AT);
    expect(manifest.formatVersion).toBe(3);
    expect(manifest.stations).toEqual({ file: 'stations.json', anchor: null, writers: [], checkpoint: null, refused: 0 });
    expect(manifest.files.map((f) => f.name)).toEqual([INDEX_NAME, ...plan.files.map((f) => f.name)]);
    expect(manifest.files[0]!.size).toBe(INDEX_STAND_IN.length);
    const last = backup.logEntries.at(-1)!;
    expect(manifest.log).toEqual({ count: 5, head: { seq: last.seq, hash: last.hash } });
    const log = new TextDecoder().decode(plan.files[1]!.bytes).trimEnd().split('\n');
    expect(log.map((l) => JSON.parse(l))).toEqual(backup.logEntries);
  });

  it('lists each issued document with its file, SHA-256 and the log head its PDF prints', async () => {
    const { manifest } = await buildArchive(backup, CREATED_AT);
    const head = backup.logEntries[NOTICE_HEAD_SEQ - 1]!;
    expect(manifest.documents).toEqual([
      {
        file: PDF,
        kind: 'notice',
        title: '强制执行告知书',
        number: '临江强执告〔2026〕3号',
        version: 1,
        sha256: manifest.files.find((f) => f.name === PDF)!.sha256,
        chainHead: { seq: head.seq, hash: head.hash },
      },
    ]);
  });

  it('refuses a frozen PDF that no longer matches the SHA-256 recorded when it was issued', () => {
    const documents = backup.documents.map((d) => (d.status === 'issued' ? { ...d, sha256: 'f'.repeat(64) } : d));
    expect(() => planArchive({ ...backup, documents }, CREATED_AT)).toThrow('《强制执行告知书》临江强执告〔2026〕3号 的 PDF 与签发时记录的 SHA-256 不符，已停止归档');
  });

  it('writes inventory photos as their own files, named in inventory.json with their SHA-256', () => {
    const photo = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    const item = {
      id: 'item-1',
      operationId: backup.operation.id,
      tag: 'A-01',
      roomId: 'room-1',
      name: '电视机',
      quantity: 1,
      unit: '台',
      condition: '完好',
      photos: [{ name: '正面.jpg', mimeType: 'image/jpeg' as const, bytes: photo }],
      note: '',
      status: 'listed' as const,
      createdAt: CREATED_AT,
      updatedAt: CREATED_AT,
    };
    const plan = planArchive({ ...backup, inventoryItems: [item] }, CREATED_AT);
    const file = plan.files.find((f) => f.name === 'inventory/photos/A-01-1.jpg');
    expect(file?.bytes).toEqual(photo);
    expect(plan.items.find((f) => f.name === 'inventory/photos/A-01-1.jpg')?.description).toBe('物品照片（A-01 电视机，第 1 张）');
    const inventory = JSON.parse(new TextDecoder().decode(plan.files.find((f) => f.name === 'inventory.json')!.bytes)) as {
      items: { photos: unknown[] }[];
    };
    expect(inventory.items[0]!.photos).toEqual([
      { name: '正面.jpg', mimeType: 'image/jpeg', file: 'inventory/photos/A-01-1.jpg', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), size: 7 },
    ]);
  });

  it('is the same bytes for the same backup and time', async () => {
    expect((await buildArchive(backup, CREATED_AT)).zip).toEqual(zip);
  });

  it('verifies, with the operation, file count, log head and documents with their heads in the summary', async () => {
    const head = backup.logEntries[NOTICE_HEAD_SEQ - 1]!;
    expect(await verifyArchiveZip(zip)).toEqual({
      ok: true,
      summary: {
        operationId: backup.operation.id,
        createdAt: CREATED_AT,
        files: 7,
        logCount: 5,
        head: { seq: 5, hash: backup.logEntries[4]!.hash },
        formatVersion: 3,
        documents: [{ file: PDF, title: '强制执行告知书', number: '临江强执告〔2026〕3号', version: 1, chainHead: { seq: head.seq, hash: head.hash } }],
        mediaFiles: 0,
        stations: { writers: [], checkpoint: null, refused: 0, signatures: 'heads', signaturesChecked: 0 },
        // The stand-in PDFs carry no heads in their properties (they have none): as PDFs made before heads were carried.
        printed: [
          { file: INDEX_NAME, status: 'unreadable', heads: [], reason: '文件末尾没有 startxref 和 %%EOF' },
          { file: PDF, status: 'unreadable', heads: [], reason: '文件末尾没有 startxref 和 %%EOF' },
        ],
      },
    });
  });

  it('format 1 and format 2 archives, as the writer made them before format 3, still verify by their own rules', async () => {
    const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, '../fixtures/archive', name)));
    const v1 = await verifyArchiveZip(fixture('format1.zip'));
    expect(v1.ok && v1.summary).toMatchObject({ formatVersion: 1, files: 5, logCount: 5, documents: [], mediaFiles: 0 });
    expect(v1.ok && v1.summary.stations).toBeUndefined();
    const v2 = await verifyArchiveZip(fixture('format2.zip'));
    expect(v2.ok && v2.summary).toMatchObject({ formatVersion: 2, files: 6, logCount: 5, documents: [{ file: PDF, chainHead: { seq: NOTICE_HEAD_SEQ } }] });
    // And their own rules still hold: one entry changed in the old log is named.
    const files = unzipSync(fixture('format2.zip'));
    const log = new TextDecoder().decode(files['log.jsonl']).replace('第 2 条现场记录', '第 2 条现场纪录');
    expect(problem(await verifyArchiveZip(rezip({ ...files, 'log.jsonl': strToU8(log) })))).toContain('第 2 条记录的内容与其哈希值不符');
  });
});

describe('document heads in the manifest', () => {
  const withHead = async (head: { seq: number; hash: string }) => {
    const files = entries();
    const manifest = manifestOf(files);
    const forged = { ...manifest, documents: manifest.documents!.map((d) => ({ ...d, chainHead: head })) };
    return problem(await verifyArchiveZip(rezip({ ...files, 'manifest.json': strToU8(JSON.stringify(forged)) })));
  };

  it('a head that is another entry of the log, or no entry at all, names the document', async () => {
    const other = backup.logEntries[1]!;
    const held = backup.logEntries[NOTICE_HEAD_SEQ - 1]!.hash;
    expect(await withHead({ seq: NOTICE_HEAD_SEQ, hash: other.hash })).toBe(
      `文书《强制执行告知书》临江强执告〔2026〕3号（${PDF}）记载的日志链头（第 ${NOTICE_HEAD_SEQ} 条（SHA-256 ${other.hash.slice(0, 16)}…））与归档日志不符：归档日志第 ${NOTICE_HEAD_SEQ} 条的哈希为 ${held.slice(0, 16)}…`,
    );
    expect(await withHead({ seq: 9, hash: other.hash })).toContain('记载的日志链头（第 9 条（SHA-256');
    expect(await withHead({ seq: 9, hash: other.hash })).toContain('与归档日志不符：归档日志中没有第 9 条');
  });

  it('a head equal to the entry at its seq passes, and so does the empty log head (seq 0)', async () => {
    const entry = backup.logEntries[1]!;
    expect(await withHead({ seq: entry.seq, hash: entry.hash })).toBe('');
    expect(await withHead({ seq: 0, hash: '0'.repeat(64) })).toBe('');
  });

  it('a document SHA-256 that disagrees with its file is named', async () => {
    const files = entries();
    const manifest = manifestOf(files);
    const forged = { ...manifest, documents: manifest.documents!.map((d) => ({ ...d, sha256: 'a'.repeat(64) })) };
    expect(problem(await verifyArchiveZip(rezip({ ...files, 'manifest.json': strToU8(JSON.stringify(forged)) })))).toContain(
      '中文书《强制执行告知书》临江强执告〔2026〕3号的 SHA-256 与文件',
    );
  });
});

describe('a tampered archive fails naming the first problem', () => {
  it('one byte changed in log.jsonl names the log and the entry', async () => {
    const files = entries();
    const log = files['log.jsonl']!.slice();
    const at = new TextDecoder().decode(log).indexOf('第 3 条');
    // 第 (3 bytes) and a space, then the digit: 第 3 条 becomes 第 4 条.
    log[new TextEncoder().encode(new TextDecoder().decode(log).slice(0, at)).length + 4] = '4'.charCodeAt(0);
    const text = problem(await verifyArchiveZip(rezip({ ...files, 'log.jsonl': log })));
    expect(text).toContain('log.jsonl');
    expect(text).toContain('第 3 条记录的内容与其哈希值不符');
  });

  it('a log entry removed or reordered is named', async () => {
    const lines = new TextDecoder().decode(entries()['log.jsonl']).trimEnd().split('\n');
    const removed = [...lines.slice(0, 2), ...lines.slice(3)].join('\n') + '\n';
    expect(problem(await verifyArchiveZip(rezip({ ...entries(), 'log.jsonl': strToU8(removed) })))).toContain('第 3 条记录缺失');
    const swapped = [lines[0], lines[2], lines[1], ...lines.slice(3)].join('\n') + '\n';
    expect(problem(await verifyArchiveZip(rezip({ ...entries(), 'log.jsonl': strToU8(swapped) })))).toContain('位置被打乱');
  });

  it('a PDF removed is named', async () => {
    const { [PDF]: _removed, ...rest } = entries();
    expect(problem(await verifyArchiveZip(rezip(rest)))).toBe(`归档缺少文件 ${PDF}（清单中有此文件）`);
  });

  it('an extra file is named', async () => {
    expect(problem(await verifyArchiveZip(rezip({ ...entries(), 'extra.txt': strToU8('x') })))).toBe('归档中多出文件 extra.txt（清单中没有此文件）');
  });

  it('a PDF changed is named by its SHA-256', async () => {
    const pdf = entries()[PDF]!.slice();
    pdf[3] = pdf[3]! ^ 1;
    expect(problem(await verifyArchiveZip(rezip({ ...entries(), [PDF]: pdf })))).toBe(`文件 ${PDF} 已被改动（SHA-256 与清单记载不符）`);
  });

  it('a manifest head or count that disagrees with the log is named', async () => {
    const manifest = JSON.parse(new TextDecoder().decode(entries()['manifest.json'])) as ArchiveManifest;
    const head = { ...manifest, log: { ...manifest.log, head: { seq: 5, hash: 'a'.repeat(64) } } };
    const text = problem(await verifyArchiveZip(rezip({ ...entries(), 'manifest.json': strToU8(JSON.stringify(head)) })));
    expect(text).toContain('清单文件 manifest.json 记载的日志（5 条，链头 第 5 条 aaaa');
    expect(text).toContain('不符');
    const count = { ...manifest, log: { ...manifest.log, count: 6 } };
    expect(problem(await verifyArchiveZip(rezip({ ...entries(), 'manifest.json': strToU8(JSON.stringify(count)) })))).toContain('记载的日志（6 条');
  });

  it('removing the newest entries and fixing the log hash in the manifest still fails on the head', async () => {
    const files = entries();
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as ArchiveManifest;
    const lines = new TextDecoder().decode(files['log.jsonl']).trimEnd().split('\n');
    const shorter = strToU8(lines.slice(0, 4).join('\n') + '\n');
    const { sha256 } = planArchive({ ...backup, logEntries: backup.logEntries.slice(0, 4) }, CREATED_AT).items.find((f) => f.name === 'log.jsonl')!;
    const forged = { ...manifest, files: manifest.files.map((f) => (f.name === 'log.jsonl' ? { ...f, sha256, size: shorter.length } : f)) };
    const text = problem(await verifyArchiveZip(rezip({ ...files, 'log.jsonl': shorter, 'manifest.json': strToU8(JSON.stringify(forged)) })));
    expect(text).toContain('与日志文件 log.jsonl（4 条');
  });
});

/** The ZIP with the central-directory uncompressed size of `name` set to `size`. */
function declareSize(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  const target = strToU8(name);
  for (let at = 0; at + 46 <= out.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const length = view.getUint16(at + 28, true);
    const found = out.subarray(at + 46, at + 46 + length);
    if (found.length === target.length && found.every((b, i) => b === target[i])) {
      view.setUint32(at + 24, size, true);
      return out;
    }
  }
  throw new Error(`no central directory entry ${name}`);
}

describe('a hostile archive is refused before anything is inflated', () => {
  it.each(['../evil', '/etc/passwd', 'a\\..\\b', 'C:/evil', 'documents/../../evil'])('a name like %s', async (name) => {
    expect(problem(await verifyArchiveZip(rezip({ ...entries(), [name]: strToU8('x') })))).toMatch(/解压时可能写到别处或成为另一个文件，拒绝处理（违反规则：文件名在各系统上安全）$/);
  });

  it('a duplicate name', async () => {
    // fflate's Zip stream writes the same name twice when asked to.
    const plan = planArchive(backup, CREATED_AT);
    const { zip: bytes } = await buildArchive(backup, CREATED_AT, { plan: { ...plan, files: [...plan.files, plan.files[1]!] } });
    expect(problem(await verifyArchiveZip(bytes))).toBe(`归档中文件 "log.jsonl" 出现了两次，拒绝处理${broke(ZIP_RULES.uniqueName)}`);
  });

  it('an absurd declared size', async () => {
    const text = problem(await verifyArchiveZip(declareSize(zip, 'media.json', 0xf0000000)));
    expect(text).toBe(`归档中文件 "media.json" 声明的大小（${0xf0000000} 字节）超过上限 ${MAX_ENTRY_BYTES} 字节，拒绝处理${broke(ZIP_RULES.size)}`);
  });

  it('a compression ratio no deflate stream can have (a bomb)', async () => {
    expect(problem(await verifyArchiveZip(declareSize(zip, 'inventory.json', 500 * 1024 * 1024)))).toMatch(/压缩比异常.*疑为压缩炸弹，拒绝处理（违反规则：压缩比不超过 Deflate 的极限）$/);
  });

  it('a JSON file the verifier parses whole, declared larger than its cap, before anything is inflated', async () => {
    expect(problem(await verifyArchiveZip(declareSize(zip, 'media.json', MAX_JSON_BYTES + 1)))).toBe(
      `归档中文件 media.json 声明的大小（${MAX_JSON_BYTES + 1} 字节）超过可读取的上限 ${MAX_JSON_BYTES} 字节，疑为压缩炸弹，拒绝处理${broke(LIMIT_RULES.json)}`,
    );
  });

  it('a real bomb: 20 MB of zeros', async () => {
    // Deflate reaches ~1000:1 on zeros: within the ratio, so it is inflated and then named as added.
    const bomb = zipSync({ ...entries(), 'zeros.bin': new Uint8Array(20 * 1024 * 1024) }, { level: 9 });
    expect(problem(await verifyArchiveZip(bomb))).toBe('归档中多出文件 zeros.bin（清单中没有此文件）');
  });

  it('malformed manifest JSON, and no manifest at all', async () => {
    const text = problem(await verifyArchiveZip(rezip({ ...entries(), 'manifest.json': strToU8('{"format": "enforcement-console.archive",') })));
    expect(text).toMatch(/^清单文件 manifest.json 不是有效的 JSON/);
    const { 'manifest.json': _m, ...rest } = entries();
    expect(problem(await verifyArchiveZip(rezip(rest)))).toBe('归档缺少清单文件 manifest.json');
  });

  it('a file that is not a ZIP', async () => {
    expect(problem(await verifyArchiveZip(strToU8('not a zip')))).toBe(`不是有效的 ZIP 文件（找不到中央目录）${broke(ZIP_RULES.endRecord)}`);
  });

  it('random byte flips anywhere never crash the verifier', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(zip.length - 1), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), async (flips) => {
        const bytes = zip.slice();
        for (const [at, mask] of flips) bytes[at]! ^= mask;
        const verdict = await verifyArchiveZip(bytes);
        expect(typeof verdict.ok).toBe('boolean');
        if (!verdict.ok) expect(verdict.problem.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('names a size the content does not have as it exceeds it, before it is all in memory', async () => {
    expect(problem(await verifyArchiveZip(declareSize(zip, 'log.jsonl', 10)))).toBe(`文件 log.jsonl 解压后超过声明的大小（10 字节），疑为压缩炸弹，拒绝处理${broke(ZIP_RULES.size)}`);
  });
});

/** Where each entry's name lies in its local header and in its central-directory record. */
function nameSpans(bytes: Uint8Array): { name: string; local: number; central: number; length: number }[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  const spans = [];
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    const length = view.getUint16(at + 28, true);
    spans.push({ name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + length)), local: view.getUint32(at + 42, true) + 30, central: at + 46, length });
    at += 46 + length + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return spans;
}

describe('what the ZIP headers could hide from a check of the directory alone', () => {
  it('a symbolic link, directory or device entry is refused; a regular file made on Unix verifies', async () => {
    const as = async (mode: number) => problem(await verifyArchiveZip(zipSync({ ...entries(), 'media.json': [entries()['media.json']!, { os: 3, attrs: (mode << 16) >>> 0 }] })));
    const link = `文件 media.json 是符号链接（或特殊文件），拒绝处理${broke(ZIP_RULES.plainFile)}`;
    expect(await as(0o120777)).toBe(link);
    expect(await as(0o040755)).toBe(link);
    expect(await as(0o020666)).toBe(link);
    expect(await as(0o100644)).toBe('');
    // Permissions only, no file type: what Python's zipfile writes for a plain file.
    expect(await as(0o644)).toBe('');
  });

  it('a local header whose name, name length or signature differs from the directory is refused', async () => {
    const log = nameSpans(zip).find((s) => s.name === 'log.jsonl')!;
    const renamed = zip.slice();
    renamed.set(strToU8('../../x.j'), log.local);
    const mismatch = (what: string) => `ZIP 文件中 log.jsonl 的本地头与中央目录不一致（${what}），拒绝处理${broke(ZIP_RULES.localHeader)}`;
    expect(problem(await verifyArchiveZip(renamed))).toBe(mismatch('文件名'));
    const longer = zip.slice();
    new DataView(longer.buffer).setUint16(log.local - 4, log.length + 1, true);
    expect(problem(await verifyArchiveZip(longer))).toBe(mismatch('文件名长度'));
    const unsigned = zip.slice();
    unsigned[log.local - 30]! ^= 1;
    expect(problem(await verifyArchiveZip(unsigned))).toBe(mismatch('本地头标志'));
  });

  it('random byte flips in the headers: an answer, and refused whenever a name changed, local or central', async () => {
    const spans = nameSpans(zip);
    const central = spans[0]!.central - 46;
    // Every local header with its name, then the whole central directory and end record.
    const headerBytes = [...spans.flatMap((s) => Array.from({ length: 30 + s.length }, (_, i) => s.local - 30 + i)), ...Array.from({ length: zip.length - central }, (_, i) => central + i)];
    const nameBytes = new Set(spans.flatMap((s) => [s.local, s.central].flatMap((at) => Array.from({ length: s.length }, (_, i) => at + i))));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...headerBytes), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), async (flips) => {
        const bytes = zip.slice();
        for (const [at, mask] of flips) bytes[at]! ^= mask;
        const verdict = await verifyArchiveZip(bytes);
        expect(typeof verdict.ok).toBe('boolean');
        if (flips.some(([at]) => nameBytes.has(at) && bytes[at] !== zip[at])) expect(verdict.ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});
