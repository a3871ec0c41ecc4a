// Node main. The hub's TLS certificate: made once for this hub (self-signed, EC P-256),
// kept in its data folder; stations pin its SHA-256 fingerprint, which the pairing QR
// code carries. No public CA can vouch for a laptop on a site LAN.
import { X509Certificate } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

export interface HubCertificate {
  key: string;
  cert: string;
  /** Lowercase hex SHA-256 of the certificate's DER bytes. */
  fingerprint: string;
}

export const fingerprintOf = (pem: string): string => new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();

/** Every IPv4 address of this machine, loopback first: the names a station may reach the hub by. */
export function ownAddresses(): string[] {
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  return ['127.0.0.1', ...lan];
}

async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, text, { mode: 0o600, flush: true });
  await rename(tmp, file);
}

/** The certificate in `dir`, made on first use for the given addresses. */
export async function hubCertificate(dir: string, addresses = ownAddresses()): Promise<HubCertificate> {
  await mkdir(dir, { recursive: true });
  const keyFile = path.join(dir, 'hub-tls-key.pem');
  const certFile = path.join(dir, 'hub-tls-cert.pem');
  try {
    const [key, cert] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certFile, 'utf8')]);
    return { key, cert, fingerprint: fingerprintOf(cert) };
  } catch {
    // none yet: make one
  }
  const now = new Date();
  const made = await generate([{ name: 'commonName', value: '强制执行指挥台同步中心' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now.getTime() - 24 * 3600_000),
    notAfterDate: new Date(now.getTime() + 3 * 365 * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, ...addresses.map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  await writeAtomic(keyFile, made.private);
  await writeAtomic(certFile, made.cert);
  return { key: made.private, cert: made.cert, fingerprint: fingerprintOf(made.cert) };
}
