// DOM. The browser twin of the Electron preload: the same host API, done with
// Chromium's file APIs. Used when the app runs in a browser window (npm run web).
import { APP_NAME } from '../../../shared/app/identity';
import type { HostHandlers, HostResponse } from '../../../shared/host/contract';
import type { HashWorkerReply, HashWorkerRequest } from './blobHashing';

interface SaveFilePickerWindow {
  showSaveFilePicker?: (options: {
    suggestedName: string;
    types?: { description: string; accept: Record<string, string[]> }[];
  }) => Promise<{ name: string; createWritable: () => Promise<{ write: (data: BufferSource) => Promise<void>; close: () => Promise<void> }> }>;
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError';

/** Asks the user for files with a hidden file input; resolves [] if they cancel. */
function pickFiles(multiple: boolean, accept: string): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = multiple;
    input.accept = accept;
    input.style.display = 'none';
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => done([]));
    document.body.append(input);
    input.click();
  });
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

export function createBrowserHost(): HostHandlers {
  const hashWorker = hashWorkerClient();
  /** Tokens the worker may hold hash state for, so closing other files never starts it. */
  const hashing = new Set<string>();
  const opened = new Map<string, File>();
  const fileOf = (token: string) => {
    const file = opened.get(token);
    if (!file) throw new Error('文件已关闭或不存在，请重新选择文件');
    return file;
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

    async saveFile({ suggestedName, bytes, filters }) {
      const picker = (window as SaveFilePickerWindow).showSaveFilePicker;
      if (picker) {
        try {
          const handle = await picker({
            suggestedName,
            types: filters.map((f) => ({
              description: f.name,
              accept: { 'application/octet-stream': f.extensions.map((e) => `.${e}`) },
            })),
          });
          const writable = await handle.createWritable();
          await writable.write(bytes as Uint8Array<ArrayBuffer>);
          await writable.close();
          return { status: 'saved', location: handle.name };
        } catch (e) {
          if (isAbort(e)) return { status: 'cancelled' };
          throw e;
        }
      }
      // No picker (older Chromium): fall back to a download into the browser's download folder.
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>]));
      const a = document.createElement('a');
      a.href = url;
      a.download = suggestedName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { status: 'saved', location: `浏览器下载文件夹/${suggestedName}` };
    },

    async openFiles({ multiple, filters }) {
      const accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',');
      const files = await pickFiles(multiple, accept);
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
  };
}
