// Main process. Wires the host contract to IPC: one channel per method, and every call
// checked for who sent it and what it carries before a handler sees it.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { hostChannel, hostMethodNames, parseRequest, parseResponse } from '../../shared/host/contract';
import type { HostMethod, HostRequestParsed, HostResponse, HubMethod } from '../../shared/host/contract';
import { isAppUrl } from './appUrl';
import { HostError, toSafeError } from './errors';

/** Whether these web contents are the app's own window (and not, say, a devtools page). */
export type TrustedSenderCheck = (sender: WebContents) => boolean;

/** Which page called: its web contents' id. Handlers keep a page's save tokens to that page. */
export interface Caller {
  readonly id: number;
}

/** The main process's handlers: the contract's, plus who is calling. */
export type MainHostHandlers = {
  [M in HostMethod]: (request: HostRequestParsed<M>, caller: Caller) => Promise<HostResponse<M>>;
};

/** Those of hostHandlers.ts (dialogs, files); the hub's come from electron/hub/service.ts. */
export type FileHostHandlers = Omit<MainHostHandlers, HubMethod>;

/** Only the top frame of the app's own window, showing the app's own page, may call the host. */
function assertTrustedSender(event: IpcMainInvokeEvent, isTrustedSender: TrustedSenderCheck): void {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !isAppUrl(frame.url) || !isTrustedSender(event.sender)) {
    throw new HostError('拒绝调用：请求不是来自本程序的窗口');
  }
}

async function call<M extends HostMethod>(method: M, handlers: MainHostHandlers, request: unknown, caller: Caller) {
  const parsed = parseRequest(method, request);
  const handler = handlers[method] as (r: typeof parsed, caller: Caller) => Promise<unknown>;
  let response: unknown;
  try {
    response = await handler(parsed, caller);
  } catch (error) {
    throw toSafeError(method, error);
  }
  return parseResponse(method, response);
}

export function registerHostHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: MainHostHandlers,
  isTrustedSender: TrustedSenderCheck,
): void {
  for (const method of hostMethodNames) {
    ipcMain.handle(hostChannel(method), async (event, request: unknown) => {
      assertTrustedSender(event, isTrustedSender);
      return call(method, handlers, request, { id: event.sender.id });
    });
  }
}
