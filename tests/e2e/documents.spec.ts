import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { savePdf, withoutSavePicker } from './support/pdf';
import { signInWhenAsked } from './support/signIn';

// Every workspace asks who is there; these specs work as the demo's commander.
test.beforeEach(({ page }) => signInWhenAsked(page));

test('a notice is drafted, edited, previewed, issued, served by leaving it with witnesses, and stays frozen', async ({ page }) => {
  test.setTimeout(180_000);
  await withoutSavePicker(page);
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await page.getByRole('menuitem', { name: /文书送达/ }).click();

  // Draft and edit the notice.
  await page.getByRole('button', { name: '起草告知书' }).click();
  await expect(page.getByLabel('发文机关代字')).toHaveValue('临江强执告');
  await page.getByLabel('强制执行的内容').fill('强制执行的内容：对位于滨江市临江区河西街道柳巷胡同17号的房屋实施强制搬迁，腾空后交由房屋征收事务中心接收（已编辑）。');
  await page.getByLabel('自行履行期限天数').fill('15');
  await expect(page.getByLabel('自行履行期限', { exact: true })).toHaveValue(/十五日内/);
  await page.getByRole('button', { name: '预览', exact: true }).click();
  const preview = await savePdf(page);
  expect(preview.length).toBeGreaterThan(10_000);

  await page.getByRole('button', { name: '签发', exact: true }).click();
  await expect(page.getByTestId('issuer')).toContainText('签发人：陈志远');
  await page.getByRole('dialog', { name: '签发强制执行告知书' }).getByRole('button', { name: '签发' }).click();
  await expect(page.getByRole('cell', { name: '临江强执告〔2026〕1号' })).toBeVisible({ timeout: 30_000 });
  const shaShown = await page.getByTestId('sha-临江强执告〔2026〕1号').textContent();

  // The issued PDF reads back with the edited wording and the number.
  await page.getByRole('button', { name: '查看 PDF' }).click();
  const issued = await savePdf(page);
  const text = execFileSync('pdftotext', ['-', '-'], { input: issued, encoding: 'utf8' }).replace(/\s+/g, '');
  expect(text).toContain('临江强执告〔2026〕1号');
  expect(text).toContain('（已编辑）');
  const sha = createHash('sha256').update(issued).digest('hex');
  expect(shaShown?.replace('…', '')).toBe(sha.slice(0, 16));

  // 留置送达 without witnesses is refused; with witnesses it is recorded.
  await page.getByRole('button', { name: '记录送达' }).click();
  const serve = page.getByRole('dialog', { name: /记录送达/ });
  await serve.getByText('留置送达').click();
  await serve.getByLabel('送达时间').fill('2026-11-20 10:00');
  await serve.getByLabel('送达时间').press('Enter');
  await serve.getByRole('combobox', { name: '送达人' }).fill('林涛');
  await serve.getByRole('combobox', { name: '送达人' }).press('Enter');
  await serve.getByLabel('拒收理由').fill('被执行人称补偿过低，拒绝签收');
  await serve.getByRole('button', { name: '保存送达记录' }).click();
  await expect(serve.getByText(/留置送达须有见证人/)).toBeVisible();
  await serve.getByRole('button', { name: '添加见证人' }).click();
  await serve.getByLabel('见证人 1 姓名').fill('周桂英');
  await serve.getByLabel('见证人 1 单位').fill('河西街道柳巷社区居委会');
  await serve.getByRole('button', { name: '保存送达记录' }).click();
  await expect(page.getByRole('cell', { name: /留置送达 2026-11-20 10:00/ })).toBeVisible();

  // 15 days from 20 November, start day not counted: 5 December 2026 is a Saturday → Monday 7 December.
  await expect(page.getByTestId('self-performance-countdown')).toContainText('2026年12月7日');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: 'tests/screenshots/documents.png' });

  // The countdown is shown on the operation, whatever screen is open.
  await page.getByRole('menuitem', { name: /概况/ }).click();
  await expect(page.getByTestId('self-performance-countdown')).toContainText('2026年12月7日');
  await page.getByRole('menuitem', { name: /文书送达/ }).click();

  // A correction is a new draft that names the document it replaces; the original stays.
  await page.getByRole('row', { name: /临江强执告〔2026〕1号/ }).getByRole('button', { name: '更正' }).click();
  await expect(page.getByLabel('强制执行的内容')).toHaveValue(/（已编辑）/);
  await page.getByRole('button', { name: '关闭（草稿已保存）' }).click();
  await expect(page.getByText('更正 临江强执告〔2026〕1号')).toBeVisible();

  // The announcement takes its own number series.
  await page.getByRole('button', { name: '起草公告' }).click();
  await page.getByRole('button', { name: '签发', exact: true }).click();
  await expect(page.getByTestId('issuer')).toContainText('签发人：陈志远');
  await page.getByRole('dialog', { name: '签发强制执行公告' }).getByRole('button', { name: '签发' }).click();
  await expect(page.getByRole('cell', { name: '临江强执公〔2026〕1号' })).toBeVisible({ timeout: 30_000 });

  // After a reload the stored PDF is byte for byte the one issued.
  await page.reload();
  await page.getByRole('button', { name: '查看 PDF' }).first().click();
  const again = await savePdf(page);
  expect(createHash('sha256').update(again).digest('hex')).toBe(sha);
});

