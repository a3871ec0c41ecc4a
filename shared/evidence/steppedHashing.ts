// Pure. Hashing a file in bounded steps, one running hash per file token: both hosts run
// this core (Electron over a file handle with Node's crypto, the browser over File.slice
// with a streaming hasher in a worker), so memory stays flat whatever the file size and the
// page can show progress and cancel between steps.

/** A file being hashed, read chunk by chunk. */
export interface HashSource {
  size: number;
  /** Up to `length` bytes at `offset`; may be a view that the next read overwrites. Empty at end of file. */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface IncrementalHash {
  update(bytes: Uint8Array): void;
  /** Lower-case hex. */
  digestHex(): string;
}

export interface HashProgress {
  hashedBytes: number;
  size: number;
  /** Lower-case hex, present once the whole file is hashed. */
  sha256?: string;
}

export interface SteppedHashingOptions<Ref> {
  open(ref: Ref): Promise<HashSource>;
  newHash(): IncrementalHash;
  /** Largest read per chunk. */
  chunkBytes: number;
  /** Builds the error the host reports (the Electron host needs its own error class). */
  error(message: string): Error;
}

export const HASH_CANCELLED_MESSAGE = '哈希计算已取消';

interface Session {
  /** Opened on the first step, held until the last, so later steps do not reopen the file. */
  source: Promise<HashSource>;
  hashed: number;
  hash: IncrementalHash;
  busy: boolean;
  dropped: boolean;
}

export function createSteppedHashing<Ref>(options: SteppedHashingOptions<Ref>) {
  const sessions = new Map<string, Session>();

  const close = (session: Session) =>
    session.source.then(
      (source) => source.close(),
      () => undefined,
    );

  const finish = async (key: string, session: Session) => {
    if (sessions.get(key) === session) sessions.delete(key);
    await close(session);
  };

  return {
    /** Hashes the next maxBytes of the file, continuing the session under `key` (a call after completion starts over). */
    async step(key: string, ref: Ref, maxBytes: number): Promise<HashProgress> {
      // Created synchronously, so a second call racing the first sees the session as busy.
      let session = sessions.get(key);
      if (!session) {
        session = { source: options.open(ref), hashed: 0, hash: options.newHash(), busy: false, dropped: false };
        sessions.set(key, session);
      }
      if (session.busy) throw options.error('该文件正在计算哈希值，请等待上一步完成');
      session.busy = true;
      try {
        const source = await session.source;
        const end = Math.min(source.size, session.hashed + maxBytes);
        while (session.hashed < end) {
          if (session.dropped) throw options.error(HASH_CANCELLED_MESSAGE);
          const chunk = await source.read(session.hashed, Math.min(options.chunkBytes, end - session.hashed));
          if (chunk.byteLength === 0) throw options.error('文件在计算哈希值的过程中变短了，可能已被修改');
          session.hash.update(chunk);
          session.hashed += chunk.byteLength;
        }
        if (session.dropped) throw options.error(HASH_CANCELLED_MESSAGE);
        if (session.hashed < source.size) return { hashedBytes: session.hashed, size: source.size };
        const sha256 = session.hash.digestHex();
        await finish(key, session);
        return { hashedBytes: session.hashed, size: source.size, sha256 };
      } catch (e) {
        await finish(key, session);
        throw e;
      } finally {
        session.busy = false;
      }
    },

    /** Cancels and forgets the session; a step in flight stops at its next chunk. */
    async drop(key: string): Promise<void> {
      const session = sessions.get(key);
      if (!session) return;
      sessions.delete(key);
      session.dropped = true;
      if (!session.busy) await close(session);
    },

    /** How many sessions are open. */
    get size() {
      return sessions.size;
    },
  };
}
