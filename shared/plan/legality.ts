// Pure. The checks a plan must pass before it can be finalised, each with its legal basis.
// A plan that would break the law must not be finalised by accident.
import { checkEnforcementWindow } from '../calendar';
import { chinaDate } from '../calendar/chinaTime';
import { assignedPeople, TRAINING_BASIS, trainingProblem } from '../commandPost/training';
import type { MemberUnit, Person, WorkingGroup } from '../commandPost/types';
import { demolitionOutsideRuling, RULING_SCOPE_BASIS, rulingScopeLabels, rulingScopeOf } from '../onSite/ruling';
import type { SubjectFact } from '../onSite/gates';
import type { Operation } from '../operation/types';
import { plansDemolition } from './phases';
import type { LegalityCheck, PlanContent } from './types';

/** The seed 000 rules, named in full in each basis: the checks are read one by one, so no “同上”. */
export const XICHENG = '《西城区人民政府组织实施房屋征收拆迁强制执行工作细则（征求意见稿）》';

export const BASIS = {
  art43: '《中华人民共和国行政强制法》第四十三条：行政机关不得在夜间或者法定节假日实施行政强制执行。但是，情况紧急的除外。',
  weekend: '最高人民法院（2016）最高法行他81号答复：行政机关不得在星期六实施强制拆除，但情况紧急的除外（结合《行政强制法》第四十三条、第六十九条）。',
  night: '夜间时段参照《中华人民共和国噪声污染防治法》第八十八条：夜间是指晚上十点至次日早晨六点之间的期间（可在设置中调整）。',
  utilities:
    '《中华人民共和国行政强制法》第四十三条第二款：行政机关不得对居民生活采取停止供水、供电、供热、供燃气等方式迫使当事人履行相关行政决定（此款没有“情况紧急”的例外）；《国有土地上房屋征收与补偿条例》第二十七条第三款：不得采取暴力、威胁或者违反规定中断供水、供热、供气、供电和道路通行等非法方式迫使被征收人搬迁。',
  isolation:
    `${XICHENG}四（十一）：清登搬家工作完成后实施拆除，拆除工作应符合安全规定——拆除前由供水、供电、供气、供热单位断开已腾空房屋的供应，属安全措施，不是迫使搬迁的手段。`,
  constructionUnit: '《国有土地上房屋征收与补偿条例》第二十七条第三款：禁止建设单位参与搬迁活动。',
  compensation: '《国有土地上房屋征收与补偿条例》第二十七条：实施房屋征收应当先补偿、后搬迁；第二十八条：强制执行申请书应当附具补偿金额和专户存储账号。',
  housing: '《国有土地上房屋征收与补偿条例》第二十八条：强制执行申请书应当附具产权调换房屋和周转用房的地点和面积等材料。',
  groups: `${XICHENG}四（一）：各小组组长应由相关成员单位负责同志担任。`,
  commander: `${XICHENG}四（五）：强制执行临时指挥部……应确定一名现场执行指挥。`,
  meeting: `${XICHENG}四（三）：明确强制执行时间、集合与疏导地点等相关事项，形成确定的《强制执行预案》。`,
  notice: `${XICHENG}四（二）、四（三）：被执行人未在《强制执行告知书》规定的期限内自行履行义务的，方可召开执行预备会、确定预案；期间依《中华人民共和国民事诉讼法》第八十五条计算。`,
  contingency: '预案应对现场可能出现的突发情况作出处置安排（本程序要求至少覆盖七类常见情形）。',
  risk: '重大行政决策社会稳定风险评估：预案须载明评估结论。',
  terminated: `${XICHENG}四（五）1：强制执行实施前，被执行人已自行履行义务的，停止强制执行实施工作，且不再恢复。`,
} as const;