test('the announcement is posted with a photo, served by publication, and self-performance ends the operation', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await page.getByRole('menuitem', { name: /文书送达/ }).click();
  await page.getByRole('button', { name: '起草公告' }).click();
  await page.getByRole('button', { name: '签发', exact: true }).click();
  await expect(page.getByTestId('issuer')).toContainText('签发人：陈志远');
  await page.getByRole('dialog', { name: '签发强制执行公告' }).getByRole('button', { name: '签发' }).click();
  await expect(page.getByRole('cell', { name: '临江强执公〔2026〕1号' })).toBeVisible({ timeout: 30_000 });

  // Posting: place, time, who, and a photo.
  await page.getByRole('button', { name: '记录张贴' }).click();
  const posting = page.getByRole('dialog', { name: /记录张贴/ });
  await posting.getByLabel('张贴时间').fill('2026-11-21 09:30');
  await posting.getByLabel('张贴时间').press('Enter');
  await posting.getByRole('combobox', { name: '张贴人' }).fill('黄敏');
  await posting.getByRole('combobox', { name: '张贴人' }).press('Enter');
  const photo = await page.screenshot({ type: 'jpeg', clip: { x: 0, y: 0, width: 200, height: 150 } });
  const chooser = page.waitForEvent('filechooser');
  await posting.getByRole('button', { name: '添加照片' }).click();
  await (await chooser).setFiles({ name: '张贴现场.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(posting.getByText('张贴现场.jpg')).toBeVisible();
  await posting.getByRole('button', { name: '保存张贴记录' }).click();
  await expect(page.getByRole('cell', { name: /张贴于滨江市临江区河西街道柳巷胡同17号 2026-11-21 09:30（照片 1 张）/ })).toBeVisible();

  // Service by publication is deemed made 30 days later.
  await page.getByRole('button', { name: '记录送达' }).click();
  const serve = page.getByRole('dialog', { name: /记录送达/ });
  await serve.getByText('公告送达').click();
  await serve.getByLabel('公告发布时间').fill('2026-11-21 09:30');
  await serve.getByLabel('公告发布时间').press('Enter');
  await serve.getByRole('combobox', { name: '送达人' }).fill('黄敏');
  await serve.getByRole('combobox', { name: '送达人' }).press('Enter');
  await serve.getByRole('button', { name: '保存送达记录' }).click();
  await expect(page.getByRole('cell', { name: /2026年12月21日视为送达/ })).toBeVisible();

  // A notice served directly starts the countdown; the subject then moves out by themselves.
  await page.getByRole('button', { name: '起草告知书' }).click();
  await page.getByRole('button', { name: '签发', exact: true }).click();
  await expect(page.getByTestId('issuer')).toContainText('签发人：陈志远');
  await page.getByRole('dialog', { name: '签发强制执行告知书' }).getByRole('button', { name: '签发' }).click();
  await expect(page.getByRole('cell', { name: '临江强执告〔2026〕1号' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('row', { name: /临江强执告/ }).getByRole('button', { name: '记录送达' }).click();
  const direct = page.getByRole('dialog', { name: /记录送达/ });
  await direct.getByLabel('送达时间').fill('2026-11-22 10:00');
  await direct.getByLabel('送达时间').press('Enter');
  await direct.getByRole('combobox', { name: '送达人' }).fill('林涛');
  await direct.getByRole('combobox', { name: '送达人' }).press('Enter');
  await direct.getByRole('button', { name: '保存送达记录' }).click();
  await expect(page.getByTestId('self-performance-countdown')).toContainText('临江强执告〔2026〕1号');

  await page.getByRole('button', { name: '被执行人已自行履行' }).click();
  const self = page.getByRole('dialog', { name: '记录被执行人已自行履行' });
  await self.getByRole('button', { name: '记录并终止行动' }).click();
  await expect(self.getByText('请写明自行履行的情况（如已搬离、已交付钥匙）')).toBeVisible();
  await self.getByLabel('自行履行日期').fill('2026-11-23');
  await self.getByLabel('自行履行日期').press('Enter');
  await self.getByLabel('情况说明').fill('被执行人已搬离并交付钥匙，经现场核实');
  await self.getByRole('button', { name: '记录并终止行动' }).click();
  await expect(page.getByText(/本行动已终止：被执行人已于2026年11月23日自行履行/)).toBeVisible();
  await expect(page.getByText('已终止：被执行人自行履行')).toBeVisible();

  // The plan can no longer be finalised.
  await page.getByRole('menuitem', { name: /预案/ }).click();
  await page.getByRole('tab', { name: /审查与定稿/ }).click();
  await expect(page.getByText(/本行动已终止，不得实施强制执行/).first()).toBeVisible();
});

test('issuing and serving are logged in the hash chain, and an entry edited in the database is reported', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await page.getByRole('menuitem', { name: /文书送达/ }).click();
  await page.getByRole('button', { name: '起草告知书' }).click();
  await page.getByRole('button', { name: '签发', exact: true }).click();
  await expect(page.getByTestId('issuer')).toContainText('签发人：陈志远');
  await page.getByRole('dialog', { name: '签发强制执行告知书' }).getByRole('button', { name: '签发' }).click();
  await expect(page.getByTestId('log-status')).toContainText('日志 1 条');
  await expect(page.getByTestId('log-status')).toContainText('校验通过');

  // Edit the stored entry directly in IndexedDB, as someone with access to the disk might.
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('enforcement-console');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('logEntries', 'readwrite');
          const store = tx.objectStore('logEntries');
          const cursor = store.openCursor();
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (c) c.update({ ...c.value, text: '签发了别的文书' });
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
  await page.reload();
  await expect(page.getByTestId('log-status')).toContainText('日志校验失败');
  await expect(page.getByTestId('log-status')).toContainText('第 1 条');
});
