// Node (dev tool). Runs Electronegativity over the Electron main process and preload, and
// fails on any finding not justified in place by an `eng-disable CHECK — reason` comment.
// Electronegativity itself exits 0 whatever it finds, hence this wrapper.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import run, { type Issue } from '@doyensec/electronegativity';
import { CspEvaluator, CspParser, Version, severities } from '@doyensec/csp-evaluator';

const repo = resolve(__dirname, '../..');

/**
 * What is scanned, as one app: main and preload, plus the page the window loads so that
 * the tool sees its Content-Security-Policy. electron/launch is a dev launcher, not the app.
 */
const SCANNED = ['electron/main', 'electron/preload', 'renderer/index.html'];

/** Checks left out, each with the reason. */
const EXCLUDED: Record<string, string> = {
  // Downloads Electron's release list to look for newer security releases: needs the network.
  AvailableSecurityFixesGlobalCheck: '需要联网查询 Electron 发行版本',
};

/**
 * Findings that cannot carry an `eng-disable` comment (global ones, or in a file outside
 * electron/), each accepted only under a precise condition and with the reason.
 */
const ACCEPTED: Array<{ id: string; reason: string; applies: (issue: Issue) => boolean }> = [
  {
    // csp-evaluator warns that 'self' is unsafe on a site hosting JSONP or user uploads.
    // 'self' here is app://console, which serves only the built app (electron/main/protocol.ts).
    // It also predates 'wasm-unsafe-eval' (CSP Level 3: WebAssembly compilation only, needed by
    // the PDF layout engine) and calls it an invalid keyword. Any other weakness still fails.
    id: 'CSP_GLOBAL_CHECK',
    reason:
      "script-src 'self' 仅指 app://console，只提供打包后的程序文件，没有 JSONP 或用户上传内容；'wasm-unsafe-eval' 仅允许编译 WebAssembly（PDF 排版引擎），不允许 eval",
    applies: (issue) => issue.sample !== undefined && onlyKnownScriptFindings(issue.sample),
  },
];

function onlyKnownScriptFindings(policy: string): boolean {
  const findings = new CspEvaluator(new CspParser(policy).csp, Version.CSP3)
    .evaluate()
    .filter((f) => f.severity < severities.INFO);
  const known = (f: (typeof findings)[number]) =>
    f.directive === 'script-src' &&
    ((f.value === "'self'" && f.severity === severities.MEDIUM_MAYBE) ||
      (f.value === "'wasm-unsafe-eval'" && f.severity === severities.SYNTAX));
  return findings.length > 0 && findings.every(known);
}

/** `eng-disable NAMES — why` (or `: why`): a suppression with no reason is itself a finding. */
const SUPPRESSION = /eng-disable\b/;
const JUSTIFIED = /eng-disable[ \t]+[A-Za-z_]+(?:[ \t,]+[A-Za-z_]+)*[ \t]*(?:—|--|:)[ \t]*\S/;

function listFiles(path: string): string[] {
  try {
    return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? listFiles(join(path, entry.name)) : [join(path, entry.name)],
    );
  } catch {
    return [path];
  }
}

function unjustifiedSuppressions(): string[] {
  return SCANNED.flatMap((part) => listFiles(join(repo, part)))
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, where: `${relative(repo, file)}:${i + 1}` })),
    )
    .filter(({ line }) => SUPPRESSION.test(line) && !JUSTIFIED.test(line))
    .map(({ where }) => `${where}：eng-disable 缺少理由（格式：eng-disable 检查名 — 理由）`);
}

async function main(): Promise<number> {
  // Scan a copy holding only the scanned parts, so that one run sees main, preload and page together.
  const stage = mkdtempSync(join(tmpdir(), 'electronegativity-'));
  try {
    for (const part of SCANNED) cpSync(join(repo, part), join(stage, part), { recursive: true });
    const electronVersion = (JSON.parse(readFileSync(join(repo, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
    const result = await run(
      {
        input: stage,
        customScan: [],
        excludeFromScan: Object.keys(EXCLUDED).map((name) => name.toLowerCase()),
        parserPlugins: [],
        electronVersionOverride: electronVersion,
      },
      false,
    );
    const where = (file: string) => (file === 'N/A' ? '（全局）' : relative(stage, file));
    // A file the tool could not parse was not checked at all: that fails the audit too.
    const problems = [
      ...result.errors.map((e) => `${where(e.file)}：无法解析（${e.message}）`),
      ...result.issues
        .filter((issue) => !ACCEPTED.some((a) => a.id === issue.id && a.applies(issue)))
        .map((i) => `${i.id}  ${where(i.file)}:${i.location.line}:${i.location.column}  ${i.description}`),
      ...unjustifiedSuppressions(),
    ];
    console.log(
      `Electronegativity ${result.globalChecks + result.atomicChecks} 项检查（Electron ${electronVersion}），扫描：${SCANNED.join('、')}`,
    );
    for (const [check, reason] of Object.entries(EXCLUDED)) console.log(`  未运行 ${check}：${reason}`);
    for (const { id, reason } of ACCEPTED) console.log(`  已接受 ${id}（若出现）：${reason}`);
    if (problems.length === 0) {
      console.log('未发现问题（已说明理由的抑制除外）。');
      return 0;
    }
    console.error(`发现 ${problems.length} 个未说明理由的问题：`);
    for (const problem of problems) console.error(`  ${problem}`);
    return 1;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Electronegativity 审计无法运行：', error);
    process.exit(2);
  },
);
