// Node tool (not bundled into the app).
// What the command-line tools share: the project's folders, its version and how they stop.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseBackup, type OperationBackup } from '../../shared/archive/backup';
import {
  chooseFontFiles,
  describeFontSet,
  embeddedFontSet,
  foundFontFace,
  withOfficeFonts,
  type DocumentFontSet,
  type EmbeddedFontFiles,
  type FontFace,
  type FontRole,
} from '../../shared/documents/fonts';
import { findFontFiles, fontSearchPlaces } from '../main/fontFiles';

type Registry = typeof import('../../shared/documents/registry');

export const projectRoot = path.resolve(__dirname, '..', '..');

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** The embedded Noto Serif SC from node_modules, as the document tests use it. */
export function embeddedFontFiles(): EmbeddedFontFiles {
  const dir = path.join(projectRoot, 'node_modules', '@expo-google-fonts', 'noto-serif-sc');
  return {
    regular: path.join(dir, '400Regular', 'NotoSerifSC_400Regular.ttf'),
    bold: path.join(dir, '700Bold', 'NotoSerifSC_700Bold.ttf'),
  };
}

/**
 * The fonts the documents print with, chosen as the app chooses them: the office's folder
 * (`--font-dir`), the Windows font folders, this machine's font folders, else the embedded
 * Noto Serif SC. Refused with the reason when the office's folder cannot be read.
 */
export async function nodeFonts(officeFolder: string | null = null): Promise<DocumentFontSet> {
  const folder = officeFolder === null ? null : path.resolve(officeFolder);
  const { files, problem } = await findFontFiles(folder, fontSearchPlaces(process.env, process.platform, homedir()));
  if (problem) throw new Error(`字体文件夹 ${folder}：${problem}`);
  const chosen = chooseFontFiles(files.map((f) => ({ ...f, id: `${f.origin}:${f.path}:${f.size}:${f.mtimeMs}` })));
  const faces: Partial<Record<FontRole, FontFace>> = {};
  for (const [role, choice] of Object.entries(chosen) as [FontRole, (typeof chosen)[FontRole] & object][]) {
    faces[role] = foundFontFace(choice, choice.file.path);
  }
  return withOfficeFonts(embeddedFontSet(embeddedFontFiles()), faces);
}

/**
 * nodeFonts for a command-line tool: says on stderr which fonts print which role, or why
 * they cannot be had, and gives null then.
 */
export async function cliFonts(officeFolder: string | null): Promise<DocumentFontSet | null> {
  const embedded = embeddedFontFiles();
  const missing = [embedded.regular, embedded.bold].filter((f) => !existsSync(f));
  if (missing.length > 0) {
    console.error(`找不到文书字体：${missing.join('、')}（请先运行 npm install）`);
    return null;
  }
  try {
    const fonts = await nodeFonts(officeFolder);
    console.error(describeFontSet(fonts));
    return fonts;
  } catch (error) {
    console.error(message(error));
    return null;
  }
}

/** `--font-dir=DIR` taken out of the arguments: the office's font folder. */
export function takeFontDirOption(args: string[]): { args: string[]; fontDir: string | null } {
  const option = args.find((a) => a.startsWith('--font-dir='));
  return { args: args.filter((a) => a !== option), fontDir: option ? option.slice('--font-dir='.length) : null };
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
