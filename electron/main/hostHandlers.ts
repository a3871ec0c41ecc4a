// Main process. The Electron side of the host contract: native dialogs and the file system.
// The hub's methods come from electron/hub/service.ts, shared with the browser-mode launcher.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { basename, isAbsolute } from 'node:path';
import { app, dialog } from 'electron';
import type { BrowserWindow } from 'electron';
import type { DocumentFontFile, HostRequestParsed, OpenedFile } from '../../shared/host/contract';
import { findFontFiles, fontSearchPlaces } from './fontFiles';
import { HostError } from './errors';
import { createAutoBackups } from './autoBackups';
import { createFileHashing } from './fileHashing';
import { createPinStore } from '../../shared/operators/pinStore';
import { filePinBackend } from './pinFile';
import { createLogPins } from './logPins';
import type { FileHostHandlers } from './ipc';
import { createSaveSessions, type SaveSessions } from './saveSessions';

/**
 * Builds the handlers. Opened files and streamed saves are known to the page only by a
 * random token; the path stays here, so the page can read what the user picked, and write
 * where the user chose, and nothing else. `saves` is passed in so that the entry point can
 * drop a page's open saves when the page goes away.
 */
export function createHostHandlers(
  getWindow: () => BrowserWindow | null,
  saves: SaveSessions = createSaveSessions(),
): FileHostHandlers {
  const openFiles = new Map<string, string>();
  const hashing = createFileHashing();
  const autoBackups = createAutoBackups(() => app.getPath('userData'), saves);
  const pins = createPinStore(filePinBackend(() => app.getPath('userData')));
  const logPins = createLogPins(() => app.getPath('userData'));

  const pathOf = (token: string): string => {
    const path = openFiles.get(token);
    if (path === undefined) throw new HostError('文件句柄无效或已关闭，请重新选择文件');
    return path;
  };

  // Dialogs are modal to the window, so the user cannot lose them behind it.
  const parentWindow = (): BrowserWindow => {
    const win = getWindow();
    if (!win) throw new HostError('程序窗口已关闭');
    return win;
  };

  /** The chosen path, or undefined if the user cancelled. */
  const askWhereToSave = async ({ suggestedName, filters }: HostRequestParsed<'beginSave'>) => {
    const result = await dialog.showSaveDialog(parentWindow(), { title: '保存文件', defaultPath: suggestedName, filters });
    return result.canceled || !result.filePath ? undefined : result.filePath;
  };

  return {
    async appInfo() {
      return {
        name: app.getName(),
        version: app.getVersion(),
        mode: 'electron',
        platform: process.platform,
        dataLocation: app.getPath('userData'),
      };
    },

    async saveFile({ bytes, ...where }) {
      const location = await askWhereToSave(where);
      if (location === undefined) return { status: 'cancelled' };
      await fs.writeFile(location, bytes);
      return { status: 'saved', location };
    },

    async beginSave(request, caller) {
      const location = await askWhereToSave(request);
      if (location === undefined) return { status: 'cancelled' };
      return { status: 'opened', token: await saves.begin(caller.id, location), location };
    },

    async writeSave({ token, bytes }, caller) {
      return { size: await saves.write(caller.id, token, bytes) };
    },

    async finishSave({ token }, caller) {
      return saves.finish(caller.id, token);
    },

    async abortSave({ token }, caller) {
      await saves.abort(caller.id, token);
      return {};
    },

    async openFiles({ multiple, filters }) {
      const result = await dialog.showOpenDialog(parentWindow(), {
        title: '选择文件',
        properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
        filters,
      });
      if (result.canceled) return { files: [] };
      const files: OpenedFile[] = [];
      for (const path of result.filePaths) {
        const stat = await fs.stat(path);
        const token = randomUUID();
        openFiles.set(token, path);
        files.push({ token, name: basename(path), size: stat.size, lastModified: stat.mtimeMs });
      }
      return { files };
    },

    // One chunk per call through a file handle: a large file is never read whole.
    async readFile({ token, offset, length }) {
      const handle = await fs.open(pathOf(token), 'r');
      try {
        const chunk = new Uint8Array(length);
        const { bytesRead } = await handle.read(chunk, 0, length, offset);
        return bytesRead === length ? chunk : chunk.slice(0, bytesRead);
      } finally {
        await handle.close();
      }
    },

    // Runs here with Node's crypto, not in the page, so hashing a 4 GB video never blocks the UI.
    async hashFile({ token, maxBytes }) {
      return hashing.step(token, pathOf(token), maxBytes);
    },

    async closeFile({ token }) {
      openFiles.delete(token);
      await hashing.drop(token);
      return {};
    },

    // Known font names only, each opened under a token like a picked file: the page reads the
    // fonts it is shown and nothing else in those folders.
    async findDocumentFonts({ ask, folder }) {
      let location = folder;
      if (ask) {
        const result = await dialog.showOpenDialog(parentWindow(), { title: '选择单位字体文件夹', properties: ['openDirectory'] });
        if (result.canceled || !result.filePaths[0]) return { status: 'cancelled' };
        location = result.filePaths[0];
      }
      if (location !== null && !isAbsolute(location)) throw new HostError('字体文件夹应为完整路径');
      const { files, problem } = await findFontFiles(location, fontSearchPlaces(process.env, process.platform, homedir()));
      const opened: DocumentFontFile[] = files.map((file) => {
        const token = randomUUID();
        openFiles.set(token, file.path);
        return { token, name: file.name, size: file.size, lastModified: file.mtimeMs, origin: file.origin, location: file.path };
      });
      return {
        status: 'found',
        folder: location === null ? null : { location, remembered: true, ...(problem ? { problem } : {}) },
        files: opened,
      };
    },

    async writeAutoBackup({ operationId, bytes, keep }, caller) {
      return autoBackups.write(caller.id, operationId, bytes, keep);
    },

    // PINs live here: the page is told who has one and whether a PIN is right, nothing more.
    async pinStatus({ operationId }) {
      return { enrolled: await pins.enrolled(operationId) };
    },

    async enrolPin(request) {
      return pins.enrol(request);
    },

    async verifyPin(request) {
      return pins.verify(request);
    },

    async readLogPin({ key }) {
      return { head: await logPins.read(key) };
    },

    async advanceLogPin({ key, head }) {
      return { head: await logPins.advance(key, head) };
    },
  };
}
