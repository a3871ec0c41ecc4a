// Node tool (not bundled into the app).
// `npm run render -- <backup.json> <kind> <out.pdf>`: prints one kind of document of an
// operation backup file to a PDF, with the same layout code and fonts as the app.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chinaInstant } from '../../shared/calendar/chinaTime';
import { EXIT_FAILED, EXIT_USAGE, loadDocumentRegistry, message, cliFonts, readBackupFile, runMain, takeFontDirOption } from './common';

async function main(argv: string[]): Promise<number> {
  const { args, fontDir } = takeFontDirOption(argv);
  const { documentKinds, documentKindTitle, isDocumentKind, renderDocumentKind } = await loadDocumentRegistry();
  const kindList = () => documentKinds.map((k) => `  ${k.padEnd(16)}${documentKindTitle(k)}`).join('\n');

  const usage = () => `用法：npm run render -- <备份文件.json> <文书种类> <输出文件.pdf>
      npm run render -- --list

从行动备份文件（程序“导出备份”或 npm run demo 生成）生成文书 PDF。
预案和任务卡依据最新的定稿版本；尚无定稿时依据草稿，并在输出中注明。
告知书和公告输出最新一份已签发文书签发时固定的 PDF（先核对其 SHA-256，不符即拒绝输出）；
尚未签发时依据草稿生成无文号的草稿，并在输出中注明。
送达回证对应现行（未被更正）的已签发告知书，每名被执行人一页，依据其送达记录填写；尚未送达的为空白表格。
催告及申请执行情况记录、陈述申辩及答复记录输出记录时固定的 PDF。
字体：--font-dir=<文件夹> 指定单位字体文件夹（仿宋_GB2312、方正小标宋简体等），其次用 Windows 字体文件夹
和本机字体文件夹中的字体，都没有时用内置 Noto Serif SC；所用字体记在 PDF 文档属性（关键词）中。

文书种类：
${kindList()}

示例：npm run render -- /tmp/demo.json plan /tmp/预案.pdf`;

  if (args[0] === '-h' || args[0] === '--help') {
    console.log(usage());
    return 0;
  }
  // One kind per line: its code, a tab, its printed name (for scripts and for people).
  if (args[0] === '--list' && args.length === 1) {
    console.log(documentKinds.map((k) => `${k}\t${documentKindTitle(k)}`).join('\n'));
    return 0;
  }
  if (args.length !== 3) {
    console.error(usage());
    return EXIT_USAGE;
  }
  const [file, kind, outArg] = args as [string, string, string];
  if (!isDocumentKind(kind)) {
    console.error(`不认识的文书种类“${kind}”。可用的种类：\n${kindList()}`);
    return EXIT_USAGE;
  }

  const backup = readBackupFile(file);
  if (!backup) return EXIT_FAILED;

  const fonts = await cliFonts(fontDir);
  if (!fonts) return EXIT_FAILED;

  const out = path.resolve(outArg);
  console.error(`正在生成《${documentKindTitle(kind)}》…`);
  try {
    const { bytes, source } = await renderDocumentKind(kind, backup, fonts, {
      printedAt: chinaInstant(new Date()),
      sha256: (bytes) => Promise.resolve(createHash('sha256').update(bytes).digest('hex')),
    });
    writeFileSync(out, bytes);
    console.log(source);
    console.log(`已写入 ${out}（${Math.ceil(bytes.length / 1024)} KB）`);
  } catch (error) {
    console.error(`生成失败：${message(error)}`);
    return EXIT_FAILED;
  }
  return 0;
}

runMain(() => main(process.argv.slice(2)));
