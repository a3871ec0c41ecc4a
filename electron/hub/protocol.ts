// Node main. The CouchDB replication protocol as the hub serves it: only the routes a
// PouchDB (or CouchDB-protocol) client needs to replicate an operation's database, over
// the hub's PouchDB stores. Every write goes through OperationStore.write (one revision per
// entry, signature, chain, role); every other write route of CouchDB (DELETE, COPY,
// attachment PUT, _design, _purge, _security…) is answered 403 and stored nothing.
// Written against the CouchDB 3.x HTTP API (docs.couchdb.org, "API Reference" and
// "Replication Protocol"), the protocol PouchDB 9's HTTP adapter speaks.
/// <reference path="./pouchdb.d.ts" />
import type http from 'node:http';
import type { Db, OperationStore, WriteResult } from './store';
import { entryRev } from '../../shared/stations/docs';
import { parseEntry } from '../../shared/stations/entry';

export interface Served {
  store: OperationStore;
  /** What this client reads: the full database, or the field profile's. */
  read: Db;
  station: string;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': bytes.length, 'Cache-Control': 'no-store', ...headers });
  res.end(bytes);
}

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('请求过大'), { status: 413 });
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw Object.assign(new Error('请求内容不是有效的 JSON'), { status: 400 });
  }
}

const forbidden = (res: http.ServerResponse, reason: string) => sendJson(res, 403, { error: 'forbidden', reason });

/** CouchDB query values are JSON (startkey="a", limit=10, open_revs=["1-a"]); a bare word stays text. */
function queryOptions(url: URL, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const raw = url.searchParams.get(key);
    if (raw === null) continue;
    try {
      out[key] = JSON.parse(raw) as unknown;
    } catch {
      out[key] = raw;
    }
  }
  return out;
}

const READ_OPTIONS = ['rev', 'revs', 'revs_info', 'open_revs', 'attachments', 'latest', 'conflicts', 'att_encoding_info'];
const ALL_DOCS_OPTIONS = ['startkey', 'endkey', 'start_key', 'end_key', 'key', 'keys', 'limit', 'skip', 'descending', 'include_docs', 'inclusive_end', 'conflicts', 'attachments', 'update_seq'];
const CHANGES_OPTIONS = ['since', 'limit', 'include_docs', 'style', 'descending', 'conflicts', 'attachments', 'doc_ids', 'seq_interval'];
const LONGPOLL_LIMIT_MS = 60_000;

async function changes(served: Served, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const body = req.method === 'POST' ? ((await readBody(req)) as Record<string, unknown> | undefined) : undefined;
  const options: Record<string, unknown> = { ...queryOptions(url, CHANGES_OPTIONS), return_docs: true };
  const filter = url.searchParams.get('filter');
  if (filter === '_doc_ids') options['doc_ids'] = body?.['doc_ids'] ?? options['doc_ids'];
  else if (filter) return sendJson(res, 400, { error: 'bad_request', reason: '同步中心不支持自定义过滤器：按角色分发由同步中心完成' });
  if (options['since'] === 'now') options['since'] = (await served.read.info()).update_seq;
  const feed = url.searchParams.get('feed') ?? 'normal';
  if (feed !== 'normal' && feed !== 'longpoll') return sendJson(res, 400, { error: 'bad_request', reason: '只支持 normal 和 longpoll 方式' });
  const first = await served.read.changes(options);
  if (feed === 'normal' || first.results.length > 0) return sendJson(res, 200, first);

  // Long poll: answer with the first change, or an empty list when the timeout passes.
  const timeout = Math.min(Number(url.searchParams.get('timeout') ?? LONGPOLL_LIMIT_MS) || LONGPOLL_LIMIT_MS, LONGPOLL_LIMIT_MS);
  const heartbeat = Number(url.searchParams.get('heartbeat') ?? 0);
  res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
  await new Promise<void>((resolve) => {
    const live = served.read.changes({ ...options, live: true, since: options['since'] ?? 0 });
    const beat = heartbeat > 0 ? setInterval(() => res.write('\n'), Math.max(1000, heartbeat)) : undefined;
    const onClose = () => finish([], first.last_seq);
    const finish = (results: unknown[], lastSeq: unknown) => {
      req.socket.off('close', onClose); // keep-alive sockets serve many polls
      clearTimeout(timer);
      if (beat) clearInterval(beat);
      live.cancel();
      if (!res.writableEnded) res.end(JSON.stringify({ results, last_seq: lastSeq }));
      resolve();
    };
    const timer = setTimeout(() => finish([], first.last_seq), timeout);
    live.on('change', (change) => finish([change], change.seq));
    live.on('error', () => finish([], first.last_seq));
    req.socket.once('close', onClose);
  });
}

