// Node tool (not bundled into the app).
// `npm run demo -- <out.json> [--stage planned|served|executed|reported] [--today YYYY-MM-DD]`:
// writes the built-in 示例行动 carried through the procedure to the given stage (default: the
// complete operation, reported to the court) as an operation backup file with three stations'
// signed entries. Every act goes through the app's own decisions at fixed times with fixed demo
// keys, so the file is the same bytes every run for the same arguments. --today computes every
// date from the day the file is exported (shared/demo/dates.ts), so the demo is lawful whenever
// it is made.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordCount, serialiseBackup } from '../../shared/archive/backup';
import { appVersion, cliFonts, EXIT_FAILED, EXIT_USAGE, importWithVite, message, runMain } from './common';

type Sequence = typeof import('../../shared/demo/sequence');
const STAGES = ['planned', 'served', 'executed', 'reported'] as const;
type Stage = (typeof STAGES)[number];

const USAGE = `用法：npm run demo -- <输出文件.json> [--stage planned|served|executed|reported] [--today YYYY-MM-DD]

把内置的示例行动（虚构的被执行人、指挥部、9 个工作小组和家庭成员）按执行流程推进到指定阶段，
写成行动备份文件（含三台工作站的签名记录），可在程序中导入，交给 npm run render 生成文书，
或用 npm run archive 归档后以 npm run verify 核验。编号、时间和密钥固定，同样的参数每次输出相同。

阶段（每个阶段包含之前的全部步骤）：
  planned   预案定稿（催告、陈述申辩、执行预备会已记录）
  served    告知书、强制拆除通知书送达，公告签发并张贴
  executed  执行日：到岗、宣布开始、清登公证、拆除、宣布完毕，录像登记
  reported  情况报告签发（默认）

--today YYYY-MM-DD：以该日为“今天”（导出文件之日，即该阶段最后一步的日期）推算全部日期，
  按当年的节假日和调休安排逐条满足法定期间，文号、文件名中的年份随之变化：
  planned   今天预案定稿；执行日在今天之后：告知书期限、公告期限届满及强制拆除通知书送达满 15 日后的第一个工作日
  served    今天张贴公告；执行日同上，在公告期限届满之后
  executed  今天登记公证书和费用；执行日是今天之前最后一个工作日（情况报告仍在执行完毕后五日内）
  reported  同 executed，今天签发情况报告
  此前的催告（十个工作日）、申请（起诉期限届满后三个月内）、裁定也按规则倒推。
  可用范围 2026-02-01 至 2100-10-31。不写 --today 时使用固定日期（执行日 2026年12月8日，星期二）。

示例：npm run demo -- /tmp/demo.json
      npm run demo -- /tmp/demo-served.json --stage served
      npm run demo -- /tmp/demo-today.json --today 2027-03-15`;

type Parsed = { out: string; stage: Stage; today?: string } | { error: string };

/** The arguments, or why they are wrong (the message printed above the usage). */
function parseArgs(args: string[]): Parsed {
  const options = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg !== '--stage' && arg !== '--today') {
      rest.push(arg);
      continue;
    }
    const value = args[i + 1];
    if (value === undefined || value.startsWith('--')) return { error: arg === '--today' ? '--today 需要 YYYY-MM-DD 格式的日期' : '--stage 需要阶段名称' };
    if (options.has(arg)) return { error: `${arg} 只能写一次` };
    options.set(arg, value);
    i += 1;
  }
  if (rest.length !== 1) return { error: rest.length === 0 ? '请指定输出文件' : `多余的参数：${rest.slice(1).join(' ')}` };
  const stage = options.get('--stage') ?? 'reported';
  if (!STAGES.includes(stage as Stage)) return { error: `未知的阶段“${stage}”` };
  const today = options.get('--today');
  if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) return { error: `--today 需要 YYYY-MM-DD 格式的日期，如 2026-12-09（收到“${today}”）` };
  return { out: rest[0]!, stage: stage as Stage, ...(today === undefined ? {} : { today }) };
}

async function main(args: string[]): Promise<number> {
  if (args[0] === '-h' || args[0] === '--help') {
    console.log(USAGE);
    return 0;
  }
  const parsed = parseArgs(args);
  const usage = (error: string) => {
    console.error(`${error}\n\n${USAGE}`);
    return EXIT_USAGE;
  };
  if ('error' in parsed) return usage(parsed.error);
  const { buildDemoOperation, DEFAULT_DEMO_DATES, demoDates, demoStageLabels } = await importWithVite<Sequence>('shared/demo/sequence.ts');
  // A day that is no date, or one the calendar cannot carry the demo to, is refused before any work.
  let dates;
  try {
    dates = parsed.today === undefined ? DEFAULT_DEMO_DATES : demoDates(parsed.today, parsed.stage);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return usage(`--today ${error.message}`);
  }
  const fonts = await cliFonts(null);
  if (!fonts) return EXIT_FAILED;
  const out = path.resolve(parsed.out);
  console.error(`正在生成示例行动备份（${demoStageLabels[parsed.stage]}），签发文书需要排版 PDF，请稍候…`);
  let backup;
  try {
    backup = await buildDemoOperation({ stage: parsed.stage, fonts, appVersion: appVersion(), ...(parsed.today === undefined ? {} : { today: parsed.today }) });
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
    `已写入示例行动备份：${out}（${demoStageLabels[parsed.stage]}；执行日 ${dates.enforcementOn}；${recordCount(backup)} 条记录，${stations} 台工作站的签名记录 ${backup.stationEntries?.length ?? 0} 条，裁定书 ${backup.operation.courtRuling.number}）`,
  );
  return 0;
}

runMain(() => main(process.argv.slice(2)));
