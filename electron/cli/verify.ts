// Node tool (not bundled into the app).
// `npm run verify -- <archive.zip>`: checks an archive (一户一档) without the app. Exit 0 and
// a summary when every rule holds; exit 1 naming the first problem. Reads only.
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { isEncrypted } from '../../shared/archive/encryption';
import type { VerifiedDocument } from '../../shared/archive/verifyArchive';
import { verifyArchiveReader } from '../../shared/archive/verifyStream';
import { chainHeadLine } from '../../shared/log/head';
import { EXIT_FAILED, EXIT_USAGE, message, runMain } from './common';

const USAGE = `用法：npm run verify -- <归档.zip>

独立核验 npm run archive 或程序导出的归档（一户一档）：每个文件与 manifest.json 记载的
SHA-256 一致、没有缺少或多出的文件、执行日志的哈希链完整且与清单记载的链头一致、
每份文书所印的日志链头是归档日志中的那一条、归档的音像文件与音像资料登记表一致。
全部通过时退出码为 0，否则为 1 并指出发现的第一个问题。不写入任何文件。

示例：npm run verify -- /tmp/一户一档.zip`;

/** Each document and the log head its PDF prints, which the verifier found in the log. */
function documentLines(documents: readonly VerifiedDocument[]): string[] {
  if (documents.length === 0) return ['已签发文书：无'];
  return [
    `已签发文书：${documents.length} 份`,
    ...documents.map(
      (d) => `  《${d.title}》${d.number} 第 ${d.version} 版：${d.chainHead ? `所印日志链头第 ${d.chainHead.seq} 条，与归档日志一致` : '未记载所印日志链头'}（${d.file}）`,
    ),
  ];
}

async function main(args: string[]): Promise<number> {
  if (args[0] === '-h' || args[0] === '--help') {
    console.log(USAGE);
    return 0;
  }
  if (args.length !== 1) {
    console.error(USAGE);
    return EXIT_USAGE;
  }
  const file = args[0]!;
  let handle: FileHandle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    console.error(`无法读取归档 ${file}：${message(error)}`);
    return EXIT_FAILED;
  }
  // Read piece by piece: an archive with gigabytes of footage is never in memory whole.
  let verdict;
  try {
    const { size } = await handle.stat();
    const start = new Uint8Array(Math.min(size, 64));
    await handle.read(start, 0, start.length, 0);
    if (isEncrypted(start)) {
      console.error(`${file} 是加密的归档（age 格式）。请先用导出时设定的口令解密，再核验解密后的 ZIP：\n  age -d -o 一户一档.zip "${file}"\n  npm run verify -- 一户一档.zip`);
      return EXIT_FAILED;
    }
    verdict = await verifyArchiveReader(
      {
        size,
        read: async (offset, length) => {
          const buffer = new Uint8Array(length);
          const { bytesRead } = await handle.read(buffer, 0, length, offset);
          return buffer.subarray(0, bytesRead);
        },
      },
      { createSha256: () => createHash('sha256'), crc32 },
    );
  } finally {
    await handle.close();
  }
  if (!verdict.ok) {
    console.error(`核验未通过：${verdict.problem}`);
    return EXIT_FAILED;
  }
  const { summary } = verdict;
  console.log(
    [
      `核验通过：${file}`,
      `行动：${summary.operationId}（归档于 ${summary.createdAt}）`,
      `文件：${summary.files} 个，均与清单记载的 SHA-256 一致`,
      `执行日志：${summary.logCount} 条，哈希链完整`,
      ...(summary.head ? [chainHeadLine(summary.head)] : []),
      ...(summary.mediaFiles > 0 ? [`音像文件：${summary.mediaFiles} 个，均与音像资料登记表记载的 SHA-256 一致`] : []),
      ...(summary.formatVersion === 1 ? ['（旧格式归档：清单未记载文书所印的日志链头）'] : documentLines(summary.documents)),
    ].join('\n'),
  );
  return 0;
}

runMain(() => main(process.argv.slice(2)));
