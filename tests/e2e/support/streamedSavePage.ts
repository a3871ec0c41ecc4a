// DOM (e2e support, bundled by tests/e2e/streamedSave.spec.ts). The browser twin and
// saveStreamed as the app builds them, put on window so a test can run a streamed save in
// the served page: no screen uses it yet.
import { validatedHost } from '../../../shared/host/contract';
import { createBrowserHost } from '../../../renderer/src/host/browserHost';
import { saveStreamed } from '../../../renderer/src/host/saveStreamed';
import { patternByte } from './pattern';

declare global {
  interface Window {
    streamedSave?: (name: string, chunkSizes: number[], failAfter?: number) => Promise<unknown>;
  }
}

const host = validatedHost(createBrowserHost());

window.streamedSave = (name, chunkSizes, failAfter) => {
  let offset = 0;
  return saveStreamed(host, { suggestedName: name, filters: [{ name: '测试', extensions: ['bin'] }] }, async (write) => {
    for (const [i, size] of chunkSizes.entries()) {
      if (i === failAfter) throw new Error('生成内容失败');
      const chunk = new Uint8Array(size);
      for (let j = 0; j < size; j++) chunk[j] = patternByte(offset + j);
      offset += size;
      await write(chunk);
    }
  });
};
