// Node (vitest), Electron faked. The main-process host: dialogs, tokens, chunked reads.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow, WebContents } from 'electron';
import { appInfoSchema, hostMethodNames, hubMethodNames, type HubMethod } from '../../shared/host/contract';
import { HostError } from '../../electron/main/errors';
import { createHostHandlers } from '../../electron/main/hostHandlers';
import { createSaveSessions, releaseSavesWhenPageGoes } from '../../electron/main/saveSessions';

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
/** The main window's web contents, as the IPC gate names the caller. */
const me = { id: 1 };
let dir: string;

/** Files opened from now on fail their nth write when `fails(n)`, with the error `error()` makes. */
function failWrites(fails: (n: number) => boolean, error: () => Error) {
  const realOpen = fs.open.bind(fs);
  vi.spyOn(fs, 'open').mockImplementation(async (...args: Parameters<typeof fs.open>) => {
    const handle = await realOpen(...args);
    let writes = 0;
    const write = handle.write.bind(handle) as (...a: unknown[]) => Promise<unknown>;
    handle.write = (async (...a: unknown[]) => {
      if (fails(++writes)) throw error();
      return write(...a);
    }) as typeof handle.write;
    return handle;
  });
}

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
  return { handlers, ...(await handlers.openFiles({ multiple: paths.length > 1, filters: [] }, me)) };
}

describe('createHostHandlers', () => {
  it("implements every contract method but the hub's (electron/hub/service.ts serves those in both shells)", () => {
    const hub: readonly string[] = hubMethodNames;
    expect(Object.keys(createHostHandlers(() => win)).sort()).toEqual(hostMethodNames.filter((m) => !hub.includes(m as HubMethod)).sort());
  });

  it('reports the app as running in Electron, with its data folder', async () => {
    const info = await createHostHandlers(() => win).appInfo({}, me);
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
    }, me);
    expect(result).toEqual({ status: 'saved', location: target });
    expect(electron.dialog.showSaveDialog).toHaveBeenCalledWith(win, expect.objectContaining({ defaultPath: '决定书.docx', filters }));
    expect([...(await fs.readFile(target))]).toEqual([7, 8, 9]);
  });

  it('writes nothing when the user cancels the save dialog', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    const result = await createHostHandlers(() => win).saveFile({ suggestedName: 'a.txt', bytes: new Uint8Array(1), filters: [] }, me);
    expect(result).toEqual({ status: 'cancelled' });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('refuses to open a dialog once the window is gone', async () => {
    await expect(createHostHandlers(() => null).saveFile({ suggestedName: 'a.txt', bytes: new Uint8Array(1), filters: [] }, me)).rejects.toBeInstanceOf(HostError);
  });

  it('returns no files when the user cancels the open dialog', async () => {
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(createHostHandlers(() => win).openFiles({ multiple: true, filters: [] }, me)).resolves.toEqual({ files: [] });
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
      chunks.push(await handlers.readFile({ token, offset, length: 300 }, me));
    }
    expect(chunks.map((c) => c.byteLength)).toEqual([300, 300, 300, 100]);
    expect(Buffer.concat(chunks).equals(Buffer.from(content))).toBe(true);
    expect(reads).toEqual([0, 300, 600, 900].map((position) => ({ length: 300, position })));
    expect(readFileSpy).not.toHaveBeenCalled();
    await expect(handlers.readFile({ token, offset: 5000, length: 10 }, me)).resolves.toEqual(new Uint8Array(0));
  });

  it('forgets a closed file, and refuses unknown tokens', async () => {
    const path = join(dir, 'a.txt');
    await fs.writeFile(path, 'abc');
    const { handlers, files } = await open([path]);
    const token = files[0]!.token;
    await expect(handlers.readFile({ token, offset: 0, length: 3 }, me)).resolves.toEqual(new Uint8Array([97, 98, 99]));
    await expect(handlers.closeFile({ token }, me)).resolves.toEqual({});
    await expect(handlers.readFile({ token, offset: 0, length: 3 }, me)).rejects.toThrow('文件句柄无效或已关闭');
    await expect(handlers.readFile({ token: crypto.randomUUID(), offset: 0, length: 3 }, me)).rejects.toBeInstanceOf(HostError);
  });

  it('keeps tokens apart between hosts', async () => {
    const path = join(dir, 'a.txt');
    await fs.writeFile(path, 'abc');
    const { files } = await open([path]);
    await expect(createHostHandlers(() => win).readFile({ token: files[0]!.token, offset: 0, length: 1 }, me)).rejects.toBeInstanceOf(HostError);
  });
});

