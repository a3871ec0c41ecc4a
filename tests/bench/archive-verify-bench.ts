// Node tool. `npm run bench:archive` (second part): verifying an archive of three stations ×
// 10 000 signed entries (archive format 3), as `npm run verify` does it (Node's SHA-256,
// CRC-32 and Ed25519), with the heads' and checkpoints' signatures only and with every
// signature; and heads-only with @noble/curves and hash-wasm, as the in-app check (a browser
// worker) does it. PER_WRITER=n for a smaller run.
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { createSHA256 } from 'hash-wasm';
import { planArchive, writeArchiveZip } from '../../shared/archive/archive';
import type { OperationBackup } from '../../shared/archive/backup';
import { verifyArchiveZip, type StreamVerifyOptions } from '../../shared/archive/verifyStream';
import { checkpointInput, countersignInput } from '../../shared/stations/checkpoints';
import { createEntry, seenMark, type EntryInput } from '../../shared/stations/entry';
import { HLC_ZERO } from '../../shared/stations/hlc';
import { genesisInput, rosterInput } from '../../shared/stations/roster';
import { demoSigner, type Signer } from '../../shared/stations/signer';
import type { Head, Hlc, StationEntry } from '../../shared/stations/types';
import { nativeVerify } from '../../electron/hub/nativeVerify';
import { archivableBackup, INDEX_STAND_IN } from '../fixtures/archive/archivable';

const PER_WRITER = Number(process.env.PER_WRITER ?? 10_000);
/** Each station sees the others' heads every this many of its own entries. */
const SYNC_EVERY = 10;
const CHECKPOINT_EVERY = 500;
const RUNS = 3;
const operator = { personId: 'p1', name: '张三' };

/** The demo key's seed signed with Node's Ed25519: the same signatures, fast enough to write 30 000 entries. */
function nativeSigner(seed: string): Signer {
  const demo = demoSigner(seed);
  const secret = createHash('sha256').update(`enforcement-console station demo key:${seed}`).digest();
  const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), secret]), format: 'der', type: 'pkcs8' });
  return { publicKey: demo.publicKey, sign: async (bytes) => new Uint8Array(sign(null, bytes, key)) };
}

interface Writer {
  signer: Signer;
  head: Head | null;
  hlc: Hlc;
  seen: Record<string, string>;
}

async function operation(): Promise<StationEntry[]> {
  const base = archivableBackup(0);
  const op = base.operation.id;
  const entries: StationEntry[] = [];
  let now = Date.parse('2026-12-08T09:00:00+08:00');
  const writers = ['指挥', '证据组', '第一组', '同步中心'].map((seed): Writer => ({ signer: nativeSigner(seed), head: null, hlc: HLC_ZERO, seen: {} }));
  const [commander, clerk, leader, hub] = writers as [Writer, Writer, Writer, Writer];
  const write = async (w: Writer, input: EntryInput) => {
    now += 1000;
    const { entry, hlc } = await createEntry(w.signer, { op, head: w.head, hlc: w.hlc, seen: w.seen, boot: 'bench' }, input, { wallMs: now, monoMs: now % 1e7 });
    Object.assign(w, { head: { seq: entry.seq, hash: entry.hash }, hlc });
    entries.push(entry);
    return entry;
  };
  const syncAll = () => {
    for (const w of writers) w.seen = Object.fromEntries(writers.filter((o) => o !== w && o.head).map((o) => [o.signer.publicKey, seenMark(o.head!)]));
  };
  await write(commander, genesisInput(commander.signer.publicKey, '指挥', operator));
  await write(commander, rosterInput('pair', { key: hub.signer.publicKey, name: '同步中心', grant: { role: 'hub' }, fromSeq: 1 }, operator));
  await write(commander, rosterInput('pair', { key: clerk.signer.publicKey, name: '证据组', grant: { role: 'evidenceClerk' }, fromSeq: 1 }, operator));
  await write(commander, rosterInput('pair', { key: leader.signer.publicKey, name: '第一组', grant: { role: 'groupLeader', group: 'security' }, fromSeq: 1 }, operator));
  syncAll();
  while (leader.head === null || leader.head.seq < PER_WRITER) {
    for (const [w, group, who] of [[commander, '', '指挥'], [clerk, '', '证据组'], [leader, 'security', '第一组']] as const) {
      await write(w, { operator, category: 'note', group, text: `${who}：现场记录第 ${(w.head?.seq ?? 0) + 1} 条，清点物品并拍照。` });
    }
    if (leader.head!.seq % SYNC_EVERY === 0) syncAll();
    if (leader.head!.seq % CHECKPOINT_EVERY === 0) {
      const checkpoint = await write(hub, checkpointInput(entries, hub.signer.publicKey));
      syncAll();
      for (const w of [commander, clerk, leader]) await write(w, countersignInput(checkpoint, operator));
      syncAll();
    }
  }
  return entries;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  let started = performance.now();
  const entries = await operation();
  const backup = { ...archivableBackup(0), stationEntries: entries } as unknown as OperationBackup;
  console.error(`写入 ${entries.length} 条签名记录：${((performance.now() - started) / 1000).toFixed(1)} 秒`);
  started = performance.now();
  const plan = planArchive(backup, '2026-12-10T10:00:00.000+08:00');
  const chunks: Uint8Array[] = [];
  await writeArchiveZip(plan, INDEX_STAND_IN, { modifiedAt: new Date('2026-12-10T02:00:00Z'), createSha256: () => createHash('sha256'), onChunk: (c) => void chunks.push(c) });
  const zip = Buffer.concat(chunks);
  console.error(`生成归档：${((performance.now() - started) / 1000).toFixed(1)} 秒，${(zip.length / 1024 / 1024).toFixed(1)} MB`);

  const wasm = await createSHA256();
  const node: StreamVerifyOptions = { createSha256: () => createHash('sha256'), crc32, verifySignature: nativeVerify };
  const cases: Record<string, StreamVerifyOptions> = {
    '链头和检查点的签名（npm run verify 默认，Node Ed25519）': { ...node, signatures: 'heads' },
    '每一条的签名（npm run verify --all-signatures，Node Ed25519）': { ...node, signatures: 'all' },
    '链头和检查点的签名（@noble/curves、WebAssembly SHA-256，同程序内核验）': { signatures: 'heads', hashHex: (bytes) => (wasm.init(), wasm.update(bytes), wasm.digest('hex')) },
  };
  const rows = [];
  for (const [name, options] of Object.entries(cases)) {
    const seconds: number[] = [];
    let checked = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const verdict = await verifyArchiveZip(zip, options);
      seconds.push((performance.now() - start) / 1000);
      if (!verdict.ok) throw new Error(verdict.problem);
      checked = verdict.summary.stations!.signaturesChecked;
    }
    rows.push({ 用例: name, '中位数 秒': median(seconds).toFixed(2), '各次 秒': seconds.map((s) => s.toFixed(2)).join(' / '), 核验签名数: checked });
  }
  console.log(`归档核验基准：3 个工作站各 ${PER_WRITER} 条及同步中心的检查点，共 ${entries.length} 条签名记录，归档 ${(zip.length / 1024 / 1024).toFixed(1)} MB，每例 ${RUNS} 次，Node ${process.version}`);
  console.table(rows);
}

void main();
