import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { emptyPlanContent } from '../../shared/plan/planContent';
import type { BackupContents } from '../../shared/archive/backup';
import { importDemo } from './support/onSite';
import { pdfText, savePdf, withoutSavePicker } from './support/pdf';
import { signInWhenAsked, TEST_PIN } from './support/signIn';

// Every workspace asks who is there; these specs work as the demo's commander. Moving the
// page's clock to the next day trips the idle lock (it checks every second): unlock it.
test.beforeEach(async ({ page }) => {
  await signInWhenAsked(page);
  await page.addLocatorHandler(page.getByTestId('lock-overlay'), async (overlay) => {
    await overlay.getByLabel('PIN', { exact: true }).fill(TEST_PIN);
    await overlay.getByLabel('PIN', { exact: true }).press('Enter');
    await expect(overlay).toHaveCount(0);
  });
});

/** The clock of the page, fixed to a Beijing time (the law's dates depend on the day, never the real one). */
const beijing = (text: string) => new Date(`${text}+08:00`);

/** The 送达回证 (or any PDF) page by page, white space removed. */
function pdfPagesText(bytes: Buffer): string[] {
  return execFileSync('pdftotext', ['-', '-'], { input: bytes, encoding: 'utf8' })
    .split('\f')
    .map((p) => p.replace(/\s+/g, ''))
    .filter(Boolean);
}

async function loadDemo(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: '载入示例行动' }).click();
  await openDocuments(page);
}

async function openDocuments(page: Page) {
  await page.getByRole('menuitem', { name: /文书送达/ }).click();
  await expect(page.getByTestId('ruling-scope')).toBeVisible();
}

async function pick(page: Page, label: string, value: string, scope = page.getByRole('dialog').last()) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Chooses an option of the antd select that is open (its role="option" rows are hidden stand-ins). */
const choose = (page: Page, text: string) =>
  page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).click();

/** Closes the open draft editor with its own button (the modal's × is also named 关闭). */
const closeDraft = (page: Page) => page.getByRole('dialog', { name: /^编辑草稿/ }).locator('.ant-modal-footer').getByRole('button', { name: /^关\s?闭$/ }).click();

/** The issuing dialog of the open draft, with the list of reasons (or the check passed). */
async function openIssue(page: Page, title: string) {
  await page.getByRole('dialog', { name: `编辑草稿：${title}` }).getByRole('button', { name: /^签\s?发$/ }).click();
  const confirm = page.getByRole('dialog', { name: `签发${title}` });
  await expect(confirm.getByTestId('issue-problems').or(confirm.getByText('签发条件核对通过'))).toBeVisible({ timeout: 20_000 });
  return confirm;
}

