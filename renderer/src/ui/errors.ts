// DOM. One way to turn a thrown value into the Chinese text shown to the user.
import Dexie from 'dexie';

export function errorText(e: unknown): string {
  if (e instanceof Dexie.QuotaExceededError || (e instanceof DOMException && e.name === 'QuotaExceededError')) {
    return '本机存储空间已满，未能保存。已保存的数据不受影响；请清理磁盘空间后重试。';
  }
  if (e instanceof Error) return e.message;
  return String(e);
}
