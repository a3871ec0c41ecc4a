import { expect, test, type Page } from '@playwright/test';
import { appDemoToday, demoDates } from '../../shared/demo/dates';
import { demoStageLabels, type DemoStage } from '../../shared/demo/stages';
import { fixClock, phaseByKey } from './support/onSite';
import { signInWhenAsked } from './support/signIn';

test.beforeEach(({ page }) => signInWhenAsked(page));

/** 载入其他阶段的示例 → the stage: the demo's signed entries are stored and projected into the records. */
async function loadStage(page: Page, stage: DemoStage) {
  await page.goto('/');
  await page.getByRole('button', { name: /载入其他阶段的示例/ }).click();
  const item = page.getByRole('menuitem', { name: demoStageLabels[stage] });
  await expect(item).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/demo-stages-menu.png' });
  await item.click();
}

test('the completed 示例行动 loads from its signed entries: three stations, issued documents with their PDFs, the report', async ({ page }) => {
  test.setTimeout(180_000);
  // Loaded on 10 December 2026: the report was issued the day before, the day on site before that.
  await fixClock(page, new Date('2026-12-10T09:00:00+08:00'));
  await loadStage(page, 'reported');
  await expect(page.getByRole('heading', { name: '张建国等 3 人户' })).toBeVisible({ timeout: 150_000 });
  await page.screenshot({ path: 'tests/screenshots/demo-completed-overview.png' });
  await page.getByRole('menuitem', { name: /文书送达/ }).click();
  for (const number of ['临江强执告〔2026〕1号', '临江强执公〔2026〕1号', '临江强执拆〔2026〕1号']) {
    await expect(page.getByText(number).first()).toBeVisible();
  }
  await expect(page.getByText('王小明').first()).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/demo-completed-documents.png', fullPage: true });
  await page.getByRole('menuitem', { name: /执行通报/ }).click();
  await expect(page.getByText('临江强执报〔2026〕1号').first()).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/demo-completed-report.png', fullPage: true });

  // Every station's entries are held and verify: the group leader's phone wrote the note on the
  // subject's mood, the evidence tablet the inventory.
  await expect(page.getByText(/日志 \d+ 条.*校验通过/)).toBeVisible();
  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await expect(page.getByRole('button', { name: /更正工作站「证据组平板」/ }).first()).toBeVisible();
  await page.getByRole('searchbox', { name: '搜索日志' }).fill('张建国情绪激动');
  await expect(page.getByRole('button', { name: /更正工作站「第二组组长手机」/ })).toHaveCount(1);
  // This station signs the commander laptop's chain: setting the PIN was its next entry.
  await page.getByRole('searchbox', { name: '搜索日志' }).fill('首次设置本人登录 PIN');
  await expect(page.getByRole('button', { name: /更正工作站「指挥部笔记本」/ })).toHaveCount(1);

  // Loaded once: a second load is refused, naming the operation.
  await loadStage(page, 'reported');
  await expect(page.getByText(/本机已有该示例行动/)).toBeVisible({ timeout: 150_000 });
});

test('the 示例行动 served and posted: its dates are computed from today; this station declares the start on the day on site', async ({ page }) => {
  test.setTimeout(180_000);
  const loadedAt = new Date('2027-03-16T10:00:00+08:00');
  const { announcedOn, enforcementOn } = demoDates(appDemoToday(loadedAt), 'served');
  expect(announcedOn).toBe('2027-03-15');
  await fixClock(page, loadedAt);
  await loadStage(page, 'served');
  await expect(page.getByRole('heading', { name: '张建国等 3 人户' })).toBeVisible({ timeout: 150_000 });
  await page.getByRole('menuitem', { name: /文书送达/ }).click();
  await expect(page.getByText('临江强执公〔2027〕1号').first()).toBeVisible();
  // The day on site, at the time the demo's final plan sets: every period has ended.
  await page.clock.setSystemTime(new Date(`${enforcementOn}T08:30:00+08:00`));
  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await expect(page.getByTestId('onsite-status')).toContainText('未开始');
  await phaseByKey(page, '1', '宣布开始执行', '各组已到位');
  await expect(page.getByTestId('onsite-status')).not.toContainText('未开始');
});
