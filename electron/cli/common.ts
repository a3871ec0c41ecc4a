// Node tool (not bundled into the app).
// What the command-line tools share: the project's folders, its version and how they stop.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseBackup, type OperationBackup } from '../../shared/archive/backup';
import type { DocumentFonts } from '../../shared/documents/fonts';

type Registry = typeof import('../../shared/documents/registry');

export const projectRoot = path.resolve(__dirname, '..', '..');

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** Noto Serif SC from node_modules, as the document tests use it. */
export function nodeFonts(): DocumentFonts {
  const dir = path.join(projectRoot, 'node_modules', '@expo-google-fonts', 'noto-serif-sc');
  return {
    regular: path.join(dir, '400Regular', 'NotoSerifSC_400Regular.ttf'),
    bold: path.join(dir, '700Bold', 'NotoSerifSC_700Bold.ttf'),
  };
}

/** Exit codes: 0 done, 1 the input or the output failed, 2 the command was used wrongly. */
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Runs a tool's main and exits with its code; an unexpected error is reported in Chinese. */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`出错：${message(error)}`);
      process.exitCode = EXIT_FAILED;
    },
  );
}

/**
 * The document registry, loaded through Vite's module runner as the unit tests load it.
 * The PDF library is published as ES modules only (with import-only subpath exports),
 * which tsx's CommonJS mode for this package cannot require.
 */
export const loadDocumentRegistry = (): Promise<Registry> => importWithVite<Registry>('shared/documents/registry.ts');

/** A module of the project (by its path from the root) loaded as loadDocumentRegistry loads the registry. */
export async function importWithVite<T>(file: string): Promise<T> {
  const { runnerImport } = await import('vite');
  const { module } = await runnerImport<T>(path.join(projectRoot, file), { configFile: false, root: projectRoot, logLevel: 'silent' });
  return module;
}

/** Reads and checks an operation backup file; on failure says why in Chinese and gives null. */
export function readBackupFile(file: string): OperationBackup | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`无法读取备份文件 ${file}：${message(error)}`);
    return null;
  }
  const parsed = parseBackup(text);
  if (!parsed.ok) {
    console.error(`备份文件 ${file} 无效：\n${parsed.errors.map((e) => `  · ${e}`).join('\n')}`);
    return null;
  }
  return parsed.backup;
}
