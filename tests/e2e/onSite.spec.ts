import { expect, test, type Page } from '@playwright/test';
import { chainedNotes } from './support/log';
import { blur, checkIn, fixClock, importDemo, openConsole, phaseByKey } from './support/onSite';
import { putRecords } from './support/files';
import { signInWhenAsked } from './support/signIn';

const timeline = (page: Page) => page.getByTestId('timeline');

/** Whether the row with this seq lies inside the scrolled area of the virtual list. */
const shownInList = (page: Page, seq: string) =>
  page.evaluate((seq) => {
    const cell = [...document.querySelectorAll('[data-testid="timeline"] [data-testid="seq"]')].find((e) => e.textContent === seq);
    const holder = cell?.closest('.ant-table-tbody-virtual-holder, .ant-table-body');
    if (!cell || !holder) return false;
    const c = cell.getBoundingClientRect();
    const h = holder.getBoundingClientRect();
    return c.top >= h.top && c.bottom <= h.bottom;
  }, seq);

test('the commander checks in staff, runs the day by keyboard, 中止 on §39 and resumes, and it all stays in a verified log', async ({ page }) => {
  test.setTimeout(120_000);
  await openConsole(page);
  await expect(page.getByTestId('recorder')).toHaveText('记录人：陈志远');

  // Check-in against the roster, by typing a name.
  for (const name of ['林涛', '赵刚']) await checkIn(page, name);
  const who = page.getByRole('combobox', { name: '到岗人员' });
  await expect(page.getByTestId('not-checked-in')).not.toContainText('林涛');
  // A second check-in needs a note.
  await who.fill('林涛');
  await who.press('Enter');
  const again = page.getByRole('dialog', { name: '林涛 再次到岗' });
  await again.getByRole('button', { name: '登记' }).click();
  await expect(page.getByText('再次登记请填写说明（如离岗后返回）')).toBeVisible();
  await again.getByLabel('再次到岗说明').fill('离岗取对讲机后返回');
  await again.getByLabel('再次到岗说明').press('Enter');
  await expect(again).toHaveCount(0);

  // Phases before the start are refused.
  await blur(page);
  await page.keyboard.press('2');
  await expect(page.getByText('请先宣布开始执行').first()).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await phaseByKey(page, '1', '宣布开始执行', '各组已到位');
  await expect(page.getByTestId('onsite-status')).toContainText('执行中');
  await expect(page.getByTestId('elapsed')).toHaveText(/^\d\d:\d\d:\d\d$/);
  await phaseByKey(page, '2', '警戒到位');
  await phaseByKey(page, '3', '向被执行人宣告');

  // After the start a stop is 中止执行 on a ground of §39; the “实施前” grounds are not offered.
  await expect(page.getByRole('button', { name: '停止执行' })).toHaveCount(0);
  await page.getByRole('button', { name: '中止执行' }).click();
  const stop = page.getByRole('dialog', { name: '中止执行' });
  await expect(stop.getByRole('radio', { name: /^情形[123]：/ })).toHaveCount(0);
  await expect(stop.getByRole('radio')).toHaveCount(4);
  await stop.getByRole('radio', { name: /第三十九条第一款第（四）项（参照适用）：行政机关认为需要中止执行的其他情形/ }).check();
  await stop.getByRole('button', { name: '中止执行' }).click();
  await expect(stop.getByText('请填写中止执行的具体理由')).toBeVisible();
  await stop.getByLabel('停止理由').fill('巷口聚集围观群众三十余人，情绪激动');
  await stop.getByRole('button', { name: '中止执行' }).click();
  await expect(page.getByTestId('onsite-status')).toContainText('已中止（《中华人民共和国行政强制法》第三十九条第一款第（四）项');
  await blur(page);
  await page.keyboard.press('4');
  await expect(page.getByText(/停止期间不能记录执行环节/).first()).toBeVisible();
  await page.getByRole('button', { name: '恢复执行' }).click();
  const resume = page.getByRole('dialog', { name: '恢复执行' });
  await resume.getByLabel('恢复理由').fill('群众已疏散，秩序恢复');
  await resume.getByRole('button', { name: '恢复执行' }).click();
  await expect(page.getByTestId('onsite-status')).toContainText('执行中');
  await phaseByKey(page, '4', '带离现场');

  // Incident, public opinion, free text by a group.
  await page.getByRole('button', { name: '突发事件' }).click();
  const incident = page.getByRole('dialog', { name: '突发事件' });
  await incident.getByText(/^较大事件/).click();
  await incident.getByLabel('事件经过').fill('被执行人亲属张伟情绪激动，试图冲击警戒线');
  await incident.getByLabel('处置情况').fill('安全保卫组劝阻，医护人员到场安抚');
  await incident.getByRole('button', { name: '记录' }).click();
  await expect(incident.getByText('较大、重大事件须报告领导小组，请填写报告对象')).toBeVisible();
  await incident.getByLabel('报告对象').fill('协调领导小组办公室');
  await incident.getByRole('button', { name: '记录' }).click();
  await expect(incident).toHaveCount(0);

  await page.getByRole('button', { name: '舆情' }).click();
  const opinion = page.getByRole('dialog', { name: '舆情' });
  await opinion.getByLabel('舆情来源').fill('本地微信群');
  await opinion.getByLabel('舆情内容').fill('有人称现场“暴力强拆”');
  await opinion.getByLabel('统一回应口径').fill('本次执行经法院裁定准予，由区政府依法组织实施，全程录像并公证');
  await opinion.getByRole('button', { name: '记录' }).click();
  await expect(opinion).toHaveCount(0);

  await page.getByRole('combobox', { name: '记录工作组' }).fill('证据保全');
  await page.getByRole('combobox', { name: '记录工作组' }).press('Enter');
  await page.getByLabel('记录内容').fill('执法记录仪 3 台开始全程录像');
  await page.getByLabel('记录内容').press('Control+Enter');
  await expect(timeline(page)).toContainText('执法记录仪 3 台开始全程录像');

  // A correction: a new entry; the timeline shows the current text marked 已更正, with history.
  // 警戒到位 is this station's 7th entry: its log opens with the operation's genesis (the imported
  // records as its baseline) and the commander's PIN, then the three check-ins and the start.
  await timeline(page).getByRole('button', { name: '更正第 7 条' }).click();
  const correct = page.getByRole('dialog', { name: '更正第 7 条' });
  await expect(correct.getByLabel('更正后的内容')).toHaveValue('警戒到位');
  await correct.getByLabel('更正后的内容').fill('警戒到位：外围警戒线设于柳巷口');
  await correct.getByLabel('更正理由').fill('补记警戒位置');
  await correct.getByRole('button', { name: '记录更正' }).click();
  await expect(correct).toHaveCount(0);
  await expect(timeline(page)).toContainText('已更正');
  await expect(timeline(page)).toContainText('警戒到位：外围警戒线设于柳巷口');
  await timeline(page).getByRole('button', { name: '展开行' }).click();
  await expect(page.getByTestId(/^history-\S+-7$/)).toContainText('原始记录（第 7 条');
  await expect(page.getByTestId(/^history-\S+-7$/)).toContainText('（理由：补记警戒位置）');
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
  await page.screenshot({ path: 'tests/screenshots/onSite.png', fullPage: true });

  await phaseByKey(page, '9', '宣布执行完毕', '房屋已交征收部门接收');
  await expect(page.getByTestId('onsite-status')).toContainText('已完毕');
  await expect(page.getByRole('button', { name: '突发事件' })).toBeDisabled();

  // Filters and search.
  const category = page.getByRole('combobox', { name: '按类别筛选' });
  await category.fill('突发');
  await category.press('Enter');
  await expect(page.getByTestId('timeline-count')).toHaveText(/显示 1 \/ \d+ 项/);
  await expect(timeline(page)).toContainText('【较大事件】');
  await page.locator('.ant-select', { has: category }).hover();
  await page.locator('.ant-select', { has: category }).locator('.ant-select-clear').click();
  await expect(page.getByTestId('timeline-count')).toHaveText(/显示 (\d+) \/ \1 项/);
  await page.getByLabel('搜索日志').fill('群众已疏散');
  await expect(page.getByTestId('timeline-count')).toHaveText(/显示 1 \/ \d+ 项/);
  await page.getByLabel('搜索日志').fill('');
  await page.getByRole('combobox', { name: '按工作组筛选' }).fill('证据保全');
  await page.getByRole('combobox', { name: '按工作组筛选' }).press('Enter');
  await expect(page.getByTestId('timeline-count')).toHaveText(/显示 1 \/ \d+ 项/);
  await page.reload();

  // After a reload everything is there and the chain verifies.
  await expect(page.getByTestId('onsite-status')).toContainText('已完毕');
  await expect(page.getByTestId('checked-in')).toContainText('赵刚');
  await expect(page.getByTestId('timeline-verify')).toContainText('校验通过：共 16 条');
  await page.getByRole('button', { name: '校验' }).click();
  await expect(page.getByTestId('timeline-verify')).toContainText('校验通过：共 16 条');
  await expect(page.getByTestId('log-status')).toContainText('校验通过');
  await expect(timeline(page)).toContainText('已更正');
  // The timeline opens at the newest entry.
  await expect.poll(() => shownInList(page, '14')).toBe(true);
});

