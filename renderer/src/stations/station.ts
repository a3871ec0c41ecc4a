// DOM. The station page the hub serves (/pair → here): pairs this browser with the hub
// from the QR link's fragment, shows the short authentication string to compare with the
// commander's screen, then keeps this station's copy of the record in sync and shows the
// group leader's phone page (phone/page.ts). It is also the page the stations e2e drives
// through window.station. Offline it keeps working: entries are stored here first and the
// status line counts those not yet on the hub.
import { timeline } from '../../../shared/stations/chains';
import { credentialClaim, parseInviteLink, shortAuthString, type PairingInvite } from '../../../shared/stations/pairing';
import { genesisInput, rosterInput, type RoleGrant } from '../../../shared/stations/roster';
import { utf8, toBase64url } from '../../../shared/stations/encoding';
import type { EntryInput } from '../../../shared/stations/entry';
import type { StationEntry } from '../../../shared/stations/types';
import { forgetIdentity, stationIdentity, webCryptoEd25519 } from './identity';
import type { StationConnection, StationPageApi } from './pageApi';
import { StationStore, type Attachment } from './store';
import { mountPhone, type PhonePage } from './phone/page';

type Connection = StationConnection;

const CONNECTION_KEY = 'enforcement-console.station.connection';
const $ = (id: string) => document.getElementById(id)!;
const operator = () => ({ personId: '', name: new URLSearchParams(location.search).get('operator') ?? '工作站操作员' });

let store: StationStore | undefined;
let connection: Connection | undefined;
let state = '未连接';
let online = false;
let revoked = false;
let phone: PhonePage | undefined;

/** This station's last seq known to be on the hub (set when replication reports it has caught up). */
const syncedKey = () => `enforcement-console.station.synced.${store?.op ?? ''}`;
const syncedSeq = () => Number(localStorage.getItem(syncedKey()) ?? 0);
const waiting = () => Math.max(0, (store?.ownHead()?.seq ?? 0) - syncedSeq());

function statusLine(): void {
  if (revoked || !store) return;
  const n = waiting();
  const line = online ? (n > 0 && state === '已同步' ? `同步中，${n} 条待同步` : state) : `离线，${n} 条待同步（恢复网络后自动同步）`;
  const m = phone?.model();
  const who = m ? `${m.stationName || '本站'} · ${m.roleLabel}` : `本站 ${store.signer.publicKey.slice(0, 8)}`;
  $('status').textContent = `${who} · ${line}`;
  $('status').className = online ? (n > 0 ? 'status busy' : 'status') : 'status offline';
  const pending = m?.pendingOrders ?? 0;
  $('pending-orders').textContent = pending > 0 ? `${pending} 条指令待确认` : '';
}

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function render(): Promise<void> {
  if (!store) return;
  if (revoked) return;
  const verdict = await store.verifyHeld(connection?.anchor);
  const entries = timeline(verdict.entries);
  statusLine();
  $('verdict').innerHTML = '';
  const line = document.createElement('div');
  line.textContent = verdict.ok ? `校验通过（${verdict.writers.length} 个工作站，${entries.length} 条记录）` : `校验发现问题：${verdict.first?.message ?? ''}`;
  if (!verdict.ok) line.className = 'problem';
  $('verdict').append(line);
  const withheld = (await store.withheld()).length;
  if (withheld > 0) {
    const note = document.createElement('small');
    note.textContent = `另有 ${withheld} 条记录含本站角色不应持有的个人信息，同步中心未下发其内容`;
    $('verdict').append(note);
  }
  for (const f of store.flagged()) {
    const p = document.createElement('div');
    p.className = 'problem';
    p.textContent = `已标记：${f.reason}`;
    $('verdict').append(p);
  }
  const list = $('timeline');
  list.innerHTML = '';
  for (const e of entries.slice(-50)) {
    const li = document.createElement('li');
    li.textContent = `${e.wall.slice(11, 19)} ${e.operator.name}：${e.text}`;
    list.append(li);
  }
}

/** A render that a revocation overtakes finds the database destroyed: nothing to show then. */
const rerender = () =>
  render().catch((e: unknown) => {
    if (!revoked) console.error(e);
  });

/**
 * Runs `task` (a view rebuilt from the whole record) once arrivals have been quiet for `quiet`
 * ms, and never sooner after its last run than four times what that run took: a station
 * catching up on thousands of entries spends at most a fifth of its thread on redrawing, one
 * that receives an entry now and then shows it at once. One run at a time.
 */
