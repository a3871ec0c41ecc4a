import { describe, expect, it } from 'vitest';
import { applyDraftSettings } from '../../shared/documents/drafting';
import { issueProblems, type IssueCheckInput, type IssueProblemCode } from '../../shared/documents/issueChecks';
import type { SubjectPeriod } from '../../shared/documents/periods';
import type { DocumentRecord, ServedDocument } from '../../shared/documents/records';
import { draftOf, finalPlan, legalFixture } from '../fixtures/legalDocuments';

const TODAY = '2026-12-01';
const fixture = legalFixture();
const served: SubjectPeriod[] = fixture.subjects.map((s) => ({ subjectId: s.id, name: s.name, servedOn: '2026-11-20', method: 'direct', periodEndsOn: '2026-11-30' }));
const unserved: SubjectPeriod[] = fixture.subjects.map((s) => ({ subjectId: s.id, name: s.name }));

function check(document: DocumentRecord, over: Partial<IssueCheckInput> = {}) {
  return issueProblems({ document, ...fixture, finalPlan: finalPlan(), periods: unserved, today: TODAY, ...over });
}
const codes = (problems: { code: IssueProblemCode }[]) => [...new Set(problems.map((p) => p.code))];
const messages = (problems: { message: string }[]) => problems.map((p) => p.message).join('\n');
const settle = (draft: ServedDocument, settings: Parameters<typeof applyDraftSettings>[1], today = TODAY) =>
  applyDraftSettings(draft, settings, { ...fixture, today });

