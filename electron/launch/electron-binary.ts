// Node launcher (not bundled into the app).
// Finds the Electron executable without risking the launcher itself.
import { spawn } from 'node:child_process';

export type ElectronLookup = { ok: true; path: string } | { ok: false; reason: string };

/** Enough for a first-run download of the Electron binary on a slow line. */
export const ELECTRON_LOOKUP_TIMEOUT_MS = 5 * 60 * 1000;
/** Progress is shown only after this long, so a quick offline failure stays a single line. */
const PROGRESS_DELAY_MS = 1500;

const PATH_MARKER = '@@electron-path@@';
// `require('electron')` downloads the binary on first use and throws when it can't,
// so it runs in a child: a hang or a crash there can't take the launcher down.
const CHILD_SCRIPT = `process.stdout.write('\\n${PATH_MARKER}' + require('electron') + '\\n')`;

const NETWORK_ERROR = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo/;

/** Pure. One short reason from the child's stderr: the first error line is the root cause. */
export function describeLookupFailure(stderr: string, exitCode: number | null): string {
  const lines = stderr.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  const errorLine = lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? lines[0];
  if (errorLine === undefined) return `获取 Electron 的进程退出，代码 ${exitCode ?? '未知'}`;
  if (NETWORK_ERROR.test(stderr)) return `下载 Electron 失败，无法联网（${errorLine}）`;
  return errorLine;
}

/** Pure. The executable path from the child's stdout, if it got that far. */
export function parseLookupOutput(stdout: string): string | undefined {
  const line = stdout.split(/\r?\n/).find((l) => l.startsWith(PATH_MARKER));
  return line?.slice(PATH_MARKER.length) || undefined;
}

export function lookupElectron(
  projectRoot: string,
  progress: (text: string) => void,
  timeoutMs = ELECTRON_LOOKUP_TIMEOUT_MS,
): Promise<ElectronLookup> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', CHILD_SCRIPT], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    });
    let stdout = '';
    let stderr = '';
    let shown = 0;
    let showing = false;
    // Download messages come on stdout, whole lines at a time; the marker line is ours.
    const showProgress = () => {
      const end = stdout.lastIndexOf('\n') + 1;
      if (end <= shown) return;
      const lines = stdout.slice(shown, end).split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith(PATH_MARKER));
      shown = end;
      if (lines.length > 0) progress(lines.join('\n'));
    };
    const progressTimer = setTimeout(() => {
      showing = true;
      showProgress();
    }, PROGRESS_DELAY_MS);
    let timedOut = false;
    const killTimer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (showing) showProgress();
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const finish = (result: ElectronLookup) => {
      clearTimeout(progressTimer);
      clearTimeout(killTimer);
      resolve(result);
    };
    child.on('error', (err) => finish({ ok: false, reason: err.message }));
    child.on('close', (code) => {
      const found = parseLookupOutput(stdout);
      if (timedOut) finish({ ok: false, reason: `获取 Electron 超时（${Math.round(timeoutMs / 1000)} 秒）` });
      else if (code === 0 && found) finish({ ok: true, path: found });
      else finish({ ok: false, reason: describeLookupFailure(stderr, code) });
    });
  });
}