describe('document fonts', () => {
  /** The office's folder with two known fonts, a document and a font in a subfolder. */
  async function officeFolder() {
    const folder = join(dir, '单位字体');
    await fs.mkdir(join(folder, '旧'), { recursive: true });
    await fs.writeFile(join(folder, 'FZXBSJW.TTF'), 'title-font');
    await fs.writeFile(join(folder, 'simfang.ttf'), 'body');
    await fs.writeFile(join(folder, '印章说明.docx'), 'secret');
    await fs.writeFile(join(folder, '旧', 'simhei.ttf'), 'old');
    return folder;
  }
  const office = (r: Awaited<ReturnType<ReturnType<typeof createHostHandlers>['findDocumentFonts']>>) =>
    r.status === 'found' ? r.files.filter((f) => f.origin === 'office') : [];

  it('asks for the folder in a dialog modal to the window and lists only the known font files in it, each readable by its token', async () => {
    const folder = await officeFolder();
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [folder] });
    const handlers = createHostHandlers(() => win);
    const found = await handlers.findDocumentFonts({ ask: true, folder: null }, me);
    expect(electron.dialog.showOpenDialog).toHaveBeenCalledWith(win, expect.objectContaining({ properties: ['openDirectory'] }));
    expect(found).toMatchObject({ status: 'found', folder: { location: folder, remembered: true } });
    const files = office(found);
    expect(files.map((f) => [f.name, f.size, f.location])).toEqual([
      ['FZXBSJW.TTF', 10, join(folder, 'FZXBSJW.TTF')],
      ['simfang.ttf', 4, join(folder, 'simfang.ttf')],
    ]);
    const bytes = await handlers.readFile({ token: files[0]!.token, offset: 0, length: 10 }, me);
    expect(Buffer.from(bytes).toString()).toBe('title-font');
    // The machine's folders are searched too, as fallbacks named as such.
    if (found.status === 'found') for (const f of found.files) expect(['office', 'windows', 'system']).toContain(f.origin);
  });

  it('looks in the remembered folder again without a dialog, and says when it is gone', async () => {
    const folder = await officeFolder();
    const handlers = createHostHandlers(() => win);
    expect(office(await handlers.findDocumentFonts({ ask: false, folder }, me)).map((f) => f.name)).toEqual(['FZXBSJW.TTF', 'simfang.ttf']);
    expect(electron.dialog.showOpenDialog).not.toHaveBeenCalled();
    await expect(handlers.findDocumentFonts({ ask: false, folder: join(dir, '没有') }, me)).resolves.toMatchObject({
      status: 'found',
      folder: { location: join(dir, '没有'), remembered: true, problem: '文件夹不存在' },
    });
    await expect(handlers.findDocumentFonts({ ask: false, folder: null }, me)).resolves.toMatchObject({ status: 'found', folder: null });
  });

  it('is cancelled with the dialog, and refuses a folder that is not a full path', async () => {
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    const handlers = createHostHandlers(() => win);
    await expect(handlers.findDocumentFonts({ ask: true, folder: null }, me)).resolves.toEqual({ status: 'cancelled' });
    await expect(handlers.findDocumentFonts({ ask: false, folder: '字体' }, me)).rejects.toThrow('字体文件夹应为完整路径');
  });
});

