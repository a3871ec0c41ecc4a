// Node (vitest), Electron faked. Hashing picked files in the main process: same digest as
// sha256sum, in steps, cancellable, and flat memory on a 1 GiB file.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { createFileHashing, hashFileAtPath } from '../../electron/main/fileHashing';
import { createHostHandlers } from '../../electron/main/hostHandlers';

const electron = vi.hoisted(() => ({
  app: { getName: () => 'x', getVersion: () => '0', getPath: () => '/tmp' },
  dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
}));
vi.mock('electron', () => electron);

const win = { id: 'main' } as unknown as BrowserWindow;
/** The main window's web contents, as the IPC gate names the caller. */
const me = { id: 1 };
let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'file-hashing-'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(dir, { recursive: true, force: true });
});

const sha256sum = (path: string) => execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0];

async function sampleFile(name: string, size: number): Promise<string> {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  const path = join(dir, name);
  await fs.writeFile(path, bytes);
  return path;
}

async function openWithHost(path: string) {
  const handlers = createHostHandlers(() => win);
  electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [path] });
  const { files } = await handlers.openFiles({ multiple: false, filters: [] }, me);
  return { handlers, token: files[0]!.token };
}

describe('main-process file hashing', () => {
  it('gives the same digest as sha256sum, whole or in uneven steps', async () => {
    const path = await sampleFile('执法记录仪.mp4', 10 * 1024 * 1024 + 12345);
    const expected = sha256sum(path);
    expect(await hashFileAtPath(path)).toBe(expected);

    const hashing = createFileHashing();
    const seen: number[] = [];
    let digest: string | undefined;
    while (!digest) {
      const progress = await hashing.step('k', path, 3 * 1024 * 1024 + 7);
      seen.push(progress.hashedBytes);
      digest = progress.sha256;
    }
    expect(digest).toBe(expected);
    expect(seen).toEqual([1, 2, 3].map((n) => n * (3 * 1024 * 1024 + 7)).concat(10 * 1024 * 1024 + 12345));
    expect(hashing.size).toBe(0);
  });

  it('hashes an empty file', async () => {
    const path = join(dir, 'empty');
    await fs.writeFile(path, '');
    expect(await hashFileAtPath(path)).toBe(createHash('sha256').digest('hex'));
  });

  it('works through the host handlers: progress per step, cancelled by closeFile', async () => {
    const path = await sampleFile('a.mp4', 5 * 1024 * 1024);
    const { handlers, token } = await openWithHost(path);
    const first = await handlers.hashFile({ token, maxBytes: 2 * 1024 * 1024 }, me);
    expect(first).toEqual({ hashedBytes: 2 * 1024 * 1024, size: 5 * 1024 * 1024 });
    await handlers.closeFile({ token }, me);
    await expect(handlers.hashFile({ token, maxBytes: 1024 }, me)).rejects.toThrow('文件句柄无效或已关闭');

    // A fresh token starts again from 0 and reaches the same digest as sha256sum.
    const again = await openWithHost(path);
    let last = await again.handlers.hashFile({ token: again.token, maxBytes: 4 * 1024 * 1024 }, me);
    expect(last.hashedBytes).toBe(4 * 1024 * 1024);
    last = await again.handlers.hashFile({ token: again.token, maxBytes: 4 * 1024 * 1024 }, me);
    expect(last).toEqual({ hashedBytes: 5 * 1024 * 1024, size: 5 * 1024 * 1024, sha256: sha256sum(path) });
  });

  it('drop cancels a step in flight and closes the file', async () => {
    const path = await sampleFile('b.mp4', 16 * 1024 * 1024);
    const hashing = createFileHashing();
    const step = hashing.step('k', path, 16 * 1024 * 1024);
    await new Promise((r) => setTimeout(r, 0));
    await hashing.drop('k');
    await expect(step).rejects.toThrow('哈希计算已取消');
    expect(hashing.size).toBe(0);
    // The key is free again: a new session starts from the beginning.
    expect((await hashing.step('k', path, 1024)).hashedBytes).toBe(1024);
    await hashing.drop('k');
  });

  it('refuses a second step while one is running, and reports a file that shrank', async () => {
    const path = await sampleFile('c.mp4', 8 * 1024 * 1024);
    const hashing = createFileHashing();
    const first = hashing.step('k', path, 1024 * 1024);
    await expect(hashing.step('k', path, 1024 * 1024)).rejects.toThrow('正在计算');
    await first;
    await fs.truncate(path, 2 * 1024 * 1024);
    await expect(hashing.step('k', path, 8 * 1024 * 1024)).rejects.toThrow('变短了');
    expect(hashing.size).toBe(0);
  });

  it('hashes a 1 GiB file with flat memory', { timeout: 120_000 }, async () => {
    const path = join(dir, 'large.bin');
    const handle = await fs.open(path, 'w');
    await handle.truncate(1024 * 1024 * 1024); // sparse: costs no disk
    await handle.close();

    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakBuffers = before.arrayBuffers;
    const hashing = createFileHashing();
    let digest: string | undefined;
    while (!digest) {
      digest = (await hashing.step('big', path, 64 * 1024 * 1024)).sha256;
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
    }
    expect(peakRss - before.rss).toBeLessThan(64 * 1024 * 1024);
    expect(peakBuffers - before.arrayBuffers).toBeLessThan(64 * 1024 * 1024);
    // SHA-256 of 1 GiB of zero bytes.
    expect(digest).toBe('49bc20df15e412a64472421e13fe86ff1c5165e18b2afccf160d4dc19fe68a14');
  });
});