/** Cutting a supply or road access, however it is worded (停水, 断开电源, 水电气由…切断, 封闭道路). */
const SUPPLY = '(?:供水|供电|供气|供热|供暖|燃气|暖气|水源|电源|气源|水|电|气|暖|热)';
const CUTOFF = new RegExp(
  `(?:停止?|断开?|切断|中断|关闭|关停)${SUPPLY}|(?:水|电|气|暖)[^。；;，,\\n]{0,12}(?:断开|切断|停止供应|关闭)|封(?:堵|闭)道路|断路|中断(?:道路)?通行`,
);
/** A cut that isolates a cleared house for its demolition: the house emptied, demolition named, no pressure to move. */
const CLEARED = /腾空|清空|搬离|撤离|清登(?:搬家)?(?:工作)?完成|无人/;
const PRESSURE = /迫使|逼|促使|施压|不搬|拒不|督促.{0,6}搬/;

/** A plan's sentences, one clause chain each: a cut is judged by the sentence it is in. */
const sentences = (text: string) => text.split(/[。；;！!\n]/).filter((x) => x.trim() !== '');

/** Each sentence mentioning a cut, sorted into coercion (forbidden) and safety isolation before 拆除 (required). */
export function utilityMentions(text: string): { coercive: string[]; isolation: string[] } {
  const coercive: string[] = [];
  const isolation: string[] = [];
  for (const sentence of sentences(text)) {
    const cut = CUTOFF.exec(sentence);
    if (!cut) continue;
    const isolating = /拆除/.test(sentence) && CLEARED.test(sentence) && !PRESSURE.test(sentence);
    (isolating ? isolation : coercive).push(isolating ? sentence.trim() : cut[0]);
  }
  return { coercive, isolation };
}

/** A member unit that is the project's 建设单位 (developer), by its name or stated role. */
const CONSTRUCTION_UNIT = /建设单位|开发商|房地产开发|置业|地产(?:集团|公司)/;
/** A sentence that names the 建设单位 only to keep it out. */
const EXCLUDED = /不得|禁止|严禁|不参与|不参加|不介入/;

export interface LegalityInput {
  content: PlanContent;
  operation: Pick<Operation, 'onSiteCommanderId' | 'termination'> & Partial<Pick<Operation, 'deputyCommanderId' | 'courtRuling'>>;
  groups: WorkingGroup[];
  people: Person[];
  /** The units the people come from: a 建设单位 may not act (条例 §27). */
  memberUnits?: MemberUnit[];
  /** Each subject's service of the 告知书 and period, as the console's start gate reads them. */
  periods?: readonly SubjectFact[];
  night?: { from: string; to: string };
}

function check(
  code: string,
  title: string,
  ok: boolean,
  basis: string,
  messages: { pass: string; fail: string },
): LegalityCheck {
  return { code, title, status: ok ? 'pass' : 'fail', blocking: !ok, message: ok ? messages.pass : messages.fail, basis };
}

function windowChecks(content: PlanContent, night: LegalityInput['night']): LegalityCheck[] {
  const title = '执行时间';
  if (!content.start || !content.end) {
    return [check('window', title, false, BASIS.art43, { pass: '', fail: '请填写计划开始时间和预计结束时间' })];
  }
  const result = checkEnforcementWindow(content.start, content.end, {
    emergencyReason: content.emergencyReason,
    ...(night ? { nightFrom: night.from, nightTo: night.to } : {}),
  });
  if (result.problems.length === 0) {
    return [
      {
        code: 'window',
        title,
        status: 'pass',
        blocking: false,
        message: '不在夜间、法定节假日或休息日',
        basis: BASIS.art43,
      },
    ];
  }
  const basisFor = { night: `${BASIS.art43}${BASIS.night}`, weekend: BASIS.weekend } as Record<string, string>;
  return result.problems.map((p) => ({
    code: `window.${p.code}`,
    title,
    status: p.blocking ? 'fail' : 'warn',
    blocking: p.blocking,
    message: p.message,
    basis: basisFor[p.code] ?? BASIS.art43,
  }));
}

const planText = (c: PlanContent) =>
  [
    c.cordon,
    c.route,
    c.vehicles,
    c.equipment,
    ...c.assignments.flatMap((a) => [a.task, a.position]),
    ...c.contingencies.map((x) => x.measures),
  ].join('\n');

