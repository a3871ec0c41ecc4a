// DOM. The browser twin of the Electron preload: the same host API, done with
// Chromium's file APIs. Used when the app runs in a browser window (npm run web).
import { APP_NAME } from '../../../shared/app/identity';
import { isKnownFontFile } from '../../../shared/documents/fonts';

import { createPinStore } from '../../../shared/operators/pinStore';
import { advancedPin, readPinnedHead } from '../../../shared/host/logPins';
import { db } from '../data/db';
import { dexiePinBackend } from '../operators/dexiePins';
import { HOST_API_PATH, hubMethodNames, type HostHandlers, type HostRequestParsed, type HostResponse, type HubMethod } from '../../../shared/host/contract';
import type { HashWorkerReply, HashWorkerRequest } from './blobHashing';

/** Chromium's writable for a picked file: it writes to a swap file and replaces the file at close. */
interface PickedFileWritable {
  write: (data: BufferSource) => Promise<void>;
  close: () => Promise<void>;
  abort: () => Promise<void>;
}

interface SaveFilePickerWindow {
  showSaveFilePicker?: (options: {
    suggestedName: string;
    types?: { description: string; accept: Record<string, string[]> }[];
  }) => Promise<{ name: string; createWritable: () => Promise<PickedFileWritable> }>;
}

/**
 * A save under way. With the save picker, chunks go straight to the picked file. Without it
 * (older Chromium, and the e2e tests, which cannot drive the picker) a page cannot write to
 * disk bit by bit: chunks are kept as Blob parts, which Chromium moves out of the page's
 * memory and pages to disk when large, and one download is started at finish. So in that
 * case a multi-GB export does pass through the browser's blob store, bounded by its disk
 * quota; only the Electron host truly streams onto the disk.
 */
type BrowserSave = { size: number; location: string } & (
  | { kind: 'picked'; writable: PickedFileWritable }
  | { kind: 'download'; name: string; parts: Blob[] }
);

function readStoredPin(key: string) {
  try {
    return readPinnedHead(JSON.parse(localStorage.getItem(key) ?? 'null'));
  } catch {
    return null;
  }
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/**
 * Asks the user for files (or, with `directory`, a folder and everything in it) with a
 * hidden file input; resolves null if they cancel.
 */
function pickFiles(multiple: boolean, accept: string, directory = false): Promise<File[] | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = multiple;
    input.accept = accept;
    input.webkitdirectory = directory;
    input.style.display = 'none';
    const done = (files: File[] | null) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => done(null));
    document.body.append(input);
    input.click();
  });
}

/** Starts a download of `blob` into the browser's download folder. */
function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

type WorkerRequest = HashWorkerRequest extends infer R ? (R extends unknown ? Omit<R, 'id'> : never) : never;

/** One lazily started worker that hashes picked files; replies are matched to calls by id. */
function hashWorkerClient() {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (p: HostResponse<'hashFile'>) => void; reject: (e: Error) => void }>();
  const start = () => {
    const w = new Worker(new URL('./hashWorker.ts', import.meta.url), { type: 'module', name: '哈希计算' });
    w.onmessage = ({ data }: MessageEvent<HashWorkerReply>) => {
      const call = pending.get(data.id);
      pending.delete(data.id);
      if (data.ok) call?.resolve(data.progress);
      else call?.reject(new Error(data.message));
    };
    w.onerror = (event) => {
      event.preventDefault();
      for (const call of pending.values()) call.reject(new Error('哈希计算进程出错，请重试'));
      pending.clear();
      worker = undefined;
      w.terminate();
    };
    return w;
  };
  return (request: WorkerRequest) =>
    new Promise<HostResponse<'hashFile'>>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker ??= start();
      worker.postMessage({ ...request, id } as HashWorkerRequest);
    });
}

/**
 * The hub's methods: a page cannot run the hub or hold its credentials, so the launcher that
 * serves the app does (electron/hub/service.ts) and answers them at POST /host-api/<method>.
 */
