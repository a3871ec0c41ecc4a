import { describe, expect, it } from 'vitest';
import { renderAnnouncement, announcementItems } from '../../shared/documents/notice/AnnouncementDocument';
import { noticeAddresseeBlocks, renderNotice } from '../../shared/documents/notice/NoticeDocument';
import {
  addresseeIdNumber,
  basisLaws,
  announcementFromOperation,
  defaultAnnouncementText,
  defaultNoticeText,
  documentMark,
  noticeFromOperation,
  noticeParagraphs,
  type AnnouncementData,
  type NoticeData,
} from '../../shared/documents/notice/noticeText';
import { proofOfServiceRows, renderProofOfService } from '../../shared/documents/notice/ProofOfServiceDocument';
import {
  blankProofOfService,
  methodChoices,
  proofOfServiceProblems,
  refusalLines,
  servedDocumentLines,
  serviceNote,
  type ProofOfServiceData,
} from '../../shared/documents/notice/proofOfService';
import { demoOperationInput, demoParticularsInput } from '../../shared/operation/demo';
import { buildOperation, validateNewOperation } from '../../shared/operation/newOperation';
import { parseParticulars } from '../../shared/operation/particulars';
import type { Operation } from '../../shared/operation/types';
import { hasPoppler, nodeFonts, pdfFonts, pdfPages, pdfRawText, pdfText, popplerSuite, savePdf } from '../fixtures/documents/pdf';
import { sampleHead } from '../fixtures/documents/onSiteLog';
import { chainHeadLine } from '../../shared/log/head';

/** The built-in 示例行动, through the same validation as the form, with what its subjects are told. */
function demo(over: Partial<Operation> = {}) {
  const result = validateNewOperation(demoOperationInput, '2026-11-01');
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const particulars = parseParticulars(demoParticularsInput);
  if (!particulars.ok) throw new Error(JSON.stringify(particulars.errors));
  const built = buildOperation(result.values, { operationId: 'demo', subjectIds: ['s1', 's2'] }, '2026-11-01T09:00:00.000+08:00', true);
  return { ...built, operation: { ...built.operation, particulars: particulars.value, ...over } };
}

const schedule = {
  start: '2026-12-08T09:00:00.000+08:00',
  end: '2026-12-08T12:00:00.000+08:00',
  selfPerformanceDays: 10,
  moveOutDays: 5,
  moveOutEndsOn: '2026-11-30',
};

function noticeFixture(): NoticeData {
  const { operation, subjects } = demo();
  return noticeFromOperation(operation, subjects, { ...schedule, documentNumber: '临江强执告〔2026〕3号', issuedOn: '2026-11-24' });
}

function announcementFixture(): AnnouncementData {
  const { operation, subjects } = demo();
  return announcementFromOperation(operation, subjects, { ...schedule, documentNumber: '临江强执公〔2026〕1号', issuedOn: '2026-11-24' });
}

function proofFixture(): ProofOfServiceData {
  return {
    issuer: '滨江市临江区人民政府',
    documents: [
      { name: '强制执行告知书', number: '临江强执告〔2026〕3号', copies: 1 },
      { name: '强制执行公告', number: '临江强执公〔2026〕1号', copies: 1 },
    ],
    recipient: '张建国',
    address: '滨江市临江区河西街道柳巷胡同17号',
    method: 'left',
    servedAt: '2026-11-24T10:30:00.000+08:00',
    agent: { name: '张伟', reason: '受送达人之子，同住成年家属' },
    witnesses: [
      { name: '黄敏', unit: '柳巷社区居民委员会', capacity: 'grassroots' },
      { name: '周海', unit: '河西街道办事处' },
    ],
    refusal: { reason: '受送达人表示对补偿金额有异议，拒绝签收', date: '2026-11-24' },
    recording: '执法记录仪 LJ-07 视频 20261124-103000.mp4（SHA-256 9f2c4e1a）',
    servers: ['林涛', '孙丽萍'],
    remarks: '文书张贴于房屋正门并拍照留存',
    isDemo: true,
  };
}

const CLOSING = '，。、；：！？）」』》〕】…”’';
const strip = (text: string) => text.replace(/\s+/g, '');
/** The body as one run of text: page numbers, the chain-head footer and the 示例 mark between pages removed. */
const body = (flat: string) => flat.replace(/—\d+—执行日志链头：第\d+条SHA-256[0-9a-f]{64}(示例)?/g, '');
const PAGE_NUMBER = /^—\s*(\d+)\s*—$/;

