// Node main. A Node station (the Electron main, a soak writer, a test) reaches the hub
// only through its pinned certificate: fetched once, accepted only if its SHA-256 matches
// the fingerprint the pairing QR code carried, then the sole CA of the connection.
import { createHash, X509Certificate } from 'node:crypto';
import https from 'node:https';
import tls from 'node:tls';

/** The hub's certificate (PEM), if and only if its SHA-256 is `fingerprint`. */
export function fetchPinnedCertificate(url: string, fingerprint: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port), rejectUnauthorized: false, servername: undefined }, () => {
      const raw = socket.getPeerCertificate(true).raw;
      socket.end();
      const seen = createHash('sha256').update(raw).digest('hex');
      if (seen !== fingerprint) return reject(new Error(`同步中心证书指纹不符：应为 ${fingerprint.slice(0, 16)}…，实为 ${seen.slice(0, 16)}…`));
      resolve(new X509Certificate(raw).toString());
    });
    socket.once('error', reject);
  });
}

/** An agent that trusts only this certificate, whatever address the hub has on the LAN. */
export function pinnedAgent(certificatePem: string): https.Agent {
  const pinned = new X509Certificate(certificatePem).fingerprint256;
  return new https.Agent({
    ca: certificatePem,
    keepAlive: true,
    checkServerIdentity: (_host, cert) => (cert.fingerprint256 === pinned ? undefined : new Error('同步中心证书已改变')),
  });
}