describe('issuing the 告知书', () => {
  const notice = draftOf('notice', TODAY);

  it('is allowed when every part is filled, the time is lawful, the plan’s, and after the period', () => {
    expect(check(notice)).toEqual([]);
    // Before any plan is final the notice may still go out: its time is then checked on its own.
    expect(check(notice, { finalPlan: undefined })).toEqual([]);
  });

  it('is refused without an issuing body, or in the name of the 临时指挥部, or of another body', () => {
    const without = { ...notice, data: { ...notice.data, issuer: ' ' } };
    expect(messages(check(without))).toContain('请填写发文机关');
    const post = { ...notice, data: { ...notice.data, issuer: '强制执行临时指挥部' } };
    expect(messages(check(post))).toContain('临时指挥部不具有法人资格，也没有印章');
    const other = { ...notice, data: { ...notice.data, issuer: '滨江市城管局' } };
    expect(messages(check(other))).toContain('既不是组织实施的人民政府');
    const lead = { ...notice, data: { ...notice.data, issuer: '滨江市临江区房屋征收事务中心' } };
    expect(codes(check(lead))).not.toContain('issuer');
  });

  it('is refused with an empty part, listing it', () => {
    const empty = { ...notice, data: { ...notice.data, text: { ...notice.data.text, content: '', remedy: ' ' } } };
    const problems = check(empty);
    expect(codes(problems)).toContain('text');
    expect(messages(problems)).toContain('以下部分为空：强制执行的内容、救济途径');
  });

  it('is refused without the 专户 or 提存 on record, or when the text leaves the account number out', () => {
    const none = legalFixture({ particulars: undefined });
    const problems = check(draftOf('notice', TODAY, none), none);
    expect(codes(problems)).toEqual(expect.arrayContaining(['particulars', 'unfilled']));
    expect(messages(problems)).toContain('尚未填写告知事项');
    const silent = { ...notice, data: { ...notice.data, text: { ...notice.data.text, compensation: '补偿款已专户存储。' } } };
    expect(messages(check(silent))).toContain('正文未载明补偿款专户账号（1907021109200012345）');
    const wrong = legalFixture();
    wrong.operation.particulars!.compensation.accountNumber = '12a';
    expect(messages(check(notice, wrong))).toContain('专户账号应为 8 至 32 位数字');
  });

  it('is refused with a period of zero or fewer days, never silently made 1', () => {
    for (const days of [0, -5]) {
      const draft = settle(notice, { selfPerformanceDays: days });
      expect(draft.kind === 'notice' && draft.selfPerformanceDays).toBe(days);
      expect(messages(check(draft))).toContain(`自行履行期限应为正整数天数（现为 ${days}）`);
    }
  });

  it('is refused without an enforcement time, or one at night or on a rest day, unless the final plan records an emergency', () => {
    const blank = settle(notice, { enforcement: { start: '', end: '' } });
    expect(messages(check(blank, { finalPlan: undefined }))).toContain('请填写强制执行的开始时间和预计结束时间');
    const night = { start: '2026-12-15T20:00:00.000+08:00', end: '2026-12-15T23:00:00.000+08:00' };
    const atNight = settle(notice, { enforcement: night });
    expect(codes(check(atNight, { finalPlan: undefined }))).toEqual(['window']);
    expect(messages(check(atNight, { finalPlan: undefined }))).toContain('涉及夜间');
    const saturday = { start: '2026-12-19T09:00:00.000+08:00', end: '2026-12-19T12:00:00.000+08:00' };
    expect(messages(check(settle(notice, { enforcement: saturday }), { finalPlan: undefined }))).toContain('星期六');
    // The plan relied on the emergency exception with a recorded reason: the same window passes.
    expect(check(settle(notice, { enforcement: saturday }), { finalPlan: finalPlan(saturday, '被执行人在屋内囤积液化气罐，随时可能引发爆炸，须立即处置') })).toEqual([]);
  });

  it('is refused when the time differs from the final plan', () => {
    const other = { start: '2026-12-16T09:00:00.000+08:00', end: '2026-12-16T12:00:00.000+08:00' };
    const problems = check(settle(notice, { enforcement: other }));
    expect(codes(problems)).toEqual(['plan']);
    expect(messages(problems)).toContain('与定稿预案第1版');
  });

  it('is refused when the enforcement day is not after the period, even if served today, or after a subject’s period', () => {
    const early = { start: '2026-12-10T09:00:00.000+08:00', end: '2026-12-10T12:00:00.000+08:00' };
    const problems = check(settle(notice, { enforcement: early }), { finalPlan: finalPlan(early) });
    expect(codes(problems)).toEqual(['beforePeriod']);
    expect(messages(problems)).toContain('即使今天送达，10日期限也要到2026年12月11日才届满');
    const late = served.map((p, i) => (i === 1 ? { ...p, periodEndsOn: '2026-12-15' } : p));
    expect(messages(check(notice, { periods: late }))).toContain('不在李秀兰的自行履行期限（至2026年12月15日）届满之后');
  });

  it('is refused when the text no longer states the time it is checked on', () => {
    const edited = { ...notice, data: { ...notice.data, text: { ...notice.data.text, methodAndTime: '强制执行的方式和时间：另行通知。' } } };
    expect(messages(check(edited))).toContain('正文未载明执行日期2026年12月15日');
  });

  it('lists every reason at once', () => {
    const bad = settle({ ...notice, data: { ...notice.data, issuer: '临时指挥部' } }, { selfPerformanceDays: -5, enforcement: { start: '2026-12-19T21:00:00.000+08:00', end: '2026-12-19T23:00:00.000+08:00' } });
    expect(codes(check(bad))).toEqual(expect.arrayContaining(['issuer', 'period', 'window', 'plan']));
  });

  it('refuses demolition in the text when the ruling allows relocation only', () => {
    const relocation = legalFixture({ courtRuling: { ...fixture.operation.courtRuling, scope: 'relocation' } });
    expect(check(draftOf('notice', TODAY, relocation), relocation)).toEqual([]);
    const demolishing = { ...notice, data: { ...notice.data, text: { ...notice.data.text, content: '强制执行的内容：对该房屋予以拆除。' } } };
    expect(messages(check(demolishing, relocation))).toContain('裁定仅准予强制搬迁、未准予拆除，文书不得宣布拆除房屋');
  });
});

