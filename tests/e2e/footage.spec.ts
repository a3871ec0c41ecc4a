import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { beijing, choose, fillTime, logEntries } from './support/files';
import { signInWhenAsked } from './support/signIn';

// Every workspace asks who is there; these specs work as the demo's commander.
test.beforeEach(({ page }) => signInWhenAsked(page));

test('footage is registered with its streamed SHA-256, handed over, re-verified, and a long hash can be cancelled', async ({ page }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'footage-e2e-'));
  try {
    const original = join(dir, 'DSJ0032_现场录像.mp4');
    const bytes = Buffer.alloc(6 * 1024 * 1024 + 321);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + (i >> 12)) & 0xff;
    writeFileSync(original, bytes);
    const expected = execFileSync('sha256sum', [original], { encoding: 'utf8' }).split(' ')[0]!;
    const modified = join(dir, 'DSJ0032_现场录像_副本.mp4');
    bytes[1000] = bytes[1000]! ^ 1;
    writeFileSync(modified, bytes);

    await page.goto('/');
    await page.getByRole('button', { name: '载入示例行动' }).click();
    await page.getByRole('menuitem', { name: /证据保全/ }).click();
    await expect(page.getByRole('tab', { name: '音像资料' })).toHaveAttribute('aria-selected', 'true');

    // Register: the hash shown is sha256sum's; the details are typed while it runs.
    await page.getByRole('button', { name: '登记音像资料…' }).click();
    const register = page.getByRole('dialog', { name: /登记音像资料/ });
    await register.getByLabel('设备/执法记录仪编号').fill('DSJ-0032');
    await choose(page, register.getByRole('button', { name: '选择文件…' }), original);
    await expect(register.getByTestId('hash-result')).toHaveText(expected, { timeout: 30_000 });
    await expect(register.getByLabel('类型')).toBeVisible();
    await register.getByLabel('拍摄人').fill('钱磊');
    await register.getByLabel('所在工作组').click();
    await page.locator('.ant-select-item-option', { hasText: '安全保卫和应急处置组' }).click();
    await fillTime(register.getByLabel('开始时间'), beijing(3));
    await fillTime(register.getByLabel('结束时间'), beijing(2));
    await register.getByRole('button', { name: '登记' }).click();
    // The custodian was left empty: refused beside the field, nothing typed is lost.
    await expect(register.getByText('请填写保管人')).toBeVisible();
    await expect(register.getByLabel('设备/执法记录仪编号')).toHaveValue('DSJ-0032');
    await register.getByLabel('保管人').fill('钱磊');
    await register.getByRole('button', { name: '登记' }).click();
    await expect(register).toBeHidden();
    const row = page.getByRole('row', { name: /DSJ0032_现场录像\.mp4/ });
    await expect(row).toContainText('DSJ-0032');
    await expect(row).toContainText('6.0 MB');
    await expect(page.getByTestId('sha-DSJ0032_现场录像.mp4')).toHaveText(`${expected.slice(0, 12)}…`);
    const [registered] = await logEntries(page, 'mediaRegister');
    expect(registered?.text).toContain(`SHA-256 ${expected}`);

    // Custody transfer: logged, and the register shows the new holder.
    await row.getByRole('button', { name: '移交' }).click();
    const custody = page.getByRole('dialog', { name: /移交/ });
    await expect(custody.getByLabel('移交人')).toHaveValue('钱磊');
    await custody.getByLabel('接收人').fill('张敏');
    await custody.getByLabel('备注').fill('装入证据袋 E-03');
    await custody.getByRole('button', { name: '记录移交' }).click();
    await expect(custody).toBeHidden();
    await expect(row.getByRole('cell', { name: '张敏', exact: true })).toBeVisible();
    const [transfer] = await logEntries(page, 'custody');
    expect(transfer?.text).toBe('钱磊 将视频 DSJ-0032「DSJ0032_现场录像.mp4」移交给 张敏：装入证据袋 E-03');

    // Re-verify with the same file (match), then with a modified copy (mismatch, in red).
    await row.getByRole('button', { name: '复核' }).click();
    let verify = page.getByRole('dialog', { name: /复核/ });
    await verify.getByLabel('复核人').fill('张敏');
    await choose(page, verify.getByRole('button', { name: '选择文件并复核…' }), original);
    await expect(verify.getByTestId('verify-result')).toContainText('一致：');
    await verify.getByRole('button', { name: '关闭' }).last().click();
    await expect(row.getByText(/^一致/)).toBeVisible();

    await row.getByRole('button', { name: '复核' }).click();
    verify = page.getByRole('dialog', { name: /复核/ });
    await verify.getByLabel('复核人').fill('张敏');
    await choose(page, verify.getByRole('button', { name: '选择文件并复核…' }), modified);
    const mismatch = verify.getByTestId('verify-result');
    await expect(mismatch).toContainText('不一致');
    await expect(mismatch).toHaveClass(/ant-alert-error/);
    await page.screenshot({ path: 'tests/screenshots/footage-verify.png' });
    await verify.getByRole('button', { name: '关闭' }).last().click();
    await expect(row.getByText(/^不一致/)).toBeVisible();
    const verifications = await logEntries(page, 'mediaVerify');
    expect(verifications.map((e) => e.data?.result)).toEqual(['match', 'mismatch']);
    expect(verifications[1]?.data?.sha256).toBe(execFileSync('sha256sum', [modified], { encoding: 'utf8' }).split(' ')[0]);

    await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 });
    await page.screenshot({ path: 'tests/screenshots/footage.png' });

    // A 2 GiB file: progress with throughput, then cancelled; what was typed stays.
    const large = join(dir, 'DSJ0099_长录像.mp4');
    writeFileSync(large, '');
    truncateSync(large, 2 * 1024 ** 3);
    await page.getByRole('button', { name: '登记音像资料…' }).click();
    await register.getByLabel('设备/执法记录仪编号').fill('DSJ-0099');
    await choose(page, register.getByRole('button', { name: '选择文件…' }), large);
    await expect(register.getByTestId('hash-progress')).toContainText(/已计算 .* \/ 2\.0 GB · .*MB\/s · 剩余约/, { timeout: 20_000 });
    await page.screenshot({ path: 'tests/screenshots/footage-hashing.png' });
    await register.getByRole('button', { name: '取消', exact: true }).click();
    await expect(register.getByText('已取消计算“DSJ0099_长录像.mp4”的哈希值')).toBeVisible();
    await expect(register.getByLabel('设备/执法记录仪编号')).toHaveValue('DSJ-0099');
    await expect(register.getByRole('button', { name: '登记' })).toBeDisabled();
    await register.getByRole('button', { name: '关闭' }).last().click();
    // The draft survives closing the dialog.
    await page.getByRole('button', { name: '登记音像资料…' }).click();
    await expect(register.getByLabel('设备/执法记录仪编号')).toHaveValue('DSJ-0099');
    expect(await logEntries(page, 'mediaRegister')).toHaveLength(1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
