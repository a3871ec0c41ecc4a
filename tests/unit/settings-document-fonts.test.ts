// 设置 → 文书字体 in the app: choosing the office's folder (remembered by its location where
// the host can look in it again, its font files kept where not), and the fonts a document is
// then printed with. The host is faked: what it finds is what each test says.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { embeddedFontSet } from '../../shared/documents/fonts';
import type { DocumentFontFile, HostApi, HostResponse } from '../../shared/host/contract';
import { openConsoleDb, type ConsoleDb } from '../../renderer/src/data/db';
import { findOfficeFonts, fontDataUrl, loadDocumentFonts } from '../../renderer/src/documents/officeFonts';
import { chooseFontFolder } from '../../renderer/src/settings/fontFolder';
import { clearFontFolder, readFontFolder, readStoredFontFiles } from '../../renderer/src/settings/settings';

let db: ConsoleDb;
let n = 0;
afterEach(async () => {
  await db?.delete();
});

const embedded = embeddedFontSet({ regular: '/fonts/regular.ttf', bold: '/fonts/bold.ttf' });

/** A host whose font files hold the given bytes; it answers findDocumentFonts with `answer`. */
function fakeHost(contents: Record<string, Uint8Array>, answer: (ask: boolean, folder: string | null) => HostResponse<'findDocumentFonts'>) {
  const open = new Set<string>();
  const host = {
    findDocumentFonts: vi.fn(async ({ ask = false, folder = null }: { ask?: boolean; folder?: string | null }) => {
      const response = answer(ask, folder);
      if (response.status === 'found') for (const f of response.files) open.add(f.token);
      return response;
    }),
    readFile: vi.fn(async ({ token, offset, length }: { token: string; offset: number; length: number }) => {
      if (!open.has(token)) throw new Error('closed');
      return contents[token]!.slice(offset, offset + length);
    }),
    closeFile: vi.fn(async ({ token }: { token: string }) => {
      open.delete(token);
      return {};
    }),
  };
  return { host: host as unknown as Pick<HostApi, 'findDocumentFonts' | 'readFile' | 'closeFile'>, calls: host, open };
}

const fontFile = (token: string, name: string, origin: DocumentFontFile['origin'], location: string, size: number): DocumentFontFile => ({
  token,
  name,
  size,
  lastModified: 1,
  origin,
  location,
});
const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const T3 = '33333333-3333-4333-8333-333333333333';

describe('choosing the office font folder', () => {
  it('remembers a folder the host can read again by its location, keeping no bytes, and lets the files go', async () => {
    db = openConsoleDb(`fonts-${++n}`);
    const { host, open } = fakeHost({}, (ask) => ({
      status: 'found',
      folder: ask ? { location: 'D:\\字体', remembered: true } : null,
      files: [fontFile(T1, 'simfang.ttf', 'office', 'D:\\字体\\simfang.ttf', 4), fontFile(T2, 'simhei.ttf', 'windows', 'C:\\Windows\\Fonts\\simhei.ttf', 9)],
    }));
    await expect(chooseFontFolder(host, db)).resolves.toEqual({ location: 'D:\\字体', names: ['simfang.ttf'] });
    expect(await readFontFolder(db)).toEqual({ location: 'D:\\字体', remembered: true });
    expect(await readStoredFontFiles(db)).toEqual([]);
    expect(open.size).toBe(0);
  });

  it('keeps the font files of a folder a browser page cannot read again', async () => {
    db = openConsoleDb(`fonts-${++n}`);
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const { host, open } = fakeHost({ [T1]: bytes }, () => ({
      status: 'found',
      folder: { location: '单位字体', remembered: false },
      files: [fontFile(T1, '仿宋_GB2312.ttf', 'office', '单位字体/仿宋_GB2312.ttf', 4)],
    }));
    await chooseFontFolder(host, db);
    expect(await readFontFolder(db)).toEqual({ location: '单位字体', remembered: false });
    expect(await readStoredFontFiles(db)).toEqual([{ name: '仿宋_GB2312.ttf', size: 4, lastModified: 1, bytes }]);
    expect(open.size).toBe(0);
  });

  it('changes nothing when the user cancels, and forgets the folder on request', async () => {
    db = openConsoleDb(`fonts-${++n}`);
    const { host } = fakeHost({}, () => ({ status: 'cancelled' }));
    await expect(chooseFontFolder(host, db)).resolves.toBeNull();
    expect(await readFontFolder(db)).toBeNull();
    const remembered = fakeHost({}, () => ({ status: 'found', folder: { location: '/srv/字体', remembered: true }, files: [] }));
    await chooseFontFolder(remembered.host, db);
    expect(await readFontFolder(db)).not.toBeNull();
    await clearFontFolder(db);
    expect(await readFontFolder(db)).toBeNull();
  });

  it('refuses a folder the host could not read, saying why, and remembers nothing', async () => {
    db = openConsoleDb(`fonts-${++n}`);
    const { host } = fakeHost({}, () => ({ status: 'found', folder: { location: '/mnt/u盘', remembered: true, problem: '无法读取该文件夹' }, files: [] }));
    await expect(chooseFontFolder(host, db)).rejects.toThrow('无法读取字体文件夹“/mnt/u盘”：无法读取该文件夹');
    expect(await readFontFolder(db)).toBeNull();
  });
});