/** Puts a record straight into the app's database, as an import or another screen would have left it. */
async function putRecord(page: Page, store: string, record: object) {
  await page.evaluate(
    ({ store, record }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('enforcement-console');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(store, 'readwrite');
          tx.objectStore(store).put(record);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { store, record },
  );
}

const operationIdOf = (page: Page) => decodeURIComponent(/#\/operations\/([^/]+)/.exec(page.url())![1]!);

/**
 * The demo with a final plan, brought in by 导入备份 (records written straight into the
 * database once the operation has its signed record would be put back at the next load).
 */
async function importDemoWithFinalPlan(page: Page, start: string, end: string) {
  await importDemo(page, {
    ready: false,
    at: beijing('2026-12-02T09:00:00'),
    edit: (c) => ({ ...c, plans: [finalPlan(c.operation.id, start, end)] as unknown as BackupContents['plans'] }),
  });
  await openDocuments(page);
}

/** A final plan, as 预案 writes it once finalised: the documents must state its time. */
const finalPlan = (operationId: string, start: string, end: string) => ({
  id: `plan-final-${operationId}`,
  operationId,
  version: 1,
  status: 'final',
  content: { ...emptyPlanContent(), start, end },
  updatedAt: '2026-12-01T10:00:00.000+08:00',
  finalisedAt: '2026-12-01T10:00:00.000+08:00',
  finalisedBy: '陈志远',
});

/** Records a direct service on one subject from their row of the countdown table. */
async function serveDirectly(page: Page, name: string, at: string) {
  await page.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('button', { name: '记录送达' }).click();
  const serve = page.getByRole('dialog', { name: /记录送达/ });
  await expect(serve.getByLabel('受送达的被执行人')).toBeVisible();
  await pick(page, '送达时间', at, serve);
  await serve.getByRole('combobox', { name: '送达人' }).fill('林涛');
  await serve.getByRole('combobox', { name: '送达人' }).press('Enter');
  await serve.getByRole('button', { name: '保存送达记录' }).click();
  await expect(serve).toHaveCount(0);
}

test('the 告知书: refused with every reason, issued, served on each subject by the law, one countdown and one 回证 page each', async ({ page }) => {
  test.setTimeout(240_000);
  await withoutSavePicker(page);
  await page.clock.install({ time: beijing('2026-12-02T09:00:00') });
  await loadDemo(page);

  // What the subject is told is recorded on the operation; a wrong account number is refused and the input kept.
  await expect(page.getByTestId('ruling-scope')).toHaveText('准予强制搬迁并拆除');
  await expect(page.getByText(/账号 1907021109200012345/)).toBeVisible();
  await page.getByRole('button', { name: '编辑告知事项' }).click();
  let details = page.getByRole('dialog', { name: '告知事项' });
  await details.getByLabel('专户账号').fill('1907-02AB');
  await details.getByRole('button', { name: /保\s?存/ }).click();
  await expect(details.getByText('专户账号应为 8 至 32 位数字（可含空格或连字符）')).toBeVisible();
  await page.screenshot({ path: 'tests/screenshots/documents-particulars.png' });
  await page.reload();
  await page.getByRole('button', { name: '编辑告知事项' }).click();
  details = page.getByRole('dialog', { name: '告知事项' });
  await expect(details.getByText('已恢复上次未保存的填写内容')).toBeVisible();
  await expect(details.getByLabel('专户账号')).toHaveValue('1907-02AB');
  await details.getByLabel('专户账号').fill('1907 0211 0920 0012 345');
  await details.getByRole('button', { name: /保\s?存/ }).click();
  await expect(details).toHaveCount(0);

  // The notice: no time yet, a negative period, then a period the enforcement day falls inside.
  await page.getByRole('button', { name: '起草告知书' }).click();
  const editor = page.getByRole('dialog', { name: '编辑草稿：强制执行告知书' });
  await expect(editor.getByLabel('发文机关代字')).toHaveValue('临江强执告');
  await expect(editor.getByLabel('补偿安置（专户或提存、安置房屋）')).toHaveValue(/账号1907021109200012345/);
  let confirm = await openIssue(page, '强制执行告知书');
  await expect(confirm.getByTestId('issue-problems')).toContainText('请填写强制执行的开始时间和预计结束时间');
  await expect(confirm.getByRole('button', { name: /^签\s?发$/ })).toBeDisabled();
  await confirm.getByRole('button', { name: /取\s?消/ }).click();

  await pick(page, '强制执行开始时间', '2026-12-15 09:00', editor);
  await pick(page, '预计结束时间', '2026-12-15 12:00', editor);
  await expect(editor.getByLabel('强制执行的方式和时间')).toHaveValue(/2026年12月15日9时00分至12时00分/);
  await editor.getByLabel('自行履行期限（日，送达次日起算）').fill('-5');
  await expect(editor.getByText('期限应为 1 至 90 的整数天数')).toBeVisible();
  await expect(editor.getByLabel('自行履行期限（日，送达次日起算）')).toHaveValue('-5');
  await editor.getByLabel('自行履行期限（日，送达次日起算）').fill('15');
  await expect(editor.getByLabel('自行履行期限', { exact: true })).toHaveValue(/十五日内/);
  confirm = await openIssue(page, '强制执行告知书');
  // Fifteen days from today end on 17 December: the 15th falls inside them.
  await expect(confirm.getByTestId('issue-problems')).toContainText('执行日期2026年12月15日不在自行履行期限届满之后');
  await page.screenshot({ path: 'tests/screenshots/documents-refused.png' });
  await confirm.getByRole('button', { name: /取\s?消/ }).click();
  await editor.getByLabel('自行履行期限（日，送达次日起算）').fill('10');
  await expect(editor.getByLabel('自行履行期限', { exact: true })).toHaveValue(/十日内/);
  // Typed changes are kept on this station until 保存 (签发 saves them first).
  await expect(editor.getByTestId('draft-status')).toHaveText('未保存：正文、强制执行时间（已暂存在本机）');
  await editor.locator('.ant-modal-footer').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'tests/screenshots/documents-draft.png' });
  confirm = await openIssue(page, '强制执行告知书');
  await expect(confirm.getByTestId('issuer')).toContainText('签发人：陈志远');
  await confirm.getByRole('button', { name: /^签\s?发$/ }).click();
  await expect(page.getByRole('cell', { name: '临江强执告〔2026〕1号' })).toBeVisible({ timeout: 30_000 });
  const shaShown = await page.getByTestId('sha-临江强执告〔2026〕1号').textContent();

  // The issued PDF: the basis and remedies the law asks for, the 专户 with its number.
  await page.getByRole('button', { name: '查看 PDF' }).click();
  const issued = await savePdf(page);
  const text = pdfText(issued);
  for (const expected of ['临江强执告〔2026〕1号', '第二十八条', '法释〔2012〕4号）第九条', '行政强制法》第五章', '账号1907021109200012345', '扩大裁定确定的执行范围或者采取违法方式实施的', '滨江市临江区人民政府2026年12月2日']) {
    expect(text).toContain(expected);
  }
  expect(text).not.toMatch(/第三十七条|六十日内|临时指挥部/);
  expect(shaShown?.replace('…', '')).toBe(createHash('sha256').update(issued).digest('hex').slice(0, 16));

  // Service, the next day: one record per subject.
  await page.clock.setSystemTime(beijing('2026-12-03T09:00:00'));
  await expect(page.getByTestId('period-张建国')).toHaveText('—');
  await page.getByRole('row', { name: /^张建国/ }).getByRole('button', { name: '记录送达' }).click();
  let serve = page.getByRole('dialog', { name: /记录送达/ });
  await pick(page, '送达时间', '2026-12-01 15:00', serve);
  await serve.getByRole('combobox', { name: '送达人' }).fill('林涛');
  await serve.getByRole('combobox', { name: '送达人' }).press('Enter');
  await serve.getByRole('button', { name: '保存送达记录' }).click();
  await expect(serve.getByText(/送达时间早于文书签发时间/)).toBeVisible();
  await pick(page, '送达时间', '2026-12-02 15:00', serve);
  await serve.getByRole('button', { name: '保存送达记录' }).click();
  await expect(serve).toHaveCount(0);

  // 李秀兰 refuses: 留置 needs a representative of the 基层组织 or the employer as witness.
  await page.getByRole('row', { name: /^李秀兰/ }).getByRole('button', { name: '记录送达' }).click();
  serve = page.getByRole('dialog', { name: /记录送达/ });
  await serve.getByText('留置送达').click();
  await pick(page, '送达时间', '2026-12-02 16:00', serve);
  await serve.getByRole('combobox', { name: '送达人' }).fill('林涛');
  await serve.getByRole('combobox', { name: '送达人' }).press('Enter');
  await serve.getByLabel('拒收理由').fill('被执行人称补偿过低，拒绝签收');
  await serve.getByRole('button', { name: '保存送达记录' }).click();
  await expect(serve.getByText(/基层组织或所在单位的代表到场见证并签名/).last()).toBeVisible();
  await serve.getByRole('button', { name: '添加见证人' }).click();
  await serve.getByLabel('见证人 1 姓名').fill('周桂英');
  await serve.getByLabel('见证人 1 单位').fill('河西街道柳巷社区居委会');
  await page.screenshot({ path: 'tests/screenshots/documents-service.png' });
  await serve.getByRole('button', { name: '保存送达记录' }).click();
  await expect(serve).toHaveCount(0);

  // Ten days from 2 December end on Saturday the 12th, moved to Monday the 14th, for each of them.
  await expect(page.getByTestId('period-张建国')).toContainText('2026年12月14日');
  await expect(page.getByTestId('period-李秀兰')).toContainText('2026年12月14日');
  await expect(page.getByTestId('self-performance-countdown')).toContainText('以最后一名被执行人的期限为准');
  await expect(page.getByTestId('self-performance-countdown')).toContainText('李秀兰：2026年12月2日送达，至2026年12月14日届满');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: 'tests/screenshots/documents.png', fullPage: true });

  // One 送达回证 page per subject, each with only that subject's name.
  await page.getByRole('row', { name: /临江强执告〔2026〕1号/ }).getByRole('button', { name: '送达回证' }).click();
  const pages = pdfPagesText(await savePdf(page));
  expect(pages).toHaveLength(2);
  expect(pages[0]).toContain('张建国');
  expect(pages[0]).not.toContain('李秀兰');
  expect(pages[0]).toContain('■直接送达');
  expect(pages[1]).toContain('李秀兰');
  expect(pages[1]).not.toContain('张建国');
  expect(pages[1]).toContain('周桂英（河西街道柳巷社区居委会，基层组织代表）');

  // A correction is a new draft naming the document it replaces; the original stays.
  await page.getByRole('row', { name: /临江强执告〔2026〕1号/ }).getByRole('button', { name: '更正' }).click();
  await expect(page.getByLabel('自行履行期限', { exact: true })).toHaveValue(/十日内/);
  await closeDraft(page);
  await expect(page.getByText('更正 临江强执告〔2026〕1号')).toBeVisible();

  // After a reload the stored PDF is byte for byte the one issued.
  await page.reload();
  await page.getByRole('row', { name: /临江强执告〔2026〕1号/ }).getByRole('button', { name: '查看 PDF' }).click();
  expect(createHash('sha256').update(await savePdf(page)).digest('hex')).toBe(createHash('sha256').update(issued).digest('hex'));
});