describe('issuing the 公告', () => {
  const announcement = draftOf('announcement', TODAY);

  it('is allowed after every subject was served, with a real move-out period ending before the enforcement day', () => {
    expect(announcement.data.moveOutEndsOn).toBe('2026-12-07');
    expect(check(announcement, { periods: served })).toEqual([]);
  });

  it('is refused before a plan is final and before every subject was served', () => {
    const problems = check(announcement, { finalPlan: undefined });
    expect(codes(problems)).toEqual(expect.arrayContaining(['plan', 'unserved']));
    expect(messages(problems)).toContain('张建国、李秀兰、王小明尚未有效送达告知书');
  });

  it('is refused with a period of zero days, or a printed end earlier than the count from the issue day', () => {
    expect(messages(check(settle(announcement, { moveOutDays: 0 }), { periods: served }))).toContain('搬离期限应为正整数天数（现为 0）');
    // Drafted on 20 November and issued on 1 December: the printed day is stale.
    const stale = draftOf('announcement', '2026-11-20');
    expect(messages(check(stale, { periods: served }))).toContain('早于自今日起算5日的届满日2026年12月7日');
  });

  it('is refused when the enforcement day does not come after its move-out period', () => {
    const long = settle(announcement, { moveOutDays: 14 });
    expect(long.kind === 'announcement' && long.data.moveOutEndsOn).toBe('2026-12-15');
    expect(messages(check(long, { periods: served }))).toContain('不在公告的搬离期限（至2026年12月15日）届满之后');
  });

  it('is refused when it announces demolition the ruling does not allow', () => {
    const relocation = legalFixture({ courtRuling: { ...fixture.operation.courtRuling, scope: 'relocation' } });
    expect(codes(check(announcement, { ...relocation, periods: served }))).toEqual(['scope']);
    expect(check(draftOf('announcement', TODAY, relocation), { ...relocation, periods: served })).toEqual([]);
  });
});

describe('issuing the 强制拆除通知书 and the 函告', () => {
  const demolition = draftOf('demolitionNotice', TODAY);
  const letter = draftOf('unitLetter', TODAY);

  it('needs a demolition day at least fifteen days ahead, on a working day', () => {
    expect(messages(check(demolition))).toContain('请填写拆除日期');
    expect(check(settle(demolition, { demolitionOn: '2026-12-16' }))).toEqual([]);
    expect(messages(check(settle(demolition, { demolitionOn: '2026-12-15' })))).toContain('距今不足十五日');
    expect(messages(check(settle(demolition, { demolitionOn: '2026-12-19' })))).toContain('不得在星期六实施强制拆除');
    expect(check(settle(letter, { demolitionOn: '2026-12-16' }))).toEqual([]);
  });

  it('is refused when the ruling allows relocation only', () => {
    const relocation = legalFixture({ courtRuling: { ...fixture.operation.courtRuling, scope: 'relocation' } });
    for (const draft of [settle(demolition, { demolitionOn: '2026-12-16' }), settle(letter, { demolitionOn: '2026-12-16' })]) {
      expect(messages(check(draft, relocation))).toContain('裁定仅准予强制搬迁、未准予拆除，不得通知或函告拆除');
    }
  });

  it('states the demolition day in its text', () => {
    const set = settle(demolition, { demolitionOn: '2026-12-16' });
    expect(set.kind === 'demolitionNotice' && set.data.text.content).toContain('定于2026年12月16日起依法拆除');
  });
});

describe('issuing the court report', () => {
  it('passes the report’s own checks through, costs included', () => {
    const report = {
      id: 'r',
      operationId: 'op',
      kind: 'courtReport',
      issuerCode: '临江强执报',
      year: 2026,
      status: 'draft',
      createdAt: '',
      updatedAt: '',
      data: { court: '某法院', subjects: '张建国', basis: 'x', time: '', place: '某地', organiser: '', attendance: [], process: [['09:00', '开始']], escorted: [], demolition: [], incidents: [], costs: [], remarks: [], documentNumber: '', issuedOn: '' },
    } satisfies DocumentRecord;
    expect(messages(check(report))).toBe('请记录执行费用的金额和承担人（《中华人民共和国行政强制法》第六十条）');
  });
});
