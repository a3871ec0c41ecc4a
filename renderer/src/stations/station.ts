// DOM. The station page the hub serves (/pair → here): pairs this browser with the hub
// from the QR link's fragment, shows the short authentication string to compare with the
// commander's screen, then keeps this station's copy of the record in sync. It is also the
// page the stations e2e drives through window.station. The integrator wires StationStore
// into the app's own write path; this page is the phone's minimal console until then.
import { timeline } from '../../../shared/stations/chains';
import { credentialClaim, parseInviteLink, shortAuthString, type PairingInvite } from '../../../shared/stations/pairing';
import { genesisInput, rosterInput, type RoleGrant } from '../../../shared/stations/roster';
import { utf8, toBase64url } from '../../../shared/stations/encoding';
import type { EntryInput } from '../../../shared/stations/entry';
import type { StationEntry } from '../../../shared/stations/types';
import { forgetIdentity, stationIdentity, webCryptoEd25519 } from './identity';
import type { StationConnection, StationPageApi } from './pageApi';
import { StationStore, type Attachment } from './store';

type Connection = StationConnection;

const CONNECTION_KEY = 'enforcement-console.station.connection';
const $ = (id: string) => document.getElementById(id)!;
const operator = () => ({ personId: '', name: new URLSearchParams(location.search).get('operator') ?? '工作站操作员' });

let store: StationStore | undefined;
let connection: Connection | undefined;
let state = '未连接';

async function post(path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function render(): Promise<void> {
  if (!store) return;
  const verdict = await store.verify('heads', connection?.anchor);
  const entries = timeline(verdict.entries);
  $('status').textContent = `本站 ${store.signer.publicKey.slice(0, 8)} · ${state} · ${entries.length} 条记录`;
  $('verdict').innerHTML = '';
  const line = document.createElement('div');
  line.textContent = verdict.ok ? `校验通过（${verdict.writers.length} 个工作站）` : `校验发现问题：${verdict.first?.message ?? ''}`;
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

async function openStore(op: string): Promise<StationStore> {
  if (!(await webCryptoEd25519())) throw new Error('此浏览器不支持 Ed25519 签名（需 Chromium 137 或更新版本）');
  const signer = await stationIdentity();
  if (signer.extractable) throw new Error('工作站私钥可被导出：拒绝使用');
  store = await StationStore.open(op, signer);
  let pending: ReturnType<typeof setTimeout> | undefined;
  // Verifying the whole record is the costly part of a render: during a catch-up it waits
  // until the feed has been quiet for a moment.
  store.subscribe(() => {
    clearTimeout(pending);
    pending = setTimeout(() => void render(), 1500);
  });
  ($('add') as HTMLButtonElement).disabled = false;
  return store;
}

function connect(c: Connection): void {
  connection = c;
  localStorage.setItem(CONNECTION_KEY, JSON.stringify(c));
  store!.startSync(`${location.origin}/${c.db}`, c.credential, {
    onState: (s) => {
      state = !navigator.onLine ? '离线（恢复后自动同步）' : ({ active: '同步中', idle: '已同步', offline: '离线（恢复后自动同步）', error: '同步出错' }[s] ?? s);
      void render();
    },
    onRevoked: () => {
      localStorage.removeItem(CONNECTION_KEY);
      void forgetIdentity();
      state = '本站已被撤销：本机数据已清除';
      $('status').textContent = state;
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
  state = '离线（恢复后自动同步）';
  void render();
});
window.addEventListener('online', () => {
  state = '同步中';
  void render();
});

api.ready = (async () => {
  $('add').addEventListener('click', () => {
    const input = $('text') as HTMLInputElement;
    if (!input.value.trim() || !store) return;
    void store.append({ operator: operator(), category: 'note', text: input.value }).then(() => (input.value = ''), (e: unknown) => alert(e instanceof Error ? e.message : String(e)));
  });
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
  } else {
    $('status').textContent = '尚未配对：请扫描指挥员屏幕上的配对码';
  }
})();
