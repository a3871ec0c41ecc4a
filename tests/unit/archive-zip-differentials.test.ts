// Node (vitest). ZIP parser differentials (issue 16, point 4): archives that a lenient reader
// verifies while unzip, 7-Zip, Windows or macOS would extract something else from them. Each
// lists all it holds in its manifest with the true SHA-256, so only the ZIP-level rule can
// catch it; each is refused naming that rule. Every case here verified on the old reader.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveVerdict } from '../../shared/archive/verifyArchive';
import { verifyArchiveZip } from '../../shared/archive/verifyStream';
import { assembleZip, entriesWith, rawEntry, unicodePathField, type RawEntry } from '../fixtures/archive/hostile';

// Written out rather than imported: the refusal must say these words to the user.
const RULE = {
  endRecord: '目录结尾记录唯一且与文件末尾相符',
  zip64: '不使用 ZIP64 扩展',
  directory: '中央目录完整、与结尾记录一致',
  localHeader: '本地头与中央目录一致',
  layout: '文件数据首尾相接，没有目录以外的内容',
  crc: '每个文件的 CRC-32 校验值正确',
  extraField: '扩展字段完整、不给文件改名',
  nameEncoding: '文件名编码明确（UTF-8 或纯 ASCII）',
  safeName: '文件名在各系统上安全',
  uniqueName: '文件名互不冲突（含大小写、Windows 规则）',
  method: '只用存储或 Deflate 压缩、不加密',
};

const PDF = 'documents/notice/临江强执告〔2026〕3号-v1.pdf';
const pdf = new TextEncoder().encode('%PDF-1.4\n% 另一份（测试用）\n%%EOF\n');
const text = (s: string) => new TextEncoder().encode(s);
const problem = (verdict: ArchiveVerdict) => (verdict.ok ? '' : verdict.problem);

let plain: RawEntry[];
beforeAll(async () => {
  plain = await entriesWith();
});
const find = (entries: RawEntry[], name: string) => entries.find((e) => new TextDecoder().decode(e.nameBytes) === name)!;

/** Refused, the message naming `rule` and containing `detail`. */
async function refused(zip: Uint8Array, rule: string, detail = ''): Promise<void> {
  const verdict = await verifyArchiveZip(zip);
  expect(problem(verdict)).toContain(`（违反规则：${rule}）`);
  expect(problem(verdict)).toContain(detail);
}

describe('the baseline', () => {
  it('the test archive, re-assembled entry by entry, verifies (so each refusal below is the trick alone)', async () => {
    expect((await verifyArchiveZip(assembleZip(plain))).ok).toBe(true);
    expect((await verifyArchiveZip(assembleZip(await entriesWith({ 'documents/notice/另一份.pdf': pdf })))).ok).toBe(true);
  });
});

describe('the central directory against its end record', () => {
  it('an end record whose entry count is short of the directory: the records after it are read too', async () => {
    // The old reader stopped at the count, so this PDF was never checked; unzip extracts it.
    const hidden = [...plain, rawEntry('documents/notice/临江强执告〔2026〕4号-v1.pdf', pdf, true)];
    await refused(assembleZip(hidden, { count: plain.length }), RULE.directory, `目录结尾记录记载 ${plain.length} 个文件，中央目录实有 ${plain.length + 1} 条记录`);
  });

  it('bytes between the directory and the end record', async () => {
    await refused(assembleZip(plain, { beforeEnd: text('PK藏起来的内容') }), RULE.directory, '与结尾记录的位置');
  });

  it('a ZIP64 end-of-directory locator before the end record', async () => {
    const locator = new DataView(new ArrayBuffer(20));
    locator.setUint32(0, 0x07064b50, true);
    await refused(assembleZip(plain, { beforeEnd: new Uint8Array(locator.buffer) }), RULE.zip64);
  });

  it('an end record whose comment length does not reach the end of the file', async () => {
    await refused(assembleZip(plain, { commentLength: 5 }), RULE.endRecord, '注释长度与文件末尾不符');
  });

  it('a second end record hidden in the comment, which readers scanning back from the end take instead', async () => {
    const zip = assembleZip(plain);
    const fake = zip.slice(zip.length - 22);
    await refused(assembleZip(plain, { comment: fake }), RULE.endRecord, '不止一个');
  });
});

