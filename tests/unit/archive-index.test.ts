// 《档案目录》: the archive index PDF lists every file of the archive with its size and
// SHA-256, is itself in the ZIP under a UTF-8 name and listed in manifest.json.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { INDEX_NAME, planArchive, type ArchiveManifest } from '../../shared/archive/archive';
import { verifyArchiveZip } from '../../shared/archive/verifyStream';
import { cellRunLimit } from '../../shared/documents/components';
import { archiveIndexColumns, archiveIndexData, renderArchiveIndex } from '../../shared/documents/archiveIndex';
import { archivableBackup, buildArchive, footageBytes, memorySource } from '../fixtures/archive/archivable';
import { hasPoppler, nodeFonts, pdfPages, pdfRawText, popplerSuite, savePdf } from '../fixtures/documents/pdf';

const CREATED_AT = '2026-12-10T10:00:00.000+08:00';
const clip = footageBytes(3000, 7);
const backup = archivableBackup(5, [{ id: 'media-1', name: '执法记录仪 07 号.mp4', bytes: clip }]);
const plan = planArchive(backup, CREATED_AT, ['media-1']);

describe('the index data', () => {
  it('has one numbered row per file, with its description, name, size and SHA-256', () => {
    const data = archiveIndexData(plan);
    expect(data.rows.map((r) => r[0])).toEqual(plan.items.map((_, i) => String(i + 1)));
    expect(data.rows.map((r) => r[2]!.split('\n')[0])).toEqual(plan.items.map((i) => i.name));
    const notice = data.rows[0]!;
    expect(notice[1]).toBe('《强制执行告知书》临江强执告〔2026〕3号，第 1 版，2026-11-24 签发；文书所印日志链头为第 3 条');
    expect(data.rows.find((r) => r[2]!.startsWith('log.jsonl'))![1]).toBe('执行日志 5 条（JSON Lines，哈希链）');
    expect(data.rows.find((r) => r[2]!.startsWith('media/'))![1]).toBe('音像文件（设备 JL-DSJ-07，拍摄人 陈晓明，2026-12-08 09:00）');
    expect(data.logLine).toBe(`5 条，链头 第 5 条  SHA-256 ${backup.logEntries[4]!.hash}`);
  });

  it('keeps each 32-digit half of a SHA-256 whole on its line', () => {
    expect(cellRunLimit(archiveIndexColumns[2]!, archiveIndexColumns)).toBeGreaterThanOrEqual(32);
  });
});

describe.skipIf(!hasPoppler)(popplerSuite('the index PDF'), { timeout: 60_000 }, () => {
  it('prints every file name and SHA-256, the log count and head, and is the first file of the archive', async () => {
    const index = await renderArchiveIndex(archiveIndexData(plan), nodeFonts);
    const path = savePdf('档案目录.pdf', index);
    const text = pdfRawText(path);
    const flat = text.replace(/\s+/g, '');
    expect(pdfPages(text).length).toBeGreaterThanOrEqual(1);
    expect(flat).toContain('档案目录');
    for (const item of plan.items) {
      expect(flat).toContain(item.name.replace(/\s+/g, ''));
      expect(flat).toContain(item.sha256);
    }
    expect(flat).toContain(backup.logEntries[4]!.hash);
    expect(flat).toContain('执行日志链头：第5条');

    const { zip, manifest } = await buildArchive(backup, CREATED_AT, { plan, index, media: [memorySource('media-1', clip)] });
    expect(manifest.files[0]).toMatchObject({ name: INDEX_NAME, size: index.length });
    // The local header of the first entry: its name is flagged as UTF-8 (bit 11).
    expect(new DataView(zip.buffer).getUint16(6, true) & 0x800).toBe(0x800);
    expect(strFromU8(zip.subarray(30, 30 + new DataView(zip.buffer).getUint16(26, true)))).toBe(INDEX_NAME);
    expect(unzipSync(zip)[INDEX_NAME]).toEqual(index);
    expect((JSON.parse(strFromU8(unzipSync(zip)['manifest.json']!)) as ArchiveManifest).index).toBe(INDEX_NAME);
    expect((await verifyArchiveZip(zip)).ok).toBe(true);
  });
});
