// Node build hook (not bundled into the app). The Electron main is one bundle, except the
// native modules a bundle cannot hold: LevelDB (leveldown, N-API, prebuilt for every
// platform, so the same files load in Node and in Electron without a rebuild) is left as a
// require() and its runtime files are copied beside the bundle, to out/main/node_modules,
// keeping npm's layout (a nested node_modules stays nested), so require() finds them there
// in a packaged app, where no project node_modules exists. package.json "build" packs that
// folder and unpacks its .node files from the ASAR (a native library must be a real file).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Left out of the main bundle (electron.vite.config.ts "external"). */
export const NATIVE_MODULES = ['leveldown'] as const;

/** Where Node would find `name` when required from the package in `fromDir`. */
function resolvePackage(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The package folders `names` need at run time (themselves and their dependencies, each
 * once), relative to `projectRoot`/node_modules, in npm's layout. Throws when one is missing:
 * a build that would fail at run time fails now.
 */
export function runtimeClosure(projectRoot: string, names: readonly string[]): string[] {
  const modules = path.join(projectRoot, 'node_modules');
  const found = new Set<string>();
  const visit = (name: string, fromDir: string) => {
    const dir = resolvePackage(name, fromDir);
    if (!dir) throw new Error(`构建失败：找不到运行时依赖 ${name}（从 ${path.relative(projectRoot, fromDir) || '项目根目录'} 查找）`);
    const relative = path.relative(modules, dir);
    if (found.has(relative)) return;
    found.add(relative);
    const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dir);
  };
  for (const name of names) visit(name, projectRoot);
  return [...found].sort();
}

/** Sources, build files and documents of a native module are not needed to load it. */
const NOT_AT_RUN_TIME = /(^|[\\/])(deps|test|tests|\.github|build[\\/](?!Release)[^\\/]*|node_modules)$|\.(cc|cpp|h|hpp|gyp|gypi|md|markdown|ts|map)$/;

/** Copies the closure of NATIVE_MODULES from `projectRoot` into `target` (out/main/node_modules). */
export function copyRuntimeModules(projectRoot: string, target: string): string[] {
  rmSync(target, { recursive: true, force: true });
  const packages = runtimeClosure(projectRoot, NATIVE_MODULES);
  for (const relative of packages) {
    const from = path.join(projectRoot, 'node_modules', relative);
    const to = path.join(target, relative);
    mkdirSync(to, { recursive: true });
    cpSync(from, to, { recursive: true, filter: (source) => source === from || !NOT_AT_RUN_TIME.test(path.relative(from, source)) });
  }
  return packages;
}

/** The electron-vite (Vite) plugin of the main build: copies the native modules once the bundle is written. */
export function copyNativeModules(projectRoot: string, target: string): { name: string; apply: 'build'; closeBundle: () => void } {
  return { name: 'copy-native-modules', apply: 'build', closeBundle: () => void copyRuntimeModules(projectRoot, target) };
}