/** The plan's own utility checks: coercion refused, isolation before a planned demolition required. */
function utilityChecks(content: PlanContent, demolition: boolean): LegalityCheck[] {
  const { coercive, isolation } = utilityMentions(planText(content));
  const checks = [
    check('utilities', '不得停水停电等', content.noUtilityCutoff && coercive.length === 0, BASIS.utilities, {
      pass: '已确认不以停止供水、供电、供热、供气或中断道路通行等方式迫使搬迁',
      fail: coercive.length
        ? `预案中出现“${coercive[0]}”，不得以停止供水、供电、供热、供气或中断道路通行等方式迫使搬迁（仅房屋腾空后、拆除前的安全断开除外）`
        : '须确认不以停止供水、供电、供热、供气或中断道路通行等方式迫使搬迁',
    }),
  ];
  if (demolition) {
    checks.push(
      check('isolation', '拆除前安全断开', isolation.length > 0, BASIS.isolation, {
        pass: `已安排拆除前安全断开：${isolation[0] ?? ''}`,
        fail: '预案安排了房屋拆除，须写明房屋腾空后、拆除前由供水、供电、供气、供热单位断开房屋的供应（如在房屋拆除组任务中写明）',
      }),
    );
  }
  return checks;
}

/** 条例 §27: no 建设单位 among the units of those assigned, and none named as acting in the plan. */
function constructionUnitCheck(input: LegalityInput): LegalityCheck {
  const units = new Map((input.memberUnits ?? []).map((u) => [u.id, u]));
  const acting = assignedPeople(input.people, input.groups, input.operation)
    .map((p) => ({ person: p, unit: units.get(p.memberUnitId) }))
    .filter(({ unit }) => unit && CONSTRUCTION_UNIT.test(`${unit.name}${unit.role}`));
  const named = sentences(planText(input.content)).find((x) => /建设单位|开发商/.test(x) && !EXCLUDED.test(x));
  const fail = acting.length
    ? `${acting.map(({ person, unit }) => `${person.name}（${unit!.name}）`).join('、')}来自建设单位，不得参与执行工作`
    : `预案中“${named?.trim() ?? ''}”由建设单位实施，建设单位不得参与搬迁`;
  return check('constructionUnit', '建设单位不参与', acting.length === 0 && !named, BASIS.constructionUnit, {
    pass: '执行人员和预案中均无建设单位参与',
    fail,
  });
}

/**
 * The day planned must come after every subject's self-performance period (seed 000 §四(二)(三)).
 * A subject not yet served is a warning: the plan may be prepared, the start gate waits for them.
 */
function noticeCheck(content: PlanContent, periods: LegalityInput['periods']): LegalityCheck {
  const base = { code: 'notice', title: '告知书送达与自行履行期限', basis: BASIS.notice };
  if (!periods) {
    return { ...base, status: 'warn', blocking: false, message: '未能读取送达记录，无法核对告知书送达日期和自行履行期限是否届满，请人工核实后再定稿。' };
  }
  const start = Date.parse(content.start);
  const day = Number.isFinite(start) ? chinaDate(new Date(start)) : '';
  const running = periods.filter((p) => day && p.periodEndsOn && p.periodEndsOn >= day);
  if (running.length) {
    const list = running.map((p) => `${p.name}的期限至 ${p.periodEndsOn} 届满`).join('、');
    return { ...base, status: 'fail', blocking: true, message: `${list}，执行日（${day}）须在期限届满之后` };
  }
  const unserved = periods.filter((p) => !p.servedOn || !p.periodEndsOn);
  if (unserved.length) {
    const names = unserved.map((p) => p.name).join('、');
    return { ...base, status: 'warn', blocking: false, message: `《强制执行告知书》尚未送达${names}：其期限届满后方可开始执行，宣布开始时将再次核对` };
  }
  const last = periods.map((p) => p.periodEndsOn!).sort().at(-1);
  return { ...base, status: 'pass', blocking: false, message: `各被执行人均已送达，自行履行期限最晚于 ${last} 届满` };
}

/** Seed 004: everyone assigned has a training on record, completed by the day of the operation. */
function trainingCheck(input: LegalityInput): LegalityCheck {
  const start = Date.parse(input.content.start);
  const day = Number.isFinite(start) ? chinaDate(new Date(start)) : '9999-12-31';
  const problems = assignedPeople(input.people, input.groups, input.operation).flatMap((p) => trainingProblem(p, day) ?? []);
  return check('training', '人员培训', problems.length === 0, TRAINING_BASIS, {
    pass: '在岗人员均有培训记录',
    fail: `${problems.join('；')}：未经培训的人员不得参加执行（在“指挥部”人员中登记培训课程和日期）`,
  });
}

