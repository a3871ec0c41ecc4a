// DOM. Filtering the timeline's corrected view: kept apart from the component so the
// filter is one plain pass over the items, cheap enough for 100 000 entries on each keystroke.
import type { CorrectedItem } from '../../../shared/log/corrections';
import type { LogCategory } from '../../../shared/log/types';

export interface TimelineFilter {
  groups: string[];
  categories: LogCategory[];
  /** occurredAt bounds in ms, inclusive. */
  from?: number;
  to?: number;
  search: string;
}

export const emptyFilter: TimelineFilter = { groups: [], categories: [], search: '' };

/** Items matching every set criterion; search looks at current text, history, operator and seq. */
export function filterItems(items: readonly CorrectedItem[], f: TimelineFilter): CorrectedItem[] {
  const needle = f.search.trim().toLowerCase();
  const groups = f.groups.length ? new Set(f.groups) : null;
  const categories = f.categories.length ? new Set<string>(f.categories) : null;
  if (!needle && !groups && !categories && f.from === undefined && f.to === undefined) return items as CorrectedItem[];
  return items.filter((item) => {
    const e = item.entry;
    if (groups && !groups.has(e.group)) return false;
    if (categories && !categories.has(e.category)) return false;
    if (f.from !== undefined || f.to !== undefined) {
      const at = Date.parse(e.occurredAt);
      if (f.from !== undefined && at < f.from) return false;
      if (f.to !== undefined && at > f.to) return false;
    }
    if (!needle) return true;
    if (String(e.seq) === needle) return true;
    return [item.currentText, e.text, e.operator, ...item.corrections.map((c) => c.text)].some((t) => t.toLowerCase().includes(needle));
  });
}

/** 09:30:05, with the date in front when it is not the day of `reference`. */
export function shortTime(iso: string, reference?: string): string {
  const time = iso.slice(11, 19);
  return reference && reference.slice(0, 10) === iso.slice(0, 10) ? time : `${iso.slice(5, 10)} ${time}`;
}
