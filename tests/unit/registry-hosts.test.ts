// No file of the project names a package registry's host, and the dependency audit, when npm
// cannot reach the audit service, names the setting (npm config get registry), not the host
// npm's own error message carries.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
/** Hosts of the npm registry and its mirrors, and of other languages' registries (built, not written out). */
const REGISTRY_HOST = new RegExp(
  [
    ['registry', 'npmjs', 'org'],
    ['npmjs', 'com'],
    ['registry', 'yarnpkg', 'com'],
    ['npmmirror', 'com'],
    ['registry', 'npm', 'taobao', 'org'],
    ['pypi', 'org'],
    ['crates', 'io'],
    ['proxy', 'golang', 'org'],
  ]
    .map((parts) => parts.join('\\.'))
    .join('|'),
  'i',
);

const dir = mkdtempSync(join(tmpdir(), 'registry-hosts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('package registry hosts', () => {
  it('no tracked file names one', () => {
    const files = spawnSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).stdout.split('\0').filter(Boolean);
    expect(files.length).toBeGreaterThan(100);
    const naming = files.filter((file) => !/\.(png|ico|pdf|ttf|otf|woff2?)$/.test(file) && REGISTRY_HOST.test(readFileSync(join(root, file), 'latin1')));
    expect(naming).toEqual([]);
  });

  it('npm run audit:deps, when the audit service is unreachable, names the setting and not the host npm tried', () => {
    const host = ['registry', 'npmjs', 'org'].join('.');
    // A stand-in npm on PATH that answers as npm does when the advisory endpoint is blocked.
    const fakeNpm = join(dir, 'npm');
    const answer = JSON.stringify({ error: { code: 'ENOTFOUND', summary: `request to https://${host}/-/npm/v1/security/advisories/bulk failed, reason: getaddrinfo ENOTFOUND ${host}` } });
    writeFileSync(fakeNpm, `#!/bin/sh\necho '${answer}'\n`);
    chmodSync(fakeNpm, 0o755);
    const tsx = join(root, 'node_modules', '.bin', 'tsx');
    const result = spawnSync(tsx, ['tests/tools/audit-deps.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${dir}${delimiter}${process.env.PATH ?? ''}` },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('依赖安全审计未运行：无法访问 npm 审计服务（ENOTFOUND');
    expect(result.stdout).toContain('npm config get registry');
    expect(result.stdout).not.toMatch(REGISTRY_HOST);
  });
});
