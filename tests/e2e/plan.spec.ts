import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { logEntries } from './support/files';
import { withoutSavePicker } from './support/pdf';
import { signInWhenAsked } from './support/signIn';

async function setWindow(page: Page, start: string, end: string) {
  for (const [label, value] of [
    ['计划开始时间', start],
    ['预计结束时间', end],
  ] as const) {
    const input = page.getByLabel(label);
    await input.click();
    await input.fill(value);
    await input.press('Enter');
  }
}

/** Saves the PDF shown in the open dialog through the browser host's download fallback. */
async function savePdf(page: Page, dir: string, name: string): Promise<string> {
  const dialog = page.getByRole('dialog');
  await expect(dialog.locator('.react-pdf__Page__canvas').first()).toBeVisible({ timeout: 30_000 });
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '保存 PDF' }).click();
  const path = join(dir, name);
  await (await download).saveAs(path);
  await dialog.getByRole('button', { name: '关闭' }).last().click();
  return path;
}

const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });

// Every workspace asks who is there; these specs work as the demo's commander.
test.beforeEach(({ page }) => signInWhenAsked(page));

test('the commander builds a lawful plan for the demo, is stopped on unlawful times, finalises and prints', async ({ page }) => {
  test.setTimeout(180_000);
  await withoutSavePicker(page);
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await expect(page.getByRole('heading', { name: '张建国等 2 人户' })).toBeVisible();
  await page.getByRole('menuitem', { name: /预案/ }).click();

  // 执行预备会: typed input is kept on this computer until 保存, which records it once.
  await page.getByLabel('地点').fill('河西街道办事处三楼会议室');
  await page.getByLabel('会议决定事项').fill('确定于12月8日上午实施强制执行，由疏导谈判组先行宣告。');
  await expect(page.getByText('有未保存的修改')).toBeVisible();
  await page.reload();
  await expect(page.getByText('已恢复上次未保存的填写内容')).toBeVisible();
  await expect(page.getByLabel('地点')).toHaveValue('河西街道办事处三楼会议室');
  await page.getByRole('button', { name: '保存会议记录' }).click();
  await expect(page.getByText('执行预备会记录已保存')).toBeVisible();
  await expect(page.getByText('已保存', { exact: true })).toBeVisible();
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: 'tests/screenshots/plan-meeting-saved.png' });

  await page.getByRole('tab', { name: '预案内容' }).click();
  // National Day, night, and a Saturday are each refused with the reason.
  await setWindow(page, '2026-10-02 09:00', '2026-10-02 12:00');
  await expect(page.getByTestId('window-problems')).toContainText('国庆节');
  await setWindow(page, '2026-12-08 20:00', '2026-12-08 23:00');
  await expect(page.getByTestId('window-problems')).toContainText('夜间');
  await setWindow(page, '2026-12-12 09:00', '2026-12-12 12:00');
  await expect(page.getByTestId('window-problems')).toContainText('星期六');
  await page.keyboard.press('Escape');
  await page.screenshot({ path: 'tests/screenshots/plan-form-weekend.png' });
  await page.getByRole('tab', { name: /审查与定稿/ }).click();
  await expect(page.getByText(/不能定稿/)).toBeVisible();
  await expect(page.getByRole('button', { name: /定稿为第 1 版/ })).toBeDisabled();

  await page.getByRole('tab', { name: '预案内容' }).click();
  await setWindow(page, '2026-12-08 08:30', '2026-12-08 16:00');
  await expect(page.getByText('执行时间符合要求')).toBeVisible();
  await page.getByLabel('集合地点').fill('河西街道办事处院内');
  await page.getByLabel('疏导地点').fill('柳巷胡同北口便民广场');
  await page.getByLabel('警戒范围').fill('柳巷胡同15号至19号两侧');
  await page.getByLabel('周转房或安置房地址').fill('临江区河西周转房3号楼201室');
  await page.getByText('已落实周转房或安置房，可供当日入住').click();
  await page.getByLabel('补偿款专户存储账号').fill('6217 0000 1234 5678');
  await page.getByText('补偿款已存入专户').click();
  await page.getByText('确认不采取停止供水、供电、供热、供气或中断道路通行等方式迫使搬迁').click();
  await page.getByLabel('安全保卫和应急处置组任务').fill('设置外围警戒，维护现场秩序');
  await page.getByLabel('安全保卫和应急处置组位置').fill('胡同南口');
  for (const label of ['以自伤自残相威胁', '存放煤气罐等易燃易爆物品', '人员聚集', '媒体采访、围观人员拍摄', '突发疾病', '火灾', '亲属阻挠']) {
    await page.getByLabel(`${label}处置措施`).fill(`${label}：立即按分工处置并报告现场执行指挥`);
  }
  await page.getByLabel('社会稳定风险评估结论').fill('经评估，风险等级为中，采取上述措施后风险可控。');

  // The review reads the saved plan: it says so while 预案内容 has changes not saved.
  await page.getByRole('tab', { name: /审查与定稿/ }).click();
  await expect(page.getByTestId('unsaved-plan')).toBeVisible();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'tests/screenshots/plan-review-unsaved.png' });
  await page.getByRole('tab', { name: '预案内容' }).click();
  await expect(page.getByLabel('集合地点')).toHaveValue('河西街道办事处院内');
  await page.getByLabel('集合地点').press('Control+s');
  await expect(page.getByText('预案草稿已保存')).toBeVisible();
  await expect(page.getByText('已恢复上次未保存的填写内容')).toHaveCount(0);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: 'tests/screenshots/plan-form-saved.png' });

  // Deployment sketch: import a picture, mark the assembly point.
  await page.getByRole('tab', { name: '部署示意图' }).click();
  const image = await page.screenshot({ clip: { x: 0, y: 0, width: 400, height: 300 } });
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入平面图或照片' }).click();
  await (await chooser).setFiles({ name: '现场平面图.png', mimeType: 'image/png', buffer: image });
  await page.getByRole('img', { name: '部署示意图' }).click({ position: { x: 100, y: 80 } });
  await expect(page.getByRole('button', { name: '删除标注 集合地点' })).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/plan-sketch.png' });

  // Review and finalise.
  await page.getByRole('tab', { name: /审查与定稿/ }).click();
  await expect(page.getByTestId('unsaved-plan')).toHaveCount(0);
  await expect(page.getByText('合法性审查无阻止事项，可以定稿')).toBeVisible();
  await page.getByRole('button', { name: '定稿为第 1 版' }).click();
  await expect(page.getByTestId('finaliser')).toHaveText('定稿人：陈志远（当前登录人员）');
  await page.getByRole('dialog').getByRole('button', { name: '定稿' }).click();
  await expect(page.getByText('第 1 版', { exact: true })).toBeVisible();
  await expect(page.getByText('确认定稿')).toBeHidden();
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: 'tests/screenshots/plan-review.png', fullPage: true });

  // Print the plan and a task card, and read them back.
  // Kept in out/ so a person can look at what the test printed.
  const dir = join('out', 'e2e-pdf');
  mkdirSync(dir, { recursive: true });
  await page.getByRole('button', { name: '打印预案（第1版）' }).click();
  const plan = pdfText(await savePdf(page, dir, 'plan.pdf'));
  for (const expected of ['强制执行预案', '第1版', '（2026）滨0103行审45号', '河西街道办事处院内', '柳巷胡同北口便民广场', '临江区河西周转房3号楼201室', '2026年12月8日', '陈志远', '风险可控', '110101********4515']) {
    expect(plan.replace(/\s+/g, '')).toContain(expected.replace(/\s+/g, ''));
  }
  expect(plan).not.toContain('110101196203154515');

  await page.getByRole('button', { name: '打印任务卡' }).last().click();
  const card = pdfText(await savePdf(page, dir, 'card.pdf'));
  expect(card.replace(/\s+/g, '')).toContain('安全保卫和应急处置组');
  expect(card.replace(/\s+/g, '')).toContain('设置外围警戒，维护现场秩序');

  // A reload keeps the finalised version and the draft.
  await page.reload();
  await page.getByRole('tab', { name: /审查与定稿/ }).click();
  await expect(page.getByText('第 1 版', { exact: true })).toBeVisible();

  // Each save and each sketch change is one entry in the log, in the name of who made it.
  const entries = await logEntries(page);
  expect(entries.filter((e) => e.category === 'edit').map((e) => [e.operator, e.text.replace(/：.*/, '')])).toEqual([
    ['陈志远', '执行预备会记录登记'],
    ['陈志远', '起草《强制执行预案》草稿'],
    ['陈志远', '部署示意图'],
    ['陈志远', '部署示意图'],
  ]);
  expect(entries.at(-1)).toMatchObject({ category: 'system', text: '《强制执行预案》定稿为第 1 版' });
});
