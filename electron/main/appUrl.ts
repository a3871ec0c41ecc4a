// Main process. Recognises the app's own pages; the one origin trusted with the host API.
import { APP_HOST, APP_PROTOCOL } from '../../shared/app/identity';

/**
 * True for app://console/… only. Compares scheme and host rather than `URL.origin`,
 * which is the string "null" for custom schemes.
 */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_PROTOCOL}:` && url.host === APP_HOST && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}