describe('the fonts a document is printed with', () => {
  it('takes the office’s files where found (kept ones too), the embedded font for the rest, and reads each file once', async () => {
    db = openConsoleDb(`fonts-${++n}`);
    const kept = new Uint8Array([7, 7, 7]);
    const hei = new Uint8Array([9, 8, 7, 6, 5]);
    await chooseFontFolder(
      fakeHost({ [T1]: kept }, () => ({ status: 'found', folder: { location: '单位字体', remembered: false }, files: [fontFile(T1, 'FZXBSJW.TTF', 'office', '单位字体/FZXBSJW.TTF', 3)] }))
        .host,
      db,
    );
    let token = T2;
    const { host, calls, open } = fakeHost({ [T2]: hei, [T3]: hei }, (_ask, folder) => {
      // A folder the page cannot read again is not asked about.
      expect(folder).toBeNull();
      return { status: 'found', folder: null, files: [fontFile(token, 'simhei.ttf', 'windows', 'C:\\Windows\\Fonts\\simhei.ttf', 5)] };
    });
    const office = await findOfficeFonts(host, db);
    expect(office.files.map((f) => [f.name, f.origin, f.location])).toEqual([
      ['FZXBSJW.TTF', 'office', '单位字体/FZXBSJW.TTF'],
      ['simhei.ttf', 'windows', 'C:\\Windows\\Fonts\\simhei.ttf'],
    ]);
    await Promise.all(office.files.map((f) => f.close()));

    const set = await loadDocumentFonts(host, db, embedded);
    expect(set.faces.title).toMatchObject({ name: '方正小标宋简体', file: 'FZXBSJW.TTF', origin: 'office', src: fontDataUrl(kept) });
    expect(set.faces.heading1).toMatchObject({ name: '黑体', origin: 'windows', src: 'data:font/ttf;base64,CQgHBgU=' });
    expect(set.faces.body).toBe(embedded.faces.body);
    expect(set.faces.heading2).toBe(embedded.faces.heading2);
    expect(open.size).toBe(0);
    // The same file again (a new token, same size and date): not read a second time.
    token = T3;
    const reads = calls.readFile.mock.calls.length;
    expect((await loadDocumentFonts(host, db, embedded)).faces.heading1.src).toBe('data:font/ttf;base64,CQgHBgU=');
    expect(calls.readFile.mock.calls.length).toBe(reads);
    expect(open.size).toBe(0);
  });

  it('makes a data: URL of any size react-pdf can load', () => {
    const big = Uint8Array.from({ length: 100_000 }, (_, i) => i % 256);
    const url = fontDataUrl(big);
    expect(url.startsWith('data:font/ttf;base64,')).toBe(true);
    expect(Buffer.from(url.split(',')[1]!, 'base64').equals(Buffer.from(big))).toBe(true);
  });
});
