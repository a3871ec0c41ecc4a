// Pure. The acts the console requires before 拆除 (seed 000 §四(十一): demolition after the
// inventory, safely), each one a log entry of category 'safetyCheck' under the demolition group:
//   houseCleared:      data { check: 'houseCleared' },                      text '房屋已腾空：<核实情况>'
//   utilitiesIsolated: data { check: 'utilitiesIsolated', utilities: 'water,power', units },
//                      text '拆除前安全隔离：供水、供电已由<units>断开（房屋已腾空，…）[；<note>]'
//   rollCall:          data { check: 'rollCall' },                          text '拆除前清点人员：<清点结果>'
// Isolating the supplies of a cleared house is a safety step; cutting them while anyone still
// lives there is the coercion 行政强制法 §43 ¶2 forbids, so isolation needs the house cleared first.
import { z } from 'zod';
import { parse, type EntryContent, type Parsed } from './reports';

export const safetyChecks = {
  houseCleared: { label: '房屋已腾空', hint: '清登完成后，逐间核实屋内已无人员、无物品' },
  utilitiesIsolated: { label: '水电气已安全隔离', hint: '房屋腾空后，由供水、供电、供气、供热单位断开房屋的供应' },
  rollCall: { label: '拆除前清点人员', hint: '拆除前清点人员，确认房屋及作业区内已无人员' },
} as const;
export type SafetyCheckCode = keyof typeof safetyChecks;
export const safetyCheckCodes = Object.keys(safetyChecks) as SafetyCheckCode[];
export const isSafetyCheck = (v: unknown): v is SafetyCheckCode => typeof v === 'string' && v in safetyChecks;

export const utilityKinds = { water: '供水', power: '供电', gas: '供气', heating: '供热' } as const;
export type UtilityKind = keyof typeof utilityKinds;

const note = (message: string) => z.string({ error: message }).trim().min(1, message).max(1000, '说明不能超过 1000 个字');

const schemas = {
  houseCleared: z.object({ note: note('请写明核实情况（如经逐间查看，屋内已无人员、无物品）') }),
  utilitiesIsolated: z.object({
    utilities: z
      .array(z.enum(Object.keys(utilityKinds) as [UtilityKind, ...UtilityKind[]]), { error: '请选择已断开的供应' })
      .min(1, '请选择已断开的供应（供水、供电、供气、供热）'),
    units: z.string({ error: '请写明实施断开的单位' }).trim().min(1, '请写明实施断开的供水、供电、供气、供热单位').max(300, '单位不能超过 300 个字'),
    note: z.string().trim().max(1000, '说明不能超过 1000 个字').default(''),
  }),
  rollCall: z.object({ note: note('请写明清点结果（如房屋及作业区内人员已全部撤出，清点××人）') }),
};

export type SafetyCheckInput =
  | { check: 'houseCleared'; note: string }
  | { check: 'utilitiesIsolated'; utilities: UtilityKind[]; units: string; note?: string }
  | { check: 'rollCall'; note: string };

/** The validated entry of a safety check, or the first message per field. */
export function safetyCheckEntry(input: SafetyCheckInput): Parsed<EntryContent> {
  switch (input.check) {
    case 'houseCleared': {
      const p = parse(schemas.houseCleared, input);
      return p.ok ? { ok: true, value: { text: `房屋已腾空：${p.value.note}`, data: { check: input.check } } } : p;
    }
    case 'utilitiesIsolated': {
      const p = parse(schemas.utilitiesIsolated, input);
      if (!p.ok) return p;
      const kinds = [...new Set(p.value.utilities)];
      const what = kinds.map((k) => utilityKinds[k]).join('、');
      const text = `拆除前安全隔离：${what}已由${p.value.units}断开（房屋已腾空，为拆除安全所需，非以停止供应迫使搬迁）${p.value.note ? `；${p.value.note}` : ''}`;
      return { ok: true, value: { text, data: { check: input.check, utilities: kinds.join(','), units: p.value.units } } };
    }
    case 'rollCall': {
      const p = parse(schemas.rollCall, input);
      return p.ok ? { ok: true, value: { text: `拆除前清点人员：${p.value.note}`, data: { check: input.check } } } : p;
    }
  }
}
