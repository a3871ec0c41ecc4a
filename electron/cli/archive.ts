// Node tool (not bundled into the app).
// `npm run archive -- <backup.json> <out.zip> [--media <folder>]`: builds the verifiable
// archive (一户一档) of an operation backup file with its index PDF, streamed to the ZIP file
// chunk by chunk; with --media, the registered footage found in the folder goes in too.
import { createHash } from 'node:crypto';
import { createReadStream, readdirSync, rmSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { matchMediaFiles, planArchive, registeredMedia, writeArchiveZip, type MediaSource } from '../../shared/archive/archive';
import type { OperationBackup } from '../../shared/archive/backup';
import { chinaInstant } from '../../shared/calendar/chinaTime';
import { shortKey } from '../../shared/stations/signer';
import { EXIT_FAILED, EXIT_USAGE, importWithVite, message, cliFonts, readBackupFile, runMain } from './common';

type ArchiveIndex = typeof import('../../shared/documents/archiveIndex');

const USAGE = `用法：npm run archive -- <备份文件.json> <输出文件.zip> [--media <音像文件夹>]

从行动备份文件生成可核验的归档（一户一档）ZIP：档案目录（PDF）、已签发文书的 PDF、
执行日志（log.jsonl）、各工作站的签名记录链（stations/）及名册和检查点（stations.json）、
音像资料登记表、物品清单、送达和张贴记录，以及记载每个文件 SHA-256、日志链头、各工作站
链头、最新检查点和每份文书所印链头的 manifest.json。
--media：在该文件夹（含子文件夹）中按大小和 SHA-256 查找登记过的音像文件，一并归档；
找不到的登记会列出，归档仍会生成（不含这些文件）。
生成后可用 npm run verify -- <归档.zip> 独立核验。

示例：npm run archive -- /tmp/demo.json /tmp/一户一档.zip --media /mnt/执法记录仪`;

interface FoundFile {
  path: string;
  size: number;
}

function filesUnder(folder: string): FoundFile[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort()
    .map((file) => ({ path: file, size: statSync(file).size }));
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/** The register's footage found in the folder; prints what was and was not found. */
async function findMedia(backup: OperationBackup, folder: string): Promise<Map<string, string>> {
  const register = registeredMedia(backup);
  const match = await matchMediaFiles(register, filesUnder(folder), (f) => sha256File(f.path));
  const nameOf = (id: string) => String(backup.media.find((m) => m.id === id)?.['originalName'] ?? id);
  for (const m of match.matched) console.error(`找到音像文件：${nameOf(m.mediaId)} ← ${m.file.path}`);
  if (match.missing.length > 0) {
    console.error(`以下 ${match.missing.length} 条音像登记在 ${folder} 中没有找到（大小和 SHA-256 一致的文件），归档中不含其文件：`);
    for (const m of match.missing) console.error(`  · ${nameOf(m.id)}（${m.size} 字节，SHA-256 ${m.sha256}）`);
  }
  return new Map(match.matched.map((m) => [m.mediaId, m.file.path]));
}

async function fileSource(mediaId: string, file: string, handles: FileHandle[]): Promise<MediaSource> {
  const handle = await open(file, 'r');
  handles.push(handle);
  const { size } = await handle.stat();
  return {
    mediaId,
    size,
    read: async (offset, length) => {
      const buffer = new Uint8Array(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    },
  };
}

function parseArgs(args: string[]): { file: string; out: string; media?: string } | null {
  const at = args.indexOf('--media');
  const media = at >= 0 ? args[at + 1] : undefined;
  const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
  if (rest.length !== 2 || (at >= 0 && !media)) return null;
  return { file: rest[0]!, out: rest[1]!, ...(media ? { media } : {}) };
}

async function main(args: string[]): Promise<number> {
  if (args[0] === '-h' || args[0] === '--help') {
    console.log(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  if (!parsed) {
    console.error(USAGE);
    return EXIT_USAGE;
  }
  const backup = readBackupFile(parsed.file);
  if (!backup) return EXIT_FAILED;
  if (parsed.media && !statSync(parsed.media, { throwIfNoEntry: false })?.isDirectory()) {
    console.error(`找不到音像文件夹 ${parsed.media}`);
    return EXIT_FAILED;
  }
  const fonts = await cliFonts(null);
  if (!fonts) return EXIT_FAILED;

  const out = path.resolve(parsed.out);
  const now = new Date();
  const handles: FileHandle[] = [];
  let target: FileHandle | undefined;
  let created = false;
  let written = 0;
  try {
    const found = parsed.media ? await findMedia(backup, parsed.media) : new Map<string, string>();
    const plan = planArchive(backup, chinaInstant(now), [...found.keys()]);
    const { archiveIndexData, renderArchiveIndex } = await importWithVite<ArchiveIndex>('shared/documents/archiveIndex/index.ts');
    const index = await renderArchiveIndex(archiveIndexData(plan), fonts);
    const media = await Promise.all([...found].map(([id, file]) => fileSource(id, file, handles)));
    const sink = await open(out, 'w');
    target = sink;
    created = true;
    await writeArchiveZip(plan, index, {
      modifiedAt: now,
      media,
      createSha256: () => createHash('sha256'),
      onChunk: async (chunk) => {
        await sink.write(chunk);
        written += chunk.length;
      },
    });
    await sink.close();
    target = undefined;
    const mediaNote = plan.media.length > 0 ? `，含音像文件 ${plan.media.length} 个` : '';
    const { writers, checkpoint, refused } = plan.stations;
    const stationsNote = writers.length > 0 ? `，${writers.length} 个工作站的签名记录 ${writers.reduce((n, w) => n + w.count, 0)} 条` : '';
    console.log(`已写入归档 ${out}（${plan.items.length + 2} 个文件${mediaNote}，日志 ${plan.log.count} 条${stationsNote}，${Math.ceil(written / 1024)} KB）`);
    if (checkpoint) console.log(`  最新检查点：工作站 ${shortKey(checkpoint.writer)} 第 ${checkpoint.seq} 条，${checkpoint.countersigners.length} 个工作站会签`);
    if (refused > 0) console.log(`  名册不予接受的记录 ${refused} 条，另存于 stations/refused.jsonl`);
    for (const d of plan.documents) {
      const station = d.chainHead?.writer ? `工作站 ${shortKey(d.chainHead.writer)} ` : '';
      console.log(`  《${d.title}》${d.number} 第 ${d.version} 版${d.chainHead ? `，所印日志链头：${station}第 ${d.chainHead.seq} 条` : ''}`);
    }
    return 0;
  } catch (error) {
    await target?.close();
    // A half-written archive must not be mistaken for one.
    if (created) rmSync(out, { force: true });
    console.error(`无法生成归档 ${out}：${message(error)}`);
    return EXIT_FAILED;
  } finally {
    await Promise.all(handles.map((h) => h.close()));
  }
}

runMain(() => main(process.argv.slice(2)));
