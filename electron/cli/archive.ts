// Node tool (not bundled into the app).
// `npm run archive -- <backup.json> <out.zip>`: builds the verifiable archive (一户一档) of an
// operation backup file, streamed to the ZIP file chunk by chunk.
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { archiveFiles, writeArchiveZip } from '../../shared/archive/archive';
import { chinaInstant } from '../../shared/calendar/chinaTime';
import { EXIT_FAILED, EXIT_USAGE, message, readBackupFile, runMain } from './common';

const USAGE = `用法：npm run archive -- <备份文件.json> <输出文件.zip>

从行动备份文件生成可核验的归档（一户一档）ZIP：已签发文书的 PDF、执行日志（log.jsonl）、
音视频登记、物品清单、送达和张贴记录，以及记载每个文件 SHA-256 和日志链头的 manifest.json。
生成后可用 npm run verify -- <归档.zip> 独立核验。

示例：npm run archive -- /tmp/demo.json /tmp/一户一档.zip`;

async function main(args: string[]): Promise<number> {
  if (args[0] === '-h' || args[0] === '--help') {
    console.log(USAGE);
    return 0;
  }
  if (args.length !== 2) {
    console.error(USAGE);
    return EXIT_USAGE;
  }
  const [file, outArg] = args as [string, string];
  const backup = readBackupFile(file);
  if (!backup) return EXIT_FAILED;

  const out = path.resolve(outArg);
  const now = new Date();
  const files = archiveFiles(backup, chinaInstant(now));
  let fd: number | undefined;
  let written = 0;
  try {
    fd = openSync(out, 'w');
    const target = fd;
    writeArchiveZip(files, now, (chunk) => {
      writeSync(target, chunk);
      written += chunk.length;
    });
    closeSync(target);
    fd = undefined;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    // A half-written archive must not be mistaken for one.
    rmSync(out, { force: true });
    console.error(`无法写入 ${out}：${message(error)}`);
    return EXIT_FAILED;
  }
  const log = backup.logEntries.length;
  console.log(`已写入归档 ${out}（${files.length} 个文件，日志 ${log} 条，${Math.ceil(written / 1024)} KB）`);
  return 0;
}

runMain(() => main(process.argv.slice(2)));
