// Pure. Pairing a station with the hub. The commander's console shows a QR code: a link
// to the hub's pairing page whose fragment (never sent over the network by a browser)
// carries the certificate's SHA-256 fingerprint, a one-time token, the operation and the
// commander station's key (the trust anchor). Both screens then show a short
// authentication string (SAS) computed from the fingerprint, the token, the station's key
// and the hub's nonce; the commander admits the station only when the two match, so a
// machine in the middle (which must replace the station's key or the certificate) is seen.
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8 } from './encoding';

export interface PairingInvite {
  /** https://address:port of the hub. */
  url: string;
  /** Hex SHA-256 of the hub certificate (DER). */
  fingerprint: string;
  token: string;
  op: string;
  /** The commander station's public key. */
  anchor: string;
}

export const PAIR_PATH = '/pair';

export function inviteLink(invite: PairingInvite): string {
  const q = new URLSearchParamsLite([
    ['v', '1'],
    ['fp', invite.fingerprint],
    ['t', invite.token],
    ['op', invite.op],
    ['a', invite.anchor],
  ]);
  return `${invite.url}${PAIR_PATH}#${q}`;
}

export type ParsedInvite = { ok: true; invite: PairingInvite } | { ok: false; message: string };

export function parseInviteLink(link: string): ParsedInvite {
  const m = /^(https:\/\/[^/#?]+)\/pair#(.*)$/.exec(link.trim());
  if (!m) return { ok: false, message: '配对码无效：不是同步中心的配对链接' };
  const fields = new Map(m[2]!.split('&').map((kv) => kv.split('=').map(decodeURIComponent) as [string, string]));
  const invite = { url: m[1]!, fingerprint: fields.get('fp') ?? '', token: fields.get('t') ?? '', op: fields.get('op') ?? '', anchor: fields.get('a') ?? '' };
  if (fields.get('v') !== '1') return { ok: false, message: '配对码的版本不受支持' };
  if (!/^[0-9a-f]{64}$/.test(invite.fingerprint)) return { ok: false, message: '配对码缺少同步中心证书指纹' };
  if (!/^[A-Za-z0-9_-]{22,}$/.test(invite.token)) return { ok: false, message: '配对码缺少一次性口令' };
  if (!invite.op) return { ok: false, message: '配对码缺少执行行动编号' };
  if (!/^[A-Za-z0-9_-]{43}$/.test(invite.anchor)) return { ok: false, message: '配对码缺少指挥工作站公钥' };
  return { ok: true, invite };
}

// A tiny stand-in for URLSearchParams (not in shared/'s libs): same percent-encoding of values.
class URLSearchParamsLite {
  constructor(private readonly pairs: Array<[string, string]>) {}
  toString(): string {
    return this.pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
  }
}

/** Six digits, shown as "123 456" on both screens. */
export function shortAuthString(fingerprint: string, token: string, stationKey: string, hubNonce: string): string {
  const digest = sha256(utf8(`enforcement-console pairing SAS v1|${fingerprint}|${token}|${stationKey}|${hubNonce}`));
  const n = ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0;
  const digits = String(n % 1_000_000).padStart(6, '0');
  return `${digits.slice(0, 3)} ${digits.slice(3)}`;
}

/** What a station signs to collect its credential: proves it holds the key it paired with. */
export const credentialClaim = (pairingId: string, hubNonce: string): string => `enforcement-console credential claim v1|${pairingId}|${hubNonce}`;
