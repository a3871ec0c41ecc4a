// Node (vitest). The IPC gate of the main process: who may call, and with what.
import { describe, expect, it, vi } from 'vitest';
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import {
  HostContractError,
  MAX_READ_CHUNK,
  MAX_WRITE_CHUNK,
  hostChannel,
  hostMethodNames,
  type HostHandlers,
} from '../../shared/host/contract';
import { registerHostHandlers } from '../../electron/main/ipc';
import { hubHandlerMocks } from './host-helpers';

const TOKEN = '0b8f5a52-3c1e-4d7a-9a41-6f2d8e1c7b90';
const appContents = { id: 1 } as unknown as WebContents;
const otherContents = { id: 2 } as unknown as WebContents;

type Frame = { url: string; parent: object | null } | null;

function event(frame: Frame = { url: 'app://console/index.html', parent: null }, sender = appContents) {
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

function setup(overrides: Partial<HostHandlers> = {}) {
  const channels = new Map<string, (event: IpcMainInvokeEvent, request: unknown) => Promise<unknown>>();
  const handlers = {
    appInfo: vi.fn(async () => ({ name: '强制执行指挥台', version: '0.1.0', mode: 'electron' as const, platform: 'linux', dataLocation: '/d' })),
    saveFile: vi.fn(async () => ({ status: 'cancelled' as const })),
    openFiles: vi.fn(async () => ({ files: [] })),
    readFile: vi.fn(async () => new Uint8Array([1, 2, 3])),
    hashFile: vi.fn(async () => ({ hashedBytes: 0, size: 1 })),
    closeFile: vi.fn(async () => ({})),
    beginSave: vi.fn(async () => ({ status: 'cancelled' as const })),
    writeSave: vi.fn(async () => ({ size: 0 })),
    finishSave: vi.fn(async () => ({ location: '/d/a.zip', size: 0 })),
    abortSave: vi.fn(async () => ({})),
    writeAutoBackup: vi.fn(async () => ({ location: '/d/backups/op/1.json', kept: 1 })),
    findDocumentFonts: vi.fn(async () => ({ status: 'cancelled' as const })),
    pinStatus: vi.fn(async () => ({ enrolled: [] })),
    enrolPin: vi.fn(async () => ({ status: 'enrolled' as const, replaced: false })),
    verifyPin: vi.fn(async () => ({ ok: true as const })),
    readLogPin: vi.fn(async () => ({ head: null })),
    advanceLogPin: vi.fn(async () => ({ head: { seq: 1, hash: 'a'.repeat(64) } })),
    ...hubHandlerMocks(),
    ...overrides,
  };
  registerHostHandlers(
    { handle: (channel, listener) => void channels.set(channel, listener) },
    handlers,
    (sender) => sender === appContents,
  );
  const invoke = (channel: string, request: unknown, from = event()) => {
    const listener = channels.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    return listener(from, request);
  };
  const noHandlerCalled = () => Object.values(handlers).forEach((h) => expect(h).not.toHaveBeenCalled());
  return { channels, handlers, invoke, noHandlerCalled };
}

describe('registerHostHandlers', () => {
  it('registers exactly one channel per contract method', () => {
    expect([...setup().channels.keys()]).toEqual(hostMethodNames.map(hostChannel));
  });

  it.each([
    ['a page from another origin', event({ url: 'https://example.com/', parent: null })],
    ['a file:// page', event({ url: 'file:///etc/passwd', parent: null })],
    ['a look-alike host', event({ url: 'app://console.evil/index.html', parent: null })],
    ['a call without a frame', event(null)],
    ['a sub-frame of the app', event({ url: 'app://console/index.html', parent: {} })],
    ['other web contents on the app origin', event(undefined, otherContents)],
  ])('rejects %s before looking at the request', async (_name, from) => {
    const { invoke, noHandlerCalled } = setup();
    for (const method of hostMethodNames) {
      await expect(invoke(hostChannel(method), {}, from)).rejects.toThrow(/拒绝调用/);
    }
    noHandlerCalled();
  });

  it.each([
    ['appInfo', { extra: true }],
    ['appInfo', null],
    ['readFile', { token: TOKEN, offset: '0', length: 10 }],
    ['readFile', { token: TOKEN, offset: 0, length: MAX_READ_CHUNK + 1 }],
    ['readFile', { token: TOKEN, offset: -1, length: 10 }],
    ['readFile', { token: 'not-a-token', offset: 0, length: 10 }],
    ['readFile', { token: TOKEN, offset: 0, length: 10, path: '/etc/passwd' }],
    ['saveFile', { suggestedName: '../../evil.sh', bytes: new Uint8Array(1) }],
    ['saveFile', { suggestedName: '报告.docx', bytes: 'not bytes' }],
    ['openFiles', { multiple: 'yes' }],
    ['beginSave', { suggestedName: 'C:\\evil.zip' }],
    ['beginSave', { suggestedName: '档案.zip', path: '/etc/cron.d/x' }],
    ['writeSave', { token: TOKEN, bytes: [1, 2, 3] }],
    ['writeSave', { token: 'not-a-token', bytes: new Uint8Array(1) }],
    ['finishSave', {}],
    ['abortSave', { token: 7 }],
    ['closeFile', {}],
    ['writeAutoBackup', { operationId: '../../etc', bytes: new Uint8Array(1), keep: 5 }],
    ['writeAutoBackup', { operationId: 'op-1', bytes: new Uint8Array(1), keep: 0 }],
    ['hubInvite', { op: '' }],
    ['hubInvite', { op: 'op-1', address: 'evil.example' }],
    ['hubAdmit', { pairingId: 'p'.repeat(22), entry: { v: 2, text: '伪造的配对记录' } }],
    ['hubSubmit', { op: 'op-1', entries: [] }],
    ['hubRefusals', { op: 'op-1', limit: 5000 }],
    ['stationJoin', { link: 'https://10.0.0.2:47616/pair#v=1', name: '   ', publicKey: 'k'.repeat(43) }],
    ['stationJoin', { link: 'https://10.0.0.2:47616/pair#v=1', name: '平板', publicKey: 'k'.repeat(43), credential: 'stolen' }],
    ['stationClaim', { pairingId: 'p'.repeat(22), sig: 'not a signature' }],
  ] as const)('rejects a malformed %s request %j with a HostContractError', async (method, request) => {
    const { invoke, noHandlerCalled } = setup();
    const failure = invoke(hostChannel(method), request);
    await expect(failure).rejects.toBeInstanceOf(HostContractError);
    await expect(failure).rejects.toMatchObject({ side: 'request', method });
    noHandlerCalled();
  });

  it('refuses a chunk over the write limit before the handler sees it', async () => {
    const { invoke, noHandlerCalled } = setup();
    await expect(invoke(hostChannel('writeSave'), { token: TOKEN, bytes: new Uint8Array(MAX_WRITE_CHUNK + 1) })).rejects.toThrow(
      '每次写入不能超过 8 MB',
    );
    noHandlerCalled();
  });

  it('passes a valid request, with defaults filled in, and returns the validated response', async () => {
    const { invoke, handlers } = setup();
    await expect(invoke(hostChannel('readFile'), { token: TOKEN, offset: 8, length: 3 })).resolves.toEqual(
      new Uint8Array([1, 2, 3]),
    );
    expect(handlers.readFile).toHaveBeenCalledWith({ token: TOKEN, offset: 8, length: 3 }, { id: 1 });
    await invoke(hostChannel('openFiles'), {});
    expect(handlers.openFiles).toHaveBeenCalledWith({ multiple: false, filters: [] }, { id: 1 });
  });

  it("tells the handler which web contents called, so save tokens stay with their page", async () => {
    const { invoke, handlers } = setup();
    const bytes = new Uint8Array([1, 2, 3]);
    await expect(invoke(hostChannel('writeSave'), { token: TOKEN, bytes })).resolves.toEqual({ size: 0 });
    expect(handlers.writeSave).toHaveBeenCalledWith({ token: TOKEN, bytes }, { id: 1 });
  });

  it('rejects a handler response that breaks the contract', async () => {
    const { invoke } = setup({ closeFile: async () => ({ leaked: '/home/user/secret' }) as unknown as Record<string, never> });
    await expect(invoke(hostChannel('closeFile'), { token: TOKEN })).rejects.toMatchObject({
      name: 'HostContractError',
      side: 'response',
    });
  });

  it('replaces a file-system error by a Chinese message without the path', async () => {
    const fsError = Object.assign(new Error("EACCES: permission denied, open '/home/张三/案卷.pdf'"), { code: 'EACCES' });
    const { invoke } = setup({
      readFile: async () => {
        throw fsError;
      },
    });
    const failure = invoke(hostChannel('readFile'), { token: TOKEN, offset: 0, length: 1 });
    await expect(failure).rejects.toThrow('主机操作 readFile 失败（EACCES）');
    await expect(failure).rejects.not.toThrow(/张三/);
  });
});
