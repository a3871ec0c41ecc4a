// Pure. What a new draft of a served document starts with, and how its wording follows the
// settings the user changes (period, enforcement time, demolition day): the paragraphs that
// state them are written again, every other word the user edited stays.
import { computeDeadline } from '../calendar';
import type { IsoDate, Operation, Subject } from '../operation/types';
import type { Plan } from '../plan/types';
import {
  defaultDemolitionNoticeText,
  defaultUnitLetterText,
  demolitionNoticeFromOperation,
  unitLetterFromOperation,
} from './demolition/demolitionText';
import {
  announcementFromOperation,
  announcementTimeWording,
  defaultAnnouncementText,
  defaultNoticeText,
  moveOutWording,
  noticeFromOperation,
  subjectNames,
  type EnforcementWindow,
} from './notice/noticeText';
import type { ServedDocument } from './records';

export const DEFAULT_SELF_PERFORMANCE_DAYS = 10;
/** The 公告's move-out period when the user has not set one. */
export const DEFAULT_MOVE_OUT_DAYS = 5;
/** Longest period the editors accept: a longer one is a typing mistake. */
export const MAX_PERIOD_DAYS = 90;

export interface DraftContext {
  operation: Operation;
  subjects: readonly Subject[];
  /** The latest final plan, else the working draft: where the enforcement time comes from. */
  plan?: Pick<Plan, 'content' | 'status'>;
  /** The day of drafting, China time. */
  today: IsoDate;
}

/** The plan's window, or an empty one to fill in. */
const planWindow = (plan: DraftContext['plan']): EnforcementWindow => ({ start: plan?.content.start ?? '', end: plan?.content.end ?? '' });

/** The last day of a move-out period counted from today; none for a period that is not a positive whole number. */
export function moveOutEnd(today: IsoDate, days: number): IsoDate | undefined {
  return Number.isInteger(days) && days >= 1 && days <= MAX_PERIOD_DAYS ? computeDeadline(today, days, 'calendar').deadline : undefined;
}

/** A new draft's kind-specific part, with the default wording. */
export function newDraftContent(kind: ServedDocument['kind'], ctx: DraftContext): Pick<ServedDocument, 'kind' | 'data'> & { selfPerformanceDays?: number } {
  const { operation, subjects, today } = ctx;
  const window = planWindow(ctx.plan);
  const base = { documentNumber: '', issuedOn: today };
  switch (kind) {
    case 'notice':
      return {
        kind,
        data: noticeFromOperation(operation, subjects, { ...base, ...window, selfPerformanceDays: DEFAULT_SELF_PERFORMANCE_DAYS }),
        selfPerformanceDays: DEFAULT_SELF_PERFORMANCE_DAYS,
      };
    case 'announcement':
      return {
        kind,
        data: announcementFromOperation(operation, subjects, {
          ...base,
          ...window,
          moveOutDays: DEFAULT_MOVE_OUT_DAYS,
          moveOutEndsOn: moveOutEnd(today, DEFAULT_MOVE_OUT_DAYS) ?? today,
        }),
      };
    case 'demolitionNotice':
      return { kind, data: demolitionNoticeFromOperation(operation, subjects, { ...base, demolitionOn: '' }) };
    case 'unitLetter':
      return { kind, data: unitLetterFromOperation(operation, { ...base, demolitionOn: '' }) };
  }
}

/** The settings of a draft that its wording states. */
export interface DraftSettings {
  enforcement?: EnforcementWindow;
  selfPerformanceDays?: number;
  moveOutDays?: number;
  demolitionOn?: IsoDate | '';
}

/**
 * The draft with new settings, and the paragraphs that state them written again. An
 * announcement's items are found by their opening words; an item the user rewrote beyond
 * recognition is left alone (the issuing check then asks for the dates to be stated).
 */
