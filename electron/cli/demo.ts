// Node tool (not bundled into the app).
// `npm run demo -- <out.json>`: writes the built-in 示例行动 as an operation backup file,
// the same bytes every time (fixed ids and time), without a database.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { recordCount, serialiseBackup } from '../../shared/archive/backup';
import { buildDemoBackup } from '../../shared/archive/demoBackup';
import { appVersion, EXIT_FAILED, EXIT_USAGE, message, runMain } from './common';

const USAGE = `用法：npm run demo -- <输出文件.json>

把内置的示例行动（虚构的被执行人、指挥部、9 个工作小组和家庭成员）写成行动备份文件，
可在程序中导入，或交给 npm run render 生成文书。编号和时间固定，每次输出相同。

示例：npm run demo -- /tmp/demo.json`;

/** Fixed so the file is reproducible; its date is also the "today" the demo is validated against. */
export const DEMO_NOW = '2026-11-23T10:00:00.000+08:00';

async function main(args: string[]): Promise<number> {
  if (args.length !== 1 || args[0] === '-h' || args[0] === '--help') {
    console.error(USAGE);
    return args[0] === '-h' || args[0] === '--help' ? 0 : EXIT_USAGE;
  }
  const out = path.resolve(args[0]!);
  console.error('正在生成示例行动备份…');
  const backup = buildDemoBackup({ now: DEMO_NOW, appVersion: appVersion() });
  try {
    writeFileSync(out, serialiseBackup(backup), 'utf8');
  } catch (error) {
    console.error(`无法写入 ${out}：${message(error)}`);
    return EXIT_FAILED;
  }
  console.log(`已写入示例行动备份：${out}（${recordCount(backup)} 条记录，裁定书 ${backup.operation.courtRuling.number}）`);
  return 0;
}

runMain(() => main(process.argv.slice(2)));
