// Node (vitest), Electron faked. The main-process host: dialogs, tokens, chunked reads.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { appInfoSchema, hostMethodNames } from '../../shared/host/contract';
import { HostError } from '../../electron/main/errors';
import { createHostHandlers } from '../../electron/main/hostHandlers';

const electron = vi.hoisted(() => ({
  app: {
    getName: () => '强制执行指挥台',
    getVersion: () => '0.1.0',
    getPath: (name: string) => `/home/user/.config/${name === 'userData' ? 'enforcement-console' : name}`,
  },
  dialog: { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() },
}));
vi.mock('electron', () => electron);


const win = { id: 'main' } as unknown as BrowserWindow;
let dir: string;

beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'host-handlers-'));
  vi.clearAllMocks();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await fs.rm(dir, { recursive: true, force: true });
});

/** Lets the user "pick" these files in the open dialog and returns their handles. */
async function open(paths: string[], handlers = createHostHandlers(() => win)) {
  electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: paths });
  return { handlers, ...(await handlers.openFiles({ multiple: paths.length > 1, filters: [] })) };
}

describe('createHostHandlers', () => {
  it('implements every contract method', () => {
    expect(Object.keys(createHostHandlers(() => win)).sort()).toEqual([...hostMethodNames].sort());
  });

  it('reports the app as running in Electron, with its data folder', async () => {
    const info = await createHostHandlers(() => win).appInfo({});
    expect(appInfoSchema.parse(info)).toEqual({
      name: '强制执行指挥台',
      version: '0.1.0',
      mode: 'electron',
      platform: process.platform,
      dataLocation: '/home/user/.config/enforcement-console',
    });
  });

  it('saves the bytes where the user chose, in a dialog modal to the window', async () => {
    const target = join(dir, '决定书.docx');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const filters = [{ name: 'Word 文档', extensions: ['docx'] }];
    const result = await createHostHandlers(() => win).saveFile({
      suggestedName: '决定书.docx',
      bytes: new Uint8Array([7, 8, 9]),
      filters,
    });
    expect(result).toEqual({ status: 'saved', location: target });
    expect(electron.dialog.showSaveDialog).toHaveBeenCalledWith(win, expect.objectContaining({ defaultPath: '决定书.docx', filters }));
    expect([...(await fs.readFile(target))]).toEqual([7, 8, 9]);
  });

  it('writes nothing when the user cancels the save dialog', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    const result = await createHostHandlers(() => win).saveFile({ suggestedName: 'a.txt', bytes: new Uint8Array(1), filters: [] });
    expect(result).toEqual({ status: 'cancelled' });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('refuses to open a dialog once the window is gone', async () => {
    await expect(createHostHandlers(() => null).saveFile({ suggestedName: 'a.txt', bytes: new Uint8Array(1), filters: [] })).rejects.toBeInstanceOf(HostError);
  });

  it('returns no files when the user cancels the open dialog', async () => {
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(createHostHandlers(() => win).openFiles({ multiple: true, filters: [] })).resolves.toEqual({ files: [] });
    expect(electron.dialog.showOpenDialog).toHaveBeenCalledWith(win, expect.objectContaining({ properties: ['openFile', 'multiSelections'] }));
  });

  it('gives each opened file a random token, its name, size and date, but not its path', async () => {
    const a = join(dir, '现场照片.jpg');
    const b = join(dir, '清单.xlsx');
    await fs.writeFile(a, new Uint8Array(10));
    await fs.writeFile(b, new Uint8Array(3));
    const { files } = await open([a, b]);
    expect(files.map((f) => [f.name, f.size])).toEqual([['现场照片.jpg', 10], ['清单.xlsx', 3]]);
    expect(files[0]?.token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(files[0]?.token).not.toEqual(files[1]?.token);
    expect(files[0]?.lastModified).toBe((await fs.stat(a)).mtimeMs);
    expect(JSON.stringify(files)).not.toContain(dir);
  });

  it('reads a file in chunks at offsets through a file handle, never whole', async () => {
    const content = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 256);
    const path = join(dir, 'big.bin');
    await fs.writeFile(path, content);
    const { handlers, files } = await open([path]);
    const token = files[0]!.token;

    const realOpen = fs.open.bind(fs);
    const reads: Array<{ length: number; position: unknown }> = [];
    vi.spyOn(fs, 'open').mockImplementation(async (...args: Parameters<typeof fs.open>) => {
      const handle = await realOpen(...args);
      const read = handle.read.bind(handle);
      handle.read = ((buffer: Uint8Array, offset: number, length: number, position: number) => {
        reads.push({ length, position });
        return read(buffer, offset, length, position);
      }) as typeof handle.read;
      handle.readFile = (() => Promise.reject(new Error('whole-file read'))) as typeof handle.readFile;
      return handle;
    });
    const readFileSpy = vi.spyOn(fs, 'readFile');

    const chunks: Uint8Array[] = [];
    for (let offset = 0; offset < content.length; offset += 300) {
      chunks.push(await handlers.readFile({ token, offset, length: 300 }));
    }
    expect(chunks.map((c) => c.byteLength)).toEqual([300, 300, 300, 100]);
    expect(Buffer.concat(chunks).equals(Buffer.from(content))).toBe(true);
    expect(reads).toEqual([0, 300, 600, 900].map((position) => ({ length: 300, position })));
    expect(readFileSpy).not.toHaveBeenCalled();
    await expect(handlers.readFile({ token, offset: 5000, length: 10 })).resolves.toEqual(new Uint8Array(0));
  });

  it('forgets a closed file, and refuses unknown tokens', async () => {
    const path = join(dir, 'a.txt');
    await fs.writeFile(path, 'abc');
    const { handlers, files } = await open([path]);
    const token = files[0]!.token;
    await expect(handlers.readFile({ token, offset: 0, length: 3 })).resolves.toEqual(new Uint8Array([97, 98, 99]));
    await expect(handlers.closeFile({ token })).resolves.toEqual({});
    await expect(handlers.readFile({ token, offset: 0, length: 3 })).rejects.toThrow('文件句柄无效或已关闭');
    await expect(handlers.readFile({ token: crypto.randomUUID(), offset: 0, length: 3 })).rejects.toBeInstanceOf(HostError);
  });

  it('keeps tokens apart between hosts', async () => {
    const path = join(dir, 'a.txt');
    await fs.writeFile(path, 'abc');
    const { files } = await open([path]);
    await expect(createHostHandlers(() => win).readFile({ token: files[0]!.token, offset: 0, length: 1 })).rejects.toBeInstanceOf(HostError);
  });
});
