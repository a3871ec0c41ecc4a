// Node (vitest), Electron faked. The preload exposes the contract's methods and nothing else.
import { describe, expect, it, vi } from 'vitest';
import { hostChannel, hostMethodNames } from '../../shared/host/contract';
import '../../electron/preload/index';

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { invoke: vi.fn(async (channel: string, request: unknown) => ({ channel, request })) },
}));
vi.mock('electron', () => electron);

type ExposedApi = Record<string, (request: unknown) => Promise<unknown>>;
const exposed = () => electron.contextBridge.exposeInMainWorld.mock.calls[0]![1] as ExposedApi;

describe('preload', () => {
  it('exposes one object, window.host, with exactly the contract methods', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect(electron.contextBridge.exposeInMainWorld.mock.calls[0]![0]).toBe('host');
    // hostMethodNames itself is pinned, method by method, in host-contract.test.ts.
    expect(Object.keys(exposed())).toEqual(hostMethodNames);
    for (const fn of Object.values(exposed())) expect(typeof fn).toBe('function');
  });

  it('sends each method on its own channel with the request unchanged', async () => {
    for (const method of hostMethodNames) {
      const request = { probe: method };
      await expect(exposed()[method]!(request)).resolves.toEqual({ channel: hostChannel(method), request });
    }
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(hostMethodNames.length);
  });

  it("shows the main process's Chinese message without Electron's English prefix", async () => {
    electron.ipcRenderer.invoke.mockRejectedValueOnce(
      new Error("Error invoking remote method 'host:readFile': HostError: 文件句柄无效或已关闭，请重新选择文件"),
    );
    await expect(exposed().readFile!({})).rejects.toThrow(/^文件句柄无效或已关闭，请重新选择文件$/);
  });
});
