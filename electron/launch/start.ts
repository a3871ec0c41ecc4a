// Node launcher (not bundled into the app).
// Entry point of `npm start` and `npm run web`; see launcher.ts for what it does.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lookupElectron } from './electron-binary';
import { runLauncher } from './launcher';

const projectRoot = path.resolve(__dirname, '..', '..');

// `on`, not `once`: a signal to the process group reaches this process twice (directly and
// relayed by tsx); a second one must not kill it while it is closing the hub and the server.
const stopRequested = new Promise<void>((resolve) => {
  process.on('SIGINT', () => resolve());
  process.on('SIGTERM', () => resolve());
});

runLauncher(process.argv.slice(2), {
  projectRoot,
  platform: process.platform,
  env: process.env,
  home: os.homedir(),
  uid: process.getuid?.(),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  lookupElectron: () => lookupElectron(projectRoot, (text) => console.error(text)),
  exists: existsSync,
  stopRequested,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`启动失败：${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
