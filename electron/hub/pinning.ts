// Node main. A Node station (the app's own Node side joining another hub, a soak writer, a
// test) reaches a hub only through its pinned certificate authority: the hub's chain is
// fetched once and accepted only if it holds a CA whose SHA-256 is the fingerprint the
// pairing QR code carried and that CA issued the server certificate; that CA is then the
// sole trust anchor of every connection. The hub may re-issue its server certificate for
// new addresses (cert.ts): the pin holds.
import { createHash, X509Certificate } from 'node:crypto';
import https from 'node:https';
import tls, { type DetailedPeerCertificate, type PeerCertificate } from 'node:tls';

const sha256 = (raw: Buffer) => createHash('sha256').update(raw).digest('hex');

/** The certificates a server presented, leaf first (each once). */
function chainOf(peer: DetailedPeerCertificate | PeerCertificate): Buffer[] {
  const out: Buffer[] = [];
  let at: DetailedPeerCertificate | undefined = peer as DetailedPeerCertificate;
  while (at?.raw && !out.some((r) => r.equals(at!.raw))) {
    out.push(at.raw);
    at = at.issuerCertificate;
  }
  return out;
}

/** The hub's CA certificate (PEM), if and only if the hub presents a chain to a CA whose SHA-256 is `fingerprint`. */
export function fetchPinnedCertificate(url: string, fingerprint: string, timeoutMs = 10_000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: hostname, port: Number(port) || 443, rejectUnauthorized: false, timeout: timeoutMs }, () => {
      const chain = chainOf(socket.getPeerCertificate(true));
      socket.end();
      const [leaf, ...issuers] = chain;
      const pinned = issuers.find((raw) => sha256(raw) === fingerprint);
      if (!leaf || !pinned) {
        const seen = issuers[issuers.length - 1] ?? leaf;
        return reject(new Error(`同步中心证书指纹不符：应为 ${fingerprint.slice(0, 16)}…，实为 ${seen ? sha256(seen).slice(0, 16) : '（无证书）'}…`));
      }
      const ca = new X509Certificate(pinned);
      const server = new X509Certificate(leaf);
      if (!server.checkIssued(ca) || !server.verify(ca.publicKey)) return reject(new Error('同步中心的服务器证书不是由配对码所示的证书机构签发的'));
      resolve(ca.toString());
    });
    socket.once('timeout', () => socket.destroy(new Error(`连接同步中心超时（${url}）`)));
    socket.once('error', (error: NodeJS.ErrnoException) => reject(error.code ? new Error(`无法连接同步中心 ${url}（${error.code}）`) : error));
  });
}

/**
 * An agent that trusts only this CA, whatever address the hub has on the LAN (the chain is
 * checked against the CA by TLS; the host name is not, since the pin is the identity).
 */
export function pinnedAgent(caPem: string): https.Agent {
  const pinned = sha256(new X509Certificate(caPem).raw);
  return new https.Agent({
    ca: caPem,
    keepAlive: true,
    checkServerIdentity: (_host, cert) => (chainOf(cert).some((raw) => sha256(raw) === pinned) ? undefined : new Error('同步中心证书已改变')),
  });
}
