// Node (vitest). The built main bundle (out/main, npm run build) started in plain Node with
// Electron faked, from a copy outside the project, so nothing resolves from the project's
// node_modules: the hub starts with it, LevelDB's native module loads from the files the
// build copied beside the bundle (out/main/node_modules), the renderer's /hub/ requests are
// forwarded, and quitting closes the hub. The packaging configuration that ships those
// files is checked against what the bundle needs. Hub port 47764.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NATIVE_MODULES, runtimeClosure } from '../../electron/build/nativeModules';
import { genesisInput } from '../../shared/stations/roster';
import { operator, SimStation } from './stations-helpers';

const projectRoot = path.resolve(__dirname, '..', '..');
const builtMain = path.join(projectRoot, 'out', 'main', 'index.js');
const HUB_PORT = 47764;

describe('the built main bundle', () => {
  it('keeps LevelDB out of the bundle and its runtime files beside it', (ctx) => {
    if (!existsSync(builtMain)) ctx.skip('out/main not built — run npm run build first');
    const bundle = readFileSync(builtMain, 'utf8');
    expect(bundle).toContain('require("leveldown")');
    expect(bundle).not.toContain('node-gyp-build');
    const copied = path.join(projectRoot, 'out', 'main', 'node_modules');
    for (const relative of runtimeClosure(projectRoot, NATIVE_MODULES)) expect(existsSync(path.join(copied, relative, 'package.json')), relative).toBe(true);
    expect(readdirSync(path.join(copied, 'leveldown', 'prebuilds'))).toEqual(expect.arrayContaining(['linux-x64', 'win32-x64']));
    expect(existsSync(path.join(copied, 'leveldown', 'deps'))).toBe(false); // LevelDB's C++ sources are not shipped
  });

  it('starts the hub with the app, in its data folder, with LevelDB loaded from beside the bundle; /hub/ is forwarded; quitting closes it', async (ctx) => {
    if (!existsSync(builtMain)) ctx.skip('out/main not built — run npm run build first');
    const app = mkdtempSync(path.join(os.tmpdir(), 'built-main-'));
    cpSync(path.join(projectRoot, 'out', 'main'), path.join(app, 'out', 'main'), { recursive: true });
    const dataDir = path.join(app, 'data');
    const commander = new SimStation('指挥');
    const genesis = await commander.write(genesisInput(commander.key, '指挥工作站', operator));
    const run = spawnSync(process.execPath, [path.join(projectRoot, 'tests', 'fixtures', 'electron-fake', 'run-main.cjs'), path.join(app, 'out', 'main', 'index.js')], {
      cwd: app,
      env: { PATH: process.env.PATH, ENFORCEMENT_CONSOLE_DATA_DIR: dataDir, ENFORCEMENT_CONSOLE_HUB_PORT: String(HUB_PORT), GENESIS: JSON.stringify(genesis) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const seen = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, any>;
    expect(seen.status).toMatchObject({ state: 'running', port: HUB_PORT, lanOpen: false });
    expect(seen.opened).toEqual({ op: genesis.op, db: expect.stringMatching(/^op_/) });
    expect(seen.proxyRoot).toMatchObject({ status: 200, body: { couchdb: 'Welcome' } });
    expect(seen.proxyInfo).toMatchObject({ status: 200, body: { db_name: seen.opened.db, doc_count: 1 } });
    // leveldown and its native library came from the copy beside the bundle.
    const native = (seen.leveldown as string[]).filter((p) => p.endsWith('.node'));
    expect(native.length).toBe(1);
    expect(native[0]!.startsWith(path.join(app, 'out', 'main', 'node_modules', 'leveldown', 'prebuilds'))).toBe(true);
    expect(readdirSync(path.join(dataDir, 'hub', seen.opened.db))).toEqual(expect.arrayContaining(['CURRENT', 'LOCK']));
    expect(seen.listeningAfterQuit).toBe(false);
  }, 90_000);
});

describe('packaging (electron-builder, package.json "build")', () => {
  const build = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { build: Record<string, unknown> }).build;

  it('packs the native modules copied beside the main bundle, and unpacks their .node files from the ASAR', () => {
    expect(build['files']).toEqual(expect.arrayContaining(['out/main/**', 'out/main/node_modules/**', '!node_modules/**']));
    // The positive node_modules pattern must follow the exclusion, as electron-builder reads them in order.
    const files = build['files'] as string[];
    expect(files.indexOf('out/main/node_modules/**')).toBeGreaterThan(files.indexOf('!node_modules/**'));
    expect(build['asarUnpack']).toEqual(['out/main/node_modules/**/*.node']);
  });

  it('does not rebuild native modules for Electron: leveldown is N-API and ships prebuilt binaries for the targets', () => {
    expect(build['npmRebuild']).toBe(false);
    const prebuilds = path.join(projectRoot, 'node_modules', 'leveldown', 'prebuilds');
    expect(readdirSync(path.join(prebuilds, 'win32-x64'))).toContain('node.napi.node');
    expect(readdirSync(path.join(prebuilds, 'linux-x64'))).toContain('node.napi.glibc.node');
  });
});
