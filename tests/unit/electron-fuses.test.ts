// Node (vitest). The packaged build's Electron fuses (issue 16, point 6). No packaged build can be
// made on these machines (no Electron binary), so the build configuration's own afterPack hook
// is run, as electron-builder runs it, on a stub "binary" carrying the fuse sentinel and
// Electron's default wire; @electron/fuses then reads the fuses back.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packagedExecutable, readFuses } from '../../electron/build/fuses';

const root = join(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: { afterPack?: string; asar?: boolean; executableName: string; productName: string } };
const dir = mkdtempSync(join(tmpdir(), 'fuses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's defaults, '1' on and '0' off: run as node, cookie encryption, NODE_OPTIONS, --inspect, ASAR integrity, only ASAR, V8 snapshot, file:// privileges, and a ninth fuse of a newer Electron. */
const ELECTRON_DEFAULTS = '101100011';

/** A file standing for the Electron executable: bytes, the sentinel, the fuse wire, bytes. */
function stubBinary(file: string, wire = ELECTRON_DEFAULTS): void {
  const filler = new Uint8Array(4096).map((_, i) => (i * 31) % 251);
  writeFileSync(file, Buffer.concat([filler, Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire), filler]));
}

/** The context electron-builder passes to afterPack, for this app's build configuration. */
const context = (appOutDir: string, electronPlatformName: string) => ({
  appOutDir,
  electronPlatformName,
  arch: 1,
  packager: { executableName: pkg.build.executableName, appInfo: { productFilename: pkg.build.productName } },
});

describe('Electron fuses of the packaged build', () => {
  it('the build configuration runs the afterPack hook on an ASAR-packed app', () => {
    expect(pkg.build.afterPack).toBe('./build/afterPack.cjs');
    expect(pkg.build.asar).toBe(true);
  });

  it.each(['linux', 'win32'])('afterPack on %s flips every fuse as configured, and leaves a fuse it does not know alone', async (platform) => {
    const out = join(dir, platform);
    mkdirSync(out, { recursive: true });
    const executable = packagedExecutable(context(out, platform));
    expect(executable).toBe(join(out, platform === 'linux' ? 'enforcement-console' : '强制执行指挥台.exe'));
    stubBinary(executable);
    expect(await readFuses(executable)).toMatchObject({ RunAsNode: true, EnableNodeOptionsEnvironmentVariable: true, OnlyLoadAppFromAsar: false });

    const afterPack = createRequire(__filename)(join(root, pkg.build.afterPack!)) as (context: unknown) => Promise<void>;
    await afterPack(context(out, platform));

    expect(await readFuses(executable)).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
    const bytes = readFileSync(executable);
    const wire = bytes.subarray(bytes.indexOf(SENTINEL) + SENTINEL.length + 2, bytes.indexOf(SENTINEL) + SENTINEL.length + 2 + ELECTRON_DEFAULTS.length).toString();
    expect(wire).toBe('010011001');
  });

  it('fails the build when the binary carries no fuse wire', async () => {
    const out = join(dir, 'no-wire');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'enforcement-console'), 'not electron');
    const afterPack = createRequire(__filename)(join(root, pkg.build.afterPack!)) as (context: unknown) => Promise<void>;
    await expect(afterPack(context(out, 'linux'))).rejects.toThrow('Could not find sentinel');
  });
});
