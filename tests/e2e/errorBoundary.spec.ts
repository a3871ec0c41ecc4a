import { expect, test } from '@playwright/test';
import { fixClock, importDemo, openConsole } from './support/onSite';
import { signInWhenAsked } from './support/signIn';
import { withoutSavePicker } from './support/pdf';
import { answerProtection } from './support/protection';
import { putRecords } from './support/files';

// Issue 16, point 7: a screen that throws shows what failed in its own place, never a white
// window. The fault is the reviewer's: two document records without createdAt, written
// straight into IndexedDB as a hand-edited backup once imported them; listing the documents
// sorts on it (the deadline above 现场指挥, the 文书送达 section).

/** Records written straight into one IndexedDB store, behind the app's back. */
test('a screen that throws shows what failed; the menu, the other sections, the header and 导出备份 still work', async ({ page }) => {
  await withoutSavePicker(page);
  await fixClock(page);
  // Imported, and nobody signed in yet: the operation has no signed entry. Two document records
  // lacking createdAt are written then, as the import of such a backup by an earlier version
  // would have left them; the first act (the commander's PIN) carries them into the genesis as
  // its baseline, so they stay (records written once the store exists would be put back).
  const operationId = await importDemo(page);
  await putRecords(
    page,
    'documents',
    [1, 2].map((n) => ({ id: `broken-${n}`, operationId, kind: 'notice', status: 'draft', updatedAt: '2026-12-01T10:00:00.000+08:00' })),
  );
  await signInWhenAsked(page);
  await page.reload();
  await page.getByRole('menuitem', { name: /现场指挥/ }).click();

  // 现场指挥 itself works; the deadline line above it, which lists the documents, says it failed.
  await expect(page.getByTestId('onsite-status')).toBeVisible();
  await expect(page.getByTestId('part-error')).toContainText('“自行履行期限”未能显示：');
  await expect(page.getByTestId('part-error')).toContainText('页面的其他部分不受影响');
  await page.screenshot({ path: 'tests/screenshots/errorBoundary-part.png' });

  // 文书送达 lists them itself: the section shows what failed, in its place.
  await page.getByRole('menuitem', { name: /文书送达/ }).click();
  const failed = page.getByTestId('screen-error');
  await expect(failed).toContainText('“文书送达”页面出错，未能显示');
  await expect(failed).toContainText('程序的其他部分仍可使用');
  await expect(page.getByTestId('screen-error-message')).toContainText('localeCompare');
  // Only the section failed: the workspace around it is there.
  await expect(page.getByRole('menu', { name: '执行流程' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: /张建国等 2 人户/ })).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/errorBoundary.png', fullPage: true });

  // 导出备份 from the error screen: the whole operation, broken records included.
  const download = page.waitForEvent('download');
  await failed.getByRole('button', { name: '导出备份' }).click();
  await answerProtection(page, '备份', '临江强执-备份口令2026');
  expect((await download).suggestedFilename()).toMatch(/\.json\.age$/);
  await expect(page.getByText(/加密备份已保存/)).toBeVisible();

  // Another section opens normally, and the failed one fails again in its place, not the window.
  await page.getByRole('menuitem', { name: /证据保全/ }).click();
  await expect(failed).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /证据保全/ })).toBeVisible();
  await page.getByRole('menuitem', { name: /文书送达/ }).click();
  await expect(failed).toContainText('“文书送达”页面出错');

  // The header still works: 关于 opens and closes.
  await page.getByRole('button', { name: '关于' }).click();
  await expect(page.getByRole('dialog', { name: '关于本程序' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: '关于本程序' })).toHaveCount(0);
  // And so does the way back to the list.
  await page.getByRole('button', { name: '行动列表' }).click();
  await expect(page.getByRole('button', { name: '载入示例行动' })).toBeVisible();
});

test('the operation list failing keeps the header, and leads to 导出备份 of each operation', async ({ page }) => {
  await openConsole(page);
  // An operation record without createdAt, as a hand-edited backup could hold it.
  await putRecords(page, 'operations', [{ id: 'broken-operation', status: 'active', updatedAt: '2026-12-01T10:00:00.000+08:00' }]);
  // Written behind the app's back: it reads the database afresh after a reload.
  await page.reload();
  await page.getByRole('button', { name: '行动列表' }).click();
  const failed = page.getByTestId('screen-error');
  await expect(failed).toContainText('“行动列表”页面出错，未能显示');
  await page.screenshot({ path: 'tests/screenshots/errorBoundary-list.png' });
  await expect(page.getByRole('button', { name: '关于' })).toBeVisible();
  const links = page.getByTestId('backup-links');
  await expect(links.getByRole('button', { name: /导出备份：张建国等 2 人户/ })).toBeVisible();
  await links.getByRole('button', { name: /导出备份：张建国等 2 人户/ }).click();
  // The operation's 档案, where the signed-in person exports it.
  await expect(page.locator('.ant-card').filter({ hasText: '备份本行动' }).getByRole('button', { name: '导出备份' })).toBeVisible();
  await expect(failed).toHaveCount(0);
});
