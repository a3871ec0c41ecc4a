// Node tool (Playwright support). Driving the commander's console (现场指挥): the page's clock
// fixed at a lawful moment (the gates read it; never the real time of day), the demo operation
// imported ready to start (plan, service, 公告) through 导入备份, the phases by key.
import { expect, test, type Page } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { buildBackup, serialiseBackup, type BackupContents } from '../../../shared/archive/backup';
import { buildDemoBackup } from '../../../shared/archive/demoBackup';
import { chinaInstant } from '../../../shared/calendar/chinaTime';
import type { IsoDate } from '../../../shared/operation/types';
import { START_TIME, startRecords, type StartRecordOptions } from '../../fixtures/startRecords';
import { choose } from './files';
import { signInWhenAsked } from './signIn';

export { START_TIME };

/**
 * Installs the page's clock at `at` (09:30 on Tuesday 8 December 2026 by default) before the
 * app loads; from there time runs on as usual.
 */
export async function fixClock(page: Page, at: Date = START_TIME) {
  await page.clock.install({ time: at });
}

const operationIdOf = (page: Page) => decodeURIComponent(/#\/operations\/([^/]+)/.exec(page.url())![1]!);

export interface DemoImport extends StartRecordOptions {
  /** With what a lawful start needs (tests/fixtures/startRecords.ts); default true. */
  ready?: boolean;
  /** The day the start records make lawful (default 8 December 2026). */
  day?: IsoDate;
  /** When the demo is created (its date is "today" for its validation); default START_TIME. */
  at?: Date;
  /** Changes the records before they are written to the file (the ruling's scope, …). */
  edit?: (contents: BackupContents) => BackupContents;
}

let imports = 0;

/**
 * The 示例行动 as a backup file, built in Node by the same function 载入示例行动 uses
 * (buildDemoBackup), with the records a lawful start needs added when `ready`: the file a
 * station that did the paperwork would have exported. Written under the test's output folder.
 */
export function demoBackupFile({ ready = true, day, at = START_TIME, edit, ...opts }: DemoImport = {}): string {
  const base = buildDemoBackup({ now: chinaInstant(at), appVersion: 'e2e', idPrefix: `e2e${++imports}` });
  const { format: _f, formatVersion: _v, exportedAt, app, ...held } = base;
  let contents = held as BackupContents;
  if (ready) {
    const start = startRecords(contents.operation, contents.subjects, day, opts);
    // The backup's schema types records loosely (any extra field is kept); these are the app's own.
    contents = { ...contents, plans: [start.plan], documents: start.documents, services: start.services, postings: start.postings } as unknown as BackupContents;
  }
  if (edit) contents = edit(contents);
  const path = test.info().outputPath(`demo-backup-${imports}.json`);
  writeFileSync(path, serialiseBackup(buildBackup(contents, { exportedAt, app })));
  return path;
}

/**
 * Imports the 示例行动 through 导入备份 (demoBackupFile): the app writes its records without a
 * signed entry, and the first act (the commander's PIN) carries them into the operation's
 * genesis entry as its baseline — records written straight into IndexedDB once an operation has
 * its store would be put back at the next load. Returns the operation id.
 */
export async function importDemo(page: Page, opts: DemoImport = {}): Promise<string> {
  const path = demoBackupFile(opts);
  await page.goto('/');
  await choose(page, page.getByRole('button', { name: '导入备份' }), path);
  await page.waitForURL(/#\/operations\//);
  return operationIdOf(page);
}

/**
 * Loads the demo operation with the page's clock fixed (fixClock) — made ready to start unless
 * `ready: false` (importDemo) —, signs in as its commander and opens 现场指挥; returns the
 * operation id.
 */
export async function openConsole(page: Page, { at = START_TIME, ...opts }: DemoImport = {}): Promise<string> {
  await fixClock(page, at);
  await signInWhenAsked(page);
  const operationId = await importDemo(page, { at, ...opts });
  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await expect(page.getByTestId('onsite-status')).toContainText('未开始');
  return operationId;
}

/** Moves focus off any field, so the number keys reach the console. */
export const blur = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

/**
 * Opens a phase's dialog by its number key. The key is pressed again if a closing dialog (its
 * fade-out) swallowed it: the console ignores keys while any dialog is on screen.
 */
export async function openPhase(page: Page, key: string, title: string) {
  const dialog = page.getByRole('dialog', { name: title });
  await expect(async () => {
    await blur(page);
    await page.keyboard.press(key);
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass();
  return dialog;
}

/**
 * Records a phase by its number key, with an optional note, and waits for its ✓. 宣布执行完毕 with phases never recorded asks to confirm them:
 * `confirmMissing` ticks that box (the closing spec checks the list itself).
 */
export async function phaseByKey(page: Page, key: string, title: string, note = '', { confirmMissing = true } = {}) {
  const dialog = await openPhase(page, key, title);
  const confirm = dialog.getByLabel('确认未记录的环节');
  if (confirmMissing && (await confirm.count())) await confirm.check();
  if (note) await dialog.getByLabel('备注').fill(note);
  await dialog.getByLabel('备注').press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: title })).toContainText('✓');
}

/** Checks a person in from the roster by typing the name. */
export async function checkIn(page: Page, name: string) {
  const who = page.getByRole('combobox', { name: '到岗人员' });
  await who.fill(name);
  await who.press('Enter');
  await expect(page.getByTestId('checked-in')).toContainText(name);
}
