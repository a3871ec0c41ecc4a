// Pure. The slice of Blob the documents use. Both runtimes have Blob (browsers, Node ≥ 18),
// but shared/ is compiled without DOM and Node types, where Blob is the empty interface
// of @types/react; this file says which members we rely on.

/** What react-pdf's toBlob() gives back. */
export interface ReadableBlob {
  arrayBuffer(): Promise<ArrayBuffer>;
}

type BlobConstructor = new (parts: Uint8Array[], options: { type: string }) => Blob;
const BlobOfThisRuntime = (globalThis as unknown as { Blob: BlobConstructor }).Blob;

/** Image bytes as react-pdf takes them in both runtimes (it has no plain-bytes source). */
export const imageSource = (bytes: Uint8Array, mimeType: string): Blob => new BlobOfThisRuntime([bytes], { type: mimeType });
