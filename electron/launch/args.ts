// Node launcher (not bundled into the app).
// Pure: command-line flags of `npm start` / `npm run web`.

export interface LaunchOptions {
  /** Skip Electron and serve the app to a browser. */
  browser: boolean;
  /** Serve only; don't start a browser (tests). */
  noOpen: boolean;
  /** Keep serving after the browser window closes. */
  keepServing: boolean;
  /** Non-default port (tests only: browser data belongs to the origin, so to the port). */
  port: number | undefined;
}

export const USAGE = [
  '用法 (usage): npm start -- [--browser] [--no-open] [--keep-serving] [--port N]（npm run web 即带 --browser）',
  '  --browser       不启动 Electron，直接用浏览器模式打开',
  '  --no-open       浏览器模式下只提供服务，不打开浏览器（测试用）',
  '  --keep-serving  浏览器窗口关闭后继续提供服务',
  '  --port N        使用其他端口（仅测试用：浏览器数据按端口分开保存）',
].join('\n');

export type ParsedArgs = { ok: true; options: LaunchOptions } | { ok: false; error: string };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: LaunchOptions = { browser: false, noOpen: false, keepServing: false, port: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '--browser':
        options.browser = true;
        break;
      case '--no-open':
        options.noOpen = true;
        break;
      case '--keep-serving':
        options.keepServing = true;
        break;
      case '--port': {
        const value = argv[++i];
        const port = Number(value);
        if (value === undefined || !/^\d+$/.test(value) || port < 1 || port > 65535) {
          return { ok: false, error: `--port 需要 1–65535 之间的端口号，收到：${value ?? '（无）'}` };
        }
        options.port = port;
        break;
      }
      default:
        return { ok: false, error: `未知参数：${arg}` };
    }
  }
  return { ok: true, options };
}