/** Visual lines of the body, without page numbers. */
const bodyLines = (text: string) =>
  text
    .split(/[\n\f]/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !PAGE_NUMBER.test(line));

function expectWellBroken(text: string) {
  for (const line of bodyLines(text)) {
    expect(line.endsWith('-'), `line ends with a hyphen: ${line}`).toBe(false);
    expect(CLOSING.includes(line[0]!), `line starts with closing punctuation: ${line}`).toBe(false);
  }
}

function expectEmbeddedSubsets(path: string) {
  const fonts = pdfFonts(path);
  expect(fonts).toMatch(/^[A-Z]{6}\+NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/m);
  expect(fonts).toMatch(/^[A-Z]{6}\+NotoSerifSC-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/m);
  expect(fonts).not.toMatch(/\bno\s+no\s+no\b/);
}

/** Every page carries the log's chain head at the foot (issue 5). */
function expectChainHead(text: string, head = sampleHead) {
  const pages = pdfPages(text);
  expect(pages.length).toBeGreaterThan(0);
  for (const page of pages) expect(strip(page)).toContain(strip(chainHeadLine(head)));
}

describe('notice text', () => {
  it('cites the decision, the ruling with its scope, 条例第二十八条, 法释〔2012〕4号 and 行政强制法第五章, never 第三十五条 or 第三十七条', () => {
    const { operation, subjects } = demo();
    const text = defaultNoticeText(operation, subjects, schedule);
    expect(text.basis).toContain('2025年12月10日作出的临江征补决〔2025〕31号《房屋征收补偿决定书》');
    expect(text.basis).toContain('滨江市临江区人民法院2026年9月15日作出的（2026）滨0103行审45号《行政裁定书》');
    expect(text.basis).toContain('准予强制执行，强制搬迁并拆除被执行房屋');
    expect(text.basis).toContain('被执行人张建国、李秀兰');
    expect(text.basis).toContain('《国有土地上房屋征收与补偿条例》第二十八条');
    expect(text.basis).toContain('（法释〔2012〕4号）第九条');
    expect(text.basis).toContain('《中华人民共和国行政强制法》第五章');
    const all = noticeParagraphs(text).join('');
    expect(all).not.toMatch(/第三十五条|第三十七条/);
  });

  it('cites the provisions of the other two kinds of basis', () => {
    expect(basisLaws('demolitionDisputeRuling')).toContain('第三十五条、《城市房屋拆迁管理条例》第十七条');
    expect(basisLaws('agreementPerformanceDecision')).toContain('（法释〔2019〕17号）第二十四条');
    for (const kind of ['compensationDecision', 'demolitionDisputeRuling', 'agreementPerformanceDecision'] as const) {
      expect(basisLaws(kind)).toContain('第五章');
      expect(basisLaws(kind)).not.toMatch(/行政强制法》第三十[五七]条/);
    }
  });

  it('tells the subject the money, the housing, the time and manner, the belongings, whom to call and what follows', () => {
    const { operation, subjects } = demo();
    const text = defaultNoticeText(operation, subjects, schedule);
    expect(text.compensation).toContain('补偿款人民币2,386,540.00元已专户存储，开户银行中国工商银行滨江临江支行，户名滨江市临江区房屋征收事务中心征收补偿款专户，账号1907021109200012345');
    expect(text.compensation).toContain('周转用房位于滨江市临江区柳巷周转房3号楼201室，建筑面积86.4平方米');
    expect(text.methodAndTime).toContain('强制搬迁：屋内人员由工作人员护送离开');
    expect(text.methodAndTime).toContain('2026年12月8日9时00分至12时00分');
    expect(text.selfPerformance).toContain('自本告知书送达之日起十日内');
    expect(text.storage).toContain('运至滨江市临江区柳巷周转房3号楼201室存放');
    expect(text.storage).toContain('凭身份证件');
    expect(text.contact).toBe('联系人及电话：滨江市临江区人民政府，林涛（临江区房屋征收事务中心），0731-84561230。');
    expect(text.consequences).toContain('强制执行所需费用由被执行人承担（《中华人民共和国行政强制法》第六十条）');
  });

  it('tells where a refused compensation was lodged (提存)', () => {
    const { operation, subjects } = demo();
    const escrow = {
      ...operation.particulars!,
      compensation: { ...operation.particulars!.compensation, arrangement: 'escrow' as const, notaryOffice: '滨江市临江公证处', certificateNumber: '（2026）滨临证字第20261234号' },
    };
    const text = defaultNoticeText({ ...operation, particulars: escrow }, subjects, schedule);
    expect(text.compensation).toContain('你（们）拒绝领取补偿款，补偿款人民币2,386,540.00元已依法提存于滨江市临江公证处，提存公证书编号（2026）滨临证字第20261234号');
  });

  it('gives remedies for acts beyond the ruling or unlawful, and where opinions go — no blanket 复议/诉讼, no 执行异议', () => {
    const { operation, subjects } = demo();
    const { remedy } = defaultNoticeText(operation, subjects, schedule);
    expect(remedy).toContain('扩大裁定确定的执行范围或者采取违法方式实施的，你（们）可以依法向人民法院提起行政诉讼');
    expect(remedy).toContain('请求赔偿');
    expect(remedy).toContain('对本次强制执行有意见的，可以向滨江市临江区人民政府反映，也可以向滨江市临江区人民法院反映');
    expect(remedy).not.toMatch(/六十日|六个月|行政复议|执行异议/);
  });

  it('is issued by the government, or by the lead unit it designated, never the 临时指挥部', () => {
    const { operation, subjects } = demo();
    const options = { ...schedule, documentNumber: '', issuedOn: '2026-11-24' };
    expect(noticeFromOperation(operation, subjects, options).issuer).toBe('滨江市临江区人民政府');
    const lead = noticeFromOperation({ ...operation, issuingBody: 'leadUnit' }, subjects, options);
    expect(lead.issuer).toBe('滨江市临江区房屋征收事务中心');
    expect(lead.text.contact).toContain('滨江市临江区房屋征收事务中心，林涛');
    expect(JSON.stringify(lead)).not.toContain('指挥部');
  });

  it('keeps to a relocation-only ruling: no demolition announced', () => {
    const { operation, subjects } = demo();
    const relocation = { ...operation, courtRuling: { ...operation.courtRuling, scope: 'relocation' as const, scopeLimit: '不含院内附属建筑物' } };
    const text = defaultNoticeText(relocation, subjects, schedule);
    expect(text.basis).toContain('强制搬迁（不含拆除房屋）（裁定载明：不含院内附属建筑物）');
    expect(text.content).toContain('裁定未准予拆除，本次强制执行不拆除房屋');
    const announcement = defaultAnnouncementText(relocation, subjects, schedule);
    expect(announcement.items[0]).toContain('（裁定未准予拆除）');
    expect([announcement.preamble, ...announcement.items].join('')).not.toMatch(/(依法|予以|实施|强制)拆除/);
    expect(defaultAnnouncementText(operation, subjects, schedule).items[0]).toContain('拆除十五日前另行送达强制拆除通知书并函告有关单位');
  });

  it('writes placeholders the issuing check refuses when nothing was entered', () => {
    const { operation, subjects } = demo({ particulars: undefined });
    const text = defaultNoticeText(operation, subjects, { start: '', end: '', selfPerformanceDays: 10 });
    expect(text.compensation).toContain('未填写');
    expect(text.methodAndTime).toContain('（未确定）');
    expect(noticeParagraphs({ ...text, remedy: '  ' })).toHaveLength(8);
  });

  it('masks identity numbers unless the notice legally needs them in full', () => {
    const data = noticeFixture();
    const [zhang] = data.addressees;
    expect(addresseeIdNumber(zhang!)).toBe('110101********4515');
    expect(addresseeIdNumber(zhang!, true)).toBe('110101196203154515');
    expect(noticeAddresseeBlocks(data)).toEqual([
      [
        { label: '被执行人', value: '张建国' },
        { label: '公民身份号码', value: '110101********4515' },
      ],
      [
        { label: '被执行人', value: '李秀兰' },
        { label: '公民身份号码', value: '110101********3023' },
      ],
      // One household: the address once.
      [{ label: '住址', value: '滨江市临江区河西街道柳巷胡同17号' }],
    ]);
    const apart = { ...data, addressees: [zhang!, { ...data.addressees[1]!, address: '滨江市临江区青松路88号', idNumber: '' }] };
    expect(noticeAddresseeBlocks(apart)[1]).toEqual([
      { label: '被执行人', value: '李秀兰' },
      { label: '住址', value: '滨江市临江区青松路88号' },
    ]);
    expect(noticeAddresseeBlocks({ ...data, showFullIdNumber: true })[1]![1]!.value).toBe('110101196508123023');
  });

  it('marks the demo operation’s documents 示例', () => {
    expect(documentMark(true)).toBe('示例');
    expect(documentMark(false)).toBeUndefined();
    expect(noticeFixture().isDemo).toBe(true);
  });

  it('numbers the announcement’s items, states a real move-out period and the time, and lets the cost bearer be changed', () => {
    const { operation, subjects } = demo();
    const text = defaultAnnouncementText(operation, subjects, { ...schedule, costBearer: '被执行人张建国、李秀兰' });
    expect(text.preamble).toContain('临江征补决〔2025〕31号');
    expect(text.preamble).toContain('（2026）滨0103行审45号');
    expect(text.items[1]).toBe('被执行人张建国、李秀兰应当自本公告发布之日起五日内，即于2026年11月30日前自行搬离上述房屋，腾空后交付；逾期未搬离的，依法强制执行。');
    expect(text.items[2]).toContain('强制执行时间：2026年12月8日9时00分至12时00分');
    expect(text.items[3]).toContain('账号1907021109200012345');
    expect(text.items[5]).toBe('强制执行所需费用由被执行人张建国、李秀兰承担（《中华人民共和国行政强制法》第六十条）。');
    const items = announcementItems({ ...text, items: ['甲', ' ', '乙'] });
    expect(items).toEqual(['一、甲', '二、乙']);
  });
});

