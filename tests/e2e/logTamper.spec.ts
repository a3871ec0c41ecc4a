import { expect, test, type Page } from '@playwright/test';
import { chainedNotes, deleteEntry, putEntries } from './support/log';
import { openConsole } from './support/onSite';
import type { BackupContents } from '../../shared/archive/backup';
import type { LogEntry } from '../../shared/log/types';

// Issue 5: altering, deleting or reordering any stored entry directly in IndexedDB is detected
// and reported with the right sequence number. 6 000 entries, so the long-chain path (parallel
// workers) is the one checked; each tampering is undone before the next. The chain is an
// operation's format-1 log, as kept from before format 2 and brought in by 导入备份: it stays
// in IndexedDB as it was (its own truth), verified by its own rules, and the station's first
// signed entry (the genesis, made when the commander sets the PIN) anchors its head.
const COUNT = 6_000;

async function verifyShows(page: Page, text: string | RegExp) {
  await page.getByRole('button', { name: '校验', exact: true }).click();
  await expect(page.getByTestId('timeline-verify')).toContainText(text, { timeout: 30_000 });
}

test('a long chain changed, cut, reordered or truncated in IndexedDB is reported at the right entry', async ({ page }) => {
  test.setTimeout(240_000);
  let chain: LogEntry[] = [];
  await openConsole(page, { edit: (c) => ((chain = chainedNotes(c.operation.id, COUNT)), { ...c, logEntries: chain as unknown as BackupContents['logEntries'] }) });
  const operationId = chain[0]!.operationId;
  // The genesis and the commander's PIN follow the format-1 chain.
  const ALL = COUNT + 2;
  await expect(page.getByTestId('timeline-verify')).toContainText(`校验通过：共 ${ALL} 条`, { timeout: 60_000 });
  const at = (seq: number) => chain[seq - 1]!;

  // Changed: one word of entry 1234.
  await putEntries(page, [{ ...at(1234), text: '批量记录第 1234 条（已改）' }]);
  await verifyShows(page, '第 1234 条记录的内容与其哈希值不符');
  // Written behind the app's back, so the header learns of it when the operation is opened again.
  await page.reload();
  await expect(page.getByTestId('log-status')).toContainText('校验失败', { timeout: 60_000 });
  await putEntries(page, [at(1234)]);
  await verifyShows(page, `校验通过：共 ${ALL} 条`);

  // Deleted: entry 2345 removed.
  await deleteEntry(page, operationId, 2345);
  await verifyShows(page, '第 2345 条记录缺失');
  await putEntries(page, [at(2345)]);
  await verifyShows(page, `校验通过：共 ${ALL} 条`);

  // Reordered: entries 3000 and 3001 swapped (each stored under the other's number).
  await putEntries(page, [
    { ...at(3001), seq: 3000 },
    { ...at(3000), seq: 3001 },
  ]);
  await verifyShows(page, '第 3000 条记录的位置被打乱');
  await putEntries(page, [at(3000), at(3001)]);
  await verifyShows(page, `校验通过：共 ${ALL} 条`);

  // Truncated: the last entry removed leaves a valid shorter chain; the head the genesis
  // anchored (and the one pinned when the chain was last verified) still catches it.
  await deleteEntry(page, operationId, COUNT);
  await verifyShows(page, `第 ${COUNT} 条起的记录缺失`);
  await putEntries(page, [at(COUNT)]);
  await verifyShows(page, `校验通过：共 ${ALL} 条`);
});
