import { createHash } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { chinaDate } from '../../shared/calendar/chinaTime';
import { courtReportDeadline } from '../../shared/calendar/deadlines';
import { openConsole, phaseByKey, START_TIME } from './support/onSite';
import { pdfText, savePdf, withoutSavePicker } from './support/pdf';

const chinese = (d: string) => `${Number(d.slice(0, 4))}年${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

test('completion starts the five-day court-report countdown; aftercare tasks and the settlement agreement are kept', async ({ page }) => {
  test.setTimeout(120_000);
  await openConsole(page);
  await phaseByKey(page, '1', '宣布开始执行');
  await phaseByKey(page, '9', '宣布执行完毕', '房屋已交征收部门接收');

  // The page's clock is fixed at START_TIME (the console's gates read it).
  const today = chinaDate(START_TIME);
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

test('the court report is drafted from the log, edited, kept across a reload, then issued and frozen', async ({ page }) => {
  test.setTimeout(180_000);
  await withoutSavePicker(page);
  await openConsole(page);
  await phaseByKey(page, '1', '宣布开始执行');
  await phaseByKey(page, '9', '宣布执行完毕', '房屋已交征收部门接收');
  await page.getByRole('menuitem', { name: /执行通报/ }).click();

  await page.getByTestId('court-report-draft').click();
  let editor = page.getByRole('dialog', { name: '编辑草稿：强制执行情况报告' });
  await expect(editor.getByLabel('执行过程')).toHaveValue(/宣布开始执行/);
  await editor.getByLabel('其他需要说明的情况').fill('被执行人对补偿款有异议，已告知其救济途径。');
  await editor.getByLabel('报送法院').fill('');
  await expect(editor.getByTestId('draft-status')).toContainText('未保存：报送法院、其他需要说明的情况（已暂存在本机）');

  // What was typed survives a reload, kept on this station until it is saved.
  await page.reload();
  await page.getByRole('button', { name: '编辑、预览、签发' }).click();
  editor = page.getByRole('dialog', { name: '编辑草稿：强制执行情况报告' });
  await expect(editor.getByLabel('其他需要说明的情况')).toHaveValue('被执行人对补偿款有异议，已告知其救济途径。');
  await expect(editor.getByText('已恢复上次未保存的修改（暂存在本机），请核对后保存')).toBeVisible();
  await editor.getByRole('button', { name: /^保\s?存$/ }).click();
  await expect(editor.getByTestId('draft-status')).toHaveText('草稿已保存');

  // A report without its court or its costs is refused, listing why; nothing is numbered.
  await editor.getByRole('button', { name: /签\s?发/ }).click();
  let confirm = page.getByRole('dialog', { name: '签发强制执行情况报告' });
  await expect(confirm.getByTestId('issuer')).toContainText('签发人：陈志远');
  await expect(confirm.getByTestId('issue-problems')).toContainText('请填写报送的人民法院');
  await expect(confirm.getByTestId('issue-problems')).toContainText('请记录执行费用的金额和承担人（《中华人民共和国行政强制法》第六十条）');
  await expect(confirm.getByRole('button', { name: /签\s?发/ })).toBeDisabled();
  await confirm.getByRole('button', { name: /取\s?消/ }).click();
  await editor.getByLabel('报送法院').fill('临江市临江区人民法院');
  await editor.getByLabel('执行费用', { exact: true }).fill('本次强制执行费用共计人民币12,000.00元，由被执行人承担（《中华人民共和国行政强制法》第六十条）。');

  await editor.getByRole('button', { name: '预览' }).click();
  const draftPdf = pdfText(await savePdf(page));
  expect(draftPdf).toContain('被执行人对补偿款有异议');
  expect(draftPdf).toContain('草稿');

  await editor.getByRole('button', { name: /签\s?发/ }).click();
  confirm = page.getByRole('dialog', { name: '签发强制执行情况报告' });
  await confirm.getByRole('button', { name: /签\s?发/ }).click();
  await expect(editor).toHaveCount(0);
  const row = page.getByRole('row', { name: /强执报〔\d{4}〕1号/ });
  await expect(row).toBeVisible();
  await expect(page.getByRole('button', { name: '编辑、预览、签发' })).toHaveCount(0);

  await row.getByRole('button', { name: '查看 PDF' }).click();
  const issued = await savePdf(page);
  const text = pdfText(issued);
  expect(text).toContain('临江市临江区人民法院：');
  expect(text).toContain('强执报〔');
  expect(text).toContain('被执行人对补偿款有异议');
  expect(text).toContain('人民币12,000.00元，由被执行人承担');
  // Signed in the name of the organising government, never the 临时指挥部 (it has no seal).
  expect(text).toContain('特此报告。滨江市临江区人民政府');
  expect(text).not.toContain('临时指挥部（盖章）');
  // The frozen bytes are the ones whose SHA-256 the log recorded at issue.
  const sha = createHash('sha256').update(issued).digest('hex');
  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await expect(page.getByText(new RegExp(`签发强制执行情况报告 .*SHA-256 ${sha}`))).toBeVisible();
  // Drafting and saving are acts too, each with its entry.
  await expect(page.getByText('起草强制执行情况报告草稿')).toBeVisible();
  await expect(page.getByText('修改强制执行情况报告草稿：报送法院、其他需要说明的情况').first()).toBeVisible();
  await page.getByRole('menuitem', { name: /执行通报/ }).click();
  await page.screenshot({ path: 'tests/screenshots/courtReportIssued.png', fullPage: true });
});
