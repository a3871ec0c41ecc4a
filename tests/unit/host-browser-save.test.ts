// Node (vitest), browser globals faked. The browser twin's saves: streamed into the picked
// file when Chromium offers the save picker, otherwise collected and downloaded at finish.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrowserHost } from '../../renderer/src/host/browserHost';

const chunks = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array([4, 5])];

/** A picked file whose writable records what it is given. */
function fakePicker({ failWrite }: { failWrite?: DOMException } = {}) {
  const writable = {
    written: [] as Uint8Array[],
    write: vi.fn(async (data: Uint8Array) => {
      if (failWrite) throw failWrite;
      writable.written.push(new Uint8Array(data));
    }),
    close: vi.fn(async () => undefined),
    abort: vi.fn(async () => undefined),
  };
  const showSaveFilePicker = vi.fn(async () => ({ name: '档案.zip', createWritable: async () => writable }));
  return { writable, showSaveFilePicker };
}

/** The anchor the download fallback clicks, and the blob it points at. */
function fakeDownloads() {
  const anchors: Array<{ href: string; download: string; click: () => void }> = [];
  const blobs = new Map<string, Blob>();
  vi.stubGlobal('document', {
    createElement: () => {
      const a = { href: '', download: '', click: vi.fn() };
      anchors.push(a);
      return a;
    },
  });
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, blob as Blob);
    return url;
  });
  return { anchors, blobs };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('browser host, streamed save with the save picker', () => {
  it('writes each chunk into the picked file and closes it at finish', async () => {
    const { writable, showSaveFilePicker } = fakePicker();
    vi.stubGlobal('window', { showSaveFilePicker });
    const host = createBrowserHost();
    const opened = await host.beginSave({ suggestedName: '档案.zip', filters: [{ name: 'ZIP', extensions: ['zip'] }] });
    expect(opened).toEqual({ status: 'opened', token: expect.any(String), location: '档案.zip' });
    expect(showSaveFilePicker).toHaveBeenCalledWith({
      suggestedName: '档案.zip',
      types: [{ description: 'ZIP', accept: { 'application/octet-stream': ['.zip'] } }],
    });
    const token = opened.status === 'opened' ? opened.token : '';
    for (const bytes of chunks) await host.writeSave({ token, bytes });
    expect(writable.close).not.toHaveBeenCalled();
    await expect(host.finishSave({ token })).resolves.toEqual({ location: '档案.zip', size: 5 });
    expect(writable.close).toHaveBeenCalledOnce();
    expect(Buffer.concat(writable.written)).toEqual(Buffer.from([1, 2, 3, 4, 5]));
    await expect(host.writeSave({ token, bytes: chunks[0]! })).rejects.toThrow('保存句柄无效或保存已结束');
    await expect(host.finishSave({ token })).rejects.toThrow('保存句柄无效或保存已结束');
  });

  it('is cancelled when the user closes the picker', async () => {
    vi.stubGlobal('window', { showSaveFilePicker: async () => Promise.reject(new DOMException('x', 'AbortError')) });
    await expect(createBrowserHost().beginSave({ suggestedName: 'a.zip', filters: [] })).resolves.toEqual({ status: 'cancelled' });
  });

  it('discards the picked file on abort and forgets the token', async () => {
    const { writable, showSaveFilePicker } = fakePicker();
    vi.stubGlobal('window', { showSaveFilePicker });
    const host = createBrowserHost();
    const opened = await host.beginSave({ suggestedName: 'a.zip', filters: [] });
    const token = opened.status === 'opened' ? opened.token : '';
    await host.writeSave({ token, bytes: chunks[0]! });
    await expect(host.abortSave({ token })).resolves.toEqual({});
    expect(writable.abort).toHaveBeenCalledOnce();
    expect(writable.close).not.toHaveBeenCalled();
    await expect(host.abortSave({ token })).rejects.toThrow('保存句柄无效或保存已结束');
  });

  it('says the disk is full when a write runs out of quota, and discards the file', async () => {
    const { writable, showSaveFilePicker } = fakePicker({ failWrite: new DOMException('quota', 'QuotaExceededError') });
    vi.stubGlobal('window', { showSaveFilePicker });
    const host = createBrowserHost();
    const opened = await host.beginSave({ suggestedName: 'a.zip', filters: [] });
    const token = opened.status === 'opened' ? opened.token : '';
    await expect(host.writeSave({ token, bytes: chunks[0]! })).rejects.toThrow('写入文件失败：磁盘空间不足，未写完的文件已删除');
    expect(writable.abort).toHaveBeenCalledOnce();
    await expect(host.finishSave({ token })).rejects.toThrow('保存句柄无效或保存已结束');
  });
});

describe('browser host, streamed save without the save picker', () => {
  it('keeps the chunks as Blob parts and starts one download at finish', async () => {
    vi.stubGlobal('window', {});
    const { anchors, blobs } = fakeDownloads();
    const host = createBrowserHost();
    const opened = await host.beginSave({ suggestedName: '档案.zip', filters: [] });
    expect(opened).toEqual({ status: 'opened', token: expect.any(String), location: '浏览器下载文件夹/档案.zip' });
    const token = opened.status === 'opened' ? opened.token : '';
    const reused = new Uint8Array([1, 2, 3]);
    await host.writeSave({ token, bytes: reused });
    reused.fill(9); // the caller may reuse its buffer once the write resolved
    await host.writeSave({ token, bytes: chunks[2]! });
    expect(anchors).toEqual([]);
    await expect(host.finishSave({ token })).resolves.toEqual({ location: '浏览器下载文件夹/档案.zip', size: 5 });
    expect(anchors).toHaveLength(1);
    expect(anchors[0]!.download).toBe('档案.zip');
    expect(anchors[0]!.click).toHaveBeenCalledOnce();
    expect(new Uint8Array(await blobs.get(anchors[0]!.href)!.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3, 4, 5]));
  });

  it('downloads nothing for an aborted save', async () => {
    vi.stubGlobal('window', {});
    const { anchors } = fakeDownloads();
    const host = createBrowserHost();
    const opened = await host.beginSave({ suggestedName: 'a.zip', filters: [] });
    const token = opened.status === 'opened' ? opened.token : '';
    await host.writeSave({ token, bytes: chunks[0]! });
    await host.abortSave({ token });
    expect(anchors).toEqual([]);
  });

  it('saves a whole file (saveFile) the same way', async () => {
    vi.stubGlobal('window', {});
    const { anchors, blobs } = fakeDownloads();
    const result = await createBrowserHost().saveFile({ suggestedName: '决定书.pdf', bytes: new Uint8Array([7, 8]), filters: [] });
    expect(result).toEqual({ status: 'saved', location: '浏览器下载文件夹/决定书.pdf' });
    expect(new Uint8Array(await blobs.get(anchors[0]!.href)!.arrayBuffer())).toEqual(new Uint8Array([7, 8]));
  });
});
