import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openConsole, phaseByKey } from './support/onSite';
import { logEntries } from './support/files';
import { withoutSavePicker } from './support/pdf';
import { answerProtection } from './support/protection';
import { COMMANDER, signInWhenAsked } from './support/signIn';

async function fillDate(page: Page, label: string, date: string) {
  const input = page.getByLabel(label);
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

async function fillValidOperation(page: Page) {
  await page.getByLabel('作出裁定的人民法院').fill('北京市西城区人民法院');
  await page.getByLabel('裁定书文号').fill('（2026）京0102行审123号');
  await fillDate(page, '裁定日期', '2026-09-10');
  // What the ruling allows: the documents and the demolition phases follow it.
  await page.getByText('准予强制搬迁并拆除', { exact: true }).click();
  await page.getByLabel('文号', { exact: true }).fill('西城征补决〔2026〕3号');
  await fillDate(page, '作出日期', '2026-05-06');
  await page.getByLabel('组织实施的人民政府').fill('北京市西城区人民政府');
  await page.getByLabel('牵头单位').fill('西城区住房和城市建设委员会');
  await page.getByLabel('被执行房屋地址').fill('北京市西城区示例胡同8号');
  await page.getByLabel('被执行人 1', { exact: true }).fill('王某某');
  await page.getByLabel('证件号码').fill('110101196203154515');
}

const PASSPHRASE = '临江强执-备份口令2026';
// Every workspace asks who is there; these specs work as the demo's commander.
test.beforeEach(({ page }) => signInWhenAsked(page));

test('creating an operation through the form survives a reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '强制执行行动' })).toBeVisible();
  await page.getByRole('button', { name: '新建行动' }).click();
  await fillValidOperation(page);
  await page.getByRole('button', { name: '创建行动' }).click();

  // Lands in the workspace, with the procedure's navigation.
  await expect(page.getByRole('heading', { name: '王某某户' })).toBeVisible();
  for (const section of ['指挥部', '预案', '文书送达', '现场指挥', '证据保全', '执行通报', '档案']) {
    await expect(page.getByRole('menuitem', { name: new RegExp(section) })).toBeVisible();
  }
  await expect(page.getByText('110101********4515')).toBeVisible();
  await expect(page.getByTestId('overview-scope')).toHaveText('准予强制搬迁并拆除');

  await page.reload();
  await expect(page.getByRole('heading', { name: '王某某户' })).toBeVisible();
  await expect(page.getByText('（2026）京0102行审123号').first()).toBeVisible();

  await page.getByRole('button', { name: '行动列表' }).click();
  await expect(page.getByRole('link', { name: '王某某户' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name: '王某某户' })).toBeVisible();
});

test('a bad ruling number is explained and nothing typed is lost, even across a reload', async ({ page }) => {
  await page.goto('/#/new');
  await fillValidOperation(page);
  await page.getByLabel('裁定书文号').fill('2026京0102行审123');
  await page.getByRole('button', { name: '创建行动' }).click();

  await expect(page.getByText('裁定书文号格式不正确，应如“（2026）京0102行审123号”')).toBeVisible();
  await expect(page.getByLabel('作出裁定的人民法院')).toHaveValue('北京市西城区人民法院');
  await expect(page.getByLabel('被执行人 1', { exact: true })).toHaveValue('王某某');

  await page.reload();
  await expect(page.getByText('已恢复上次未提交的填写内容')).toBeVisible();
  await expect(page.getByLabel('裁定书文号')).toHaveValue('2026京0102行审123');
  await expect(page.getByLabel('牵头单位')).toHaveValue('西城区住房和城市建设委员会');
  await expect(page.getByLabel('裁定日期')).toHaveValue('2026-09-10');

  // Fixing the one field is enough to create the operation.
  await page.getByLabel('裁定书文号').fill('（2026）京0102行审123号');
  await page.getByRole('button', { name: '创建行动' }).click();
  await expect(page.getByRole('heading', { name: '王某某户' })).toBeVisible();
});

test('the demo operation loads, can be archived and restored', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await expect(page.getByRole('heading', { name: '张建国等 2 人户' })).toBeVisible();
  await expect(page.getByText('示例 · 虚构数据，仅供培训')).toBeVisible();
  await expect(page.getByText('9 个工作小组，0 个未指定组长；现场执行指挥：陈志远')).toBeVisible();
  await expect(page.getByText('尚未定稿')).toBeVisible();
  await expect(page.getByText('临江征补决〔2025〕31号（2025年12月10日）')).toBeVisible();

  await page.getByRole('menuitem', { name: /执行通报/ }).click();
  await expect(page.getByText(/尚未宣布执行完毕/)).toBeVisible();
  await page.keyboard.press('Alt+1');
  await expect(page.getByText('临江征补决〔2025〕31号（2025年12月10日）')).toBeVisible();

  await page.getByRole('button', { name: '行动列表' }).click();
  const row = page.getByRole('row', { name: /张建国等 2 人户/ });
  await expect(row.getByTestId('operation-stage')).toHaveText('组建指挥部');
  await expect(row.getByTestId('open-tasks')).toHaveText('0');
  await row.getByRole('button', { name: '归档' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '归档' }).click();
  await expect(row).toHaveCount(0);
  await page.getByTitle('已归档').click();
  await expect(page.getByRole('row', { name: /张建国等 2 人户/ }).getByTestId('operation-stage')).toHaveText('已归档');
});

