// DOM. The group leader's phone page (390 px wide, touch): the current phase, the commander's
// orders with 确认收到, 人员签到, 报告情况 with a photo, 本组记录, 本组任务. What it shows and
// the entries it makes come from shared/stations/phoneView.ts; this file only draws and
// wires. Each act is offered only when the station's role may write it (an observer is
// offered none); the hub and every receiver refuse it anyway. Entries are appended to the
// station's own store first, so the page works offline and replication carries them later.
import {
  ackEntry,
  checkInEntry,
  incidentReportEntry,
  noteEntry,
  phoneModel,
  photoProblem,
  taskDoneEntry,
  type PhoneEntry,
  type PhoneModel,
} from '../../../../shared/stations/phoneView';
import { incidentSeverities, type IncidentSeverity } from '../../../../shared/onSite/reports';
import type { Attachment, StationStore } from '../store';
import { h, hhmm, message } from './dom';

export interface PhoneContext {
  store: StationStore;
  /** The commander's key given at pairing. */
  anchor(): string | undefined;
  /** The operator named on entries, when the page was opened with one (?operator=…). */
  operator?: string;
}

export interface PhonePage {
  refresh(): Promise<void>;
  model(): PhoneModel | undefined;
}

const PHOTO_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic', 'image/heif': 'heif' };

