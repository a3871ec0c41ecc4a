// DOM. Saves a file the app produces bit by bit (an archive with its footage can be many
// GB) through the host's streamed save, so the file is never whole in the page's memory.
import { MAX_WRITE_CHUNK, type HostApi } from '../../../shared/host/contract';

export type SaveStreamHost = Pick<HostApi, 'beginSave' | 'writeSave' | 'finishSave' | 'abortSave'>;

/** Hands one chunk to the host; resolves once the host has it, so the producer never runs ahead. */
export type WriteChunk = (chunk: Uint8Array) => Promise<void>;

export interface SaveStreamedOptions {
  suggestedName: string;
  filters?: { name: string; extensions: string[] }[];
  /** Chunk limit per host call; the contract's limit unless a test wants smaller. */
  chunkBytes?: number;
}

/**
 * The view with a buffer of its own. IPC sends a view's whole underlying buffer, so a
 * slice of a large buffer is copied first rather than sending the large buffer each time.
 */
function ownBuffer(view: Uint8Array): Uint8Array<ArrayBuffer> {
  const whole = view.buffer instanceof ArrayBuffer && view.byteOffset === 0 && view.byteLength === view.buffer.byteLength;
  return whole ? (view as Uint8Array<ArrayBuffer>) : view.slice();
}

/**
 * Asks where to save, lets `produce` write the file chunk by chunk (chunks over the host's
 * limit are split), then finishes the save. If anything fails, the producer or the host,
 * the save is aborted, so no partial file is left, and the error is rethrown.
 * Returns where the file was saved, or 'cancelled' if the user cancelled the dialog (then
 * `produce` never runs).
 */
export async function saveStreamed(
  host: SaveStreamHost,
  { suggestedName, filters = [], chunkBytes = MAX_WRITE_CHUNK }: SaveStreamedOptions,
  produce: (write: WriteChunk) => Promise<void>,
): Promise<{ location: string; size: number } | 'cancelled'> {
  const limit = Math.max(1, Math.min(chunkBytes, MAX_WRITE_CHUNK));
  const opened = await host.beginSave({ suggestedName, filters });
  if (opened.status === 'cancelled') return 'cancelled';
  const { token } = opened;
  let finished = false;
  const write: WriteChunk = async (chunk) => {
    if (finished) throw new Error('保存已结束，不能再写入');
    for (let offset = 0; offset < chunk.byteLength; offset += limit) {
      await host.writeSave({ token, bytes: ownBuffer(chunk.subarray(offset, offset + limit)) });
    }
  };
  try {
    await produce(write);
    finished = true;
    return await host.finishSave({ token });
  } catch (error) {
    finished = true;
    // The host may already have dropped the save (a failed write or finish cleans up itself);
    // its refusal then says nothing new, the first error is the one to show.
    await host.abortSave({ token }).catch(() => undefined);
    throw error;
  }
}
