import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { copyNativeModules, NATIVE_MODULES } from './electron/build/nativeModules';

const pkg = JSON.parse(readFileSync(resolve(__dirname, 'package.json'), 'utf8')) as { version: string };
const define = { __APP_VERSION__: JSON.stringify(pkg.version) };

export default defineConfig({
  main: {
    define,
    build: {
      // Self-contained like the preload, but for LevelDB's native N-API module (the hub's
      // storage): a .node file cannot be bundled, so leveldown stays a require() and its
      // runtime files are copied beside the bundle (out/main/node_modules), where
      // electron-builder packs them and unpacks the .node files (package.json "build").
      externalizeDeps: false,
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') }, external: [...NATIVE_MODULES] },
    },
    plugins: [copyNativeModules(__dirname, resolve(__dirname, 'out/main/node_modules'))],
  },
  preload: {
    build: {
      // The sandboxed preload can require only 'electron': bundle zod and the contract into it.
      externalizeDeps: false,
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    base: './',
    define,
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      chunkSizeWarningLimit: 4096,
      // station.html: the stations' page the hub serves to phones and browser stations (renderer/src/stations).
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html'), station: resolve(__dirname, 'renderer/src/stations/station.html') } },
    },
  },
});
