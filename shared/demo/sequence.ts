// Pure. The 示例行动 carried through the whole procedure, act by act, at fixed times, through
// the same pure decisions the app makes (the one write path): loading the demo command post,
// the 催告 and the 陈述申辩, the preparatory meeting, the final plan, the 告知书 issued and served
// on three subjects (留置 with witnesses from the 基层组织, directly to an adult family member,
// by post with the receipt's date), the 强制拆除通知书 and the 函告, the 公告 issued and posted
// with photos, the day on site on three stations (check-ins, phases behind their gates, the
// notarised inventory, footage, the checks before 拆除), the costs and the 情况报告 to the court.
// Dates (shared/demo/dates.ts): fixed by default (the day on site Tuesday 8 December 2026), or
// computed from the day the file is exported (`today`), each from the rule it must satisfy;
// document numbers, file names and the minutes follow them. With the fixed dates each stage is a
// prefix of the same sequence (the demo at 'served' is the complete demo stopped earlier); with
// `today` each stage ends today, so the same `today` gives each stage its own dates.
import type { WorkingGroup } from '../commandPost/types';
import { decideSaveSubject } from '../commandPost/acts';
import { createDraftOutcome, draftContext, outcomeOf, recordPostingOutcome, recordServiceOutcome, saveDraftOutcome } from '../documents/acts';
import { demandToRecord, recordProcedureOutcome, statementToRecord, type ProcedureToRecord } from '../documents/acts/issue';
import { applyDraftSettings } from '../documents/drafting';
import type { DocumentFonts } from '../documents/fonts';
import type { DocumentRecord, ServedDocument, ServiceInput } from '../documents/records';
import { renderIssuableDocument } from '../documents/registry';
import { decideRegistration } from '../evidence/acts';
import { decideAddItem, decideAddRoom, decideAttendance, decideNotaryCertificate } from '../inventory/acts';
import type { InventoryRoomRecord } from '../inventory/types';
import { decideCheckIn, decideNote, decidePhase, decideSafetyCheck } from '../onSite/acts';
import { startFactsFromRecords } from '../onSite/facts';
import type { PhaseCode } from '../onSite/phases';
import { decideCosts, decideLoadDemo } from '../operation/acts';
import { demoParticularsInput } from '../operation/demo';
import type { Subject } from '../operation/types';
import type { Person } from '../commandPost/types';
import { decideDraftSave, decideFinalise, decideMeetingSave } from '../plan/acts';
import type { Plan, PlanSnapshot, PreparatoryMeeting } from '../plan/types';
import { courtReportDraftOutcome } from '../report/acts';
import { sha256Hex } from '../stations/canonical';
import { rosterInput } from '../stations/roster';
import type { OperationBackup } from '../archive/backup';
import { utf8 } from '../stations/encoding';
import { chineseDay, DEFAULT_DEMO_DATES, demoDates, demoStages, exportDay, type DemoStage } from './dates';
import { demoPlanContent } from './plan';
import { postingPhoto } from './photo';
import type { Signer } from '../stations/signer';
import { actOf, DemoRun, type DemoActor } from './run';

export { demoStageLabels } from './stages';
export { appDemoToday } from './dates';
export { DEFAULT_DEMO_DATES, demoDates, demoStages, type DemoStage };

/** The demo's three devices, as the roster names them. */
export const DEMO_STATIONS = { commander: '指挥部笔记本', evidence: '证据组平板', leader: '第二组组长手机' } as const;

export interface DemoOptions {
  stage: DemoStage;
  fonts: DocumentFonts;
  appVersion: string;
  /** Prefix of every id: `${prefix}-operation`, `${prefix}-subject-1`, `${prefix}-0001`, … */
  idPrefix?: string;
  /**
   * The commander laptop's key: the app loading the demo signs its commander's entries with
   * the station's own key, so the station holds the demo's roster anchor and can go on acting.
   */
  commander?: Signer;
  /** The day the file is exported (YYYY-MM-DD, China): the dates are computed from it (demoDates); without it, the fixed dates. */
  today?: string;
}

/** When the file of each stage is exported: after its last act. */
const exportTime: Record<DemoStage, string> = { planned: '17:00', served: '17:00', executed: '10:00', reported: '17:00' };

const at = (date: string, time: string) => `${date}T${time}:00.000+08:00`;

/** The third subject: a co-owner living elsewhere, added after the demo was loaded. */
const thirdSubject = { name: '王小明', idType: 'residentId', idNumber: '110101199003074311', phone: '13574018826', address: '滨江市临江区青松路88号' };

