// Pure. The acts on documents, each decided from the records as an ActOutcome (see
// shared/record/act.ts): drafting, issuing, recording 催告 and 陈述申辩, serving, posting,
// the subject's own performance (stop ground 1) and the reasons for gaps in a number series.
export * from './decided';
export * from './drafts';
export * from './issue';
export * from './numberGaps';
export * from './service';
