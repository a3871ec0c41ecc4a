// Node launcher (not bundled into the app).
// The per-install secret that lets a launcher tell its own running server from a program that
// took the port first: whatever answers on 127.0.0.1:<port> is served the app's origin, and
// with it the browser profile's IndexedDB. The secret never leaves the data folder: a server
// proves it knows it by answering a fresh random challenge with HMAC-SHA256(secret, challenge).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const INSTALL_TOKEN_FILE = 'launcher-token';
const TOKEN_BYTES = 32;
const HEX = /^[0-9a-f]+$/;

/** A fresh challenge: 32 random bytes as hex. */
export const newChallenge = (): string => randomBytes(TOKEN_BYTES).toString('hex');

/** Whether `text` is a challenge as newChallenge makes them; anything else is not answered. */
export const isChallenge = (text: string): boolean => text.length === TOKEN_BYTES * 2 && HEX.test(text);

/** The answer to a challenge: HMAC-SHA256 with the install's secret, as hex. */
export const answerChallenge = (token: Buffer, challenge: string): string => createHmac('sha256', token).update(challenge).digest('hex');

/** Whether an answer is the right one, compared in constant time (a wrong answer's length or first bytes tell nothing). */
export function isRightAnswer(token: Buffer, challenge: string, answer: unknown): boolean {
  const expected = Buffer.from(answerChallenge(token, challenge), 'utf8');
  const given = Buffer.from(typeof answer === 'string' ? answer : '', 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The install's secret from `<dataDir>/launcher-token`, made (readable by the user alone) on
 * first use. Throws in Chinese when the file cannot be read or is not one we wrote.
 */
export function readOrCreateInstallToken(dataDir: string): Buffer {
  const file = path.join(dataDir, INSTALL_TOKEN_FILE);
  mkdirSync(dataDir, { recursive: true });
  // Written aside, then linked into place: link never replaces a file, so of two launchers
  // starting at once one writes the secret and both read the same, complete one.
  const aside = `${file}.${process.pid}.${newChallenge().slice(0, 8)}`;
  try {
    writeFileSync(aside, randomBytes(TOKEN_BYTES).toString('hex'), { mode: 0o600, flag: 'wx' });
    linkSync(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new Error(`无法在数据文件夹 ${dataDir} 中创建启动口令文件（${(error as Error).message}）`);
  } finally {
    rmSync(aside, { force: true });
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new Error(`无法读取启动口令文件 ${file}（${(error as Error).message}）`);
  }
  if (text.length !== TOKEN_BYTES * 2 || !HEX.test(text)) {
    throw new Error(`启动口令文件 ${file} 已损坏。请关闭本程序的所有窗口，删除该文件后重新启动（会生成新的口令，数据不受影响）。`);
  }
  return Buffer.from(text, 'hex');
}
