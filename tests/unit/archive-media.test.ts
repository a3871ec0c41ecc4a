// Footage files inside the archive (一户一档): streamed piece by piece with backpressure,
// re-hashed on the way against the register, and checked by the verifier against media.json.
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MEDIA_CHUNK_BYTES, matchMediaFiles, planArchive, registeredMedia, writeArchiveZip, type ArchiveManifest } from '../../shared/archive/archive';
import type { ArchiveVerdict } from '../../shared/archive/verifyArchive';
import { bytesReader, verifyArchiveReader, verifyArchiveZip } from '../../shared/archive/verifyStream';
import { archivableBackup, buildArchive, footageBytes, INDEX_STAND_IN, memorySource } from '../fixtures/archive/archivable';

const CREATED_AT = '2026-12-10T10:00:00.000+08:00';
const big = footageBytes(2 * MEDIA_CHUNK_BYTES + 1000, 1);
const small = footageBytes(5000, 2);
const backup = archivableBackup(5, [
  { id: 'm-big', name: '执法记录仪 07 号.mp4', bytes: big },
  { id: 'm-small', name: 'IMG_0001.jpg', bytes: small },
  { id: 'm-left', name: '未选.mp4', bytes: footageBytes(10, 3) },
]);
const BIG = 'media/执法记录仪 07 号.mp4';
const SMALL = 'media/IMG_0001.jpg';
const problem = (verdict: ArchiveVerdict) => (verdict.ok ? '' : verdict.problem);
const sources = () => [memorySource('m-big', big), memorySource('m-small', small)];

describe('footage in the archive', () => {
  it('goes in under media/, read in pieces no larger than MEDIA_CHUNK_BYTES, and verifies', async () => {
    const reads: number[] = [];
    const { zip, manifest } = await buildArchive(backup, CREATED_AT, {
      mediaIds: ['m-big', 'm-small'],
      media: [memorySource('m-big', big, reads), memorySource('m-small', small)],
    });
    expect(reads).toEqual([MEDIA_CHUNK_BYTES, MEDIA_CHUNK_BYTES, 1000]);
    const files = unzipSync(zip);
    // toEqual on 8 MB of bytes takes a minute: compare them as a Buffer.
    expect(Buffer.from(files[BIG]!).equals(big)).toBe(true);
    expect(files[SMALL]).toEqual(small);
    expect(manifest.media).toEqual([
      { file: BIG, mediaId: 'm-big' },
      { file: SMALL, mediaId: 'm-small' },
    ]);
    expect(Object.keys(files).filter((n) => n.startsWith('media/'))).toEqual([BIG, SMALL]);
    const verdict = await verifyArchiveZip(zip);
    expect(verdict.ok && verdict.summary.mediaFiles).toBe(2);
  });

  it('hands each piece on before reading the next, and waits for a slow sink', async () => {
    const events: string[] = [];
    const source = memorySource('m-big', big);
    let sinkBusy = false;
    const slow = { ...source, read: (offset: number, length: number) => (expect(sinkBusy).toBe(false), events.push(`read ${offset}`), source.read(offset, length)) };
    await writeArchiveZip(planArchive(backup, CREATED_AT, ['m-big']), INDEX_STAND_IN, {
      modifiedAt: new Date(CREATED_AT),
      media: [slow],
      onChunk: async (chunk) => {
        sinkBusy = true;
        if (chunk.length >= MEDIA_CHUNK_BYTES) events.push('chunk');
        await new Promise((r) => setTimeout(r, 5));
        sinkBusy = false;
      },
    });
    expect(events).toEqual([`read 0`, 'chunk', `read ${MEDIA_CHUNK_BYTES}`, 'chunk', `read ${2 * MEDIA_CHUNK_BYTES}`]);
  });

  it('stops before the last piece when a file differs from its register record', async () => {
    const altered = big.slice();
    altered[altered.length - 1]! ^= 1;
    const chunks: boolean[] = [];
    await expect(
      buildArchive(backup, CREATED_AT, { mediaIds: ['m-big'], media: [memorySource('m-big', altered)] }).then((b) => chunks.push(b.finals > 0)),
    ).rejects.toThrow('音像文件“执法记录仪 07 号.mp4”与登记的 SHA-256 不符，已停止导出');
    expect(chunks).toEqual([]);
  });

  it('refuses a source of another size, one that gets shorter, and a missing source', async () => {
    await expect(buildArchive(backup, CREATED_AT, { mediaIds: ['m-small'], media: [memorySource('m-small', small.slice(1))] })).rejects.toThrow(
      '音像文件“IMG_0001.jpg”的大小（4999 字节）与登记的 5000 字节不符，已停止导出',
    );
    const shorter = { ...memorySource('m-small', small), read: () => Promise.resolve(new Uint8Array(10)) };
    await expect(buildArchive(backup, CREATED_AT, { mediaIds: ['m-small'], media: [shorter] })).rejects.toThrow('在读取过程中变短了');
    await expect(buildArchive(backup, CREATED_AT, { mediaIds: ['m-small'], media: [] })).rejects.toThrow('没有提供音像文件“IMG_0001.jpg”');
  });

  it('gives two recordings with the same name distinct file names', () => {
    const twin = archivableBackup(5, [
      { id: 'a', name: 'clip.mp4', bytes: small },
      { id: 'b', name: 'clip.mp4', bytes: big.subarray(0, 10) },
    ]);
    expect(planArchive(twin, CREATED_AT, ['a', 'b']).media.map((m) => m.name)).toEqual(['media/clip.mp4', 'media/clip-2.mp4']);
  });
});

