// Node (vitest). Hostile archives (issue 7, point 5), generated: names that escape the
// target folder, duplicate names, absurd declared sizes, ratio bombs, broken or forged
// manifests, random central-directory fields, links and special files, local headers that
// name another file than the directory. The verifier (the streaming one the app and
// `npm run verify` run) refuses each with a Chinese message and never throws. (Random byte
// flips: tests/unit/archive-zip.test.ts.)
import fc from 'fast-check';
import { strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ArchiveFile } from '../../shared/archive/archive';
import { MAX_ENTRY_BYTES, MAX_RATIO, type ArchiveVerdict } from '../../shared/archive/verifyArchive';
import { verifyArchiveZip } from '../../shared/archive/verifyStream';
import { archivableBackup, buildArchive } from '../fixtures/archive/archivable';

/** Generated cases per property; reported in issue 7's closing note. */
export const ARCHIVE_FUZZ_RUNS = { names: 3000, duplicates: 2000, sizes: 3000, manifest: 2000, directory: 3000, special: 1000, localNames: 1000 } as const;

const CREATED_AT = '2026-12-10T10:00:00.000+08:00';
const { zip } = await buildArchive(archivableBackup(), CREATED_AT);
const entries = unzipSync(zip);
/** The real archive's files, in order, to rearrange into hostile ones. */
const files: ArchiveFile[] = Object.entries(entries).map(([name, bytes]) => ({ name, bytes, stored: false }));

/** Any list of files as a ZIP, duplicates included (the streaming Zip allows what zipSync cannot). */
function write(list: readonly ArchiveFile[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const out = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const file of list) {
    const entry = file.stored ? new ZipPassThrough(file.name) : new ZipDeflate(file.name, { level: 1 });
    out.add(entry);
    entry.push(file.bytes, true);
  }
  out.end();
  const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
  return bytes;
}
/** Stored, not deflated: the generated archives are about their directory, and storing is fast. */
const rezip = (contents: Record<string, Uint8Array>) => zipSync(contents, { level: 0 });
const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** The verdict of any bytes: never a throw (a rejected promise), a refusal named in Chinese. */
async function verdictOf(bytes: Uint8Array): Promise<ArchiveVerdict> {
  const verdict = await verifyArchiveZip(bytes);
  if (!verdict.ok) expect(verdict.problem).toMatch(HAS_CHINESE);
  return verdict;
}

/** The verdict of hostile bytes: a refusal with a Chinese message, never a throw. */
async function refusal(bytes: Uint8Array): Promise<string> {
  const verdict = await verdictOf(bytes);
  expect(verdict.ok).toBe(false);
  return verdict.ok ? '' : verdict.problem;
}

/** Byte offsets of the central-directory records, read from the end-of-directory record. */
function centralRecords(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  const records: number[] = [];
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < count; i++) {
    records.push(at);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return records;
}
const records = centralRecords(zip);
const compressedSizes = records.map((at) => new DataView(zip.buffer).getUint32(at + 20, true));

function patch(bytes: Uint8Array, at: number, value: number, width: 2 | 4): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  if (width === 2) view.setUint16(at, value, true);
  else view.setUint32(at, value >>> 0, true);
  return out;
}

// —— generators ——

const segment = fc.oneof(fc.constantFrom('evil.sh', 'log.jsonl', 'manifest.json', 'documents', '文书', 'a b', '.bashrc'), fc.stringMatching(/^[a-z0-9_\u4e00-\u4e10]{1,12}$/));
/** Names a careless extractor would write outside its folder, or that no plain path may hold. */
const hostileName = fc.oneof(
  fc.tuple(fc.array(fc.constantFrom('..', '.'), { minLength: 1, maxLength: 4 }), segment).map(([ups, s]) => [...ups, s].join('/')),
  fc.tuple(segment, fc.array(fc.constant('..'), { minLength: 1, maxLength: 4 }), segment).map(([a, ups, b]) => [a, ...ups, b].join('/')),
  fc.tuple(segment, segment).map(([a, b]) => `${a}/./${b}`),
  segment.map((s) => `/${s}`),
  segment.map((s) => `/etc/${s}`),
  fc.tuple(fc.constantFrom(...'ACDcz'), fc.constantFrom(':', ':/', ':\\'), segment).map(([d, sep, s]) => `${d}${sep}${s}`),
  fc.tuple(segment, segment).map(([a, b]) => `${a}\\${b}`),
  segment.map((s) => `..\\..\\${s}`),
  segment.map((s) => `\\\\server\\share\\${s}`),
  fc.tuple(segment, fc.integer({ min: 0, max: 0x1f })).map(([s, c]) => `${s}${String.fromCharCode(c)}.pdf`),
  segment.map((s) => `${s}\u007f`),
);
const listedNames = Object.keys(entries);