describe('streamed save', () => {
  const chunks = [Uint8Array.from({ length: 300 }, (_, i) => i % 256), new Uint8Array(0), Uint8Array.from({ length: 1000 }, (_, i) => (i * 3) % 256)];
  const target = () => join(dir, '档案.zip');

  /** Begins a save the user points at `archive.zip` in the temp dir. */
  async function begin(handlers = createHostHandlers(() => win), caller = me) {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target() });
    const opened = await handlers.beginSave({ suggestedName: '档案.zip', filters: [] }, caller);
    if (opened.status !== 'opened') throw new Error('not opened');
    return { handlers, token: opened.token, location: opened.location };
  }

  it('writes the chunks into a partial file and renames it onto the target at finish', async () => {
    const { handlers, token, location } = await begin();
    expect(location).toBe(target());
    expect(electron.dialog.showSaveDialog).toHaveBeenCalledWith(win, expect.objectContaining({ defaultPath: '档案.zip' }));
    const sizes = [];
    for (const bytes of chunks) sizes.push((await handlers.writeSave({ token, bytes }, me)).size);
    expect(sizes).toEqual([300, 300, 1300]);
    // Until finish, the chosen name holds nothing: a crash now leaves only the partial file.
    expect(await fs.readdir(dir)).toEqual(['档案.zip.partial']);
    await expect(handlers.finishSave({ token }, me)).resolves.toEqual({ location: target(), size: 1300 });
    expect(await fs.readdir(dir)).toEqual(['档案.zip']);
    expect((await fs.readFile(target())).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('keeps the order of writes sent without waiting', async () => {
    const { handlers, token } = await begin();
    await Promise.all(chunks.map((bytes) => handlers.writeSave({ token, bytes }, me)));
    await handlers.finishSave({ token }, me);
    expect((await fs.readFile(target())).equals(Buffer.concat(chunks))).toBe(true);
  });

  it('syncs the file to disk before it takes its name', async () => {
    const order: string[] = [];
    const realOpen = fs.open.bind(fs);
    vi.spyOn(fs, 'open').mockImplementation(async (...args: Parameters<typeof fs.open>) => {
      const handle = await realOpen(...args);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        order.push('sync');
        return sync();
      };
      return handle;
    });
    const realRename = fs.rename.bind(fs);
    vi.spyOn(fs, 'rename').mockImplementation(async (from, to) => {
      order.push('rename');
      return realRename(from, to);
    });
    const { handlers, token } = await begin();
    await handlers.finishSave({ token }, me);
    expect(order).toEqual(['sync', 'rename']);
  });

  it('writes nothing when the user cancels the dialog', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(createHostHandlers(() => win).beginSave({ suggestedName: 'a.zip', filters: [] }, me)).resolves.toEqual({ status: 'cancelled' });
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('deletes the partial file on abort and forgets the token', async () => {
    const { handlers, token } = await begin();
    await handlers.writeSave({ token, bytes: chunks[0]! }, me);
    await expect(handlers.abortSave({ token }, me)).resolves.toEqual({});
    expect(await fs.readdir(dir)).toEqual([]);
    await expect(handlers.writeSave({ token, bytes: chunks[0]! }, me)).rejects.toThrow('保存句柄无效或保存已结束');
    await expect(handlers.finishSave({ token }, me)).rejects.toThrow('保存句柄无效或保存已结束');
  });

  it('refuses writes, a second finish and an abort after finish, and leaves the saved file alone', async () => {
    const { handlers, token } = await begin();
    await handlers.writeSave({ token, bytes: chunks[0]! }, me);
    await handlers.finishSave({ token }, me);
    await expect(handlers.writeSave({ token, bytes: chunks[2]! }, me)).rejects.toBeInstanceOf(HostError);
    await expect(handlers.finishSave({ token }, me)).rejects.toThrow('保存句柄无效或保存已结束');
    await expect(handlers.abortSave({ token }, me)).rejects.toThrow('保存句柄无效或保存已结束');
    expect((await fs.readFile(target())).equals(Buffer.from(chunks[0]!))).toBe(true);
  });

  it("refuses unknown tokens, another page's tokens and tokens of another host", async () => {
    const { handlers, token } = await begin();
    const otherPage = { id: 2 };
    await expect(handlers.writeSave({ token: crypto.randomUUID(), bytes: chunks[0]! }, me)).rejects.toThrow('保存句柄无效或保存已结束');
    await expect(handlers.writeSave({ token, bytes: chunks[0]! }, otherPage)).rejects.toThrow('保存句柄无效或保存已结束');
    await expect(handlers.abortSave({ token }, otherPage)).rejects.toBeInstanceOf(HostError);
    await expect(handlers.finishSave({ token }, otherPage)).rejects.toBeInstanceOf(HostError);
    await expect(createHostHandlers(() => win).writeSave({ token, bytes: chunks[0]! }, me)).rejects.toBeInstanceOf(HostError);
    // The refusals changed nothing: the owner still finishes its save.
    await handlers.writeSave({ token, bytes: chunks[2]! }, me);
    await expect(handlers.finishSave({ token }, me)).resolves.toEqual({ location: target(), size: 1000 });
  });

  it('says in Chinese that the disk is full, without the path, and deletes the partial file', async () => {
    failWrites((n) => n > 1, () => Object.assign(new Error(`ENOSPC: no space left on device, write '${target()}'`), { code: 'ENOSPC' }));
    const { handlers, token } = await begin();
    await handlers.writeSave({ token, bytes: chunks[0]! }, me);
    const failure = handlers.writeSave({ token, bytes: chunks[2]! }, me);
    await expect(failure).rejects.toThrow('写入文件失败：磁盘空间不足，未写完的文件已删除');
    await expect(failure).rejects.toBeInstanceOf(HostError);
    await expect(failure).rejects.not.toThrow(/档案/);
    expect(await fs.readdir(dir)).toEqual([]);
    await expect(handlers.finishSave({ token }, me)).rejects.toThrow('保存句柄无效或保存已结束');
  });

  it('deletes the partial file and explains when the final rename fails', async () => {
    vi.spyOn(fs, 'rename').mockRejectedValueOnce(Object.assign(new Error('EACCES'), { code: 'EACCES' }));
    const { handlers, token } = await begin();
    await handlers.writeSave({ token, bytes: chunks[0]! }, me);
    await expect(handlers.finishSave({ token }, me)).rejects.toThrow('保存文件失败：没有写入该位置的权限，未写完的文件已删除');
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it('explains when the partial file cannot be created', async () => {
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'missing-folder', 'a.zip') });
    await expect(createHostHandlers(() => win).beginSave({ suggestedName: 'a.zip', filters: [] }, me)).rejects.toThrow(
      '在所选位置创建文件失败（ENOENT）',
    );
  });

  it("drops a page's open saves, partial files included, when the page goes away", async () => {
    const saves = createSaveSessions();
    const handlers = createHostHandlers(() => win, saves);
    const mine = await begin(handlers);
    await handlers.writeSave({ token: mine.token, bytes: chunks[0]! }, me);
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: join(dir, 'other.zip') });
    const other = await handlers.beginSave({ suggestedName: 'other.zip', filters: [] }, { id: 2 });

    const listeners = new Map<string, () => void>();
    const contents = { id: me.id, on: (event: string, listener: () => void) => void listeners.set(event, listener) };
    releaseSavesWhenPageGoes(contents as unknown as WebContents, saves);
    expect([...listeners.keys()].sort()).toEqual(['destroyed', 'did-navigate', 'render-process-gone']);
    listeners.get('render-process-gone')!();
    await vi.waitFor(async () => expect(await fs.readdir(dir)).toEqual(['other.zip.partial']));
    await expect(handlers.writeSave({ token: mine.token, bytes: chunks[0]! }, me)).rejects.toBeInstanceOf(HostError);
    if (other.status === 'opened') await handlers.abortSave({ token: other.token }, { id: 2 });
  });
});

describe('streamed save, writes and finish sent without waiting', () => {
  it('fails the finish, and leaves no file, when a write before it fails', async () => {
    failWrites((n) => n === 2, () => Object.assign(new Error('EIO'), { code: 'EIO' }));
    const target = join(dir, 'a.zip');
    electron.dialog.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
    const handlers = createHostHandlers(() => win);
    const opened = await handlers.beginSave({ suggestedName: 'a.zip', filters: [] }, me);
    const token = opened.status === 'opened' ? opened.token : '';
    const calls = [
      handlers.writeSave({ token, bytes: new Uint8Array([1]) }, me),
      handlers.writeSave({ token, bytes: new Uint8Array([2]) }, me),
      handlers.writeSave({ token, bytes: new Uint8Array([3]) }, me),
      handlers.finishSave({ token }, me),
    ];
    const results = await Promise.allSettled(calls);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'rejected']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toContain('写入文件失败（EIO），未写完的文件已删除');
    expect(String((results[3] as PromiseRejectedResult).reason)).toContain('保存文件失败（EIO）');
    expect(await fs.readdir(dir)).toEqual([]);
  });
});
