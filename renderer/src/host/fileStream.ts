// DOM. Reads an opened host file as a stream, chunk by chunk, so a multi-GB video
// never sits in memory whole.
import { MAX_READ_CHUNK, type HostApi, type OpenedFile } from '../../../shared/host/contract';

export function openFileStream(
  host: Pick<HostApi, 'readFile' | 'closeFile'>,
  file: OpenedFile,
  chunkSize = 4 * 1024 * 1024,
): ReadableStream<Uint8Array> {
  const size = Math.min(chunkSize, MAX_READ_CHUNK);
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (offset >= file.size) {
        await host.closeFile({ token: file.token });
        controller.close();
        return;
      }
      const chunk = await host.readFile({ token: file.token, offset, length: Math.min(size, file.size - offset) });
      if (chunk.byteLength === 0) {
        controller.error(new Error(`文件“${file.name}”在读取过程中变短了，可能已被修改`));
        return;
      }
      offset += chunk.byteLength;
      controller.enqueue(chunk);
    },
    async cancel() {
      await host.closeFile({ token: file.token });
    },
  });
}

/** Reads a small file (an image, a roster) whole, refusing anything over `maxBytes`. */
export async function readWholeFile(
  host: Pick<HostApi, 'readFile' | 'closeFile'>,
  file: OpenedFile,
  maxBytes: number,
): Promise<Uint8Array> {
  if (file.size > maxBytes) {
    await host.closeFile({ token: file.token });
    throw new Error(`文件“${file.name}”超过 ${Math.round(maxBytes / 1024 / 1024)} MB，请压缩后再导入`);
  }
  const bytes = new Uint8Array(file.size);
  let offset = 0;
  for await (const chunk of openFileStream(host, file)) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
