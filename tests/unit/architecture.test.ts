import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../shared/app/identity';

const root = join(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);

// Each part may only reach what its runtime has (the Signal-Desktop rule, by folder).
describe('who may import what', () => {
  // Pure libraries that run the same in the app and in Node.
  const sharedMayImport = ['zod', 'chinese-days', 'chinese-days/dist/chinese-days.json', 'react', 'react/jsx-runtime', '@react-pdf/renderer', '@noble/hashes/sha2.js', '@noble/hashes/scrypt.js', '@noble/hashes/utils.js', 'fflate', 'qrcode-generator', 'age-encryption', 'canonicalize', '@noble/curves/ed25519.js'];

  it('shared/ is pure: only other shared files and a few pure libraries', () => {
    for (const file of sources('shared')) {
      for (const spec of importsOf(file)) {
        expect(sharedMayImport.includes(spec) || spec.startsWith('.'), `${file} imports ${spec}`).toBe(true);
        if (spec.startsWith('.')) {
          expect(relative(root, join(root, file, '..', spec)).startsWith('shared'), `${file} imports ${spec}`).toBe(true);
        }
      }
    }
  });

  it('the renderer never imports Electron, Node built-ins or the main process', () => {
    for (const file of sources('renderer/src')) {
      for (const spec of importsOf(file)) {
        expect(/^(electron|node:|fs$|path$|child_process$)/.test(spec), `${file} imports ${spec}`).toBe(false);
        expect(spec.includes('/electron/'), `${file} imports ${spec}`).toBe(false);
      }
    }
  });

  it('every file says which runtime it is for in its first line', () => {
    for (const file of [...sources('shared'), ...sources('renderer/src'), ...sources('electron')]) {
      if (file.endsWith('.d.ts')) continue;
      const first = readFileSync(join(root, file), 'utf8').split('\n')[0] ?? '';
      expect(first, file).toMatch(/^(\/\/|\/\*\*?) ?(Pure|DOM|Main process|Preload|Node)/);
    }
  });
});

describe('content security policy', () => {
  it('index.html carries the same policy as the shells send (frame-ancestors only works as a header)', () => {
    const html = readFileSync(join(root, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
  });

  it('forbids inline and foreign scripts', () => {
    const script = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'));
    // WebAssembly compilation only (the PDF layout engine); never 'unsafe-eval' or 'unsafe-inline'.
    expect(script).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
  });
});
