// Node tool (Playwright support). Driving the commander's console (现场指挥): the page's clock
// fixed at a lawful moment (the gates read it; never the real time of day), the demo operation
// made ready to start (plan, service, 公告), the phases by key.
import { expect, type Page } from '@playwright/test';
import type { IsoDate, Operation, Subject } from '../../../shared/operation/types';
import { START_TIME, startRecords, type StartRecordOptions } from '../../fixtures/startRecords';
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

/** Reads records of one operation straight from IndexedDB. */
export function readStore<T>(page: Page, store: string, operationId: string): Promise<T[]> {
  return page.evaluate(
    ([name, id]) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('enforcement-console');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction(name).objectStore(name).getAll();
          all.onsuccess = () => {
            open.result.close();
            resolve((all.result as (T & { id: string; operationId?: string })[]).filter((r) => r.operationId === id || r.id === id));
          };
          all.onerror = () => reject(all.error);
        };
      }),
    [store, operationId] as const,
  );
}

/** Puts records into stores, in one transaction. */
export function putRecords(page: Page, records: Record<string, readonly unknown[]>) {
  return page.evaluate(
    (byStore) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('enforcement-console');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(Object.keys(byStore), 'readwrite');
          for (const [store, rows] of Object.entries(byStore)) for (const row of rows) tx.objectStore(store).put(row);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    records as Record<string, unknown[]>,
  );
}

/**
 * Stores what a lawful start on 8 December needs — the final plan, the 告知书 served on every
 * subject with their periods over, the 公告 posted and over (tests/fixtures/startRecords.ts) —
 * and reloads, so the app reads them.
 */
export async function prepareStart(page: Page, opts: StartRecordOptions & { operationId?: string; day?: IsoDate } = {}) {
  const operationId = opts.operationId ?? operationIdOf(page);
  const [operation] = await readStore<Operation>(page, 'operations', operationId);
  const subjects = await readStore<Subject>(page, 'subjects', operationId);
  const records = startRecords(operation!, subjects, opts.day, opts);
  await putRecords(page, { plans: [records.plan], documents: records.documents, services: records.services, postings: records.postings });
  await page.reload();
}

/**
 * Loads the demo operation with the page's clock fixed (fixClock), makes it ready to start
 * (prepareStart) unless `ready: false`, signs in as its commander and opens 现场指挥; returns the
 * operation id.
 */
export async function openConsole(page: Page, { ready = true, at = START_TIME }: { ready?: boolean; at?: Date } = {}): Promise<string> {
  await fixClock(page, at);
  await signInWhenAsked(page);
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await expect(page.getByTestId('onsite-status')).toContainText('未开始');
  if (ready) {
    await prepareStart(page);
    await expect(page.getByTestId('onsite-status')).toContainText('未开始');
  }
  return operationIdOf(page);
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
