// Pure. Recognises a picture by its first bytes, not by its file name.

export type ImageMimeType = 'image/png' | 'image/jpeg';

export function imageMimeType(bytes: Uint8Array): ImageMimeType | null {
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return null;
}
