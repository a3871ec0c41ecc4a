// Node main. The hub's TLS identity: a certificate authority made for this hub alone (its
// key never leaves the hub's data folder) and the server certificate it issues for the
// addresses the hub has now. Stations pin the CA's SHA-256 fingerprint (the pairing QR code
// carries it); a phone, whose browser cannot pin, installs the CA (README, 手机信任).
// The CA is name-constrained to private addresses, so on a phone that honours X.509 name
// constraints it cannot vouch for any public web site, whoever gets hold of its key.
// The server certificate is re-issued by the same CA when the laptop's addresses change
// (another site network, a hotspot): the fingerprint stations hold stays the same.
import { createPrivateKey, X509Certificate as NodeX509, webcrypto } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { isIPv4 } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import { readText, writeAtomic } from './files';

export interface HubCertificate {
  /** The server certificate's private key (PEM). */
  key: string;
  /** The server certificate followed by the CA certificate: the chain the hub presents. */
  cert: string;
  /** The CA certificate (PEM), what a phone installs and a Node station pins. */
  caCert: string;
  /** The CA certificate as DER bytes (the download phones get). */
  caDer: Buffer;
  /** Lowercase hex SHA-256 of the CA certificate's DER bytes: what QR codes carry and stations pin. */
  fingerprint: string;
  /** The IP addresses the server certificate names. */
  addresses: string[];
}

export const fingerprintOf = (pem: string | Buffer): string => new NodeX509(pem).fingerprint256.replace(/:/g, '').toLowerCase();

/** Every IPv4 address of this machine, loopback first: the names a station may reach the hub by. */
export function ownAddresses(): string[] {
  const lan = Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i && i.family === 'IPv4' && !i.internal)
    .map((i) => i!.address);
  return ['127.0.0.1', ...lan];
}

/**
 * The private ranges the CA may vouch for (RFC 1918, loopback, link-local, carrier-grade NAT
 * as phone hotspots use, IPv6 loopback, unique-local and link-local), and one DNS name under
 * the reserved .invalid: with a dNSName subtree present, every real host name is outside it.
 */
const PERMITTED_V4: Array<[string, string]> = [
  ['10.0.0.0', '255.0.0.0'],
  ['172.16.0.0', '255.240.0.0'],
  ['192.168.0.0', '255.255.0.0'],
  ['127.0.0.0', '255.0.0.0'],
  ['169.254.0.0', '255.255.0.0'],
  ['100.64.0.0', '255.192.0.0'],
];
const PERMITTED_V6: Array<[string, number]> = [
  ['0000:0000:0000:0000:0000:0000:0000:0001', 128],
  ['fc00:0000:0000:0000:0000:0000:0000:0000', 7],
  ['fe80:0000:0000:0000:0000:0000:0000:0000', 10],
];
export const CA_DNS_SUBTREE = 'hub.invalid';

/** Whether a CA constrained as above may vouch for this IPv4 address. */
export function isPermittedAddress(ip: string): boolean {
  if (!isIPv4(ip)) return false;
  const n = ipv4Bytes(ip).readUInt32BE(0);
  return PERMITTED_V4.some(([base, mask]) => ((n & ipv4Bytes(mask).readUInt32BE(0)) >>> 0) === ipv4Bytes(base).readUInt32BE(0));
}

const ipv4Bytes = (ip: string) => Buffer.from(ip.split('.').map(Number));
const ipv6Bytes = (ip: string) => Buffer.from(ip.split(':').flatMap((h) => [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2), 16)]));
const v6Mask = (bits: number) => Buffer.from(Array.from({ length: 16 }, (_, i) => (0xff << (8 - Math.max(0, Math.min(8, bits - i * 8)))) & 0xff));

/** DER: tag, definite length, content. */
function der(tag: number, content: Buffer): Buffer {
  const n = content.length;
  const length = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, content]);
}

/** The NameConstraints extension value (RFC 5280 §4.2.1.10): permitted subtrees only. */
export function nameConstraintsValue(): Buffer {
  const subtree = (generalName: Buffer) => der(0x30, generalName);
  const ip = (bytes: Buffer) => subtree(der(0x87, bytes)); // iPAddress [7]: address then mask
  const subtrees = [
    subtree(der(0x82, Buffer.from(CA_DNS_SUBTREE, 'ascii'))), // dNSName [2]
    ...PERMITTED_V4.map(([base, mask]) => ip(Buffer.concat([ipv4Bytes(base), ipv4Bytes(mask)]))),
    ...PERMITTED_V6.map(([base, bits]) => ip(Buffer.concat([ipv6Bytes(base), v6Mask(bits)]))),
  ];
  return der(0x30, der(0xa0, Buffer.concat(subtrees))); // NameConstraints { permittedSubtrees [0] }
}