function scopeCheck(input: LegalityInput, demolition: boolean): LegalityCheck {
  const scope = rulingScopeOf(input.operation.courtRuling ?? {});
  const limit = input.operation.courtRuling?.scopeLimit;
  const outside = demolition ? demolitionOutsideRuling(scope, limit, '预案安排了房屋拆除') : null;
  return check('scope', '裁定准予执行的范围', !outside, RULING_SCOPE_BASIS, {
    pass: `裁定${rulingScopeLabels[scope]}${limit?.trim() ? `（${limit.trim()}）` : ''}；预案${demolition ? '安排了' : '未安排'}房屋拆除`,
    fail: outside ?? '',
  });
}

export function checkPlanLegality(input: LegalityInput): LegalityCheck[] {
  const { content, operation, groups, people } = input;
  const personIds = new Set(people.map((p) => p.id));
  const leaderless = groups.filter((g) => !g.leaderId || !personIds.has(g.leaderId)).map((g) => g.name);
  const missingContingencies = content.contingencies.filter((c) => c.measures.trim() === '').map((c) => c.title);
  const demolition = plansDemolition(content, groups);

  return [
    ...(operation.termination
      ? [
          check('terminated', '行动状态', false, BASIS.terminated, {
            pass: '',
            fail: `被执行人已于${operation.termination.occurredOn}自行履行，本行动已终止，不得实施强制执行`,
          }),
        ]
      : []),
    ...windowChecks(content, input.night),
    noticeCheck(content, input.periods),
    scopeCheck(input, demolition),
    check('compensation', '先补偿后搬迁', content.compensationDeposited && content.compensationAccount.trim() !== '', BASIS.compensation, {
      pass: `补偿款已专户存储（账号 ${content.compensationAccount.trim()}）`,
      fail: '须确认补偿款已存入专户并填写专户存储账号',
    }),
    check('housing', '周转房或安置房', content.housingArranged && content.housingAddress.trim() !== '', BASIS.housing, {
      pass: `已落实${content.housingKind === 'interim' ? '周转房' : '安置房'}：${content.housingAddress.trim()}`,
      fail: '须落实周转房或安置房并填写地址',
    }),
    ...utilityChecks(content, demolition),
    constructionUnitCheck(input),
    check('groupLeaders', '工作小组组长', groups.length > 0 && leaderless.length === 0, BASIS.groups, {
      pass: `${groups.length} 个工作小组均已指定组长`,
      fail: groups.length === 0 ? '尚未设立工作小组' : `以下小组未指定组长：${leaderless.join('、')}`,
    }),
    trainingCheck(input),
    check(
      'commander',
      '现场执行指挥',
      !!operation.onSiteCommanderId && personIds.has(operation.onSiteCommanderId),
      BASIS.commander,
      { pass: '已确定现场执行指挥', fail: '尚未确定现场执行指挥（在“指挥部”中指定）' },
    ),
    check('places', '集合与疏导地点', content.assemblyPoint.trim() !== '' && content.dispersalPoint.trim() !== '', BASIS.meeting, {
      pass: `集合地点：${content.assemblyPoint.trim()}；疏导地点：${content.dispersalPoint.trim()}`,
      fail: '须明确集合地点和疏导地点',
    }),
    check('contingencies', '应急处置', missingContingencies.length === 0, BASIS.contingency, {
      pass: `${content.contingencies.length} 类情形均有处置措施`,
      fail: `以下情形尚无处置措施：${missingContingencies.join('、')}`,
    }),
    check('risk', '社会稳定风险评估', content.riskAssessment.trim() !== '', BASIS.risk, {
      pass: '已载明评估结论',
      fail: '须填写社会稳定风险评估结论',
    }),
  ];
}

export const canFinalise = (checks: LegalityCheck[]) => checks.every((c) => !(c.blocking && c.status === 'fail'));