describe('proof of service text', () => {
  it('lists the documents with their numbers and copies, and ticks the method used', () => {
    const data = proofFixture();
    expect(servedDocumentLines(data)).toEqual(['《强制执行告知书》 临江强执告〔2026〕3号，1份', '《强制执行公告》 临江强执公〔2026〕1号，1份']);
    expect(methodChoices('left')).toBe('□直接送达 ■留置送达 □邮寄送达 □公告送达 □电子送达');
    expect(methodChoices(undefined)).not.toContain('■');
    expect(refusalLines(data)).toEqual([
      '见证人：黄敏（柳巷社区居民委员会，基层组织代表）',
      '见证人：周海（河西街道办事处）',
      '拒收事由：受送达人表示对补偿金额有异议，拒绝签收',
      '拒收日期：2026年11月24日',
      '拍照、录像记录：执法记录仪 LJ-07 视频 20261124-103000.mp4（SHA-256 9f2c4e1a）',
    ]);
    expect(refusalLines(blankProofOfService({ issuer: '', documents: [], isDemo: false }))[0]).toBe('见证人姓名及单位：');
    expect(serviceNote('publication')).toContain('自最后一次公告之日起经过三十日，即视为送达');
    expect(serviceNote('direct')).toContain('同住成年家属签收（《中华人民共和国民事诉讼法》第八十八条）');
  });

  it('says what a proof of service lacks: 留置送达 needs witnesses with the refusal, or a recording', () => {
    expect(proofOfServiceProblems(proofFixture())).toEqual([]);
    const bare = { ...proofFixture(), witnesses: [], refusal: undefined, recording: undefined };
    expect(proofOfServiceProblems(bare)).toEqual([expect.stringContaining('留置送达须有见证人签名')]);
    expect(proofOfServiceProblems({ ...bare, recording: '视频 20261124.mp4' })).toEqual([]);
    const blank = blankProofOfService({ issuer: '滨江市临江区人民政府', documents: proofFixture().documents, isDemo: false });
    expect(proofOfServiceProblems(blank)).toEqual(['未填写受送达人', '未选择送达方式', '未填写送达时间', '未填写送达人']);
  });

  it('leaves writing space in every cell of a blank form', () => {
    const rows = proofOfServiceRows(blankProofOfService({ issuer: '滨江市临江区人民政府', documents: [], isDemo: false }));
    expect(rows.find((r) => r.label === '受送达人')!.lines).toEqual([]);
    expect(rows.find((r) => r.label === '送达时间')!.lines[0]).toMatch(/^\s+年\s+月\s+日\s+时\s+分$/);
    expect(rows.find((r) => r.label === '受送达人签名或盖章')!.space).toBeGreaterThanOrEqual(2);
  });
});