test('the overview shows the operation 执行中 once the start is declared on the console', async ({ page }) => {
  await openConsole(page);
  await phaseByKey(page, '1', '宣布开始执行');
  await page.getByRole('button', { name: '行动列表' }).click();
  await expect(page.getByRole('row', { name: /张建国等 2 人户/ }).getByTestId('operation-stage')).toHaveText('执行中');
});

test('the about panel shows where data lives and the persistent-storage answer', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: '关于' }).click();
  await expect(page.getByTestId('data-location')).toContainText('browser-profile');
  await expect(page.getByTestId('storage-persisted')).not.toHaveText('读取中…');
  // Browser mode says plainly what the profile protects the PINs and the pinned log head from, and what not.
  const pins = page.getByTestId('pin-protection');
  await expect(pins).toContainText('浏览器模式：登录 PIN 和日志链头只受浏览器配置保护');
  for (const text of ['能防住：', '防不住：', '开发者工具', '删除 PIN 记录', '桌面程序（Electron）']) await expect(pins).toContainText(text);
  await page.getByRole('dialog', { name: '关于本程序' }).screenshot({ path: 'tests/screenshots/about-pins.png' });
});

test('an operation exported as a backup imports into another profile unchanged', async ({ page, browser }) => {
  await withoutSavePicker(page);
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  // From the list, 导出备份 leads to the workspace's 档案, where someone is signed in.
  await page.getByRole('button', { name: '行动列表' }).click();
  await page.getByRole('row', { name: /张建国等 2 人户/ }).getByRole('button', { name: '导出备份' }).click();
  const backupCard = page.locator('.ant-card').filter({ hasText: '备份本行动' });
  const exportButton = backupCard.getByRole('button', { name: '导出备份' });

  // Unencrypted only after the user confirms; the file is plain JSON.
  await exportButton.click();
  let protect = page.getByRole('dialog', { name: '导出备份：是否加密' });
  await protect.getByRole('radio', { name: '不加密' }).check();
  await protect.getByRole('button', { name: /导\s?出/ }).click();
  await expect(protect).toContainText('请确认已知晓文件未加密');
  await protect.getByRole('checkbox', { name: /我已知晓/ }).check();
  let download = page.waitForEvent('download');
  await protect.getByRole('button', { name: /导\s?出/ }).click();
  const plainPath = await (await download).path();
  expect(readFileSync(plainPath, 'utf8')).toContain('"format"');
  await expect(page.getByText(/文件未加密/)).toBeVisible();

  // Encrypted by default: a weak passphrase is refused, the file shows no personal data.
  await exportButton.click();
  protect = page.getByRole('dialog', { name: '导出备份：是否加密' });
  await protect.getByLabel('口令', { exact: true }).fill('123');
  await protect.getByLabel('再次输入口令').fill('123');
  await protect.getByRole('button', { name: /导\s?出/ }).click();
  await expect(protect).toContainText('口令至少 10 个字符');
  download = page.waitForEvent('download');
  await answerProtection(page, '备份', PASSPHRASE);
  const saved = await download;
  expect(saved.suggestedFilename()).toMatch(/\.json\.age$/);
  const path = await saved.path();
  const sealed = readFileSync(path);
  expect(sealed.subarray(0, 21).toString()).toBe('age-encryption.org/v1');
  const idNumber = /"idNumber":\s*"(\d{17}[\dX])"/.exec(readFileSync(plainPath, 'utf8'))![1]!;
  expect(sealed.toString('latin1')).not.toContain(idNumber);
  await expect(page.getByText(/加密备份已保存/)).toBeVisible();
  // Each export is logged under the signed-in person's name.
  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await expect(page.getByText(/导出备份（已加密）/)).toBeVisible();
  await expect(page.getByText(/导出备份（未加密）/)).toBeVisible();
  const exports = (await logEntries(page, 'system')).filter((e) => e.text.startsWith('导出备份'));
  expect(exports.map((e) => e.operator)).toEqual([COMMANDER, COMMANDER]);

  // A fresh browser profile stands for another computer.
  const other = await browser.newContext();
  const page2 = await other.newPage();
  await signInWhenAsked(page2);
  await page2.goto('/');
  let chooser = page2.waitForEvent('filechooser');
  await page2.getByRole('button', { name: '导入备份' }).click();
  await (await chooser).setFiles(path);
  const ask = page2.getByRole('dialog', { name: '打开加密的备份' });
  await ask.getByLabel('解密口令').fill('不对的口令不对的口令');
  await ask.getByLabel('解密口令').press('Enter');
  await expect(ask).toContainText('口令不正确', { timeout: 30_000 });
  await ask.getByLabel('解密口令').fill(PASSPHRASE);
  await ask.getByLabel('解密口令').press('Enter');
  await expect(page2.getByRole('heading', { name: '张建国等 2 人户' })).toBeVisible({ timeout: 30_000 });
  await page2.getByRole('menuitem', { name: /指挥部/ }).click();
  await page2.getByRole('tab', { name: '组织架构图' }).click();
  await expect(page2.getByText('陈志远').first()).toBeVisible();

  // The same operation again (here from the plain file) is refused, and nothing changes.
  await page2.getByRole('button', { name: '行动列表' }).click();
  chooser = page2.waitForEvent('filechooser');
  await page2.getByRole('button', { name: '导入备份' }).click();
  await (await chooser).setFiles(plainPath);
  const refusal = page2.getByRole('dialog', { name: '未能导入备份，本机数据没有任何改动' });
  await expect(refusal).toContainText('不能重复导入');
  await other.close();
});