/** A document pushed one at a time (PUT /db/id, POST /db): a new entry, never a new revision. */
async function writeOne(served: Served, res: http.ServerResponse, doc: unknown, newEdits: boolean): Promise<void> {
  if (!doc || typeof doc !== 'object') return sendJson(res, 400, { error: 'bad_request', reason: '请求内容不是文档' });
  const d = doc as Record<string, unknown>;
  if (newEdits && d['_rev'] !== undefined) {
    const reason = `记录只能有一个版本：拒绝修改已有记录（${String(d['_id'])}）`;
    await served.store.keepRefused([{ doc, reason }], served.station);
    return forbidden(res, reason);
  }
  const withRev = newEdits ? withDerivedRev(d) : d;
  const [result] = await served.store.write([withRev], served.station);
  if (result && 'ok' in result) return sendJson(res, 201, result);
  return forbidden(res, result?.reason ?? '记录不予接受');
}

/** A new document sent without a revision gets the one derived from its hash. */
function withDerivedRev(doc: Record<string, unknown>): Record<string, unknown> {
  const parsed = parseEntry(doc['entry']);
  return parsed.ok ? { ...doc, _rev: entryRev(parsed.entry) } : doc;
}

async function bulkDocs(served: Served, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = (await readBody(req)) as { docs?: unknown; new_edits?: unknown } | undefined;
  if (!body || !Array.isArray(body.docs)) return sendJson(res, 400, { error: 'bad_request', reason: '缺少 docs' });
  const newEdits = body.new_edits !== false;
  const answer: WriteResult[] = [];
  const toWrite: Array<{ at: number; doc: unknown }> = [];
  const refused: Array<{ doc: unknown; reason: string }> = [];
  for (const [at, doc] of (body.docs as unknown[]).entries()) {
    const d = (doc && typeof doc === 'object' ? doc : {}) as Record<string, unknown>;
    if (newEdits && d['_rev'] !== undefined) {
      const reason = `记录只能有一个版本：拒绝修改已有记录（${String(d['_id'])}）`;
      answer[at] = { id: String(d['_id']), error: 'forbidden', reason };
      refused.push({ doc, reason });
    } else toWrite.push({ at, doc: newEdits ? withDerivedRev(d) : doc });
  }
  if (refused.length) await served.store.keepRefused(refused, served.station);
  const written = await served.store.write(toWrite.map((t) => t.doc), served.station);
  toWrite.forEach((t, i) => (answer[t.at] = written[i]!));
  // CouchDB answers new_edits=false with the failures only.
  sendJson(res, 201, newEdits ? answer : answer.filter((r) => 'error' in r));
}

async function allDocs(served: Served, req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
  const body = req.method === 'POST' ? ((await readBody(req)) as Record<string, unknown> | undefined) : undefined;
  const options = { ...queryOptions(url, ALL_DOCS_OPTIONS), ...(body ?? {}) };
  for (const [from, to] of [['start_key', 'startkey'], ['end_key', 'endkey']] as const) {
    if (options[from] !== undefined) options[to] = options[from];
    delete options[from];
  }
  sendJson(res, 200, await served.read.allDocs(options));
}

