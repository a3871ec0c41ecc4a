// DOM. The host the app talks to: the Electron preload's `window.host` when present,
// otherwise the browser twin. Either way every call is validated against the contract.
import { validatedHost, type HostApi } from '../../../shared/host/contract';
import { createBrowserHost } from './browserHost';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    host?: HostApi;
  }
}

export const host: HostApi = validatedHost(window.host ?? createBrowserHost());
