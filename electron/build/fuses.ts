// Node build hook (not bundled into the app). electron-builder's afterPack (build/afterPack.cjs)
// flips the packaged Electron binary's fuses before it is signed: the same executable can no
// longer run as plain Node (ELECTRON_RUN_AS_NODE), take NODE_OPTIONS or --inspect, load the app
// from anywhere but its ASAR, or run an ASAR whose integrity does not match, whoever starts it.
// The fuses are then read back, and the build fails if any is not as set here.
import path from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';

/** Every fuse @electron/fuses 1.8 knows, each set explicitly. */
const APP_FUSES = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  // The app keeps no cookies; any a page ever set would be encrypted with the OS keychain.
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The app is served from app://console, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} as const;

/** The fuses of APP_FUSES by name, as the build log and the test report them. */
const fuseNames = (Object.keys(APP_FUSES) as string[]).filter((k) => k !== 'version').map((k) => FuseV1Options[Number(k)] as string);

/** What afterPack is given (electron-builder's AfterPackContext, the fields used here). */
export interface PackedApp {
  appOutDir: string;
  electronPlatformName: string;
  /** electron-builder's Arch: 3 is arm64. */
  arch: number;
  packager: { executableName?: string; appInfo: { productFilename: string } };
}

const ARM64 = 3;

/** The packaged Electron executable, named as electron-builder names it. */
export function packagedExecutable(app: PackedApp): string {
  switch (app.electronPlatformName) {
    case 'linux':
      return path.join(app.appOutDir, app.packager.executableName ?? app.packager.appInfo.productFilename);
    case 'win32':
      return path.join(app.appOutDir, `${app.packager.appInfo.productFilename}.exe`);
    default:
      return path.join(app.appOutDir, `${app.packager.appInfo.productFilename}.app`);
  }
}

/** Fuses as set in the binary, by name: true on, false off (a fuse Electron removed reads as off). */
export async function readFuses(executable: string): Promise<Record<string, boolean>> {
  const wire = (await getCurrentFuseWire(executable)) as unknown as Record<string, number | string>;
  const on = '1'.charCodeAt(0);
  return Object.fromEntries(fuseNames.map((name) => [name, wire[FuseV1Options[name as keyof typeof FuseV1Options]] === on]));
}

/** Flips APP_FUSES in the packaged binary and checks them; throws (failing the build) if any did not take. */
export async function flipAppFuses(app: PackedApp): Promise<Record<string, boolean>> {
  const executable = packagedExecutable(app);
  // An arm64 macOS binary must be re-signed ad hoc after its bytes change, or it will not start.
  await flipFuses(executable, { ...APP_FUSES, resetAdHocDarwinSignature: app.electronPlatformName === 'darwin' && app.arch === ARM64 });
  const fuses = await readFuses(executable);
  const wrong = fuseNames.filter((name) => fuses[name] !== APP_FUSES[FuseV1Options[name as keyof typeof FuseV1Options] as keyof typeof APP_FUSES]);
  if (wrong.length > 0) throw new Error(`Electron fuses not set in ${executable}: ${wrong.join(', ')}`);
  return fuses;
}