/** The demo operation carried to `stage`, as a backup file with every station's signed entries. */
export async function buildDemoOperation(options: DemoOptions): Promise<OperationBackup> {
  const run = await runDemo(options);
  return run.backup(at(exportDay(datesOf(options), options.stage), exportTime[options.stage]), options.appVersion);
}

const datesOf = (options: DemoOptions) => (options.today === undefined ? DEFAULT_DEMO_DATES : demoDates(options.today, options.stage));

/** The demo's acts carried to `stage`: the records, every station's entries and their files. */
export async function runDemo(options: DemoOptions): Promise<DemoRun> {
  const prefix = options.idPrefix ?? 'demo';
  const d = datesOf(options);
  const year = (date: string) => date.slice(0, 4);
  const op = `${prefix}-operation`;
  const run = new DemoRun(op, options.fonts);
  let n = 0;
  const newId = () => `${prefix}-${String(++n).padStart(4, '0')}`;
  const stages = demoStages.slice(0, demoStages.indexOf(options.stage) + 1);

  const command = run.stations.station(DEMO_STATIONS.commander, options.commander);
  const tablet = run.stations.station(DEMO_STATIONS.evidence);
  const phone = run.stations.station(DEMO_STATIONS.leader);
  const station: DemoActor = { station: command, personId: '', name: '本工作站' };

  // —— 预案定稿 ——
  await run.act(station, 'bootstrap', at(d.loadedOn, '09:00'), () => decideLoadDemo(op, newId, at(d.loadedOn, '09:00'), (i) => `${prefix}-subject-${i + 1}`, d));
  const people = run.list<Person>('people');
  const person = (name: string) => {
    const p = people.find((x) => x.name === name);
    if (!p) throw new Error(`示例人员中没有${name}`);
    return p;
  };
  const on = (s: DemoActor['station'], name: string): DemoActor => ({ station: s, personId: person(name).id, name });
  const chen = on(command, '陈志远');
  const clerk = on(tablet, '杨帆');
  const leader = on(phone, '孙丽萍');
  const groups = () => run.list<WorkingGroup>('workingGroups');
  const subjects = () => run.list<Subject>('subjects').sort((a, b) => a.position - b.position);
  const plans = () => run.list<Plan>('plans');
  const commandPost = () => ({
    operation: run.operation,
    subjects: subjects(),
    householdMembers: run.list<never>('householdMembers'),
    memberUnits: run.list<never>('memberUnits'),
    people: run.list<Person>('people'),
    workingGroups: groups(),
  });

  await run.sign(chen, rosterInput('pair', { key: tablet.signer.publicKey, name: tablet.name, grant: { role: 'evidenceClerk' }, fromSeq: 1 }, chen), at(d.loadedOn, '09:05'));
  await run.sign(chen, rosterInput('pair', { key: phone.signer.publicKey, name: phone.name, grant: { role: 'groupLeader', group: 'negotiation' }, fromSeq: 1 }, chen), at(d.loadedOn, '09:06'));
  await run.act(chen, 'editRecords', at(d.loadedOn, '09:20'), () => actOf(decideSaveSubject(commandPost(), thirdSubject, undefined, () => `${prefix}-subject-3`)));
  const [zhang, li, wang] = subjects() as [Subject, Subject, Subject];

  /** A 催告 or 陈述申辩 recorded as a document: its PDF frozen, as 记录 does in the app. */
  const recordProcedure = (id: string, time: string, prepare: (ctx: { id: string; now: string }) => ReturnType<typeof demandToRecord>) =>
    run.act(chen, 'issueDocument', time, async () => {
      const prepared = prepare({ id, now: time });
      if (!prepared.ok) throw new Error(`示例数据未通过校验：${Object.values(prepared.errors).join('；')}`);
      const value: ProcedureToRecord = prepared.value;
      const head = run.head(command);
      const pdf = await renderIssuableDocument(value.document, run.backup(time, options.appVersion), head, time, options.fonts);
      return recordProcedureOutcome(value, { pdf, sha256: sha256Hex(pdf), chainHead: head, at: time, by: chen.name });
    });
  const procedureRecords = () => ({ operation: run.operation, subjects: subjects(), numbersTaken: new Set(run.documents.flatMap((d) => (d.number ? [d.number] : []))) });
  await recordProcedure(`${prefix}-demand`, at(d.loadedOn, '09:40'), (ctx) =>
    demandToRecord(
      procedureRecords(),
      {
        issuer: run.operation.organisingGovernment,
        documentNumber: `临江征催〔${year(d.demandIssuedOn)}〕7号`,
        issuedOn: d.demandIssuedOn,
        demanded: '请于本催告书送达之日起十日内搬离被征收房屋，腾空后交付滨江市临江区房屋征收事务中心；补偿款已存入专户，可随时领取。',
        services: [
          { subjectId: zhang.id, name: zhang.name, method: 'direct', servedOn: d.demandServedOn, recipient: zhang.name },
          { subjectId: li.id, name: li.name, method: 'direct', servedOn: d.demandServedOn, recipient: li.name },
          { subjectId: wang.id, name: wang.name, method: 'post', servedOn: d.demandReceivedOn, recipient: wang.name },
        ],
        decisionServedOn: d.decisionServedOn,
        appliedOn: d.appliedOn,
        note: '',
      },
      ctx,
    ),
  );
  await recordProcedure(`${prefix}-statement`, at(d.loadedOn, '09:50'), (ctx) =>
    statementToRecord(
      procedureRecords(),
      {
        subjectId: zhang.id,
        statedOn: d.statedOn,
        form: 'written',
        content: '认为评估价格偏低，要求按周边新房价格补偿，并要求另行安排一套安置房',
        reply: '评估由依法选定的评估机构作出，被执行人未在法定期限内申请复核；补偿标准符合征收补偿方案，不予采纳',
        outcome: 'notAdopted',
        repliedOn: d.repliedOn,
        repliedBy: '林涛（临江区房屋征收事务中心）',
      },
      ctx,
    ),
  );

  const leaders = groups().flatMap((g) => (g.leaderId ? [g.leaderId] : []));
  await run.act(chen, 'editRecords', at(d.meetingOn, '16:00'), () =>
    actOf(
      decideMeetingSave(undefined, op, {
        date: d.meetingOn,
        time: '14:30',
        place: '河西街道办事处三楼会议室',
        attendeeIds: [person('陈志远').id, person('刘振华').id, ...leaders],
        otherAttendees: '滨江市临江公证处公证员宋雅琴',
        familySituation: '张建国与母亲王桂芳（82岁，患高血压、冠心病）、孙女张子涵（10岁）同住；李秀兰的儿媳刘婷怀孕约6个月；王小明为共有人，居住在青松路88号',
        psychologicalState: '张建国对补偿金额强烈不满，情绪波动大；李秀兰态度相对缓和，主要担心老人和孩子的安置',
        behaviouralState: '张建国多次上访，屋内存放液化气罐两瓶；李秀兰曾询问周转房位置和面积',
        decisions: `执行日定于${chineseDay(d.enforcementOn)}8时30分；王桂芳由医护人员陪同优先转移；张子涵当日在校照看；消防人员先行排查液化气罐`,
      }, `${prefix}-meeting`),
    ),
  );
  await run.act(chen, 'editRecords', at(d.plannedOn, '10:00'), () => actOf(decideDraftSave(undefined, op, demoPlanContent(groups(), d.enforcementOn), `${prefix}-plan-draft`, new Date(at(d.plannedOn, '10:00')))));
  await run.act(chen, 'finalisePlan', at(d.plannedOn, '10:30'), () => {
    const records = { operation: run.operation, subjects: subjects(), documents: run.documents, services: run.services, postings: run.postings, plans: plans(), groups: groups() };
    const snapshot: PlanSnapshot = {
      operation: run.operation,
      subjects: subjects(),
      householdMembers: run.list('householdMembers'),
      memberUnits: run.list('memberUnits'),
      people: run.list('people'),
      groups: groups().sort((a, b) => a.position - b.position),
      meeting: run.list<PreparatoryMeeting>('preparatoryMeetings')[0]!,
    };
    const legality = { operation: run.operation, groups: groups(), people: run.list<Person>('people'), memberUnits: run.list<never>('memberUnits'), periods: startFactsFromRecords(records).subjects };
    return decideFinalise({ plans: plans(), legality, snapshot }, chen.name, `${prefix}-plan-1`, new Date(at(d.plannedOn, '10:30')));
  });
  if (!stages.includes('served')) return run;

  // —— 告知书、强制拆除通知书、函告：起草、签发、送达 ——
  const draftRecords = () => ({ operation: run.operation, subjects: subjects(), plans: plans(), documents: run.documents });
  const draft = async (kind: ServedDocument['kind'], id: string, time: string, settings?: Parameters<typeof applyDraftSettings>[1]) => {
    await run.act(chen, 'editRecords', time, () => createDraftOutcome(draftRecords(), kind, { id, now: time }));
    if (!settings) return;
    const stored = run.documents.find((d) => d.id === id) as ServedDocument;
    const edited = applyDraftSettings(stored, settings, draftContext(draftRecords(), time));
    const edit = { issuerCode: edited.issuerCode, data: edited.data, ...(edited.kind === 'notice' ? { selfPerformanceDays: edited.selfPerformanceDays } : {}) };
    await run.act(chen, 'editRecords', time, () => saveDraftOutcome(run.documents, id, edit as never, { now: time }));
  };
  const notice = `${prefix}-notice`;
  const demolition = `${prefix}-demolition-notice`;
  const letter = `${prefix}-unit-letter`;
  await draft('notice', notice, at(d.issuedOn, '09:00'));
  await draft('demolitionNotice', demolition, at(d.issuedOn, '09:20'), { demolitionOn: d.enforcementOn });
  await draft('unitLetter', letter, at(d.issuedOn, '09:40'), { demolitionOn: d.enforcementOn });
  await run.issue(chen, notice, at(d.issuedOn, '15:00'));
  await run.issue(chen, demolition, at(d.issuedOn, '15:10'));
  await run.issue(chen, letter, at(d.issuedOn, '15:20'));

  const serve = (documentId: string, time: string, input: ServiceInput) =>
    run.act(chen, 'log', time, () => outcomeOf(recordServiceOutcome({ documents: run.documents, subjects: subjects(), services: run.services }, documentId, input, { id: newId(), now: time, recordedBy: chen.name })));
  const servers = ['林涛', '孙丽萍'];
  const witnessed = {
    method: 'left' as const,
    refusalReason: '被执行人张建国称补偿过低，拒绝签收，并将文书扔出门外',
    witnesses: [
      { name: '黄敏', unit: '柳巷社区居民委员会', capacity: 'grassroots' as const },
      { name: '高建军', unit: '柳巷社区居民委员会', capacity: 'grassroots' as const },
    ],
    recording: '执法记录仪 DSJ-07 全程录像',
  };
  const viaFamily = { method: 'direct' as const, agentName: '刘婷', agentReason: '儿媳，与受送达人同住', agentAdultResident: true };
  for (const [documentId, minute] of [[notice, '00'], [demolition, '05']] as const) {
    await serve(documentId, at(d.servedOn, `11:${minute}`), { subjectId: zhang.id, servedAt: at(d.servedOn, `10:${minute}`), recipient: zhang.name, servers, ...witnessed, remarks: '文书留置于被执行人住所门内' });
    await serve(documentId, at(d.servedOn, `11:${Number(minute) + 10}`), { subjectId: li.id, servedAt: at(d.servedOn, `10:${Number(minute) + 30}`), recipient: li.name, servers, ...viaFamily, remarks: '' });
  }
  for (const [documentId, tracking, minute] of [[notice, 'EMS1122334455CN', '30'], [demolition, 'EMS1122334466CN', '35']] as const) {
    await serve(documentId, at(d.receiptRecordedOn, `09:${minute}`), {
      subjectId: wang.id,
      method: 'post',
      servedAt: at(d.issuedOn, '16:00'),
      recipient: wang.name,
      servers: ['马晓东'],
      trackingNumber: tracking,
      receiptDate: d.receivedOn,
      remarks: '邮寄至受送达人住所，回执由本人签收',
    });
  }

  // —— 公告：起草、签发、张贴 ——
  const announcement = `${prefix}-announcement`;
  await draft('announcement', announcement, at(d.announcedOn, '08:40'));
  await run.issue(chen, announcement, at(d.announcedOn, '09:00'));
  await run.act(chen, 'log', at(d.announcedOn, '10:30'), () =>
    outcomeOf(
      recordPostingOutcome(
        run.documents,
        announcement,
        { place: `${run.operation.propertyAddress}正门及柳巷胡同南口公告栏`, postedAt: at(d.announcedOn, '10:00'), postedBy: ['黄敏', '马晓东'], note: '张贴过程由执法记录仪录像' },
        [
          { name: '公告张贴-正门.png', mimeType: 'image/png', bytes: postingPhoto(false) },
          { name: '公告张贴-近景.png', mimeType: 'image/png', bytes: postingPhoto(true) },
        ],
        { id: newId(), now: at(d.announcedOn, '10:30'), recordedBy: chen.name },
      ),
    ),
  );
  if (!stages.includes('executed')) return run;

  // —— 执行日：三台工作站 ——
  const day = (time: string) => at(d.enforcementOn, time);
  /** The day on site as recorders name their files: 20261208. */
  const compact = d.enforcementOn.replaceAll('-', '');
  const operation = () => run.operation;
  const checkIn = async (who: DemoActor, name: string, time: string, group = '') => {
    const p = person(name);
    const unit = run.list<{ id: string; name: string }>('memberUnits').find((u) => u.id === p.memberUnitId)?.name ?? '';
    await run.act(who, 'log', day(time), () => decideCheckIn({ entries: run.log(), operation: operation(), groups: groups(), record: p }, { id: p.id, name: p.name, unit }, '', new Date(day(time)), group));
  };
  const gateRecords = () => ({ operation: run.operation, subjects: subjects(), documents: run.documents, services: run.services, postings: run.postings, plans: plans(), groups: groups() });
  const phase = (code: PhaseCode, time: string, note: string) =>
    run.act(chen, code === 'start' || code === 'complete' ? 'declare' : 'log', day(time), () =>
      decidePhase({ entries: run.log(), facts: startFactsFromRecords(gateRecords()) }, { phase: code, note, group: '' }, new Date(day(time))),
    );

  const commandCheckIns = ['陈志远', '刘振华', '赵刚', '周明', '吴海燕', '郑伟', '冯磊', '韩冰', '许文', '何静'];
  for (const [i, name] of commandCheckIns.entries()) await checkIn(chen, name, `07:${String(40 + i).padStart(2, '0')}`);
  for (const [i, name] of ['孙丽萍', '林涛', '黄敏'].entries()) await checkIn(leader, name, `07:${String(51 + i).padStart(2, '0')}`, 'negotiation');

  await phase('start', '08:30', '全体人员到岗到位，统一着装并佩戴工作证；执法记录仪开始录像');
  await phase('cordon', '08:40', '柳巷胡同南北两口警戒线设置完毕');
  await phase('announce', '08:55', '向被执行人张建国、李秀兰宣读强制执行公告，告知权利义务');
  await run.act(leader, 'log', day('09:05'), () => decideNote(run.log(), '张建国情绪激动，经疏导谈判组释法说理约十分钟，同意由家属陪同离开', undefined, 'negotiation'));
  await phase('escort', '09:20', '王桂芳由医护人员陪同先行转移至周转房；张建国、李秀兰由家属陪同离开现场');

  // The notarised inventory, on the evidence group's tablet.
  await run.act(clerk, 'registerInventory', day('09:25'), () =>
    actOf(
      decideAttendance(undefined, op, {
        notaryInstitution: '滨江市临江公证处',
        notaryNames: ['宋雅琴', '蒋昊'],
        witnesses: [
          { name: '黄敏', idNumber: '', unit: '柳巷社区居民委员会' },
          { name: '高建军', idNumber: '', unit: '柳巷社区居民委员会' },
        ],
        groupLeader: '吴海燕',
      }, new Date(day('09:25'))),
    ),
  );
  await phase('inventoryStart', '09:30', '清登搬家组在公证员监督下逐间清点');
  const rooms: InventoryRoomRecord[] = [];
  for (const [i, name] of ['客厅', '主卧', '厨房'].entries()) {
    const id = `${prefix}-room-${i + 1}`;
    await run.act(clerk, 'registerInventory', day(`09:3${2 + i}`), () => actOf(decideAddRoom(run.list('inventoryRooms'), op, { name }, id, new Date(day(`09:3${2 + i}`)))));
    rooms.push(run.records.inventoryRooms.get(id) as unknown as InventoryRoomRecord);
  }
  const interim = { kind: 'interimHousing' as const, address: demoParticularsInput.housing?.address ?? '' };
  const items: Array<[number, string, string, number, string, string, boolean?]> = [
    [0, '1-001', '电视机', 1, '台', '完好'],
    [0, '1-002', '沙发', 1, '套', '扶手有磨损'],
    [0, '1-003', '书籍', 4, '箱', '完好'],
    [1, '2-001', '衣物', 6, '箱', '完好'],
    [1, '2-002', '金项链', 1, '条', `当场封存，封条号FC-${year(d.enforcementOn)}-0012`, true],
    [1, '2-003', '现金', 1, '袋', `人民币3200元，当场清点封存，封条号FC-${year(d.enforcementOn)}-0013`, true],
    [2, '3-001', '液化气罐', 2, '瓶', '由消防人员移至安全地点'],
    [2, '3-002', '厨具', 3, '箱', '完好'],
  ];
  for (const [i, [room, tag, name, quantity, unit, condition, valuable]] of items.entries()) {
    const time = day(`${String(9 + Math.floor((40 + i * 8) / 60)).padStart(2, '0')}:${String((40 + i * 8) % 60).padStart(2, '0')}`);
    await run.act(clerk, 'registerInventory', time, () =>
      actOf(decideAddItem({ rooms: run.list('inventoryRooms'), sameTag: [] }, op, { roomId: rooms[room]!.id, tag, name, quantity, unit, condition, note: '', valuable: valuable ?? false, destination: interim }, [], `${prefix}-item-${tag}`, new Date(time))),
    );
  }
  await phase('inventoryDone', '11:00', '清登完成，共 8 项，贵重物品 2 项单独封存；物品装车运往周转房');

  // The checks before 拆除 (seed 000 §四(十一)), then demolition and the end of the day.
  const safety = (time: string, input: Parameters<typeof decideSafetyCheck>[1]) => run.act(chen, 'log', day(time), () => actOf(decideSafetyCheck(run.log(), input)));
  await safety('11:10', { check: 'houseCleared', note: '经逐间查看，屋内已无人员、无物品' });
  await safety('11:20', { check: 'utilitiesIsolated', utilities: ['water', 'power', 'gas'], units: '临江供水公司、国网临江供电公司、滨江燃气临江分公司', note: '' });
  await safety('11:40', { check: 'rollCall', note: '房屋及作业区内人员已全部撤出，作业人员清点 12 人' });
  await phase('demolitionStart', '11:45', '房屋拆除组进场作业');
  await phase('demolitionDone', '14:30', '房屋拆除完毕，现场清理完成');
  await phase('complete', '14:40', '强制执行完毕，警戒撤除');

  // Footage registered after the day's recording ended, on the evidence tablet.
  const footage = (id: string, time: string, input: Omit<Parameters<typeof decideRegistration>[0]['input'], 'registeredBy'>, originalName: string) =>
    run.act(clerk, 'registerMedia', day(time), () =>
      actOf(
        decideRegistration(
          { operationId: op, id, input: { ...input, registeredBy: clerk.name }, facts: { originalName, size: 1_048_576 * 1536, sha256: sha256Hex(utf8(`示例行动录像：${originalName}`)) }, registrar: clerk.name, groups: groups() },
          new Date(day(time)),
        ),
      ),
    );
  const evidenceGroup = groups().find((g) => g.code === 'evidence')!.id;
  await footage(`${prefix}-media-1`, '15:10', { kind: 'video', deviceNumber: 'DSJ-07', operator: '杨帆', groupId: evidenceGroup, startedAt: day('08:25'), endedAt: day('14:45'), custodian: '韩冰', note: '执行全过程录像（示例，无实际文件）' }, `DSJ-07_${compact}_0825.mp4`);
  await footage(`${prefix}-media-2`, '15:15', { kind: 'video', deviceNumber: 'DSJ-03', operator: '罗佳', groupId: evidenceGroup, startedAt: day('09:30'), endedAt: day('11:00'), custodian: '韩冰', note: '物品清登过程录像（示例，无实际文件）' }, `DSJ-03_${compact}_0930.mp4`);

  // The notary's certificate arrives the next day; the costs are recorded for the report.
  await run.act(clerk, 'registerInventory', at(d.reportOn, '09:00'), () =>
    actOf(decideNotaryCertificate(run.records.inventoryAttendance.get(op) as never, { number: `（${year(d.reportOn)}）滨临证字第${compact.slice(4)}号` }, clerk.name, new Date(at(d.reportOn, '09:00')))),
  );
  await run.act(chen, 'editRecords', at(d.reportOn, '09:30'), () =>
    actOf(decideCosts(run.operation, { amount: 48600, bearer: '被执行人张建国、李秀兰、王小明', note: '搬运 2 车次、仓储 30 日、公证费' }, at(d.reportOn, '09:30'))),
  );
  if (!stages.includes('reported')) return run;

  // —— 情况报告：起草、签发（完毕后 5 日内） ——
  const report = `${prefix}-court-report`;
  await run.act(chen, 'editRecords', at(d.reportOn, '14:00'), () => courtReportDraftOutcome(run.backup(at(d.reportOn, '14:00'), options.appVersion), { id: report, now: at(d.reportOn, '14:00') }));
  await run.issue(chen, report, at(d.reportOn, '16:00'));
  return run;
}

export type { DocumentRecord };