function paced(task: () => Promise<void>, quiet: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let again = false;
  let cost = 0;
  let ended = -Infinity;
  const schedule = (): void => {
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(run, Math.max(quiet, ended + 4 * cost - performance.now()));
  };
  const run = (): void => {
    running = true;
    const started = performance.now();
    void task().finally(() => {
      ended = performance.now();
      cost = ended - started;
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    });
  };
  return schedule;
}

async function openStore(op: string): Promise<StationStore> {
  if (!(await webCryptoEd25519())) throw new Error('此浏览器不支持 Ed25519 签名（需 Chromium 137 或更新版本）');
  const signer = await stationIdentity();
  if (signer.extractable) throw new Error('工作站私钥可被导出：拒绝使用');
  store = await StationStore.open(op, signer, { keep: true });
  const opened = store;
  const operatorParam = new URLSearchParams(location.search).get('operator');
  phone = mountPhone($('phone'), { store, anchor: () => connection?.anchor, ...(operatorParam ? { operator: operatorParam } : {}) });
  const redraw = paced(async () => {
    if (revoked || store !== opened) return;
    await phone?.refresh().then(statusLine, (e: unknown) => {
      if (!revoked) console.error(e);
    });
  }, 200);
  // The verification line is the costlier view: during a catch-up it waits for a longer lull.
  const renderSoon = paced(rerender, 1000);
  store.subscribe(() => {
    renderSoon();
    redraw();
  });
  redraw();
  renderSoon();
  return store;
}

function connect(c: Connection): void {
  connection = c;
  localStorage.setItem(CONNECTION_KEY, JSON.stringify(c));
  online = navigator.onLine;
  $('phone').hidden = false;
  store!.startSync(`${location.origin}/${c.db}`, c.credential, {
    onState: (s) => {
      online = navigator.onLine && s !== 'offline';
      state = ({ active: '同步中', idle: '已同步', offline: '离线', error: '同步出错，正在重试' }[s] ?? s);
      // Live replication pauses without an error only once both directions have caught up.
      if (s === 'idle' && online && store) localStorage.setItem(syncedKey(), String(store.ownHead()?.seq ?? 0));
      // Only the status line depends on the replication's state; arrivals redraw the rest.
      statusLine();
    },
    onRevoked: () => {
      if (revoked) return;
      revoked = true;
      localStorage.removeItem(CONNECTION_KEY);
      localStorage.removeItem(syncedKey());
      void forgetIdentity();
      state = '本站已被指挥员撤销：本机保存的记录和密钥已清除';
      $('status').textContent = state;
      $('status').className = 'status revoked';
      for (const id of ['phone', 'verdict', 'timeline', 'pending-orders']) $(id).replaceChildren();
    },
  });
}

/** Pairing from the QR link: request, show the SAS, wait for the commander, collect the credential. */
async function pair(invite: PairingInvite, name: string): Promise<void> {
  const s = await openStore(invite.op);
  const request = await post('/_pair/request', { token: invite.token, publicKey: s.signer.publicKey, name });
  if (request.status !== 200) throw new Error('配对码无效或已使用，请让指挥员重新生成');
  const { pairingId, hubNonce } = request.json as { pairingId: string; hubNonce: string };
  const sas = shortAuthString(invite.fingerprint, invite.token, s.signer.publicKey, hubNonce);
  $('sas').innerHTML = `请与指挥员屏幕核对：<div class="sas" data-testid="sas">${sas}</div>`;
  history.replaceState(null, '', location.pathname + location.search); // the token leaves the address bar
  const sig = toBase64url(await s.signer.sign(utf8(credentialClaim(pairingId, hubNonce))));
  for (;;) {
    const claim = await post('/_pair/claim', { pairingId, sig });
    if (claim.status === 200) {
      $('sas').textContent = `已配对，核对码 ${sas}`;
      connect({ op: invite.op, db: String(claim.json['db']), credential: String(claim.json['credential']), anchor: String(claim.json['anchor']) });
      void keepPageOffline().catch((e: unknown) => console.warn('离线页面副本未能保存', e));
      return;
    }
    if (claim.status !== 202) throw new Error('指挥员未准许配对');
    await new Promise((r) => setTimeout(r, 500));
  }
}

