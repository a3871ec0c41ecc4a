// Node (vitest). The hub's TLS identity (electron/hub/cert.ts): its own CA, name-constrained
// to private addresses, issues the server certificate and re-issues it for new addresses
// under the same fingerprint; what the hub's port answers in plain HTTP (phoneTrust.ts).
// Hub port 47766.
import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import * as x509 from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubCertificate, isPermittedAddress } from '../../electron/hub/cert';
import { startHub, type Hub } from '../../electron/hub/index';
import { groupedFingerprint } from '../../electron/hub/phoneTrust';

const dir = () => mkdtempSync(path.join(os.tmpdir(), 'hub-cert-'));

/** Whether a TLS client that trusts only `ca` accepts a server presenting `chain`. */
function handshake(ca: string, key: string, chain: string): Promise<string> {
  return new Promise((resolve) => {
    const server = tls.createServer({ key, cert: chain }, (socket) => socket.end());
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      const client = tls.connect({ host: '127.0.0.1', port, ca, checkServerIdentity: () => undefined }, () => {
        client.end();
        server.close();
        resolve('accepted');
      });
      client.on('error', (error: NodeJS.ErrnoException) => {
        server.close();
        resolve(`${error.code ?? ''} ${error.message}`);
      });
    });
  });
}

describe('the hub certificate', () => {
  it('is issued by the hub’s own CA, which may sign for private addresses only', async () => {
    const cert = await hubCertificate(dir(), ['127.0.0.1', '192.168.8.20', '203.0.113.7']);
    const ca = new X509Certificate(cert.caCert);
    expect(ca.ca).toBe(true);
    expect(cert.fingerprint).toBe(createHash('sha256').update(cert.caDer).digest('hex'));
    expect(cert.addresses).toEqual(['127.0.0.1', '192.168.8.20']); // 203.0.113.7 is not a private address
    const parsed = new x509.X509Certificate(cert.caCert);
    const constraints = parsed.getExtension('2.5.29.30');
    expect(constraints?.critical).toBe(true);
    const server = new X509Certificate(cert.cert);
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.checkIP('192.168.8.20')).toBe('192.168.8.20');
    expect(await handshake(cert.caCert, cert.key, cert.cert)).toBe('accepted');
  });

  it('a certificate the same CA signs for a public name or address is refused by TLS (name constraints)', async () => {
    const folder = dir();
    const cert = await hubCertificate(folder, ['127.0.0.1']);
    x509.cryptoProvider.set(webcrypto as never);
    const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
    const caKey = await webcrypto.subtle.importKey('pkcs8', new Uint8Array(Buffer.from(readFileSync(path.join(folder, 'hub-ca-key.pem'), 'utf8').replace(/-----[^-]+-----|\s/g, ''), 'base64')), alg, false, ['sign']);
    const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
    for (const altNames of [[{ type: 'dns' as const, value: 'www.bank.example' }], [{ type: 'ip' as const, value: '8.8.8.8' }]]) {
      const forged = await x509.X509CertificateGenerator.create({
        subject: 'CN=forged',
        issuer: new x509.X509Certificate(cert.caCert).subject,
        publicKey: keys.publicKey,
        signingKey: caKey,
        signingAlgorithm: alg,
        notBefore: new Date(Date.now() - 3600_000),
        notAfter: new Date(Date.now() + 3600_000),
        extensions: [new x509.SubjectAlternativeNameExtension(altNames), new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth])],
      });
      const key = `-----BEGIN PRIVATE KEY-----\n${Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)).toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
      expect(await handshake(cert.caCert, key, `${forged.toString('pem')}\n${cert.caCert}`), JSON.stringify(altNames)).toMatch(/permitted subtree violation/);
    }
  });

  it('keeps the CA (the fingerprint stations pinned) and re-issues the server certificate when the laptop gets a new address', async () => {
    const folder = dir();
    const first = await hubCertificate(folder, ['127.0.0.1', '192.168.1.10']);
    const same = await hubCertificate(folder, ['127.0.0.1', '192.168.1.10']);
    expect(same.key).toBe(first.key);
    const moved = await hubCertificate(folder, ['127.0.0.1', '10.20.0.5']);
    expect(moved.fingerprint).toBe(first.fingerprint);
    expect(moved.key).not.toBe(first.key);
    expect(moved.addresses).toEqual(['127.0.0.1', '10.20.0.5']);
    // A server certificate whose key was lost (a crash between the two files) is re-issued too.
    writeFileSync(path.join(folder, 'hub-tls-key.pem'), first.key);
    const repaired = await hubCertificate(folder, ['127.0.0.1', '10.20.0.5']);
    expect(await handshake(repaired.caCert, repaired.key, repaired.cert)).toBe('accepted');
  });

  it.each([
    ['192.168.43.1', true],
    ['172.20.10.1', true],
    ['10.0.0.2', true],
    ['100.64.3.4', true],
    ['172.32.0.1', false],
    ['8.8.8.8', false],
    ['192.0.2.2', false],
  ])('%s is an address the CA may vouch for: %s', (ip, permitted) => {
    expect(isPermittedAddress(ip)).toBe(permitted);
  });
});

describe('the hub port in plain HTTP (a phone before it trusts the hub)', () => {
  let hub: Hub;
  const get = (target: string, method = 'GET') =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: 47766, path: target, method }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });

  beforeAll(async () => {
    hub = await startHub({ dataDir: dir(), port: 47766, addresses: ['127.0.0.1'] });
  });
  afterAll(() => hub?.close());

  it('serves the CA certificate, whose SHA-256 is the fingerprint the QR code carries', async () => {
    const ca = await get('/ca.crt');
    expect(ca.status).toBe(200);
    expect(ca.headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(createHash('sha256').update(ca.body).digest('hex')).toBe(hub.fingerprint);
  });

  it('says how to install it and which fingerprint to compare, in a page that runs no script', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const text = page.body.toString('utf8');
    expect(text).toContain(groupedFingerprint(hub.fingerprint));
    expect(text).toContain('证书信任设置');
    expect(text).not.toContain('<script');
  });

  it('sends the pairing page to HTTPS and serves nothing else unencrypted', async () => {
    const pair = await get('/pair?name=x');
    expect(pair.status).toBe(301);
    expect(pair.headers.location).toBe('https://127.0.0.1:47766/pair?name=x');
    for (const target of ['/op_x/_all_docs', '/app/index.html', '/_pair/request']) expect((await get(target)).status, target).toBe(404);
    expect((await get('/ca.crt', 'POST')).status).toBe(405);
  });
});
