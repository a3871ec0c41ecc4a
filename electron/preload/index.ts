// Preload. Gives the page exactly the host contract's methods and nothing else: no
// ipcRenderer, no generic invoke, so the page cannot reach any other channel.
import { contextBridge, ipcRenderer } from 'electron';
import { hostChannel, hostMethodNames } from '../../shared/host/contract';
import type { HostMethod } from '../../shared/host/contract';

// Electron prefixes errors from the main process with "Error invoking remote method …";
// the user should see only the Chinese message underneath.
const REMOTE_ERROR_PREFIX = /^Error invoking remote method '[^']*': (?:\w*Error: )?/;

const invoke = (method: HostMethod) => (request: unknown) =>
  ipcRenderer.invoke(hostChannel(method), request).catch((error: unknown) => {
    throw new Error(error instanceof Error ? error.message.replace(REMOTE_ERROR_PREFIX, '') : String(error));
  });

const api = Object.fromEntries(hostMethodNames.map((method) => [method, invoke(method)]));

contextBridge.exposeInMainWorld('host', api);