async function docRead(served: Served, res: http.ServerResponse, url: URL, id: string): Promise<void> {
  const options = queryOptions(url, READ_OPTIONS);
  if (options['open_revs'] === 'all') options['open_revs'] = 'all';
  sendJson(res, 200, await served.read.get(id, options));
}

/** Routes below /{db}/ for an authenticated station. */
export async function database(served: Served, req: http.IncomingMessage, res: http.ServerResponse, url: URL, rest: string[]): Promise<void> {
  const method = req.method ?? 'GET';
  const read = method === 'GET' || method === 'HEAD';
  const [first, ...more] = rest;
  if (first === undefined || first === '') {
    if (read) {
      const info = await served.read.info();
      return sendJson(res, 200, { db_name: served.store.name, doc_count: info.doc_count, update_seq: info.update_seq, instance_start_time: '0', purge_seq: 0 });
    }
    if (method === 'PUT') return sendJson(res, 412, { error: 'file_exists', reason: 'The database could not be created, the file already exists.' });
    if (method === 'POST') return writeOne(served, res, await readBody(req), true);
    return forbidden(res, '行动数据库不能删除');
  }
  const r = (m: string, name: string) => method === m && first === name && more.length === 0;
  if ((r('GET', '_changes') || r('POST', '_changes'))) return changes(served, req, res, url);
  if (r('POST', '_revs_diff')) return sendJson(res, 200, await served.store.main.revsDiff(((await readBody(req)) ?? {}) as Record<string, string[]>));
  if (r('POST', '_bulk_docs')) return bulkDocs(served, req, res);
  if (r('POST', '_bulk_get')) {
    const body = ((await readBody(req)) ?? {}) as { docs?: unknown };
    return sendJson(res, 200, await served.read.bulkGet({ docs: body.docs ?? [], revs: url.searchParams.get('revs') === 'true', attachments: url.searchParams.get('attachments') === 'true', binary: false }));
  }
  if (r('GET', '_all_docs') || r('POST', '_all_docs')) return allDocs(served, req, res, url);
  if (r('POST', '_ensure_full_commit')) return sendJson(res, 201, { ok: true, instance_start_time: '0' });
  if (first === '_local' && more.length >= 1) {
    // Replication checkpoints: the only documents a client may change, and never an entry.
    const id = `_local/${more.map(decodeURIComponent).join('/')}`;
    if (read) return sendJson(res, 200, await served.read.get(id));
    if (method === 'PUT') {
      // PouchDB's HTTP adapter encodes a checkpoint id twice in a PUT's path; its body names it once.
      const body = ((await readBody(req)) ?? {}) as Record<string, unknown>;
      const named = typeof body['_id'] === 'string' && body['_id'].startsWith('_local/') ? body['_id'] : id;
      return sendJson(res, 201, await served.read.put({ ...body, _id: named }));
    }
    return forbidden(res, '复制检查点不能删除');
  }
  if (first.startsWith('_')) return read ? sendJson(res, 404, { error: 'not_found', reason: 'missing' }) : forbidden(res, `同步中心不接受 ${first} 请求`);
  const id = decodeURIComponent(first);
  if (more.length === 0) {
    if (read) return docRead(served, res, url, id);
    if (method === 'PUT') {
      const body = ((await readBody(req)) ?? {}) as Record<string, unknown>;
      return writeOne(served, res, { ...body, _id: id }, url.searchParams.get('new_edits') !== 'false');
    }
    return forbidden(res, method === 'DELETE' ? `记录不能删除（${id}）` : `同步中心不接受对记录的 ${method} 请求`);
  }
  if (read && more.length >= 1) {
    const name = more.map(decodeURIComponent).join('/');
    const doc = (await served.read.get(id)) as { _attachments?: Record<string, { content_type?: string }> };
    const bytes = await served.read.getAttachment(id, name);
    res.writeHead(200, { 'Content-Type': doc._attachments?.[name]?.content_type ?? 'application/octet-stream', 'Content-Length': bytes.length });
    return void res.end(method === 'HEAD' ? undefined : bytes);
  }
  return forbidden(res, '附件随记录一起写入，不能单独修改或删除');
}
