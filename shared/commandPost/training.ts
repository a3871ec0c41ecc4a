// Pure. Seed 004 §一(三) (吉建征〔2022〕4号): "严禁没有经过培训人员从事征收工作" — each person's
// training (course, date) is recorded in the command post; the plan's legality review refuses
// anyone assigned without it, and the on-site check-in flags them.
import { z } from 'zod';
import { isIsoDate } from '../calendar/dates';
import type { IsoDate } from '../operation/types';
import type { CommandAssignment, Person, Training, WorkingGroup } from './types';

export const TRAINING_BASIS =
  '《吉林省住房和城乡建设厅关于进一步做好全省国有土地上房屋征收与补偿有关工作的通知》（吉建征〔2022〕4号）一、“三是有效规范征收行为”：各地要加强一线征收人员政策法规培训，严格进行上岗管理，严禁没有经过培训人员从事征收工作。';

export const trainingCourseSchema = z.string().trim().max(100, '培训课程不能超过 100 个字').default('');

/** 2026-03-01, 2026/3/1, 2026.3.1 or 2026年3月1日 → 2026-03-01; anything else is kept as typed (and refused). */
export function normaliseTrainingDate(text: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.normalize('NFKC').trim());
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : text.trim();
}

export const trainingDateSchema = z
  .string()
  .default('')
  .transform(normaliseTrainingDate)
  .refine((v) => v === '' || isIsoDate(v), '培训日期格式不正确，应如 2026-03-01');

/** Both or neither: a course without its date (or the reverse) proves nothing. */
export function trainingOf(course: string, date: string): { ok: true; value?: Training } | { ok: false; errors: Record<string, string> } {
  if (!course && !date) return { ok: true };
  if (!date) return { ok: false, errors: { trainingDate: '填写了培训课程，请填写培训日期' } };
  if (!course) return { ok: false, errors: { trainingCourse: '填写了培训日期，请填写培训课程' } };
  return { ok: true, value: { course, date } };
}

/** Trained by `onDate` (the day of the operation): a course on record, completed on or before that day. */
export const trainedBy = (person: Pick<Person, 'training'>, onDate: IsoDate): boolean =>
  !!person.training?.course.trim() && isIsoDate(person.training.date) && person.training.date <= onDate;

/** Why a person may not act on `onDate`, or null. */
export function trainingProblem(person: Pick<Person, 'name' | 'training'>, onDate: IsoDate): string | null {
  if (!person.training) return `${person.name}没有培训记录`;
  if (!trainedBy(person, onDate)) return `${person.name}的培训（${person.training.course}，${person.training.date}）在执行日之后`;
  return null;
}

/** The people the command post assigns (commander, deputy, group leaders and members), in roster order. */
export function assignedPeople(people: readonly Person[], groups: readonly Pick<WorkingGroup, 'leaderId' | 'memberIds'>[], command: CommandAssignment): Person[] {
  const ids = new Set([command.onSiteCommanderId, command.deputyCommanderId, ...groups.flatMap((g) => [g.leaderId, ...g.memberIds])]);
  return people.filter((p) => ids.has(p.id));
}
