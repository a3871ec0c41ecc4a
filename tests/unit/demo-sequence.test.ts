import { beforeAll, describe, expect, it } from 'vitest';
import { parseBackup, serialiseBackup, type OperationBackup } from '../../shared/archive/backup';
import { demandFindings } from '../../shared/documents/procedure';
import { announcementPeriod, demolitionNoticeServedOn, operationPeriodEnd, subjectPeriods } from '../../shared/documents/periods';
import type { DocumentRecord, PostingRecord, ServiceRecord } from '../../shared/documents/records';
import { buildDemoOperation, DEMO_STATIONS, demoStages, type DemoStage } from '../../shared/demo/sequence';
import { backupLog } from '../../shared/log/backupLog';
import { onSiteState } from '../../shared/onSite/state';
import { recordTables } from '../../shared/record/act';
import { foldActs, recordDifferences, recordKey } from '../../shared/stations/acts';
import { verifyStations } from '../../shared/stations/chains';
import { admission, foldRoster } from '../../shared/stations/roster';
import type { StationEntry } from '../../shared/stations/types';
import { nodeFonts } from '../fixtures/documents/pdf';

const build = (stage: DemoStage) => buildDemoOperation({ stage, fonts: nodeFonts, appVersion: '1.0.0' });
const byStage = new Map<DemoStage, OperationBackup>();
beforeAll(async () => {
  for (const stage of demoStages) byStage.set(stage, await build(stage));
}, 120_000);
const complete = () => byStage.get('reported')!;
const entries = (b: OperationBackup) => (b.stationEntries ?? []) as unknown as StationEntry[];

