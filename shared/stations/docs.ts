// Pure. Entries as CouchDB documents. The document id carries writer, seq and hash, so
// content is the id: an honest store can never hold two versions of one id, a fork (same
// writer and seq, other content) is two documents that replicate everywhere, and one
// writer's chain is one key range in _all_docs. The revision is derived from the hash too
// (always 1-…), stored with new_edits=false: every copy of an entry has the same id and rev,
// and anything else — a revision 2, a deletion, an id that does not match — is refused.
import { sha256Hex } from './canonical';
import { entryFault, parseEntry, type HashHex, type SignatureCheck } from './entry';
import { fromBase64 } from './encoding';
import type { WithheldEntry } from './redaction';
import type { StationEntry } from './types';

export const ENTRY_PREFIX = 'e.';
export const WITHHELD_PREFIX = 'w.';

const pad = (seq: number) => String(seq).padStart(12, '0');

export const entryDocId = (e: Pick<StationEntry, 'writer' | 'seq' | 'hash'>): string => `${ENTRY_PREFIX}${e.writer}.${pad(e.seq)}.${e.hash}`;
export const withheldDocId = (e: Pick<StationEntry, 'writer' | 'seq' | 'hash'>): string => `${WITHHELD_PREFIX}${e.writer}.${pad(e.seq)}.${e.hash}`;
export const entryRev = (e: Pick<StationEntry, 'hash'>): string => `1-${e.hash.slice(0, 32)}`;

/** _all_docs bounds of one writer's entries, in seq order. */
export const writerRange = (writer: string) => ({ startkey: `${ENTRY_PREFIX}${writer}.`, endkey: `${ENTRY_PREFIX}${writer}.\uffff` });

export interface InlineAttachment {
  content_type: string;
  /** base64 */
  data: string;
}

export interface EntryDoc {
  _id: string;
  _rev: string;
  entry: StationEntry;
  _attachments?: Record<string, InlineAttachment>;
}

export interface WithheldDoc {
  _id: string;
  _rev: string;
  withheld: WithheldEntry;
}

export const entryDoc = (entry: StationEntry, attachments?: Record<string, InlineAttachment>): EntryDoc => ({
  _id: entryDocId(entry),
  _rev: entryRev(entry),
  entry,
  ...(attachments && Object.keys(attachments).length ? { _attachments: attachments } : {}),
});

export const withheldDoc = (w: WithheldEntry): WithheldDoc => ({ _id: withheldDocId(w), _rev: entryRev(w), withheld: w });

export type DocCheck = { ok: true; entry: StationEntry } | { ok: false; reason: string };

const refuse = (reason: string): DocCheck => ({ ok: false, reason });
const ALLOWED_KEYS = new Set(['_id', '_rev', '_revisions', 'entry', '_attachments']);

/**
 * The rules every incoming entry document must meet, on the hub and on a station: one
 * revision only (1-, derived from the hash), never deleted, id and rev derived from the
 * content, nothing beside the entry and its attachments, the entry well formed, of this
 * operation, its hash matching and its signature valid, each attachment the bytes its
 * file reference pins. Roles and chains are checked by the caller. With `stubs`, a document
 * read back from a store may carry attachment stubs (name and length, no bytes): their
 * bytes are checked when they are read (renderer/src/record/projection.ts). `hash`: a faster
 * SHA-256 where the platform has one (WebAssembly in a page, Node's crypto on the hub).
 */
export function checkEntryDoc(doc: Record<string, unknown>, op: string, verify?: SignatureCheck | 'deferred', stubs = false, hash: HashHex = sha256Hex): DocCheck {
  const id = typeof doc['_id'] === 'string' ? doc['_id'] : '';
  if (doc['_deleted'] !== undefined) return refuse(`记录不能删除（${id}）`);
  if (!id.startsWith(ENTRY_PREFIX)) return refuse(`文档编号不是记录编号（${id || '空'}）`);
  const extra = Object.keys(doc).find((k) => !ALLOWED_KEYS.has(k));
  if (extra) return refuse(`记录文档含有多余字段「${extra}」`);
  const rev = doc['_rev'];
  if (typeof rev !== 'string' || !rev.startsWith('1-')) return refuse(`记录只能有一个版本：拒绝第 ${typeof rev === 'string' ? rev.split('-')[0] : '？'} 版（${id}）`);
  const revisions = doc['_revisions'] as { start?: unknown; ids?: unknown } | undefined;
  if (revisions !== undefined && (revisions.start !== 1 || !Array.isArray(revisions.ids) || revisions.ids.length !== 1)) {
    return refuse(`记录只能有一个版本：修订历史不是单一的第 1 版（${id}）`);
  }
  const parsed = parseEntry(doc['entry']);
  if (!parsed.ok) return refuse(parsed.message);
  const entry = parsed.entry;
  if (entry.op !== op) return refuse(`记录属于另一次执行行动（${entry.op}）`);
  if (id !== entryDocId(entry)) return refuse(`文档编号与记录内容不符（${id}）`);
  if (rev !== entryRev(entry)) return refuse(`记录的版本号与其内容不符（${rev}）`);
  const fault = verify === 'deferred' ? entryFault(entry, false, undefined, hash) : entryFault(entry, true, verify, hash);
  if (fault === 'hash') return refuse(`记录内容与其哈希值不符（第 ${entry.seq} 条）`);
  if (fault === 'signature') return refuse(`记录签名无效（第 ${entry.seq} 条）`);
  const attachments = (doc['_attachments'] ?? {}) as Record<string, { data?: unknown; stub?: unknown; length?: unknown }>;
  for (const [name, att] of Object.entries(attachments)) {
    const file = entry.files?.find((f) => f.name === name);
    if (!file) return refuse(`附件「${name}」未在记录中登记`);
    if (stubs && att.stub === true) {
      if (att.length !== undefined && att.length !== file.size) return refuse(`附件「${name}」的长度与记录登记的不符`);
      continue;
    }
    if (typeof att.data !== 'string') return refuse(`附件「${name}」缺少内容`);
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(att.data);
    } catch {
      return refuse(`附件「${name}」的内容无效`);
    }
    if (bytes.length !== file.size || hash(bytes) !== file.sha256) return refuse(`附件「${name}」与记录登记的 SHA-256 不符`);
  }
  return { ok: true, entry };
}

/** The CouchDB database of an operation (CouchDB names: lowercase letter first, then [a-z0-9_$()+/-]). */
export function operationDbName(op: string): string {
  return `op_${op.toLowerCase().replace(/[^a-z0-9_-]/g, (c) => `$${c.codePointAt(0)!.toString(16)}`)}`;
}