export function applyDraftSettings(draft: ServedDocument, settings: DraftSettings, ctx: DraftContext): ServedDocument {
  const { operation, subjects, today } = ctx;
  switch (draft.kind) {
    case 'notice': {
      const enforcement = settings.enforcement ?? draft.data.enforcement ?? { start: '', end: '' };
      const days = settings.selfPerformanceDays ?? draft.selfPerformanceDays;
      const fresh = defaultNoticeText(operation, subjects, { ...enforcement, selfPerformanceDays: days });
      return {
        ...draft,
        selfPerformanceDays: days,
        data: {
          ...draft.data,
          enforcement,
          text: { ...draft.data.text, methodAndTime: fresh.methodAndTime, selfPerformance: fresh.selfPerformance },
        },
      };
    }
    case 'announcement': {
      const enforcement = settings.enforcement ?? draft.data.enforcement ?? { start: '', end: '' };
      const days = settings.moveOutDays ?? draft.data.moveOutDays ?? DEFAULT_MOVE_OUT_DAYS;
      const endsOn = moveOutEnd(today, days);
      const items = draft.data.text.items.map((item) => {
        if (item.includes('自本公告发布之日起') && endsOn) return moveOutWording(subjectNames(subjects), days, endsOn);
        if (item.startsWith('强制执行时间')) return announcementTimeWording(operation.particulars, enforcement.start, enforcement.end);
        return item;
      });
      return {
        ...draft,
        data: {
          ...draft.data,
          enforcement,
          moveOutDays: days,
          ...(endsOn ? { moveOutEndsOn: endsOn } : {}),
          text: { ...draft.data.text, items },
        },
      };
    }
    case 'demolitionNotice': {
      const demolitionOn = settings.demolitionOn ?? draft.data.demolitionOn;
      const fresh = defaultDemolitionNoticeText(operation, subjects, demolitionOn);
      return { ...draft, data: { ...draft.data, demolitionOn, text: { ...draft.data.text, content: fresh.content } } };
    }
    case 'unitLetter': {
      const demolitionOn = settings.demolitionOn ?? draft.data.demolitionOn;
      const fresh = defaultUnitLetterText(operation, demolitionOn);
      return { ...draft, data: { ...draft.data, demolitionOn, text: { ...draft.data.text, body: fresh.body } } };
    }
  }
}

/**
 * The time a regenerated document states: a final plan's (the documents follow it), else
 * the draft's own when entered, else the working plan's.
 */
function windowFor(own: EnforcementWindow | undefined, plan: DraftContext['plan']): EnforcementWindow {
  if (plan?.status === 'final' && plan.content.start) return planWindow(plan);
  return own?.start ? own : planWindow(plan);
}

/** All the wording generated again from the records as they stand, with the draft's settings (按最新记录重新生成). */
export function regeneratedDraft(draft: ServedDocument, ctx: DraftContext): ServedDocument {
  const { operation, subjects, today } = ctx;
  const issuer = { issuer: newDraftContent(draft.kind, ctx).data.issuer };
  switch (draft.kind) {
    case 'notice': {
      const enforcement = windowFor(draft.data.enforcement, ctx.plan);
      const text = defaultNoticeText(operation, subjects, { ...enforcement, selfPerformanceDays: draft.selfPerformanceDays });
      return { ...draft, data: { ...draft.data, ...issuer, enforcement, text } };
    }
    case 'announcement': {
      const enforcement = windowFor(draft.data.enforcement, ctx.plan);
      const days = draft.data.moveOutDays ?? DEFAULT_MOVE_OUT_DAYS;
      const endsOn = moveOutEnd(today, days) ?? today;
      const text = defaultAnnouncementText(operation, subjects, { ...enforcement, moveOutDays: days, moveOutEndsOn: endsOn });
      return { ...draft, data: { ...draft.data, ...issuer, enforcement, moveOutDays: days, moveOutEndsOn: endsOn, text } };
    }
    case 'demolitionNotice': {
      const fresh = demolitionNoticeFromOperation(operation, subjects, { demolitionOn: draft.data.demolitionOn, documentNumber: '', issuedOn: today });
      return { ...draft, data: { ...draft.data, ...issuer, addressees: fresh.addressees, subjectIds: fresh.subjectIds, text: fresh.text } };
    }
    case 'unitLetter':
      return { ...draft, data: { ...draft.data, ...issuer, text: defaultUnitLetterText(operation, draft.data.demolitionOn) } };
  }
}