describe('the demo operation carried through the procedure', () => {
  it('is the same bytes every run, and reads back as a valid backup', async () => {
    const text = serialiseBackup(complete());
    expect(serialiseBackup(await build('reported'))).toBe(text);
    expect(parseBackup(text).ok).toBe(true);
  }, 60_000);

  it('is signed by three stations, every chain whole and every entry admitted by the roster', () => {
    const signed = entries(complete());
    const verdict = verifyStations(signed, { op: complete().operation.id, signatures: 'all' });
    expect(verdict.problems).toEqual([]);
    expect(verdict.ok).toBe(true);
    expect(verdict.writers).toHaveLength(3);
    const roster = foldRoster(signed);
    expect([...roster.stations.values()].map((s) => s.name).sort()).toEqual(Object.values(DEMO_STATIONS).sort());
    expect(signed.map((e) => admission(roster, e)).filter(Boolean)).toEqual([]);
    // Each device records what its role allows: the tablet the evidence, the phone its group's check-ins.
    const by = (name: string) => signed.filter((e) => e.writer === [...roster.stations].find(([, s]) => s.name === name)![0]);
    expect(new Set(by(DEMO_STATIONS.evidence).map((e) => e.category))).toEqual(new Set(['inventory', 'mediaRegister']));
    expect(new Set(by(DEMO_STATIONS.leader).map((e) => e.category))).toEqual(new Set(['checkIn', 'note']));
  });

  it('holds exactly the records its entries give (the records are a projection of the log)', () => {
    const b = complete();
    const tables = new Set<string>(recordTables);
    const actual = new Map<string, { table: string; id: string; record: unknown }>();
    actual.set(recordKey('operations', b.operation.id), { table: 'operations', id: b.operation.id, record: b.operation });
    for (const table of recordTables) {
      if (table === 'operations') continue;
      for (const record of b[table] as Array<{ id: string }>) actual.set(recordKey(table, record.id), { table, id: record.id, record });
    }
    expect(recordDifferences(foldActs(entries(b), tables), actual)).toEqual([]);
  });

  it('serves three subjects three ways, each period counted from their own service, the last before the 公告 ends', () => {
    const b = complete();
    const services = b.services as unknown as ServiceRecord[];
    // Each subject's own countdown, the operation's ending with the last (post: the receipt's date).
    const periods = subjectPeriods({ subjects: b.subjects, documents: b.documents as unknown as DocumentRecord[], services });
    expect(Object.fromEntries(periods.map((p) => [p.name, `${p.method} ${p.servedOn}→${p.periodEndsOn}`]))).toEqual({
      张建国: 'left 2026-11-20→2026-11-30',
      李秀兰: 'direct 2026-11-20→2026-11-30',
      王小明: 'post 2026-11-21→2026-12-01',
    });
    expect(operationPeriodEnd(periods)).toBe('2026-12-01');
    const left = services.find((s) => s.method === 'left')!;
    expect(left.witnesses.every((w) => w.capacity === 'grassroots')).toBe(true);
    expect(left.refusalReason).not.toBe('');
    expect(services.find((s) => s.method === 'direct' && s.documentId.endsWith('-notice'))?.agent).toEqual({ name: '刘婷', reason: '儿媳，与受送达人同住' });
    expect(services.find((s) => s.method === 'post' && s.documentId.endsWith('-notice'))?.receiptDate).toBe('2026-11-21');
    const documents = b.documents as unknown as DocumentRecord[];
    expect(announcementPeriod({ documents, postings: b.postings as unknown as PostingRecord[] })).toMatchObject({ postedOn: '2026-12-01', endsOn: '2026-12-07' });
    expect((b.postings[0] as unknown as PostingRecord).photos).toHaveLength(2);
    // 拆除 needs the 强制拆除通知书 served fifteen days before 8 December.
    expect(demolitionNoticeServedOn({ documents, services })! <= '2026-11-23').toBe(true);
  });

  it('records the 催告 within the statutory periods and the 陈述申辩 with its answer', () => {
    const documents = complete().documents as unknown as DocumentRecord[];
    const demand = documents.find((d) => d.kind === 'demand')!;
    expect(demand.kind === 'demand' && demandFindings(demand.data).every((f) => f.ok)).toBe(true);
    const statement = documents.find((d) => d.kind === 'statement')!;
    expect(statement.kind === 'statement' && statement.data.reply).toMatch(/不予采纳/);
    expect(documents.filter((d) => d.status === 'issued').map((d) => d.kind).sort()).toEqual(
      ['announcement', 'courtReport', 'demand', 'demolitionNotice', 'notice', 'statement', 'unitLetter'].sort(),
    );
  });

  it('runs the day through every phase behind its gates, with the checks before 拆除 and the notarised inventory', () => {
    const b = complete();
    const log = backupLog(b);
    const state = onSiteState(log);
    expect(state.status).toEqual({ kind: 'completed', at: '2026-12-08T14:40:00.000+08:00' });
    expect(Object.keys(state.phasesDone).sort()).toEqual(
      ['start', 'cordon', 'announce', 'escort', 'inventoryStart', 'inventoryDone', 'demolitionStart', 'demolitionDone', 'complete'].sort(),
    );
    expect(Object.keys(state.safetyChecks).sort()).toEqual(['houseCleared', 'rollCall', 'utilitiesIsolated']);
    const start = log.find((e) => e.category === 'phase' && e.data?.['phase'] === 'start')!;
    expect(start.occurredAt).toBe('2026-12-08T08:30:00.000+08:00');
    expect(b.inventoryAttendance[0]?.notaryCertificate?.number).toBe('（2026）滨临证字第1208号');
    expect(b.inventoryItems.filter((i) => i.valuable)).toHaveLength(2);
    expect(b.media).toHaveLength(2);
  });
});

describe('the stages of the demo', () => {
  it('are prefixes of one sequence: each stage’s entries begin the next one’s', () => {
    for (let i = 1; i < demoStages.length; i++) {
      const shorter = entries(byStage.get(demoStages[i - 1]!)!).map((e) => e.hash);
      const longer = entries(byStage.get(demoStages[i]!)!).map((e) => e.hash);
      expect(longer.length).toBeGreaterThan(shorter.length);
      expect(longer.slice(0, shorter.length)).toEqual(shorter);
    }
  });

  it('stop where each stage says', () => {
    const kinds = (s: DemoStage) => (byStage.get(s)!.documents as unknown as DocumentRecord[]).filter((d) => d.status === 'issued').map((d) => d.kind);
    expect(kinds('planned').sort()).toEqual(['demand', 'statement']);
    expect(byStage.get('planned')!.plans.some((p) => p.status === 'final')).toBe(true);
    expect(kinds('served')).toContain('announcement');
    expect(onSiteState(backupLog(byStage.get('served')!)).status.kind).not.toBe('completed');
    expect(onSiteState(backupLog(byStage.get('executed')!)).status.kind).toBe('completed');
    expect(kinds('executed')).not.toContain('courtReport');
    expect(kinds('reported')).toContain('courtReport');
  });
});