describe('what an extractor reads instead of the name', () => {
  it('a Unicode Path extra field (0x7075) in the directory naming another file', async () => {
    const entries = plain.map((e) => (e === find(plain, PDF) ? { ...e, centralExtra: unicodePathField(e.nameBytes, 'log.jsonl') } : e));
    await refused(assembleZip(entries), RULE.extraField, '（0x7075），把它命名为 "log.jsonl"');
  });

  it('the same field in the local header only', async () => {
    const entries = plain.map((e) => (e === find(plain, PDF) ? { ...e, localExtra: unicodePathField(e.nameBytes, 'documents/notice/x.pdf') } : e));
    await refused(assembleZip(entries), RULE.extraField, '本地头带有 Unicode 路径扩展字段');
  });

  it('a name with non-ASCII bytes and no UTF-8 flag (unzip reads CP437, Chinese Windows GBK)', async () => {
    const gbk = new Uint8Array([...text('documents/'), 0xce, 0xc4, 0xca, 0xe9, ...text('.pdf')]);
    // The manifest lists the name as the old reader decoded it (Latin-1); the ZIP holds the raw bytes.
    const latin1 = String.fromCharCode(...gbk);
    const named = (await entriesWith({ [latin1]: pdf })).map((e) => (new TextDecoder().decode(e.nameBytes) === latin1 ? rawEntry(gbk, pdf, true) : e));
    await refused(assembleZip(named), RULE.nameEncoding, '未标明 UTF-8');
  });
});

describe('names that are one file, or another file, once extracted on Windows or macOS', () => {
  it('a.pdf and A.PDF', async () => {
    await refused(assembleZip(await entriesWith({ 'documents/notice/a.pdf': pdf, 'documents/notice/A.PDF': text('另一个') })), RULE.uniqueName, '"documents/notice/a.pdf" 与 "documents/notice/A.PDF"');
  });

  it('the same name in composed and decomposed Unicode (macOS)', async () => {
    await refused(assembleZip(await entriesWith({ 'documents/\u00e9.pdf': pdf, 'documents/e\u0301.pdf': text('另一个') })), RULE.uniqueName);
  });

  it('a file named like a folder of the archive', async () => {
    await refused(assembleZip(await entriesWith({ documents: pdf })), RULE.uniqueName, '同一个文件或文件夹');
  });

  it.each(['documents/x. ', 'documents/x.', 'documents/a.pdf ', 'documents/folder./a.pdf'])('a trailing dot or space Windows drops: %j beside the name without it', async (name) => {
    await refused(assembleZip(await entriesWith({ [name.replace(/[. ]+$/, '')]: pdf, [name]: text('另一个') })), RULE.safeName, '以点或空格结尾');
  });

  it.each(['documents/CON', 'documents/nul.pdf', 'aux.txt', 'documents/COM1.pdf', 'LPT9', 'documents/con .pdf'])('a Windows device name: %j', async (name) => {
    await refused(assembleZip(await entriesWith({ [name]: pdf })), RULE.safeName, '是 Windows 保留的设备名');
  });

  it.each(['documents/notice/a.pdf:Zone.Identifier', 'documents/a::$DATA', 'documents/a<b>.pdf'])('an NTFS stream or a character Windows forbids: %j', async (name) => {
    await refused(assembleZip(await entriesWith({ [name]: pdf })), RULE.safeName, '含 Windows 文件名不允许的字符');
  });

  it('a short-name alias (PROGRA~1)', async () => {
    await refused(assembleZip(await entriesWith({ 'documents/NOTICE~1.PDF': pdf })), RULE.safeName, '短文件名');
  });
});

describe('what only the local headers or the data say', () => {
  it('a CRC-32 that is not the content’s, the same in both headers (unzip reports the file damaged)', async () => {
    const entries = plain.map((e) => (e === find(plain, 'log.jsonl') ? { ...e, crc: (e.crc ^ 1) >>> 0 } : e));
    await refused(assembleZip(entries), RULE.crc, '文件 log.jsonl 的 CRC-32 校验值');
  });

  it('a local header with another uncompressed size than the directory (readers that stream local headers)', async () => {
    const entries = plain.map((e) => (e === find(plain, 'media.json') ? { ...e, local: { size: e.size + 1 } } : e));
    await refused(assembleZip(entries), RULE.localHeader, 'CRC 或大小');
  });

  it('a local header with another compression method than the directory', async () => {
    const entries = plain.map((e) => (e === find(plain, PDF) ? { ...e, local: { method: 8 } } : e));
    await refused(assembleZip(entries), RULE.localHeader, '压缩方式');
  });

  it('an entry hidden between two others, in no directory record (readers that scan local headers find it)', async () => {
    const hidden = assembleZip([rawEntry('documents/notice/藏起来的.pdf', pdf, true)]);
    const local = hidden.subarray(0, 30 + text('documents/notice/藏起来的.pdf').length + pdf.length);
    const entries = plain.map((e) => (e === find(plain, PDF) ? { ...e, trailing: local } : e));
    await refused(assembleZip(entries), RULE.layout, '不属于目录中任何文件');
  });

  it('an entry flagged as encrypted (unzip asks for a password and extracts nothing)', async () => {
    const entries = plain.map((e) => (e === find(plain, 'media.json') ? { ...e, flags: e.flags | 1 } : e));
    await refused(assembleZip(entries), RULE.method, '已加密');
  });
});
