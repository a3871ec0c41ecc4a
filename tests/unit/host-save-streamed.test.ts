// Node (vitest). saveStreamed against a fake host: chunks split to the limit, finish on
// success, abort on any failure, cancel before the producer runs.
import { describe, expect, it, vi } from 'vitest';
import { MAX_WRITE_CHUNK } from '../../shared/host/contract';
import { saveStreamed, type SaveStreamHost } from '../../renderer/src/host/saveStreamed';

const TOKEN = '0b8f5a52-3c1e-4d7a-9a41-6f2d8e1c7b90';

/** A host that keeps what it is sent; `failWrite` makes the n-th write throw. */
function fakeHost({ cancel = false, failWrite = 0 } = {}) {
  const written: Uint8Array[] = [];
  const host = {
    beginSave: vi.fn(async () => (cancel ? { status: 'cancelled' as const } : { status: 'opened' as const, token: TOKEN, location: '/exports/档案.zip' })),
    writeSave: vi.fn(async ({ bytes }: { token: string; bytes: Uint8Array }) => {
      if (written.length + 1 === failWrite) throw new Error('写入文件失败：磁盘空间不足，未写完的文件已删除');
      written.push(bytes);
      return { size: written.reduce((n, b) => n + b.byteLength, 0) };
    }),
    finishSave: vi.fn(async () => ({ location: '/exports/档案.zip', size: written.reduce((n, b) => n + b.byteLength, 0) })),
    abortSave: vi.fn(async () => ({})),
  } satisfies SaveStreamHost;
  return { host, written };
}

const pattern = (length: number, seed = 0) => Uint8Array.from({ length }, (_, i) => (i * 13 + seed) % 256);

describe('saveStreamed', () => {
  it('writes what the producer writes, in order, and finishes', async () => {
    const { host, written } = fakeHost();
    const chunks = [pattern(10), pattern(0), pattern(25, 1)];
    const result = await saveStreamed(host, { suggestedName: '档案.zip', filters: [{ name: 'ZIP', extensions: ['zip'] }] }, async (write) => {
      for (const chunk of chunks) await write(chunk);
    });
    expect(result).toEqual({ location: '/exports/档案.zip', size: 35 });
    expect(host.beginSave).toHaveBeenCalledWith({ suggestedName: '档案.zip', filters: [{ name: 'ZIP', extensions: ['zip'] }] });
    expect(Buffer.concat(written)).toEqual(Buffer.concat(chunks));
    expect(host.finishSave).toHaveBeenCalledWith({ token: TOKEN });
    expect(host.abortSave).not.toHaveBeenCalled();
  });

  it('splits chunks over the limit, sending each piece with a buffer of its own', async () => {
    const { host, written } = fakeHost();
    const big = pattern(100, 7);
    await saveStreamed(host, { suggestedName: 'a.zip', chunkBytes: 30 }, (write) => write(big));
    expect(written.map((b) => b.byteLength)).toEqual([30, 30, 30, 10]);
    expect(Buffer.concat(written)).toEqual(Buffer.from(big));
    // IPC would send a view's whole buffer: each piece must not drag the 100 bytes along.
    for (const piece of written) expect(piece.buffer.byteLength).toBe(piece.byteLength);
  });

  it('never sends more than the contract allows in one call', async () => {
    const { host, written } = fakeHost();
    await saveStreamed(host, { suggestedName: 'a.zip', chunkBytes: MAX_WRITE_CHUNK * 4 }, (write) => write(new Uint8Array(MAX_WRITE_CHUNK + 5)));
    expect(written.map((b) => b.byteLength)).toEqual([MAX_WRITE_CHUNK, 5]);
  });

  it('returns cancelled without running the producer when the user cancels', async () => {
    const { host } = fakeHost({ cancel: true });
    const produce = vi.fn(async () => undefined);
    await expect(saveStreamed(host, { suggestedName: 'a.zip' }, produce)).resolves.toBe('cancelled');
    expect(produce).not.toHaveBeenCalled();
    expect(host.writeSave).not.toHaveBeenCalled();
  });

  it('aborts and rethrows when the producer fails', async () => {
    const { host } = fakeHost();
    const failure = new Error('媒体文件读取失败');
    await expect(
      saveStreamed(host, { suggestedName: 'a.zip' }, async (write) => {
        await write(pattern(5));
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(host.abortSave).toHaveBeenCalledWith({ token: TOKEN });
    expect(host.finishSave).not.toHaveBeenCalled();
  });

  it("aborts and shows the host's message when a write fails, even if the host already dropped the save", async () => {
    const { host } = fakeHost({ failWrite: 2 });
    host.abortSave.mockRejectedValueOnce(new Error('保存句柄无效或保存已结束，请重新保存'));
    await expect(
      saveStreamed(host, { suggestedName: 'a.zip' }, async (write) => {
        await write(pattern(5));
        await write(pattern(5));
        await write(pattern(5));
      }),
    ).rejects.toThrow('磁盘空间不足');
    expect(host.writeSave).toHaveBeenCalledTimes(2);
    expect(host.abortSave).toHaveBeenCalledOnce();
  });

  it('aborts when finishing fails', async () => {
    const { host } = fakeHost();
    host.finishSave.mockRejectedValueOnce(new Error('保存文件失败，未写完的文件已删除'));
    await expect(saveStreamed(host, { suggestedName: 'a.zip' }, (write) => write(pattern(3)))).rejects.toThrow('保存文件失败');
    expect(host.abortSave).toHaveBeenCalledOnce();
  });

  it('refuses writes after the save is over (a producer that kept a reference)', async () => {
    const { host } = fakeHost();
    let late: ((chunk: Uint8Array) => Promise<void>) | undefined;
    await saveStreamed(host, { suggestedName: 'a.zip' }, async (write) => {
      late = write;
    });
    await expect(late!(pattern(1))).rejects.toThrow('保存已结束，不能再写入');
    expect(host.writeSave).not.toHaveBeenCalled();
  });
});
