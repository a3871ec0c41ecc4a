import { expect, test } from '@playwright/test';
import { chinaDate } from '../../shared/calendar/chinaTime';
import { courtReportDeadline } from '../../shared/calendar/deadlines';
import { openConsole, phaseByKey } from './support/onSite';

const chinese = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

test('completion starts the five-day court-report countdown; aftercare tasks and the settlement agreement are kept', async ({ page }) => {
  test.setTimeout(120_000);
  await openConsole(page);
  await phaseByKey(page, '1', '宣布开始执行');
  await phaseByKey(page, '9', '宣布执行完毕', '房屋已交征收部门接收');

  const today = chinaDate(new Date());
  const deadline = courtReportDeadline(today);
  await page.getByRole('menuitem', { name: /执行通报/ }).click();
  const countdown = page.getByTestId('court-report-countdown');
  await expect(countdown).toContainText(`${chinese(today)}宣布执行完毕，五日内书面报告法院`);
  await expect(countdown).toContainText(`（${chinese(deadline)}）`);
  await expect(countdown).toContainText('第八十五条');
  await expect(page.getByTestId('court-report-deadline')).toContainText(chinese(deadline));

  // A task with a missing owner keeps what was typed and says why.
  await page.getByRole('button', { name: '新增善后事项' }).click();
  const add = page.getByRole('dialog', { name: '新增善后事项' });
  await add.getByRole('radio', { name: '周转房水电' }).check();
  await add.getByLabel('事项').fill('周转房接通水电并交付钥匙');
  await add.getByLabel('事项').press('Enter');
  await expect(add).toContainText('请填写责任人');
  await expect(add.getByLabel('事项')).toHaveValue('周转房接通水电并交付钥匙');
  await add.getByLabel('责任人').fill('王强');
  await add.getByLabel('完成期限').fill(deadline);
  await add.getByLabel('完成期限').press('Enter');
  await add.getByLabel('责任人').press('Enter');
  await expect(add).toHaveCount(0);
  const row = page.getByRole('row', { name: /周转房接通水电/ });
  await expect(row).toContainText('未完成');

  // 概况 lists it until it is done.
  await page.getByRole('menuitem', { name: /概况/ }).click();
  await expect(page.getByTestId('open-aftercare')).toContainText('周转房接通水电并交付钥匙（王强');
  await page.getByRole('menuitem', { name: /执行通报/ }).click();

  await page.getByRole('button', { name: '标记完成：周转房接通水电并交付钥匙' }).click();
  const done = page.getByRole('dialog', { name: /善后事项完成/ });
  await done.getByLabel('完成情况').fill('水电已接通，钥匙已交被执行人');
  await done.getByLabel('完成情况').press('Enter');
  await expect(done).toHaveCount(0);
  await expect(row).toContainText(`已完成 ${today}`);

  await page.getByRole('button', { name: '记录执行和解协议' }).click();
  const settle = page.getByRole('dialog', { name: '执行和解协议' });
  await settle.getByLabel('协议各方').fill('某区人民政府、张三');
  await settle.getByLabel('协议主要内容').fill('被执行人于三月底前领取补偿款');
  await settle.getByRole('button', { name: /保\s?存/ }).click();
  await expect(settle).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('court-report-countdown')).toContainText(chinese(deadline));
  await expect(page.getByRole('row', { name: /周转房接通水电/ })).toContainText('水电已接通，钥匙已交被执行人');
  await expect(page.getByTestId('settlement')).toContainText('被执行人于三月底前领取补偿款');
  await page.screenshot({ path: 'tests/screenshots/courtReport.png', fullPage: true });

  await page.getByRole('menuitem', { name: /概况/ }).click();
  await expect(page.getByRole('heading', { name: /概况/ })).toBeVisible();
  await expect(page.getByTestId('open-aftercare')).toHaveCount(0);
  await page.getByRole('button', { name: '行动列表' }).click();
  await expect(page.getByTestId('court-report-tag')).toContainText(deadline);
});
