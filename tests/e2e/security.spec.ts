// The Content-Security-Policy the app is served with (the same one Electron's app:// protocol
// sends) forbids inline, injected and foreign script: none of them runs.
import { expect, test } from '@playwright/test';

test('the app’s CSP refuses inline script, inline handlers and script from elsewhere', async ({ page }) => {
  const response = await page.goto('/');
  const scriptSrc = /script-src ([^;]*)/.exec(response!.headers()['content-security-policy'] ?? '')?.[1] ?? '';
  expect(scriptSrc).toBe("'self' 'wasm-unsafe-eval'");
  await expect(page.getByRole('button', { name: '载入示例行动' })).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const inline = document.createElement('script');
    inline.textContent = 'window.injected = "inline"';
    document.body.append(inline);
    const remote = document.createElement('script');
    remote.src = 'https://example.invalid/x.js';
    document.body.append(remote);
    const handler = document.createElement('div');
    handler.innerHTML = '<img src="data:," onerror="window.injected = \'handler\'">';
    document.body.append(handler);
    await new Promise((r) => setTimeout(r, 500));
    return { injected: (window as unknown as { injected?: string }).injected ?? null, violations };
  });
  expect(outcome.injected).toBeNull();
  // The inline and the foreign script (script-src-elem) and the handler (script-src-attr) were each refused.
  expect(outcome.violations.filter((v) => v === 'script-src-elem').length).toBeGreaterThanOrEqual(2);
  expect(outcome.violations).toContain('script-src-attr');
});