const api: StationPageApi = {
  ready: undefined as Promise<void> | undefined,
  publicKey: () => store?.signer.publicKey,
  sas: () => document.querySelector('[data-testid="sas"]')?.textContent ?? null,
  /** The commander's station founds the operation (the Electron main then opens it on the hub). */
  async found(op: string, name: string): Promise<StationEntry> {
    const s = await openStore(op);
    return s.append(genesisInput(s.signer.publicKey, name, operator()));
  },
  connect: (c: Connection) => connect(c),
  append: (input: Omit<EntryInput, 'operator'>, attachments?: Attachment[]) => store!.append({ ...input, operator: operator() }, attachments),
  note: (text: string, group = '') => store!.append({ operator: operator(), category: 'note', text, group }),
  pairEntry: (key: string, name: string, grant: RoleGrant, sas: string) => store!.append(rosterInput('pair', { key, name, grant, fromSeq: 1, sas }, operator())),
  revokeEntry: (key: string, name: string, fromSeq: number) => store!.append(rosterInput('revoke', { key, name, fromSeq }, operator())),
  timeline: async () => {
    const [entries, withheld] = await Promise.all([store!.entries(), store!.withheld()]);
    const held = timeline(entries).map((e) => ({ hash: e.hash, hlc: e.hlc, writer: e.writer }));
    return [...held, ...withheld.map((w) => ({ hash: w.hash, hlc: w.hlc, writer: w.writer }))].sort((a, b) => a.hlc.ms - b.hlc.ms || a.hlc.c - b.hlc.c || (a.writer < b.writer ? -1 : a.writer > b.writer ? 1 : 0)).map((e) => e.hash);
  },
  verify: async (signatures: 'heads' | 'all' = 'heads') => {
    const v = await store!.verify(signatures, connection?.anchor);
    return { ok: v.ok, problems: v.problems.map((p) => p.message), refused: v.refused.map((r) => r.reason), writers: v.writers.length };
  },
  flags: () => store?.flagged() ?? [],
  /** Everything the station's database holds, as text (the e2e looks for canary values in it). */
  dump: async () => JSON.stringify((await store!.db.allDocs({ include_docs: true, attachments: true })).rows),
  state: () => state,
  held: (writer: string, seq: number) => store?.held(writer, seq) ?? [],
  size: () => store?.size() ?? 0,
  /** The station's PouchDB (measurements compare an append with a plain put on the same engine). */
  database: () => store?.db as { constructor: unknown } | undefined,
};
window.station = api;

// PouchDB retries quietly while the network is gone; the status line says so at once.
window.addEventListener('offline', () => {
  online = false;
  state = '离线';
  statusLine();
});
window.addEventListener('online', () => {
  online = true;
  state = '同步中';
  statusLine();
});

/**
 * Keeps a copy of the page's own files (public/station-sw.js serves it when the hub cannot be
 * reached), so a phone that reloads the page offline opens it and goes on recording. The files
 * are those this page has loaded so far (PouchDB's chunk loads with the store), put under the
 * paths the worker looks up.
 */
async function keepPageOffline(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  await navigator.serviceWorker.register('/app/station-sw.js', { scope: '/app/' });
  const files = performance
    .getEntriesByType('resource')
    .map((r) => new URL(r.name))
    .filter((u) => u.origin === location.origin && u.pathname.startsWith('/app/'))
    .map((u) => u.pathname);
  await (await caches.open('station-page-v1')).addAll([...new Set([location.pathname, ...files])]);
}

api.ready = (async () => {
  const saved = localStorage.getItem(CONNECTION_KEY);
  const invite = location.hash.length > 1 ? parseInviteLink(location.origin + '/pair' + location.hash) : undefined;
  if (invite && !invite.ok) throw new Error(invite.message);
  if (invite?.ok) {
    const name = new URLSearchParams(location.search).get('name') ?? '未命名工作站';
    void pair(invite.invite, name).catch((e: unknown) => ($('status').textContent = e instanceof Error ? e.message : String(e)));
  } else if (saved) {
    const c = JSON.parse(saved) as Connection;
    await openStore(c.op);
    connect(c);
    void keepPageOffline().catch((e: unknown) => console.warn('离线页面副本未能保存', e));
  } else {
    $('status').textContent = '尚未配对：请扫描指挥员屏幕上的配对码';
  }
})();