const NAME_CONSTRAINTS_OID = '2.5.29.30';
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY = 24 * 3600_000;
/** Long enough for years of operations; name constraints and the README's removal step bound the risk. */
const CA_DAYS = 5 * 365;
/** Under 398 days: what Apple and Chromium accept for a server certificate. */
const SERVER_DAYS = 397;
/** A server certificate with less than this left is re-issued at start. */
const RENEW_BEFORE_DAYS = 30;

x509.cryptoProvider.set(webcrypto as never);
const subtle = webcrypto.subtle;

const toPem = (label: string, bytes: ArrayBuffer) => `-----BEGIN ${label}-----\n${Buffer.from(bytes).toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END ${label}-----\n`;
const fromPem = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s/g, ''), 'base64');
const importKey = (pem: string) => subtle.importKey('pkcs8', new Uint8Array(fromPem(pem)), ALGORITHM, true, ['sign']) as Promise<webcrypto.CryptoKey>;
const newKeys = () => subtle.generateKey(ALGORITHM, true, ['sign', 'verify']) as Promise<webcrypto.CryptoKeyPair>;
const exportKey = async (key: webcrypto.CryptoKey) => toPem('PRIVATE KEY', (await subtle.exportKey('pkcs8', key)) as ArrayBuffer);

async function makeCa(): Promise<{ key: string; cert: string }> {
  const keys = await newKeys();
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: 'CN=强制执行指挥台同步中心证书机构, O=强制执行指挥台',
    keys: keys as never,
    signingAlgorithm: ALGORITHM,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + CA_DAYS * DAY),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.Extension(NAME_CONSTRAINTS_OID, true, new Uint8Array(nameConstraintsValue())),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { key: await exportKey(keys.privateKey), cert: cert.toString('pem') };
}

async function issueServer(ca: { key: string; cert: string }, addresses: string[]): Promise<{ key: string; cert: string }> {
  const keys = await newKeys();
  const caCert = new x509.X509Certificate(ca.cert);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    subject: 'CN=强制执行指挥台同步中心',
    issuer: caCert.subject,
    publicKey: keys.publicKey,
    signingKey: await importKey(ca.key),
    signingAlgorithm: ALGORITHM,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + SERVER_DAYS * DAY),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(addresses.map((ip) => ({ type: 'ip' as const, value: ip }))),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { key: await exportKey(keys.privateKey), cert: cert.toString('pem') };
}

/** Whether the server certificate was issued by this CA, goes with its key, names every address and is not about to expire. */
function serverFits(keyPem: string, serverPem: string, caPem: string, addresses: string[]): boolean {
  const server = new NodeX509(serverPem);
  const ca = new NodeX509(caPem);
  if (!server.checkIssued(ca) || !server.verify(ca.publicKey) || !server.checkPrivateKey(createPrivateKey(keyPem))) return false;
  if (new Date(server.validTo).getTime() - Date.now() < RENEW_BEFORE_DAYS * DAY) return false;
  return addresses.every((ip) => server.checkIP(ip) !== undefined);
}

/**
 * The hub's CA and server certificate in `dir`: the CA made on first use, the server
 * certificate (re-)issued when missing, not from this CA, expiring, or not naming one of
 * `addresses` (only the addresses the CA may vouch for are named).
 */
export async function hubCertificate(dir: string, addresses = ownAddresses()): Promise<HubCertificate> {
  await mkdir(dir, { recursive: true });
  const files = {
    caKey: path.join(dir, 'hub-ca-key.pem'),
    caCert: path.join(dir, 'hub-ca-cert.pem'),
    key: path.join(dir, 'hub-tls-key.pem'),
    cert: path.join(dir, 'hub-tls-cert.pem'),
  };
  let ca = { key: await readText(files.caKey), cert: await readText(files.caCert) };
  if (!ca.key || !ca.cert) {
    ca = await makeCa();
    // The certificate is written last: a crash in between leaves no CA, and the next start makes one.
    await writeAtomic(files.caKey, ca.key!);
    await writeAtomic(files.caCert, ca.cert!);
  }
  const named = [...new Set(addresses.filter(isPermittedAddress))];
  let server = { key: await readText(files.key), cert: await readText(files.cert) };
  if (!server.key || !server.cert || !serverFits(server.key, server.cert, ca.cert!, named)) {
    server = await issueServer({ key: ca.key!, cert: ca.cert! }, named);
    await writeAtomic(files.key, server.key!);
    await writeAtomic(files.cert, server.cert!);
  }
  const caDer = fromPem(ca.cert!);
  const nodeServer = new NodeX509(server.cert!);
  return {
    key: server.key!,
    cert: `${server.cert!.trim()}\n${ca.cert!.trim()}\n`,
    caCert: ca.cert!,
    caDer,
    fingerprint: fingerprintOf(caDer),
    addresses: (nodeServer.subjectAltName ?? '').split(', ').filter((n) => n.startsWith('IP Address:')).map((n) => n.slice('IP Address:'.length)),
  };
}