async function callLauncher(method: HubMethod, request: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`${HOST_API_PATH}${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request), cache: 'no-store' });
  } catch {
    throw new Error('无法连接本机的启动器（同步中心由 npm run web 启动的服务提供）');
  }
  const body = (await res.json().catch(() => ({}))) as { error?: unknown };
  if (!res.ok) throw new Error(typeof body.error === 'string' ? body.error : `同步中心接口出错（${res.status}）`);
  return body;
}

const hubHandlers = Object.fromEntries(hubMethodNames.map((method) => [method, (request: unknown) => callLauncher(method, request)])) as unknown as Pick<HostHandlers, HubMethod>;

export function createBrowserHost(): HostHandlers {
  const hashWorker = hashWorkerClient();
  // The page is the host here: PINs are in this profile's IndexedDB, within the page's reach.
  const pins = createPinStore(dexiePinBackend(db));
  /** Tokens the worker may hold hash state for, so closing other files never starts it. */
  const hashing = new Set<string>();
  const opened = new Map<string, File>();
  const fileOf = (token: string) => {
    const file = opened.get(token);
    if (!file) throw new Error('文件已关闭或不存在，请重新选择文件');
    return file;
  };

  const saves = new Map<string, BrowserSave>();
  const saveOf = (token: string) => {
    const save = saves.get(token);
    if (!save) throw new Error('保存句柄无效或保存已结束，请重新保存');
    return save;
  };
  const discard = async (token: string, save: BrowserSave) => {
    saves.delete(token);
    if (save.kind === 'picked') await save.writable.abort().catch(() => undefined);
  };

  const beginSave = async ({ suggestedName, filters }: HostRequestParsed<'beginSave'>): Promise<HostResponse<'beginSave'>> => {
    const token = crypto.randomUUID();
    const picker = (window as SaveFilePickerWindow).showSaveFilePicker;
    if (!picker) {
      const location = `浏览器下载文件夹/${suggestedName}`;
      saves.set(token, { kind: 'download', name: suggestedName, parts: [], size: 0, location });
      return { status: 'opened', token, location };
    }
    try {
      const handle = await picker({
        suggestedName,
        types: filters.map((f) => ({
          description: f.name,
          accept: { 'application/octet-stream': f.extensions.map((e) => `.${e}`) },
        })),
      });
      saves.set(token, { kind: 'picked', writable: await handle.createWritable(), size: 0, location: handle.name });
      return { status: 'opened', token, location: handle.name };
    } catch (e) {
      if (isAbort(e)) return { status: 'cancelled' };
      throw e;
    }
  };

  const writeSave = async (token: string, bytes: Uint8Array): Promise<number> => {
    const save = saveOf(token);
    try {
      // A Blob copies the bytes, so the caller may reuse its buffer.
      if (save.kind === 'download') save.parts.push(new Blob([bytes as Uint8Array<ArrayBuffer>]));
      else await save.writable.write(bytes as Uint8Array<ArrayBuffer>);
    } catch (e) {
      await discard(token, save);
      throw new Error(`写入文件失败${e instanceof DOMException && e.name === 'QuotaExceededError' ? '：磁盘空间不足' : ''}，未写完的文件已删除`);
    }
    save.size += bytes.byteLength;
    return save.size;
  };

  const finishSave = async (token: string): Promise<HostResponse<'finishSave'>> => {
    const save = saveOf(token);
    saves.delete(token);
    if (save.kind === 'picked') {
      try {
        await save.writable.close();
      } catch {
        await save.writable.abort().catch(() => undefined);
        throw new Error('保存文件失败，未写完的文件已删除');
      }
    } else download(new Blob(save.parts), save.name);
    return { location: save.location, size: save.size };
  };

  return {
    async appInfo() {
      let dataLocation = `本浏览器配置中 ${location.origin} 的 IndexedDB 数据库`;
      try {
        const res = await fetch('./host-info.json', { cache: 'no-store' });
        if (res.ok) {
          const info = (await res.json()) as { dataLocation?: unknown };
          if (typeof info.dataLocation === 'string') {
            dataLocation = `浏览器配置文件夹 ${info.dataLocation}（IndexedDB，来源 ${location.origin}）`;
          }
        }
      } catch {
        // Served by something other than our launcher (e.g. the dev server): keep the generic text.
      }
      return { name: APP_NAME, version: __APP_VERSION__, mode: 'browser', platform: navigator.platform, dataLocation };
    },

    // The whole file as one chunk of a streamed save: one code path for both.
    async saveFile({ bytes, ...where }) {
      const opened = await beginSave(where);
      if (opened.status === 'cancelled') return opened;
      await writeSave(opened.token, bytes);
      return { status: 'saved', location: (await finishSave(opened.token)).location };
    },

    beginSave,
    writeSave: async ({ token, bytes }) => ({ size: await writeSave(token, bytes) }),
    finishSave: async ({ token }) => finishSave(token),

    async abortSave({ token }) {
      await discard(token, saveOf(token));
      return {};
    },

    async openFiles({ multiple, filters }) {
      const accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
      const files = (await pickFiles(multiple, accept)) ?? [];
      return {
        files: files.map((file) => {
          const token = crypto.randomUUID();
          opened.set(token, file);
          return { token, name: file.name, size: file.size, lastModified: file.lastModified };
        }),
      };
    },

    async readFile({ token, offset, length }) {
      const file = fileOf(token);
      return new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
    },

    // File objects pass to the worker by reference: nothing is copied but the slices it reads.
    async hashFile({ token, maxBytes }) {
      const file = fileOf(token);
      hashing.add(token);
      return hashWorker({ kind: 'step', token, file, maxBytes });
    },

    async closeFile({ token }) {
      opened.delete(token);
      if (hashing.delete(token)) await hashWorker({ kind: 'drop', token });
      return {};
    },

    // A page cannot look into folders unasked (the system's fonts least of all): only a folder
    // the user picks now, and only its known font files directly inside it. The page cannot
    // open that folder again later, so the app keeps the files (remembered: false).
    async findDocumentFonts({ ask }) {
      if (!ask) return { status: 'found', folder: null, files: [] };
      const picked = await pickFiles(true, '', true);
      if (picked === null) return { status: 'cancelled' };
      const folder = picked[0]?.webkitRelativePath.split('/')[0] || '所选文件夹';
      const fonts = picked.filter((file) => file.webkitRelativePath.split('/').length <= 2 && isKnownFontFile(file.name));
      return {
        status: 'found',
        folder: { location: folder, remembered: false },
        files: fonts.map((file) => {
          const token = crypto.randomUUID();
          opened.set(token, file);
          return { token, name: file.name, size: file.size, lastModified: file.lastModified, origin: 'office', location: `${folder}/${file.name}` };
        }),
      };
    },

    // A page cannot write into a folder of its own choosing unasked: the app reminds the user
    // and offers a download instead (it checks appInfo().mode before calling this).
    async writeAutoBackup() {
      throw new Error('浏览器模式不能自动写入数据文件夹，请用“下载备份”保存到本机');
    },

    pinStatus: async ({ operationId }) => ({ enrolled: await pins.enrolled(operationId) }),
    enrolPin: (request) => pins.enrol(request),
    verifyPin: (request) => pins.verify(request),

    // In the page's own localStorage here: within the page's reach (关于 says so).
    async readLogPin({ key }) {
      return { head: readStoredPin(key) };
    },
    async advanceLogPin({ key, head }) {
      const kept = readStoredPin(key);
      const next = advancedPin(kept, head);
      if (next !== kept) localStorage.setItem(key, JSON.stringify(next));
      return { head: next };
    },
    ...hubHandlers,
  };
}
