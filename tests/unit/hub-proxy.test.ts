// Node (vitest). The renderer's way to a hub (electron/hub/proxy.ts): only the replication
// routes pass; the page's own headers (cookies, any Authorization) are dropped and this
// station's credential added; the hub is trusted only through its pinned CA.
import https from 'node:https';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hubCertificate } from '../../electron/hub/cert';
import { createHubProxy, isReplicationRoute, type ProxyResponse } from '../../electron/hub/proxy';
import type { StationLink } from '../../electron/hub/links';

describe('isReplicationRoute', () => {
  it.each([
    ['GET', 'op_x/'],
    ['GET', 'op_x'],
    ['GET', 'op_x/_changes'],
    ['POST', 'op_x/_changes'],
    ['POST', 'op_x/_revs_diff'],
    ['POST', 'op_x/_bulk_docs'],
    ['POST', 'op_x/_bulk_get'],
    ['POST', 'op_x/_all_docs'],
    ['GET', 'op_x/_local/abc%2Fdef'],
    ['PUT', 'op_x/_local/abc'],
    ['GET', 'op_x/e.key.000000000001.abc'],
    ['GET', 'op_x/e.key.000000000001.abc/notice.pdf'],
    ['POST', 'op_x/_ensure_full_commit'],
    ['GET', 'op_op%24e6%24b5-1/_changes'],
  ])('lets %s %s through', (method, target) => {
    expect(isReplicationRoute(method, target.split('/'))).toBe(true);
  });

  it.each([
    ['PUT', 'op_x'],
    ['DELETE', 'op_x'],
    ['POST', 'op_x'],
    ['PUT', 'op_x/e.key.1.abc'],
    ['DELETE', 'op_x/e.key.1.abc'],
    ['PUT', 'op_x/e.key.1.abc/x.txt'],
    ['GET', 'op_x/_design/d'],
    ['PUT', 'op_x/_security'],
    ['POST', 'op_x/_purge'],
    ['POST', 'op_x/_compact'],
    ['DELETE', 'op_x/_local/abc'],
    ['COPY', 'op_x/e.key.1.abc'],
    ['GET', '_all_dbs'],
    ['GET', '_users/x'],
    ['POST', '_replicate'],
    ['GET', 'op_x/..%2F..%2F_users'],
    ['GET', 'op_x/%E0%A4%A'],
    ['GET', 'Op_X/_changes'],
  ])('refuses %s %s', (method, target) => {
    expect(isReplicationRoute(method, target.split('/'))).toBe(false);
  });
});

describe('forwarding', () => {
  let server: https.Server;
  let link: StationLink;
  const seen: Array<{ method: string; url: string; headers: Record<string, unknown>; body: string }> = [];
  const contacts: Array<{ db: string; ok: boolean }> = [];
  const revoked: string[] = [];

  beforeAll(async () => {
    const cert = await hubCertificate(mkdtempSync(path.join(os.tmpdir(), 'proxy-hub-')), ['127.0.0.1']);
    server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const revokedNow = req.url!.includes('revoked');
        res.writeHead(revokedNow ? 401 : 200, { 'Content-Type': 'application/json', 'Set-Cookie': 'tracking=1', ...(revokedNow ? { 'X-Station-Revoked': '1' } : {}) });
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    link = { op: 'x', db: 'op_x', hub: `https://127.0.0.1:${port}`, fingerprint: cert.fingerprint, caCert: cert.caCert, credential: 'station-credential-0123456789', anchor: 'a'.repeat(43), role: 'evidenceClerk', name: '平板', linkedAt: '' };
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const proxy = () =>
    createHubProxy({
      linkFor: (db) => (db === link.db ? link : undefined),
      revoked: (db) => void revoked.push(db),
      localHub: () => undefined,
      onContact: (db, outcome) => void contacts.push({ db, ok: outcome.ok }),
    });
  const text = async (answer: ProxyResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of answer.body) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };

  it("adds the station's credential, passes only the replication headers, and carries the body", async () => {
    const p = proxy();
    const answer = await p.forward({
      method: 'POST',
      target: 'op_x/_bulk_docs?new_edits=false',
      headers: { authorization: 'Bearer from-the-page', cookie: 'session=1', 'content-type': 'application/json', 'x-station-clock': '1700000000000', origin: 'http://127.0.0.1:47615', 'x-forwarded-for': '1.2.3.4' },
      body: Readable.from([Buffer.from('{"docs":[]}')]),
    });
    expect(answer.status).toBe(200);
    expect(await text(answer)).toBe('{"ok":true}');
    expect(answer.headers['set-cookie']).toBeUndefined();
    const request = seen.at(-1)!;
    expect(request).toMatchObject({ method: 'POST', url: '/op_x/_bulk_docs?new_edits=false', body: '{"docs":[]}' });
    expect(request.headers['authorization']).toBe('Bearer station-credential-0123456789');
    expect(request.headers['x-station-clock']).toBe('1700000000000');
    for (const dropped of ['cookie', 'origin', 'x-forwarded-for']) expect(request.headers[dropped], dropped).toBeUndefined();
    expect(contacts.at(-1)).toEqual({ db: 'op_x', ok: true });
    p.close();
  });

  it('refuses without forwarding: a route that is not replication, a database without a link', async () => {
    const p = proxy();
    const before = seen.length;
    expect((await p.forward({ method: 'DELETE', target: 'op_x/e.a.1.b', headers: {}, body: null })).status).toBe(403);
    expect((await p.forward({ method: 'GET', target: 'op_other/_changes', headers: {}, body: null })).status).toBe(404);
    expect(seen.length).toBe(before);
    p.close();
  });

  it('passes the wipe signal back to the page and forgets the credential', async () => {
    const p = proxy();
    const answer = await p.forward({ method: 'GET', target: 'op_x/revoked', headers: {}, body: null });
    expect(answer.status).toBe(401);
    expect(answer.headers['x-station-revoked']).toBe('1');
    expect(revoked).toEqual(['op_x']);
    p.close();
  });

  it('answers 502 with the reason when the hub cannot be reached (the page retries), and says so in the contact status', async () => {
    const p = createHubProxy({
      linkFor: () => ({ ...link, hub: 'https://127.0.0.1:9' }),
      revoked: () => undefined,
      localHub: () => undefined,
      onContact: (db, outcome) => void contacts.push({ db, ok: outcome.ok }),
    });
    const answer = await p.forward({ method: 'GET', target: 'op_x/', headers: {}, body: null });
    expect(answer.status).toBe(502);
    expect(await text(answer)).toContain('无法连接同步中心');
    expect(contacts.at(-1)).toEqual({ db: 'op_x', ok: false });
    p.close();
  });
});