describe.skipIf(!hasPoppler)(popplerSuite('notice documents rendered'), { timeout: 30_000 }, () => {
  it('prints every field of the notice, well broken, with embedded subset fonts', async () => {
    const data = noticeFixture();
    const path = savePdf('notice.pdf', await renderNotice(data, nodeFonts, sampleHead));
    const text = pdfText(path);
    const flat = body(strip(pdfRawText(path)));
    for (const field of [
      '强制执行告知书',
      data.documentNumber,
      '张建国',
      '李秀兰',
      '110101********4515',
      '110101********3023',
      '滨江市临江区河西街道柳巷胡同17号',
      ...noticeParagraphs(data.text),
      data.text.closing,
      data.issuer,
      '2026年11月24日',
      '示例',
    ]) {
      expect(flat, field).toContain(strip(field));
    }
    expect(flat).not.toContain('110101196203154515');
    expectWellBroken(text);
    expectEmbeddedSubsets(path);
    // Everything the law asks the notice to say takes three pages at 3号 on the GB/T 9704 grid.
    expect(pdfPages(text).length).toBeLessThanOrEqual(3);
    expect(flat).toContain('账号1907021109200012345');
    expect(flat).not.toMatch(/第三十七条|六十日内/);
    expectChainHead(text);
  });

  it('prints the full identity number only when asked', async () => {
    const path = savePdf('notice-full-id.pdf', await renderNotice({ ...noticeFixture(), showFullIdNumber: true, isDemo: false }, nodeFonts, sampleHead));
    const flat = strip(pdfRawText(path));
    expect(flat).toContain('110101196203154515');
    expect(flat).not.toContain('示例');
  });

  it('prints every field of the announcement, well broken, with embedded subset fonts', async () => {
    const data = announcementFixture();
    const path = savePdf('announcement.pdf', await renderAnnouncement(data, nodeFonts, sampleHead));
    const text = pdfText(path);
    const flat = body(strip(pdfRawText(path)));
    for (const field of ['强制执行公告', data.documentNumber, data.text.preamble, ...announcementItems(data.text), data.text.closing, data.issuer, '2026年11月24日', '示例']) {
      expect(flat, field).toContain(strip(field));
    }
    expect(flat).toContain('费用由被执行人承担');
    expectChainHead(text);
    expectWellBroken(text);
    expectEmbeddedSubsets(path);
  });

  it('prints a filled proof of service on one page with every field', async () => {
    const data = proofFixture();
    const path = savePdf('proof-of-service.pdf', await renderProofOfService([data], nodeFonts, sampleHead));
    const text = pdfText(path);
    const flat = strip(pdfRawText(path));
    for (const field of [
      '送达回证',
      ...servedDocumentLines(data),
      '共2份',
      data.recipient,
      data.address,
      methodChoices('left'),
      '2026年11月24日10时30分',
      '张伟（代收理由：受送达人之子，同住成年家属）',
      ...refusalLines(data),
      '林涛、孙丽萍',
      data.remarks,
      serviceNote('left'),
      data.issuer,
      '受送达人签名或盖章',
    ]) {
      expect(flat, field).toContain(strip(field));
    }
    expectWellBroken(text);
    expectEmbeddedSubsets(path);
    expect(pdfPages(text)).toHaveLength(1);
    expectChainHead(text);
  });

  it('prints a blank proof of service to fill in by hand, on one page', async () => {
    const blank = blankProofOfService({ issuer: '滨江市临江区人民政府', documents: proofFixture().documents, isDemo: false });
    const path = savePdf('proof-of-service-blank.pdf', await renderProofOfService([blank], nodeFonts, { seq: 0, hash: '0'.repeat(64) }));
    const text = pdfText(path);
    const flat = strip(pdfRawText(path));
    expect(flat).toContain(strip(methodChoices(undefined)));
    expect(flat).toContain('年月日时分');
    expect(flat).not.toContain('■');
    expect(pdfPages(text)).toHaveLength(1);
    expect(flat).toContain('执行日志：尚无记录');
  });
});

describe('missing glyphs', () => {
  it('refuses to print a notice to a name the font lacks, naming the character', async () => {
    const data = noticeFixture();
    const rare = { ...data, addressees: [{ ...data.addressees[0]!, name: '吉𠮷' }] };
    await expect(renderNotice(rare, nodeFonts, sampleHead)).rejects.toThrow('字体中缺少以下字符，无法生成文书：𠮷（U+20BB7）');
    const proof = { ...proofFixture(), recipient: '吉𠮷' };
    await expect(renderProofOfService([proof], nodeFonts, sampleHead)).rejects.toThrow('𠮷（U+20BB7）');
  });
});