describe('generated hostile archives are refused, never a crash', () => {
  it('the untouched archive verifies (the baseline the mutations start from)', async () => {
    expect((await verifyArchiveZip(zip)).ok).toBe(true);
    expect((await verifyArchiveZip(rezip(entries))).ok).toBe(true);
  });

  it(`names with "..", ".", absolute paths, drive letters, backslashes or control characters, added or replacing a listed file (${ARCHIVE_FUZZ_RUNS.names} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(hostileName, fc.option(fc.constantFrom(...listedNames), { nil: undefined }), fc.uint8Array({ maxLength: 64 }), async (name, replaced, bytes) => {
        const contents = { ...entries };
        if (replaced) {
          bytes = contents[replaced]!;
          delete contents[replaced];
        }
        const problem = await refusal(rezip({ ...contents, [name]: bytes }));
        expect(problem).toMatch(/解压时可能写到别处或成为另一个文件，拒绝处理（违反规则：文件名在各系统上安全）$/);
      }),
      { numRuns: ARCHIVE_FUZZ_RUNS.names },
    );
  }, 60_000);

  it(`a name that appears twice, in any position and any number of times (${ARCHIVE_FUZZ_RUNS.duplicates} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(files.length - 1), fc.nat(files.length + 4)), { minLength: 1, maxLength: 3 }), fc.boolean(), async (copies, sameBytes) => {
        // Stored rather than deflated: the directory is what is under test, and storing is fast.
        const list = files.map((f) => ({ ...f, stored: true }));
        for (const [which, at] of copies) {
          const copy = { ...list[which]!, bytes: sameBytes ? files[which]!.bytes : strToU8('替换的内容') };
          list.splice(at % (list.length + 1), 0, copy);
        }
        expect(await refusal(write(list))).toMatch(/出现了两次，拒绝处理（违反规则：文件名互不冲突（含大小写、Windows 规则））$/);
      }),
      { numRuns: ARCHIVE_FUZZ_RUNS.duplicates },
    );
  }, 60_000);

  it(`declared sizes beyond the limit, compressed sizes beyond the file, ratios no deflate stream reaches (${ARCHIVE_FUZZ_RUNS.sizes} cases)`, async () => {
    const entry = fc.nat(records.length - 1);
    const lie = fc.oneof(
      fc.record({ kind: fc.constant('size' as const), entry, value: fc.integer({ min: MAX_ENTRY_BYTES + 1, max: 0xffffffff }) }),
      fc.record({ kind: fc.constant('compressed' as const), entry, value: fc.integer({ min: zip.length + 1, max: 0xffffffff }) }),
      entry.chain((e) =>
        fc.record({
          kind: fc.constant('ratio' as const),
          entry: fc.constant(e),
          value: fc.integer({ min: Math.max(1024 * 1024, Math.max(compressedSizes[e]!, 1) * MAX_RATIO) + 1, max: MAX_ENTRY_BYTES }),
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(lie, async ({ kind, entry: e, value }) => {
        const bytes = patch(zip, records[e]! + (kind === 'compressed' ? 20 : 24), value, 4);
        const problem = await refusal(bytes);
        // 0xffffffff is also the ZIP64 marker, refused as such.
        const expected =
          value === 0xffffffff ? /带有 ZIP64 标记（违反规则：不使用 ZIP64 扩展）$/ : kind === 'size' ? /超过上限 \d+ 字节，拒绝处理（违反规则：大小不超过上限）$/ : kind === 'compressed' ? /超出归档文件本身，拒绝处理（违反规则：大小不超过上限）$/ : /疑为压缩炸弹，拒绝处理（违反规则：[^）]+）$/;
        expect(problem).toMatch(expected);
      }),
      { numRuns: ARCHIVE_FUZZ_RUNS.sizes },
    );
  }, 60_000);

  it(`a manifest that is cut short, not JSON, not an object, has a field of the wrong type or a "__proto__" key (${ARCHIVE_FUZZ_RUNS.manifest} cases)`, async () => {
    const manifestText = new TextDecoder().decode(entries['manifest.json']);
    const manifest = JSON.parse(manifestText) as Record<string, unknown>;
    const fields = ['formatVersion', 'operationId', 'createdAt', 'files', 'log'];
    const broken = fc.oneof(
      fc.nat(manifestText.trimEnd().length - 1).map((cut) => strToU8(manifestText.slice(0, cut))),
      fc.uint8Array({ maxLength: 200 }),
      fc.jsonValue().map((v) => strToU8(JSON.stringify(v) ?? '')),
      fc.tuple(fc.constantFrom(...fields), fc.jsonValue()).filter(([k, v]) => typeof v !== typeof manifest[k] || v === null).map(([k, v]) => strToU8(JSON.stringify({ ...manifest, [k]: v }))),
      fc.jsonValue().map((v) => strToU8(manifestText.replace(/^\{/, `{"__proto__": ${JSON.stringify(v) ?? 'null'},`))),
      fc.tuple(fc.string(), fc.jsonValue()).filter(([k]) => !(k in manifest)).map(([k, v]) => strToU8(JSON.stringify({ ...manifest, [k]: v }))),
    );
    await fc.assert(
      fc.asyncProperty(broken, async (bytes) => {
        await refusal(rezip({ ...entries, 'manifest.json': bytes }));
      }),
      { numRuns: ARCHIVE_FUZZ_RUNS.manifest },
    );
  }, 60_000);

  it('an entry named "__proto__", which an object of files could not hold as its own key', async () => {
    expect(await refusal(write([...files, { name: '__proto__', bytes: strToU8('{}'), stored: true }]))).toBe('归档中多出文件 __proto__（清单中没有此文件）');
  });

  it(`any central-directory field of any entry set to any value: an answer, never a throw (${ARCHIVE_FUZZ_RUNS.directory} cases)`, async () => {
    // Offsets within a central-directory record: version made by … external attributes, local header offset.
    const fieldsOf = [4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 30, 32, 34, 36, 38, 42] as const;
    await fc.assert(
      fc.asyncProperty(fc.nat(records.length - 1), fc.constantFrom(...fieldsOf), fc.oneof(fc.nat(0xffff), fc.constant(0xffffffff), fc.integer({ min: 0, max: 0x7fffffff })), async (e, field, value) => {
        const width = [16, 20, 24, 38, 42].includes(field) ? 4 : 2;
        await verdictOf(patch(zip, records[e]! + field, value, width));
      }),
      { numRuns: ARCHIVE_FUZZ_RUNS.directory },
    );
  }, 60_000);

  it(`an entry made on Unix as a symbolic link, directory, device, FIFO or socket, any permissions (${ARCHIVE_FUZZ_RUNS.special} cases)`, async () => {
    // st_mode's file type is 4 bits; 0o10 is a regular file, 0 (permissions only) a plain one too.
    const type = fc.integer({ min: 1, max: 15 }).filter((t) => t !== 0o10);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...listedNames), type, fc.nat(0o7777), async (name, t, permissions) => {
        const attrs = (((t << 12) | permissions) << 16) >>> 0;
        const bytes = zipSync({ ...entries, [name]: [entries[name]!, { os: 3, attrs }] }, { level: 0 });
        expect(await refusal(bytes)).toBe(`文件 ${name} 是符号链接（或特殊文件），拒绝处理（违反规则：只含普通文件）`);
      }),
      { numRuns: ARCHIVE_FUZZ_RUNS.special },
    );
  }, 60_000);

  it(`a local header naming another file than the directory, same length (${ARCHIVE_FUZZ_RUNS.localNames} cases)`, async () => {
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    const renamed = fc.nat(records.length - 1).chain((e) => {
      const length = view.getUint16(records[e]! + 28, true);
      const at = view.getUint32(records[e]! + 42, true) + 30;
      const original = zip.subarray(at, at + length);
      const hostile = hostileName.map((name) => strToU8(name.padEnd(length, 'x')).subarray(0, length));
      const name = fc.oneof(fc.uint8Array({ minLength: length, maxLength: length }), hostile).filter((n) => n.length === length && n.some((b, i) => b !== original[i]));
      return fc.tuple(fc.constant(e), fc.constant(at), name);
    });
    await fc.assert(
      fc.asyncProperty(renamed, async ([e, at, name]) => {
        const bytes = zip.slice();
        bytes.set(name, at);
        expect(await refusal(bytes)).toBe(`ZIP 文件中 ${listedNames[e]} 的本地头与中央目录不一致（文件名），拒绝处理（违反规则：本地头与中央目录一致）`);
      }),
      { numRuns: ARCHIVE_FUZZ_RUNS.localNames },
    );
  }, 60_000);
});
