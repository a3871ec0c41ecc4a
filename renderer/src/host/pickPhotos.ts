// DOM. Choosing photos through the host (posting photos, inventory item photos): each file
// is read whole up to a limit and must really be a JPEG or PNG, whatever its name says.
import { imageMimeType, type ImageMimeType } from '../../../shared/media/imageType';
import { host } from '.';
import { readWholeFile } from './fileStream';

export interface PickedPhoto {
  name: string;
  mimeType: ImageMimeType;
  bytes: Uint8Array;
}

/** The photos the user chose (none if cancelled); throws a Chinese message on a file that is not a photo or too large. */
export async function pickPhotos(maxBytes: number): Promise<PickedPhoto[]> {
  const { files } = await host.openFiles({ multiple: true, filters: [{ name: '照片', extensions: ['jpg', 'jpeg', 'png'] }] });
  const picked: PickedPhoto[] = [];
  for (const file of files) {
    const bytes = await readWholeFile(host, file, maxBytes);
    const mimeType = imageMimeType(bytes);
    if (!mimeType) throw new Error(`“${file.name}”不是 JPEG 或 PNG 照片`);
    picked.push({ name: file.name, mimeType, bytes });
  }
  return picked;
}
