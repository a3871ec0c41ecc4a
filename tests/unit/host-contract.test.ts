import { describe, expect, it, vi } from 'vitest';
import {
  HostContractError,
  MAX_HASH_STEP,
  MAX_READ_CHUNK,
  MAX_WRITE_CHUNK,
  hostChannel,
  hostMethodNames,
  hubMethodNames,
  validatedHost,
  type HostHandlers,
} from '../../shared/host/contract';
import { openFileStream } from '../../renderer/src/host/fileStream';
import { hubHandlerMocks } from './host-helpers';

describe('host API contract', () => {
  it('is exactly this list of methods (adding one is a security decision: update this test on purpose)', () => {
    expect([...hostMethodNames].sort()).toEqual([
      'abortSave',
      'advanceLogPin',
      'appInfo',
      'beginSave',
      'closeFile',
      'enrolPin',
      'findDocumentFonts',
      'finishSave',
      'hashFile',
      'hubAdmit',
      'hubClockOffsets',
      'hubCloseLan',
      'hubInvite',
      'hubOpenLan',
      'hubOpenOperation',
      'hubPendingPairings',
      'hubProposeCheckpoint',
      'hubRefusals',
      'hubRefusePairing',
      'hubStatus',
      'hubSubmit',
      'openFiles',
      'pinStatus',
      'readFile',
      'readLogPin',
      'saveFile',
      'stationClaim',
      'stationJoin',
      'stationLinks',
      'verifyPin',
      'writeAutoBackup',
      'writeSave',
    ]);
    expect(hostMethodNames.map(hostChannel)).toContain('host:readFile');
  });

  const handlers = (): HostHandlers => ({
    appInfo: vi.fn(async () => ({ name: 'n', version: '1', mode: 'browser' as const, platform: 'p', dataLocation: 'd' })),
    saveFile: vi.fn(async () => ({ status: 'cancelled' as const })),
    openFiles: vi.fn(async () => ({ files: [] })),
    readFile: vi.fn(async () => new Uint8Array(1)),
    hashFile: vi.fn(async () => ({ hashedBytes: 1, size: 1, sha256: 'a'.repeat(64) })),
    closeFile: vi.fn(async () => ({})),
    beginSave: vi.fn(async () => ({ status: 'cancelled' as const })),
    writeSave: vi.fn(async () => ({ size: 0 })),
    finishSave: vi.fn(async () => ({ location: 'l', size: 0 })),
    abortSave: vi.fn(async () => ({})),
    writeAutoBackup: vi.fn(async () => ({ location: 'l', kept: 1 })),
    findDocumentFonts: vi.fn(async () => ({ status: 'found' as const, folder: null, files: [] })),
    pinStatus: vi.fn(async () => ({ enrolled: [] })),
    enrolPin: vi.fn(async () => ({ status: 'enrolled' as const, replaced: false })),
    verifyPin: vi.fn(async () => ({ ok: true as const })),
    readLogPin: vi.fn(async () => ({ head: null })),
    advanceLogPin: vi.fn(async () => ({ head: { seq: 1, hash: 'a'.repeat(64) } })),
    ...hubHandlerMocks(),
  });

  it('validates requests before the host sees them', async () => {
    const raw = handlers();
    const host = validatedHost(raw);
    await expect(host.readFile({ token: 'nope', offset: 0, length: 1 })).rejects.toBeInstanceOf(HostContractError);
    await expect(
      host.readFile({ token: crypto.randomUUID(), offset: 0, length: MAX_READ_CHUNK + 1 }),
    ).rejects.toThrow(/readFile 的请求无效/);
    await expect(host.saveFile({ suggestedName: '../x.pdf', bytes: new Uint8Array(1) })).rejects.toThrow('文件名含有不允许的字符');
    // Extra keys are refused: a request carries nothing the contract does not name.
    await expect((host.appInfo as (r: unknown) => Promise<unknown>)({ sneaky: true })).rejects.toThrow(HostContractError);
    expect(raw.readFile).not.toHaveBeenCalled();
    expect(raw.saveFile).not.toHaveBeenCalled();
    expect(raw.appInfo).not.toHaveBeenCalled();
  });

  it('validates responses before the app sees them', async () => {
    const raw = handlers();
    raw.appInfo = async () => ({ name: 'n' }) as never;
    await expect(validatedHost(raw).appInfo({})).rejects.toThrow(/appInfo 的响应无效/);
  });

  it('bounds each hashing step and refuses bad tokens', async () => {
    const raw = handlers();
    const host = validatedHost(raw);
    const token = crypto.randomUUID();
    await expect(host.hashFile({ token: 'nope', maxBytes: 1024 })).rejects.toThrow('文件句柄无效');
    await expect(host.hashFile({ token, maxBytes: 0 })).rejects.toThrow('每步字节数应大于 0');
    await expect(host.hashFile({ token, maxBytes: MAX_HASH_STEP + 1 })).rejects.toThrow('每步字节数过大');
    await expect(host.hashFile({ token, maxBytes: 1.5 })).rejects.toThrow('每步字节数应为整数');
    await expect(host.hashFile({ token, maxBytes: '1024' as unknown as number })).rejects.toThrow(HostContractError);
    expect(raw.hashFile).not.toHaveBeenCalled();
    await expect(host.hashFile({ token, maxBytes: MAX_HASH_STEP })).resolves.toEqual({ hashedBytes: 1, size: 1, sha256: 'a'.repeat(64) });
  });

  it('accepts a hash only when the whole file is hashed, in lower-case hex', async () => {
    const token = crypto.randomUUID();
    const answer = async (response: unknown) => {
      const raw = handlers();
      raw.hashFile = async () => response as never;
      return validatedHost(raw).hashFile({ token, maxBytes: 10 });
    };
    await expect(answer({ hashedBytes: 5, size: 10 })).resolves.toEqual({ hashedBytes: 5, size: 10 });
    await expect(answer({ hashedBytes: 5, size: 10, sha256: 'a'.repeat(64) })).rejects.toThrow(/hashFile 的响应无效/);
    await expect(answer({ hashedBytes: 10, size: 10 })).rejects.toThrow(/hashFile 的响应无效/);
    await expect(answer({ hashedBytes: 10, size: 10, sha256: 'A'.repeat(64) })).rejects.toThrow(/hashFile 的响应无效/);
    await expect(answer({ hashedBytes: 11, size: 10 })).rejects.toThrow(/hashFile 的响应无效/);
  });

  it('bounds each streamed-save chunk and checks the save responses', async () => {
    const raw = handlers();
    const host = validatedHost(raw);
    const token = crypto.randomUUID();
    await expect(host.writeSave({ token, bytes: new Uint8Array(MAX_WRITE_CHUNK + 1) })).rejects.toThrow('每次写入不能超过 8 MB');
    await expect(host.writeSave({ token: 'nope', bytes: new Uint8Array(1) })).rejects.toThrow('文件句柄无效');
    await expect(host.beginSave({ suggestedName: 'a/b.zip' })).rejects.toThrow('文件名含有不允许的字符');
    expect(raw.writeSave).not.toHaveBeenCalled();
    expect(raw.beginSave).not.toHaveBeenCalled();
    await expect(host.writeSave({ token, bytes: new Uint8Array(MAX_WRITE_CHUNK) })).resolves.toEqual({ size: 0 });
    await expect(host.beginSave({ suggestedName: '档案.zip' })).resolves.toEqual({ status: 'cancelled' });
    expect(raw.beginSave).toHaveBeenCalledWith({ suggestedName: '档案.zip', filters: [] });
    raw.beginSave = async () => ({ status: 'opened', token: 'x', location: 'l' });
    await expect(validatedHost(raw).beginSave({ suggestedName: 'a.zip' })).rejects.toThrow(/beginSave 的响应无效/);
    raw.finishSave = async () => ({ location: 'l', size: -1 });
    await expect(validatedHost(raw).finishSave({ token })).rejects.toThrow(/finishSave 的响应无效/);
  });

  it('hands out known document font files only, and checks the folder asked about', async () => {
    const raw = handlers();
    const host = validatedHost(raw);
    await expect(host.findDocumentFonts({ folder: '' })).rejects.toThrow('字体文件夹不能为空');
    await expect(host.findDocumentFonts({ folder: 'x'.repeat(1001) })).rejects.toThrow('字体文件夹路径过长');
    expect(raw.findDocumentFonts).not.toHaveBeenCalled();
    await host.findDocumentFonts({});
    expect(raw.findDocumentFonts).toHaveBeenCalledWith({ ask: false, folder: null });
    const file = (name: string) => ({ token: crypto.randomUUID(), name, size: 1, lastModified: 0, origin: 'windows', location: `C:\\Windows\\Fonts\\${name}` });
    raw.findDocumentFonts = async () => ({ status: 'found', folder: null, files: [file('simfang.ttf'), file('SIMHEI.TTF')] }) as never;
    await expect(validatedHost(raw).findDocumentFonts({})).resolves.toMatchObject({ files: [{ name: 'simfang.ttf' }, { name: 'SIMHEI.TTF' }] });
    // Anything else the host might list there (a document, a key file) is refused.
    for (const name of ['passwords.txt', 'simfang.ttf.exe', 'id_rsa', 'NotoSansCJK-Bold.ttf']) {
      raw.findDocumentFonts = async () => ({ status: 'found', folder: null, files: [file(name)] }) as never;
      await expect(validatedHost(raw).findDocumentFonts({}), name).rejects.toThrow(/findDocumentFonts 的响应无效/);
    }
  });

  it('PIN methods: who has a PIN and whether one is right, never a hash; ids checked, nothing extra', async () => {
    const raw = handlers();
    const host = validatedHost(raw);
    await expect(host.pinStatus({ operationId: '../op' })).rejects.toThrow('编号无效');
    await expect(host.verifyPin({ operationId: 'op', personId: 'p', pin: '1'.repeat(65) })).rejects.toThrow('PIN 过长');
    await expect((host.enrolPin as (r: unknown) => Promise<unknown>)({ operationId: 'op', personId: 'p', pin: '135790' })).rejects.toThrow(HostContractError);
    expect(raw.enrolPin).not.toHaveBeenCalled();
    await expect(host.enrolPin({ operationId: 'op', personId: 'p', pin: '135790', authoriser: null })).resolves.toEqual({ status: 'enrolled', replaced: false });
    // A host that would hand out a hash, or anything else, is refused before the page sees it.
    raw.pinStatus = async () => ({ enrolled: ['p'], records: [{ hash: 'ab' }] }) as never;
    await expect(validatedHost(raw).pinStatus({ operationId: 'op' })).rejects.toThrow(/pinStatus 的响应无效/);
    raw.verifyPin = async () => ({ ok: true, hash: 'ab' }) as never;
    await expect(validatedHost(raw).verifyPin({ operationId: 'op', personId: 'p', pin: '135790' })).rejects.toThrow(/verifyPin 的响应无效/);
  });

  it('the pinned log head: a key and a head as the chain prints it, nothing else', async () => {
    const raw = handlers();
    const host = validatedHost(raw);
    await expect(host.readLogPin({ key: '../../x' })).rejects.toThrow('链头键无效');
    await expect(host.advanceLogPin({ key: 'k', head: { seq: 0, hash: 'a'.repeat(64) } })).rejects.toThrow(HostContractError);
    await expect(host.advanceLogPin({ key: 'k', head: { seq: 1, hash: 'A'.repeat(64) } })).rejects.toThrow('链头哈希值无效');
    expect(raw.advanceLogPin).not.toHaveBeenCalled();
    await expect(host.advanceLogPin({ key: 'enforcement-console.logHead.db.op-1', head: { seq: 1, hash: 'a'.repeat(64) } })).resolves.toEqual({ head: { seq: 1, hash: 'a'.repeat(64) } });
  });

  it('names the hub methods the Node side serves (in browser mode, the launcher at /host-api/)', () => {
    expect(hubMethodNames.every((m) => hostMethodNames.includes(m))).toBe(true);
    expect(hubMethodNames.filter((m) => /^(hub|station)[A-Z]/.test(m))).toEqual([...hubMethodNames]);
    expect(hostMethodNames.filter((m) => /^(hub|station)[A-Z]/.test(m)).sort()).toEqual([...hubMethodNames].sort());
  });

  it('refuses a hub request that is not a signed entry, or that carries what the contract does not name', async () => {
    const raw = handlers();
    const host = validatedHost(raw);
    await expect(host.hubOpenOperation({ genesis: { v: 2, op: 'op-1', text: '伪造' } as never })).rejects.toThrow(/hubOpenOperation 的请求无效/);
    await expect(host.hubSubmit({ op: 'op-1', entries: [] })).rejects.toThrow('没有要提交的记录');
    await expect(host.stationJoin({ link: 'x', name: '  ', publicKey: 'k'.repeat(43) })).rejects.toThrow('请填写本工作站的名称');
    await expect(host.hubInvite({ op: 'op-1', address: 'hub.example.com' })).rejects.toThrow('地址应为本机的 IPv4 地址');
    expect(raw.hubOpenOperation).not.toHaveBeenCalled();
    expect(raw.hubSubmit).not.toHaveBeenCalled();
    expect(raw.stationJoin).not.toHaveBeenCalled();
    await host.hubRefusals({ op: 'op-1' });
    expect(raw.hubRefusals).toHaveBeenCalledWith({ op: 'op-1', limit: 100 });
  });

  it('never lets a credential out: a link or status answer with a field the contract does not name is refused', async () => {
    const raw = handlers();
    const link = { op: 'op-1', db: 'op_op-1', hub: 'local', fingerprint: 'a'.repeat(64), anchor: 'k'.repeat(43), role: 'commander', name: '指挥', state: 'connected' };
    raw.stationLinks = vi.fn(async () => ({ links: [link] })) as never;
    await expect(validatedHost(raw).stationLinks({})).resolves.toEqual({ links: [link] });
    raw.stationLinks = vi.fn(async () => ({ links: [{ ...link, credential: 'secret-bearer-token' }] })) as never;
    await expect(validatedHost(raw).stationLinks({})).rejects.toThrow(/stationLinks 的响应无效/);
    raw.stationClaim = vi.fn(async () => ({ status: 'admitted', op: 'op-1', db: 'op_op-1', anchor: 'k'.repeat(43), role: 'evidenceClerk', credential: 'secret' })) as never;
    await expect(validatedHost(raw).stationClaim({ pairingId: 'p'.repeat(22), sig: 's'.repeat(86) })).rejects.toThrow(/stationClaim 的响应无效/);
  });

  it('fills defaults and passes valid calls through', async () => {
    const raw = handlers();
    await validatedHost(raw).openFiles({});
    expect(raw.openFiles).toHaveBeenCalledWith({ multiple: false, filters: [] });
  });
});

describe('openFileStream', () => {
  const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => i % 251);
  const file = { token: crypto.randomUUID(), name: '录像.mp4', size: bytes.length, lastModified: 0 };

  it('reads the whole file in bounded chunks and closes it', async () => {
    const reads: number[] = [];
    const closeFile = vi.fn(async () => ({}));
    const stream = openFileStream(
      {
        readFile: async ({ offset, length }) => {
          reads.push(length);
          return bytes.slice(offset, offset + length);
        },
        closeFile,
      },
      file,
      4096,
    );
    const chunks: Uint8Array[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(bytes));
    expect(Math.max(...reads)).toBe(4096);
    expect(closeFile).toHaveBeenCalledOnce();
  });

  it('errors clearly if the file shrinks while it is read', async () => {
    const stream = openFileStream({ readFile: async () => new Uint8Array(0), closeFile: async () => ({}) }, file);
    await expect(stream.getReader().read()).rejects.toThrow('在读取过程中变短了');
  });
});
