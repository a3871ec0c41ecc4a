// A hub for one e2e file: started before its tests on its own port and data folder (in the
// system's temp folder), serving the built station page (out/renderer), closed and removed after.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';
import { startHub, type Hub } from '../../../electron/hub/index';

export function useStationHub(name: string, port: number): () => Hub {
  let hub: Hub | undefined;
  let dir = '';
  test.beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), `${name}-`));
    hub = await startHub({ dataDir: dir, port, appRoot: path.resolve(__dirname, '../../../out/renderer') });
  });
  test.afterAll(async () => {
    await hub?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return () => hub!;
}