export function mountPhone(root: HTMLElement, ctx: PhoneContext): PhonePage {
  let model: PhoneModel | undefined;
  const busy = new Set<string>();
  /** What was typed under each task, kept while the list is redrawn as entries arrive. */
  const taskNotes = new Map<string, string>();
  /**
   * A list is redrawn only when what it shows changed: an entry arriving elsewhere must not
   * replace the field someone is typing in or the button under their thumb.
   */
  const drawn = new Map<string, string>();
  const changed = (list: string, content: unknown): boolean => {
    const text = JSON.stringify(content);
    if (drawn.get(list) === text) return false;
    drawn.set(list, text);
    return true;
  };

  const section = (id: string, title: string, ...body: HTMLElement[]) => h('section', { id, class: 'card' }, h('h2', {}, title), ...body);
  const phase = h('div', { id: 'phase-now', class: 'phase-now' }, '—');
  const phaseGround = h('div', { class: 'phase-ground' });
  const phaseLast = h('div', { class: 'muted' });
  const orders = h('ul', { id: 'orders', class: 'list' });
  const members = h('ul', { id: 'members', class: 'list' });
  const groupTitle = h('div', { class: 'muted' });
  const tasks = h('ul', { id: 'tasks', class: 'list' });
  const groupLog = h('ul', { id: 'group-log', class: 'list small' });
  const readOnly = h('div', { id: 'read-only', class: 'notice', hidden: true });

  // 报告情况: kept across re-renders, so nothing typed is lost while entries arrive.
  let severity: IncidentSeverity = 'general';
  const severityButtons = (Object.keys(incidentSeverities) as IncidentSeverity[]).map((s) => {
    const b = h('button', { type: 'button', class: s === severity ? 'seg on' : 'seg', 'data-severity': s }, `${incidentSeverities[s].label}事件`);
    b.addEventListener('click', () => {
      severity = s;
      for (const o of severityButtons) o.className = o.dataset['severity'] === s ? 'seg on' : 'seg';
    });
    return b;
  });
  const summary = h('textarea', { id: 'incident-summary', rows: '3', placeholder: '事件经过（时间、地点、发生了什么）', 'aria-label': '事件经过' });
  const handling = h('textarea', { id: 'incident-handling', rows: '2', placeholder: '处置情况（已采取的措施）', 'aria-label': '处置情况' });
  const reportedTo = h('input', { id: 'incident-reported-to', placeholder: '已报告对象（较大、重大事件必填）', 'aria-label': '报告对象' });
  const photo = h('input', { id: 'incident-photo', type: 'file', accept: 'image/*', capture: 'environment', 'aria-label': '拍照' });
  const photoLabel = h('label', { class: 'button secondary', for: 'incident-photo' }, '拍照 / 选择照片');
  const photoInfo = h('div', { id: 'photo-info', class: 'muted' });
  const reportError = h('div', { id: 'report-error', class: 'error', role: 'alert' });
  const reportButton = h('button', { id: 'report', class: 'primary' }, '提交报告');
  let photoFile: File | undefined;
  photo.addEventListener('change', () => {
    const f = photo.files?.[0];
    const problem = f ? photoProblem(f) : null;
    photoFile = f && !problem ? f : undefined;
    photoInfo.textContent = problem ?? (f ? `已选照片：${f.name}（${(f.size / 1024).toFixed(0)} KB）` : '');
    photoInfo.className = problem ? 'error' : 'muted';
    if (problem) photo.value = '';
  });

  const noteText = h('textarea', { id: 'note-text', rows: '2', placeholder: '本组情况，如：东侧警戒到位', 'aria-label': '记录内容' });
  const noteError = h('div', { class: 'error', role: 'alert' });
  const noteButton = h('button', { id: 'note', class: 'primary' }, '记录');

  const cards = {
    phase: section('phase', '当前阶段', phase, phaseGround, phaseLast),
    orders: section('orders-card', '指挥指令', orders),
    checkIn: section('checkin', '人员签到', groupTitle, members),
    report: section('report-card', '报告情况', h('div', { class: 'segs' }, ...severityButtons), summary, handling, reportedTo, h('div', { class: 'row' }, photoLabel, photo), photoInfo, reportError, reportButton),
    note: section('note-card', '本组记录', noteText, noteError, noteButton, groupLog),
    tasks: section('tasks-card', '本组任务', tasks),
  };
  root.replaceChildren(readOnly, cards.phase, cards.orders, cards.checkIn, cards.report, cards.note, cards.tasks);

  const operatorName = (m: PhoneModel) => ctx.operator ?? m.members.find((p) => p.leader)?.name ?? (m.stationName || '工作站操作员');
  const now = () => new Date();

  /** Appends the entry an act makes (or shows why not) and redraws. */
  async function act(key: string, make: (m: PhoneModel, operator: string) => PhoneEntry, shown: HTMLElement | null, attachments: Attachment[] = []): Promise<boolean> {
    if (!model || busy.has(key)) return false;
    busy.add(key);
    if (shown) shown.textContent = '';
    try {
      const operator = operatorName(model);
      const input = make(model, operator);
      await ctx.store.append({ ...input, operator: { personId: model.members.find((p) => p.name === operator)?.id ?? '', name: operator } }, attachments);
      await refresh();
      return true;
    } catch (error) {
      if (shown) shown.textContent = message(error);
      else alert(message(error));
      return false;
    } finally {
      busy.delete(key);
    }
  }

  reportButton.addEventListener('click', () => {
    const file = photoFile;
    void (async () => {
      const attachments: Attachment[] = file ? [{ name: `photo.${PHOTO_TYPES[file.type] ?? 'jpg'}`, contentType: file.type, bytes: new Uint8Array(await file.arrayBuffer()) }] : [];
      const input = { severity, summary: summary.value, handling: handling.value, reportedTo: reportedTo.value };
      if (await act('report', (m, op) => incidentReportEntry(m, input, op), reportError, attachments)) {
        summary.value = handling.value = reportedTo.value = photo.value = '';
        photoFile = undefined;
        severityButtons[0]!.click();
        photoInfo.textContent = file ? '已提交（含照片）' : '已提交';
      }
    })();
  });
  noteButton.addEventListener('click', () => {
    void act('note', (m, op) => noteEntry(m, noteText.value, op), noteError).then((ok) => ok && (noteText.value = ''));
  });

  function drawOrders(m: PhoneModel): void {
    if (!changed('orders', [m.may.ack, m.orders.map((o) => [o.entry.hash, o.pending, o.ack?.hash])])) return;
    orders.replaceChildren(
      ...(m.orders.length ? [] : [h('li', { class: 'muted' }, '暂无指令')]),
      // Orders still to acknowledge first, then the rest, newest first.
      ...[...m.orders.filter((o) => o.pending), ...m.orders.filter((o) => !o.pending).slice(0, 20)].map((o) => {
        const li = h(
          'li',
          { class: o.pending ? 'order pending' : 'order', 'data-testid': 'order' },
          h('div', { class: 'order-head' }, h('strong', {}, o.label), h('span', { class: 'muted' }, `${hhmm(o.entry.occurredAt)} · ${o.entry.operator}`)),
          o.entry.text !== o.label ? h('div', {}, o.entry.text) : null,
        );
        if (o.ack) li.append(h('div', { class: 'ok' }, `✓ 已确认收到 ${hhmm(o.ack.occurredAt)}`));
        else if (o.pending && m.may.ack === null) {
          const b = h('button', { class: 'primary', 'data-testid': 'ack' }, '确认收到');
          b.addEventListener('click', () => void act(`ack:${o.entry.hash}`, (mm, op) => ackEntry(mm, o.entry.hash, op), null));
          li.append(b);
        }
        return li;
      }),
    );
  }

  function drawMembers(m: PhoneModel): void {
    if (!changed('members', [m.workingGroup, m.members])) return;
    const g = m.workingGroup;
    groupTitle.textContent = g ? `${g.name}${g.channel ? `（联络：${g.channel}）` : ''} · ${m.members.filter((p) => p.checkIns.length).length}/${m.members.length} 人到岗` : '本站未对应工作组，或尚未收到分组资料';
    members.replaceChildren(
      ...m.members.map((p) => {
        const first = p.checkIns[0];
        const li = h(
          'li',
          { class: first ? 'member in' : 'member', 'data-testid': 'member' },
          h(
            'div',
            { class: 'grow' },
            h('strong', {}, p.name),
            p.leader ? h('span', { class: 'tag' }, '组长') : null,
            p.untrained ? h('span', { class: 'tag warn' }, '无培训记录') : null,
            h('div', { class: 'muted' }, [p.unit, p.post].filter(Boolean).join(' · ')),
            first ? h('div', { class: 'ok' }, `已到岗 ${hhmm(first.occurredAt)}${p.checkIns.length > 1 ? `（共登记 ${p.checkIns.length} 次）` : ''}`) : null,
          ),
        );
        const b = h('button', { class: first ? 'secondary' : 'primary', 'data-testid': 'check-in' }, first ? '再次登记' : '签到');
        b.addEventListener('click', () => {
          const note = first ? prompt(`${p.name}已于 ${hhmm(first.occurredAt)} 到岗，再次登记请写明原因（如：离岗后返回）`) : '';
          if (note === null) return;
          void act(`in:${p.id}`, (mm, op) => checkInEntry(mm, p.id, note, now(), op), null);
        });
        li.append(b);
        return li;
      }),
    );
  }

  function drawTasks(m: PhoneModel): void {
    if (!changed('tasks', m.tasks)) return;
    tasks.replaceChildren(
      ...(m.tasks.length ? [] : [h('li', { class: 'muted' }, '本组暂无任务')]),
      ...m.tasks.map((t) => {
        const li = h('li', { class: t.status === 'done' ? 'task done' : 'task', 'data-testid': 'task' }, h('strong', {}, t.title), h('div', { class: 'muted' }, `责任人 ${t.owner} · 期限 ${t.dueOn}`));
        if (t.status === 'done') li.append(h('div', { class: 'ok' }, `✓ 已完成 ${t.doneOn}：${t.note}`));
        else {
          const note = h('input', { placeholder: '完成情况', 'aria-label': `${t.title}完成情况` });
          note.value = taskNotes.get(t.id) ?? '';
          note.addEventListener('input', () => taskNotes.set(t.id, note.value));
          const err = h('div', { class: 'error', role: 'alert' });
          const b = h('button', { class: 'primary', 'data-testid': 'task-done' }, '标记完成');
          b.addEventListener('click', () => void act(`task:${t.id}`, (mm, op) => taskDoneEntry(mm, t.id, note.value, now(), op), err).then((ok) => ok && taskNotes.delete(t.id)));
          li.append(note, err, b);
        }
        return li;
      }),
    );
  }

  function draw(m: PhoneModel): void {
    // 已中止（《行政强制法》第三十九条…）: the status large, its ground beneath it.
    const cut = m.statusLabel.indexOf('（');
    phase.textContent = cut > 0 ? m.statusLabel.slice(0, cut) : m.statusLabel;
    phaseGround.textContent = cut > 0 ? m.statusLabel.slice(cut + 1, -1) : '';
    phase.className = `phase-now ${m.state.status.kind}`;
    phaseLast.textContent = m.lastPhase ? `最新环节：${m.lastPhase.label}（${hhmm(m.lastPhase.at)}）` : '尚未宣布开始执行';
    drawOrders(m);
    cards.checkIn.hidden = m.may.checkIn !== null;
    cards.report.hidden = m.may.incident !== null;
    cards.note.hidden = m.may.note !== null;
    cards.tasks.hidden = m.may.task !== null;
    if (!cards.checkIn.hidden) drawMembers(m);
    if (!cards.tasks.hidden) drawTasks(m);
    if (!cards.note.hidden && changed('groupLog', m.groupLog.map((e) => e.hash))) groupLog.replaceChildren(...m.groupLog.slice(0, 10).map((e) => h('li', {}, `${hhmm(e.occurredAt)} ${e.operator}：${e.text}`)));
    const refusals = [m.may.checkIn, m.may.incident, m.may.note].filter((r): r is string => r !== null);
    readOnly.hidden = refusals.length === 0;
    readOnly.textContent = m.grant ? `${m.roleLabel}：${[...new Set(refusals)].join('；')}` : (m.standingProblem ?? '本站尚未获得角色');
  }

  async function refresh(): Promise<void> {
    model = phoneModel(await ctx.store.heldEntries(), ctx.store.signer.publicKey, ctx.anchor(), now());
    draw(model);
  }

  return { refresh, model: () => model };
}
