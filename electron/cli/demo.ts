// Node tool (not bundled into the app).
// `npm run demo -- <out.json> [--stage planned|served|executed|reported]`: writes the built-in
// 示例行动 carried through the procedure to the given stage (default: the complete operation,
// reported to the court) as an operation backup file with three stations' signed entries. Every
// act goes through the app's own decisions at fixed times with fixed demo keys, so the file is
// the same bytes every run.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordCount, serialiseBackup } from '../../shared/archive/backup';
import { appVersion, cliFonts, EXIT_FAILED, EXIT_USAGE, importWithVite, message, runMain } from './common';

type Sequence = typeof import('../../shared/demo/sequence');
const STAGES = ['planned', 'served', 'executed', 'reported'] as const;

const USAGE = `用法：npm run demo -- <输出文件.json> [--stage planned|served|executed|reported]

把内置的示例行动（虚构的被执行人、指挥部、9 个工作小组和家庭成员）按执行流程推进到指定阶段，
写成行动备份文件（含三台工作站的签名记录），可在程序中导入，交给 npm run render 生成文书，
或用 npm run archive 归档后以 npm run verify 核验。编号、时间和密钥固定，每次输出相同。

阶段（每个阶段包含之前的全部步骤）：
  planned   预案定稿（催告、陈述申辩、执行预备会已记录）
  served    告知书、强制拆除通知书送达，公告签发并张贴
  executed  执行日：到岗、宣布开始、清登公证、拆除、宣布完毕，录像登记
  reported  情况报告签发（默认）

示例：npm run demo -- /tmp/demo.json
      npm run demo -- /tmp/demo-served.json --stage served`;

function parseArgs(args: string[]): { out: string; stage: (typeof STAGES)[number] } | null {
  const at = args.indexOf('--stage');
  const stage = at >= 0 ? args[at + 1] : 'reported';
  const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
  if (rest.length !== 1 || !STAGES.includes(stage as (typeof STAGES)[number])) return null;
  return { out: rest[0]!, stage: stage as (typeof STAGES)[number] };
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
  const fonts = await cliFonts(null);
  if (!fonts) return EXIT_FAILED;
  const out = path.resolve(parsed.out);
  const { buildDemoOperation, demoStageLabels } = await importWithVite<Sequence>('shared/demo/sequence.ts');
  console.error(`正在生成示例行动备份（${demoStageLabels[parsed.stage]}），签发文书需要排版 PDF，请稍候…`);
  let backup;
  try {
    backup = await buildDemoOperation({ stage: parsed.stage, fonts, appVersion: appVersion() });
  } catch (error) {
    console.error(`生成示例行动失败：${message(error)}`);
    return EXIT_FAILED;
  }
  try {
    writeFileSync(out, serialiseBackup(backup), 'utf8');
  } catch (error) {
    console.error(`无法写入 ${out}：${message(error)}`);
    return EXIT_FAILED;
  }
  const stations = new Set((backup.stationEntries ?? []).map((e) => e['writer'])).size;
  console.log(
    `已写入示例行动备份：${out}（${demoStageLabels[parsed.stage]}；${recordCount(backup)} 条记录，${stations} 台工作站的签名记录 ${backup.stationEntries?.length ?? 0} 条，裁定书 ${backup.operation.courtRuling.number}）`,
  );
  return 0;
}

runMain(() => main(process.argv.slice(2)));