test('100 000 entries: the timeline opens, scrolls to the last one, and search finds an entry', async ({ page }) => {
  test.setTimeout(300_000);
  // An operation with a long format-1 log (from before format 2), brought in by 导入备份; the
  // genesis and the commander's PIN follow it as this station's signed entries.
  const COUNT = 100_000;
  const ALL = COUNT + 2;
  // Written before the first signed entry (nobody signed in yet), as a version before format 2
  // left it: the import's checks of a 100 000-entry file are not what this measures.
  await fixClock(page);
  const operationId = await importDemo(page);
  await putRecords(page, 'logEntries', chainedNotes(operationId, COUNT));
  await signInWhenAsked(page);
  await page.reload();
  await page.getByRole('menuitem', { name: /现场指挥/ }).click();
  await expect(page.getByTestId('timeline-count')).toHaveText(`显示 ${ALL} / ${ALL} 项`, { timeout: 60_000 });
  await expect(page.getByTestId('timeline-verify')).toContainText(`校验通过：共 ${ALL} 条`, { timeout: 60_000 });
  // It opens at the newest entry; scrolled up, 跳至最新 brings it back.
  await expect.poll(() => shownInList(page, '100000')).toBe(true);
  await timeline(page).locator('.ant-table-tbody-virtual-holder, .ant-table-body').first().hover();
  for (let i = 0; i < 5; i++) await page.mouse.wheel(0, -5000);
  await expect.poll(() => shownInList(page, '100000')).toBe(false);
  await page.getByRole('button', { name: '跳至最新' }).click();
  await expect.poll(() => shownInList(page, '100000')).toBe(true);

  await page.getByLabel('搜索日志').fill('第 54321 条');
  await expect(page.getByTestId('timeline-count')).toHaveText(`显示 1 / ${ALL} 项`);
  await expect(timeline(page)).toContainText('批量记录第 54321 条');
});

test('ground 1 before the start ends the operation: recorded as self-performance, no resumption', async ({ page }) => {
  await openConsole(page);
  await page.getByRole('button', { name: '停止执行' }).click();
  const stop = page.getByRole('dialog', { name: '停止执行' });
  await stop.getByLabel('停止理由').fill('被执行人今晨已自行搬离并交付钥匙');
  await stop.getByRole('button', { name: '停止执行' }).click();
  await expect(stop.getByText('请选择停止执行的情形')).toBeVisible();
  await stop.getByRole('radio', { name: /情形1/ }).check();
  await expect(stop.getByText(/情形一将终结本行动/)).toBeVisible();
  await stop.getByRole('button', { name: '停止执行' }).click();
  await expect(page.getByTestId('onsite-status')).toContainText('已终结');
  await expect(page.getByText('已终止：被执行人自行履行')).toBeVisible();
  await expect(page.getByRole('button', { name: '恢复执行' })).toBeDisabled();
  await expect(page.getByRole('button', { name: '宣布开始执行' })).toBeDisabled();
  await expect(timeline(page)).toContainText('情形一，不再恢复');
});