test('the 公告 after the final plan and the service of every subject; posted with a photo; 公告送达 only after a failed attempt', async ({ page }) => {
  test.setTimeout(240_000);
  await withoutSavePicker(page);
  await page.clock.install({ time: beijing('2026-12-02T09:00:00') });
  await loadDemo(page);

  // Before the plan is final and before anyone was served, the 公告 is refused with both reasons.
  await page.getByRole('button', { name: '起草公告' }).click();
  let confirm = await openIssue(page, '强制执行公告');
  await expect(confirm.getByTestId('issue-problems')).toContainText('尚无定稿的强制执行预案');
  await expect(confirm.getByTestId('issue-problems')).toContainText('张建国、李秀兰尚未有效送达告知书');
  await confirm.getByRole('button', { name: /取\s?消/ }).click();
  await closeDraft(page);

  // The same demo again, with its final plan (finalising it by its acts is plan.spec's part).
  await importDemoWithFinalPlan(page, '2026-12-15T09:00:00.000+08:00', '2026-12-15T12:00:00.000+08:00');
  await page.getByRole('button', { name: '起草公告' }).click();
  await expect(page.getByRole('dialog', { name: '编辑草稿：强制执行公告' })).toBeVisible();
  await closeDraft(page);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.getByRole('button', { name: '起草告知书' }).click();
  // The final plan's time is written in.
  await expect(page.getByLabel('强制执行的方式和时间')).toHaveValue(/2026年12月15日9时00分至12时00分/);
  confirm = await openIssue(page, '强制执行告知书');
  await confirm.getByRole('button', { name: /^签\s?发$/ }).click();
  await expect(page.getByRole('cell', { name: '临江强执告〔2026〕1号' })).toBeVisible({ timeout: 30_000 });
  await page.clock.setSystemTime(beijing('2026-12-03T09:00:00'));
  await serveDirectly(page, '张建国', '2026-12-02 15:00');
  await serveDirectly(page, '李秀兰', '2026-12-02 16:00');

  // The draft written before the plan was final states no time: it is written again from the records.
  await page.getByRole('row', { name: /强制执行公告/ }).getByRole('button', { name: '编辑、预览、签发' }).click();
  const editor = page.getByRole('dialog', { name: '编辑草稿：强制执行公告' });
  // The stored draft (written on 2 December) is on screen before it is regenerated, as the user sees it.
  await expect(editor.getByLabel('公告第 2 项')).toHaveValue(/即于2026年12月7日前自行搬离/);
  await editor.getByRole('button', { name: '按最新记录重新生成' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '重新生成' }).click();
  await expect(editor.getByLabel('公告第 2 项')).toHaveValue(/自本公告发布之日起五日内，即于2026年12月8日前自行搬离/);
  await expect(editor.getByTestId('move-out-ends')).toContainText('2026年12月8日');
  confirm = await openIssue(page, '强制执行公告');
  await expect(confirm.getByText('签发条件核对通过')).toBeVisible();
  await confirm.getByRole('button', { name: /^签\s?发$/ }).click();
  await expect(page.getByRole('cell', { name: '临江强执公〔2026〕1号' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('row', { name: /临江强执公/ }).getByRole('button', { name: '查看 PDF' }).click();
  const announcement = pdfText(await savePdf(page));
  expect(announcement).toContain('即于2026年12月8日前自行搬离');
  expect(announcement).toContain('强制执行时间：2026年12月15日9时00分至12时00分');
  expect(announcement).toContain('滨江市临江区人民政府2026年12月3日');

  // Posting: place, time, who, and a photo.
  await page.getByRole('button', { name: '记录张贴' }).click();
  const posting = page.getByRole('dialog', { name: /记录张贴/ });
  await pick(page, '张贴时间', '2026-12-03 09:30', posting);
  await posting.getByRole('combobox', { name: '张贴人' }).fill('黄敏');
  await posting.getByRole('combobox', { name: '张贴人' }).press('Enter');
  const photo = await page.screenshot({ type: 'jpeg', clip: { x: 0, y: 0, width: 200, height: 150 } });
  const chooser = page.waitForEvent('filechooser');
  await posting.getByRole('button', { name: '添加照片' }).click();
  await (await chooser).setFiles({ name: '张贴现场.jpg', mimeType: 'image/jpeg', buffer: photo });
  await expect(posting.getByText('张贴现场.jpg')).toBeVisible();
  await posting.getByRole('button', { name: '保存张贴记录' }).click();
  await expect(page.getByRole('cell', { name: /张贴于滨江市临江区河西街道柳巷胡同17号 2026-12-03 09:30（照片 1 张）/ })).toBeVisible();

  // 公告送达 because other methods failed: refused until a failed attempt is on record.
  await page.clock.setSystemTime(beijing('2026-12-04T09:00:00'));
  const publish = async () => {
    await page.getByRole('row', { name: /临江强执公/ }).getByRole('button', { name: '记录送达' }).click();
    const serve = page.getByRole('dialog', { name: /记录送达/ });
    await serve.getByLabel('受送达的被执行人').click();
    await choose(page, '李秀兰');
    return serve;
  };
  const fillPublication = async (serve: Locator) => {
    await serve.getByText('公告送达').click();
    await pick(page, '送达时间', '2026-12-03 11:00', serve);
    await serve.getByRole('combobox', { name: '送达人' }).fill('黄敏');
    await serve.getByRole('combobox', { name: '送达人' }).press('Enter');
    await serve.getByLabel('公告送达的情形').click();
    await choose(page, '用其他方式无法送达');
    await serve.getByLabel('张贴或刊登之处').fill('房屋正门及小区公告栏');
    await serve.getByLabel('公告送达的原因和经过').fill('直接送达未成功，经社区核实其已离开住所');
    const photos = page.waitForEvent('filechooser');
    await serve.getByRole('button', { name: '添加照片' }).click();
    await (await photos).setFiles({ name: '公告送达.jpg', mimeType: 'image/jpeg', buffer: photo });
    await serve.getByRole('button', { name: '保存送达记录' }).click();
  };
  let serve = await publish();
  await fillPublication(serve);
  await expect(serve.getByText('以“其他方式无法送达”为由公告送达的，须先记录未能送达的尝试（时间、方式、原因）')).toBeVisible();
  await serve.getByRole('button', { name: /取消/ }).click();

  // What was typed is kept as a draft; the attempt that failed is recorded first.
  serve = await publish();
  await expect(serve.getByText('已恢复上次未保存的填写内容')).toBeVisible();
  await serve.getByText('未能送达（记录本次尝试）').click();
  await serve.getByText('直接送达').click();
  await pick(page, '送达时间', '2026-12-03 10:00', serve);
  await serve.getByLabel('未能送达的原因').fill('上门两次无人应答');
  await serve.getByRole('button', { name: '保存送达记录' }).click();
  await expect(serve).toHaveCount(0);
  await expect(page.getByRole('cell', { name: /李秀兰：直接送达未成功 2026-12-03 10:00/ })).toBeVisible();

  // With the attempt on record, the 公告送达 is accepted.
  serve = await publish();
  await fillPublication(serve);
  await expect(serve).toHaveCount(0);
  await expect(page.getByRole('cell', { name: /2027年1月2日视为送达/ })).toBeVisible();

  // The subject moves out by themselves: the operation ends on stop ground 1.
  await page.getByRole('button', { name: '被执行人已自行履行' }).click();
  const self = page.getByRole('dialog', { name: '记录被执行人已自行履行' });
  // Pressed again if the dialog was still opening (a loaded machine): the empty form is refused.
  await expect(async () => {
    await self.getByRole('button', { name: '记录并终止行动' }).click();
    await expect(self.getByText('请写明自行履行的情况（如已搬离、已交付钥匙）')).toBeVisible({ timeout: 2_000 });
  }).toPass();
  await pick(page, '自行履行日期', '2026-12-04', self);
  await self.getByLabel('情况说明').fill('被执行人已搬离并交付钥匙，经现场核实');
  await self.getByRole('button', { name: '记录并终止行动' }).click();
  await expect(page.getByText(/本行动已终止：被执行人已于2026年12月4日自行履行/)).toBeVisible();
});

test('the 催告 and 陈述申辩 are recorded with their PDFs; the ruling’s scope gates the 强制拆除通知书', async ({ page }) => {
  test.setTimeout(180_000);
  await withoutSavePicker(page);
  await page.clock.install({ time: beijing('2026-12-02T09:00:00') });
  await loadDemo(page);

  await page.getByRole('button', { name: '记录催告及申请执行' }).click();
  const demand = page.getByRole('dialog', { name: '记录催告及申请执行' });
  await demand.getByLabel('催告书文号').fill('临江征催〔2026〕7号');
  await pick(page, '催告书日期', '2026-06-30', demand);
  await pick(page, '催告书送达日期 1', '2026-07-01', demand);
  await pick(page, '催告书送达日期 2', '2026-07-02', demand);
  await pick(page, '执行依据送达日期', '2026-05-22', demand);
  await pick(page, '申请强制执行日期', '2026-07-20', demand);
  // Ten working days from 2 July end on the 16th; the six-month litigation period had not ended.
  await expect(demand.getByTestId('demand-findings')).toContainText('符合：催告期满后申请');
  await expect(demand.getByTestId('demand-findings')).toContainText('不符合：申请早于起诉期限届满（2026年11月23日）');
  await demand.getByText('期限核对').click();
  await page.screenshot({ path: 'tests/screenshots/documents-demand.png' });
  await demand.getByRole('button', { name: /记\s?录/ }).click();
  await expect(demand).toHaveCount(0);
  await expect(page.getByRole('row', { name: /催告及申请执行情况记录/ })).toContainText('1 项不符合');

  await page.getByRole('button', { name: '记录陈述申辩及答复' }).click();
  const statement = page.getByRole('dialog', { name: '记录陈述申辩及答复' });
  await pick(page, '陈述申辩日期', '2026-07-05', statement);
  await statement.getByLabel('陈述申辩的主要内容').fill('认为评估价格偏低，要求重新评估');
  await statement.getByRole('button', { name: /记\s?录/ }).click();
  await expect(statement.getByText('请记录对陈述、申辩的答复及理由（行政强制法第八条）')).toBeVisible();
  await statement.getByLabel('答复及理由').fill('评估由依法选定的评估机构作出，未在法定期限内申请复核，不予采纳');
  await pick(page, '答复日期', '2026-07-08', statement);
  await statement.getByLabel('答复人及单位').fill('林涛（临江区房屋征收事务中心）');
  await statement.getByRole('button', { name: /记\s?录/ }).click();
  await expect(statement).toHaveCount(0);
  await page.getByRole('row', { name: /陈述申辩及答复记录/ }).getByRole('button', { name: '查看 PDF' }).click();
  const record = pdfText(await savePdf(page));
  expect(record).toContain('被执行人张建国');
  expect(record).toContain('不予采纳');
  expect(record).toContain('第八条');

  // Relocation only: no 强制拆除通知书, no 函告.
  await page.getByRole('button', { name: '编辑裁定范围和发文名义' }).click();
  const ruling = page.getByRole('dialog', { name: '裁定执行范围和发文名义' });
  await ruling.getByText('准予强制搬迁（不含拆除）').click();
  await ruling.getByRole('button', { name: /保\s?存/ }).click();
  await expect(page.getByTestId('ruling-scope')).toHaveText('准予强制搬迁（不含拆除）');
  await expect(page.getByRole('button', { name: '起草强制拆除通知书' })).toBeDisabled();
  await expect(page.getByRole('button', { name: '起草函告（有关单位）' })).toBeDisabled();

  await page.getByRole('button', { name: '编辑裁定范围和发文名义' }).click();
  await page.getByRole('dialog', { name: '裁定执行范围和发文名义' }).getByText('准予强制搬迁并拆除').click();
  await page.getByRole('dialog', { name: '裁定执行范围和发文名义' }).getByRole('button', { name: /保\s?存/ }).click();
  await page.getByRole('button', { name: '起草强制拆除通知书' }).click();
  await pick(page, '拆除日期', '2026-12-10', page.getByRole('dialog', { name: '编辑草稿：强制拆除通知书' }));
  const confirm = await openIssue(page, '强制拆除通知书');
  await expect(confirm.getByTestId('issue-problems')).toContainText('距今不足十五日');
  await confirm.getByRole('button', { name: /取\s?消/ }).click();
  await pick(page, '拆除日期', '2026-12-18', page.getByRole('dialog', { name: '编辑草稿：强制拆除通知书' }));
  await expect(page.getByLabel('拆除事项')).toHaveValue(/定于2026年12月18日起依法拆除/);
  const ok = await openIssue(page, '强制拆除通知书');
  await ok.getByRole('button', { name: /^签\s?发$/ }).click();
  await expect(page.getByRole('cell', { name: '临江强执拆〔2026〕1号' })).toBeVisible({ timeout: 30_000 });

  // Every change of the ruling's scope is in the log.
  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await expect(page.getByText(/记录裁定执行范围：准予强制搬迁（不含拆除）/)).toBeVisible();
  await expect(page.getByText(/记录催告：滨江市临江区人民政府 临江征催〔2026〕7号/)).toBeVisible();
});

test('issuing and serving are logged in the hash chain, and an entry edited in the database is reported', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install({ time: beijing('2026-12-02T09:00:00') });
  await importDemoWithFinalPlan(page, '2026-12-15T09:00:00.000+08:00', '2026-12-15T12:00:00.000+08:00');
  await page.getByRole('button', { name: '起草告知书' }).click();
  const confirm = await openIssue(page, '强制执行告知书');
  await expect(confirm.getByTestId('issuer')).toContainText('签发人：陈志远');
  await confirm.getByRole('button', { name: /^签\s?发$/ }).click();
  // Two acts, two entries: the draft (资料变更) and the issue, after the operation's genesis and the commander's PIN.
  await expect(page.getByTestId('log-status')).toContainText('日志 4 条');
  await expect(page.getByTestId('log-status')).toContainText('校验通过');

  // Edit the issue's signed entry where it is kept (the station's PouchDB store, in IndexedDB),
  // as someone with access to the disk might.
  const operationId = operationIdOf(page);
  const seq = await page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('by-sequence', 'readwrite');
          const cursor = tx.objectStore('by-sequence').openCursor();
          let changed = 0;
          cursor.onsuccess = () => {
            const c = cursor.result;
            if (!c) return;
            const entry = (c.value as { entry?: { text: string; seq: number } }).entry;
            if (entry?.text.startsWith('签发')) {
              changed = entry.seq;
              c.update({ ...c.value, entry: { ...entry, text: '签发了别的文书' } });
            }
            c.continue();
          };
          tx.oncomplete = () => {
            open.result.close();
            resolve(changed);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    `_pouch_station-${operationId}`,
  );
  expect(seq).toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByTestId('log-status')).toContainText('日志校验失败');
  await expect(page.getByTestId('log-status')).toContainText(`第 ${seq} 条`);
});

test('a gap in a number series is explained, as an act of the operation, before the series goes on', async ({ page }) => {
  test.setTimeout(120_000);
  await page.clock.install({ time: beijing('2026-12-02T09:00:00') });
  await importDemoWithFinalPlan(page, '2026-12-15T09:00:00.000+08:00', '2026-12-15T12:00:00.000+08:00');
  // Number 2 of the series came with another operation's backup; number 1 was never issued here.
  const at = '2026-11-20T09:00:00.000+08:00';
  await putRecord(page, 'documents', {
    id: 'imported-2',
    operationId: 'another-operation',
    kind: 'notice',
    issuerCode: '临江强执告',
    year: 2026,
    status: 'issued',
    number: '临江强执告〔2026〕2号',
    sequence: 2,
    createdAt: at,
    updatedAt: at,
    selfPerformanceDays: 10,
    data: { documentNumber: '临江强执告〔2026〕2号', addressees: [], text: {}, issuer: '滨江市临江区人民政府', issuedOn: '2026-11-20', isDemo: true },
  });
  await page.getByRole('button', { name: '起草告知书' }).click();
  await closeDraft(page);
  await expect(page.getByText('临江强执告〔2026〕缺 1号，尚未记录原因；记录前该系列不能签发新文书')).toBeVisible();

  await page.getByRole('button', { name: '记录缺号原因' }).click();
  const gap = page.getByRole('dialog', { name: '记录缺号原因' });
  await gap.getByRole('button', { name: /^记\s?录$/ }).click();
  await expect(page.getByText('请写明缺号原因（如：该号已用于纸质文书、已作废）')).toBeVisible();
  await gap.getByLabel('缺号原因').fill('该号已用于纸质文书');
  await page.screenshot({ path: 'tests/screenshots/documents-number-gap.png' });
  await gap.getByRole('button', { name: /^记\s?录$/ }).click();
  await expect(gap).toHaveCount(0);
  await expect(page.getByText(/缺 1号，尚未记录原因/)).toHaveCount(0);

  await page.getByRole('row', { name: /强制执行告知书/ }).getByRole('button', { name: '编辑、预览、签发' }).click();
  const confirm = await openIssue(page, '强制执行告知书');
  await confirm.getByRole('button', { name: /^签\s?发$/ }).click();
  await expect(page.getByRole('cell', { name: '临江强执告〔2026〕3号' })).toBeVisible({ timeout: 30_000 });

  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await expect(page.getByText('记录缺号原因：临江强执告〔2026〕1号未由本系统签发，原因：该号已用于纸质文书')).toBeVisible();
  await page.getByText(/^记录缺号原因：/).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'tests/screenshots/documents-log-edits.png' });
});