describe('the verifier and footage', () => {
  const built = buildArchive(backup, CREATED_AT, { mediaIds: ['m-big', 'm-small'], media: sources() });
  const entries = async () => unzipSync((await built).zip);
  const check = async (files: Record<string, Uint8Array>) => problem(await verifyArchiveZip(zipSync(files, { level: 0 })));

  it('names an altered, a missing and an extra media file', async () => {
    const files = await entries();
    const altered = files[SMALL]!.slice();
    altered[0]! ^= 1;
    expect(await check({ ...files, [SMALL]: altered })).toBe(`文件 ${SMALL} 已被改动（SHA-256 与清单记载不符）`);
    const { [BIG]: _big, ...rest } = files;
    expect(await check(rest)).toBe(`归档缺少文件 ${BIG}（清单中有此文件）`);
    expect(await check({ ...files, 'media/extra.mp4': strToU8('x') })).toBe('归档中多出文件 media/extra.mp4（清单中没有此文件）');
  });

  it('names a media file swapped together with its manifest hash, by the register', async () => {
    const files = await entries();
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as ArchiveManifest;
    const other = footageBytes(5000, 9);
    const { sha256 } = planArchive(archivableBackup(5, [{ id: 'm-small', name: 'IMG_0001.jpg', bytes: other }]), CREATED_AT, ['m-small']).media[0]!;
    const forged = { ...manifest, files: manifest.files.map((f) => (f.name === SMALL ? { ...f, sha256 } : f)) };
    expect(await check({ ...files, [SMALL]: other, 'manifest.json': strToU8(JSON.stringify(forged)) })).toBe(
      `音像文件 ${SMALL} 与音像资料登记表（media.json）登记的 SHA-256 不符`,
    );
    const unlisted = { ...manifest, media: manifest.media!.filter((m) => m.file !== SMALL) };
    expect(await check({ ...files, 'manifest.json': strToU8(JSON.stringify(unlisted)) })).toBe(`音像文件 ${SMALL} 未在清单文件 manifest.json 的音像文件中列出`);
  });
});

describe('the streaming verifier and footage', () => {
  it('reads an archive with footage in pieces of at most 4 MiB, and finds a changed byte in it', async () => {
    const { zip } = await buildArchive(backup, CREATED_AT, { mediaIds: ['m-big', 'm-small'], media: sources() });
    const reads: number[] = [];
    const read = (bytes: Uint8Array) => {
      const reader = bytesReader(bytes);
      return { size: reader.size, read: (o: number, l: number) => (reads.push(l), reader.read(o, l)) };
    };
    const verdict = await verifyArchiveReader(read(zip));
    expect(verdict.ok && verdict.summary.mediaFiles).toBe(2);
    expect(Math.max(...reads)).toBe(MEDIA_CHUNK_BYTES);
    const altered = zip.slice();
    altered[Buffer.from(zip).indexOf(Buffer.from(big.subarray(0, 64))) + MEDIA_CHUNK_BYTES + 5]! ^= 1;
    // Its CRC-32 no longer matches first: unzip would call the file damaged too.
    expect(problem(await verifyArchiveReader(read(altered)))).toMatch(new RegExp(`^文件 ${BIG} 的 CRC-32 校验值（[0-9a-f]{8}）与中央目录记载的 [0-9a-f]{8} 不符，解压工具会报告文件已损坏（违反规则：每个文件的 CRC-32 校验值正确）$`));
  });
});

describe('matching picked files to the register', () => {
  it('by size first, hashing only files of a registered size, then by SHA-256', async () => {
    const register = registeredMedia(backup);
    const hashed: string[] = [];
    const sha = (bytes: Uint8Array) => planArchive(archivableBackup(5, [{ id: 'x', name: 'x', bytes }]), CREATED_AT, ['x']).media[0]!.sha256;
    const files = [
      { name: 'copy-of-small.jpg', size: small.length, bytes: small },
      { name: 'unrelated.bin', size: 7, bytes: new Uint8Array(7) },
      { name: 'same-size-other.jpg', size: small.length, bytes: footageBytes(5000, 5) },
      { name: 'big.mp4', size: big.length, bytes: big },
    ];
    const match = await matchMediaFiles(register, files, (f) => (hashed.push(f.name), Promise.resolve(sha(f.bytes))));
    expect(match.matched.map((m) => [m.mediaId, m.file.name])).toEqual([
      ['m-small', 'copy-of-small.jpg'],
      ['m-big', 'big.mp4'],
    ]);
    expect(match.unmatchedFiles.map((f) => f.name)).toEqual(['unrelated.bin', 'same-size-other.jpg']);
    expect(match.missing.map((m) => m.id)).toEqual(['m-left']);
    // same-size-other.jpg is hashed only while m-small is open; unrelated.bin never.
    expect(hashed).toEqual(['copy-of-small.jpg', 'big.mp4']);
  });
});
