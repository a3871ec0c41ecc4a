// The demo built for other days (npm run demo -- --today): building runs the app's own gates
// (the 告知书 and 公告 issue checks, the plan's legality, 宣布开始 and 拆除开始), which throw on an
// unlawful demo; the file then carries the computed dates everywhere, numbers and names included.
// Few builds: the reported stage renders every document as a PDF.
import { beforeAll, describe, expect, it } from 'vitest';
import type { OperationBackup } from '../../shared/archive/backup';
import { addDays } from '../../shared/calendar/dates';
import type { Person } from '../../shared/commandPost/types';
import { demandFindings } from '../../shared/documents/procedure';
import { announcementPeriod, demolitionNoticeServedOn, operationPeriodEnd, subjectPeriods } from '../../shared/documents/periods';
import type { DocumentRecord, PostingRecord, ServiceRecord } from '../../shared/documents/records';
import { chineseDay, demoDates, type DemoDates } from '../../shared/demo/dates';
import { buildDemoOperation, type DemoStage } from '../../shared/demo/sequence';
import { backupLog } from '../../shared/log/backupLog';
import { onSiteState } from '../../shared/onSite/state';
import type { Plan, PreparatoryMeeting } from '../../shared/plan/types';
import { nodeFonts } from '../fixtures/documents/pdf';

// 春节 2026 (15–23 February, 14 and 28 February worked): reported on the first working day after
// the break, the day on site is the Friday before it. 国庆 2026: reported on 8 October, the day
// on site 30 September. The turn of the year: the 公告 posted on 31 December, the day on site in
// 2027, whose official schedule is not known (only statutory days and weekends are rest days).
const builds: Array<[string, DemoStage]> = [
  ['2026-02-24', 'planned'],
  ['2026-02-24', 'served'],
  ['2026-02-24', 'reported'],
  ['2026-10-08', 'executed'],
  ['2026-12-31', 'served'],
];
const built = new Map<string, { dates: DemoDates; backup: OperationBackup }>();
const key = (today: string, stage: DemoStage) => `${today} ${stage}`;
beforeAll(async () => {
  for (const [today, stage] of builds) {
    built.set(key(today, stage), { dates: demoDates(today, stage), backup: await buildDemoOperation({ stage, fonts: nodeFonts, appVersion: '1.0.0', today }) });
  }
}, 180_000);

const documents = (b: OperationBackup) => b.documents as unknown as DocumentRecord[];
const issued = (b: OperationBackup) => documents(b).filter((d) => d.status === 'issued').map((d) => d.kind);

describe('the demo built for another day', () => {
  it.each(builds)('today %s, stage %s: exported today, decided and ruled on its computed days, the numbers in their years', (today, stage) => {
    const { dates, backup } = built.get(key(today, stage))!;
    expect(backup.exportedAt.slice(0, 10)).toBe(today);
    const { courtRuling, basisDocument } = backup.operation;
    expect(courtRuling).toMatchObject({ date: dates.ruledOn, number: `（${dates.ruledOn.slice(0, 4)}）滨0103行审45号` });
    expect(basisDocument).toMatchObject({ date: dates.decisionOn, number: `临江征补决〔${dates.decisionOn.slice(0, 4)}〕31号` });
    expect(new Set((backup.people as unknown as Person[]).flatMap((p) => (p.training ? [p.training.date] : [])))).toEqual(new Set([dates.trainedOn]));

    const demand = documents(backup).find((d) => d.kind === 'demand')!;
    expect(demand.kind === 'demand' && demand.data).toMatchObject({ documentNumber: `临江征催〔${dates.demandIssuedOn.slice(0, 4)}〕7号`, issuedOn: dates.demandIssuedOn, appliedOn: dates.appliedOn });
    expect(demand.kind === 'demand' && demandFindings(demand.data).every((f) => f.ok)).toBe(true);

    const meeting = (backup.preparatoryMeetings as unknown as PreparatoryMeeting[])[0]!;
    expect(meeting.date).toBe(dates.meetingOn);
    expect(meeting.decisions).toContain(`执行日定于${chineseDay(dates.enforcementOn)}8时30分`);
    const plan = (backup.plans as unknown as Plan[]).find((p) => p.status === 'final')!;
    expect(plan.content.start).toBe(`${dates.enforcementOn}T08:30:00.000+08:00`);
  });

  it('served: every subject’s period, the 公告’s and the 强制拆除通知书’s fifteen days end before the day on site', () => {
    for (const today of ['2026-02-24', '2026-12-31']) {
      const { dates, backup } = built.get(key(today, 'served'))!;
      expect(issued(backup)).toContain('announcement');
      expect(issued(backup)).not.toContain('courtReport');
      const services = backup.services as unknown as ServiceRecord[];
      const periods = subjectPeriods({ subjects: backup.subjects, documents: documents(backup), services });
      expect(periods.map((p) => p.servedOn)).toEqual([dates.servedOn, dates.servedOn, dates.receivedOn]);
      expect(operationPeriodEnd(periods)! < dates.enforcementOn).toBe(true);
      const announcement = announcementPeriod({ documents: documents(backup), postings: backup.postings as unknown as PostingRecord[] });
      expect(announcement.postedOn).toBe(today);
      expect(announcement.endsOn! < dates.enforcementOn).toBe(true);
      expect(demolitionNoticeServedOn({ documents: documents(backup), services })! <= addDays(dates.enforcementOn, -15)).toBe(true);
      expect(onSiteState(backupLog(backup)).status.kind).not.toBe('completed');
    }
    expect(built.get(key('2026-12-31', 'served'))!.dates.enforcementOn.startsWith('2027-')).toBe(true);
  });

  it('planned: the plan finalised today, nothing served yet', () => {
    const { backup } = built.get(key('2026-02-24', 'planned'))!;
    expect(issued(backup).sort()).toEqual(['demand', 'statement']);
    expect((backup.plans as unknown as Plan[]).find((p) => p.status === 'final')?.finalisedAt?.slice(0, 10)).toBe('2026-02-24');
  });

  it.each([
    ['2026-02-24', 'reported', '2026-02-13'],
    ['2026-10-08', 'executed', '2026-09-30'],
  ] as const)('today %s, stage %s: the day on site %s went through every phase; footage, seals and the notary’s certificate named by it', (today, stage, onSite) => {
    const { dates, backup } = built.get(key(today, stage))!;
    expect(dates.enforcementOn).toBe(onSite);
    const state = onSiteState(backupLog(backup));
    expect(state.status).toEqual({ kind: 'completed', at: `${onSite}T14:40:00.000+08:00` });
    const compact = onSite.replaceAll('-', '');
    expect((backup.media as Array<{ originalName?: string }>).map((m) => m.originalName)).toEqual([`DSJ-07_${compact}_0825.mp4`, `DSJ-03_${compact}_0930.mp4`]);
    expect(backup.inventoryItems.filter((i) => i.valuable).map((i) => i.condition)).toEqual([
      `当场封存，封条号FC-${onSite.slice(0, 4)}-0012`,
      `人民币3200元，当场清点封存，封条号FC-${onSite.slice(0, 4)}-0013`,
    ]);
    expect(backup.inventoryAttendance[0]?.notaryCertificate?.number).toBe(`（${today.slice(0, 4)}）滨临证字第${compact.slice(4)}号`);
    expect(issued(backup).includes('courtReport')).toBe(stage === 'reported');
  });
});
