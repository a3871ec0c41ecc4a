// Node (vitest). The per-install secret of the launcher (installToken.ts): made once, readable by
// the user alone, the same for every launcher of the install; answers compared in constant time.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { answerChallenge, INSTALL_TOKEN_FILE, isChallenge, isRightAnswer, newChallenge, readOrCreateInstallToken } from '../../electron/launch/installToken';
import { tempDir } from './launch-helpers';

describe('install token', () => {
  it('is made on first use as 32 random bytes, in a file only the user may read, and read back after', () => {
    const dir = path.join(tempDir('token'), 'not yet made');
    const token = readOrCreateInstallToken(dir);
    expect(token).toHaveLength(32);
    const file = path.join(dir, INSTALL_TOKEN_FILE);
    expect(readFileSync(file, 'utf8')).toBe(token.toString('hex'));
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readOrCreateInstallToken(dir)).toEqual(token);
    expect(readOrCreateInstallToken(tempDir('token'))).not.toEqual(token);
  });

  it('a damaged file is named, with what to do', () => {
    const dir = tempDir('token');
    writeFileSync(path.join(dir, INSTALL_TOKEN_FILE), 'not a token');
    expect(() => readOrCreateInstallToken(dir)).toThrow(`启动口令文件 ${path.join(dir, INSTALL_TOKEN_FILE)} 已损坏。请关闭本程序的所有窗口，删除该文件后重新启动`);
  });

  it('challenges are fresh 64-hex strings; only the right answer to this challenge passes', () => {
    const token = Buffer.alloc(32, 1);
    const challenge = newChallenge();
    expect(isChallenge(challenge)).toBe(true);
    expect(newChallenge()).not.toBe(challenge);
    expect(isChallenge('xyz')).toBe(false);
    const answer = answerChallenge(token, challenge);
    expect(isRightAnswer(token, challenge, answer)).toBe(true);
    expect(isRightAnswer(token, newChallenge(), answer)).toBe(false);
    expect(isRightAnswer(Buffer.alloc(32, 2), challenge, answer)).toBe(false);
    for (const wrong of [answer.slice(1), `${answer}0`, '', undefined, 42, { answer }]) expect(isRightAnswer(token, challenge, wrong)).toBe(false);
  });
});
