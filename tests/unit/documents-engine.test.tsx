import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  Heading,
  KeyValueBlock,
  OfficialDocument,
  OfficialPage,
  Paragraph,
  SignatureBlock,
  Table,
  Title,
  cellRunLimit,
  type TableColumn,
} from '../../shared/documents/components';
import { pdfFileName } from '../../shared/documents/fileName';
import { MissingGlyphsError, describeCharacter, missingCharacters } from '../../shared/documents/fonts';
import { MAX_UNBROKEN_RUN, SOFT_HYPHEN, breakLongRuns, breakablePieces, segmentForLineBreaking, withNoBreakSpaces } from '../../shared/documents/lineBreaking';
import { chineseNumeral, headingMark } from '../../shared/documents/numbering';
import { renderToPdfBytes } from '../../shared/documents/render';
import { hasPoppler, nodeFonts, pdfFonts, pdfPages, pdfText, popplerSuite, savePdf } from '../fixtures/documents/pdf';

const CLOSING = '，。、；：！？）」』》〕】…”’';
const OPENING = '（「『《〔【“‘';

describe('segmentForLineBreaking', () => {
  it('keeps court numbers whole where they must not break', () => {
    expect(segmentForLineBreaking('（2026）京0102行审123号')).toEqual(['（2026）', '京', '0102', '行', '审', '123号']);
    // A counter after digits belongs to the number: never "行审45 / 号".
    expect(segmentForLineBreaking('（2026）滨0103行审45号《行政裁定书》')).toEqual(['（2026）', '滨', '0103', '行', '审', '45号', '《行', '政', '裁', '定', '书》']);
    expect(segmentForLineBreaking('2026年12月8日，共10项')).toEqual(['2026年', '12月', '8日，', '共', '10项']);
    // Only after digits: a 号 of its own may start a line.
    expect(segmentForLineBreaking('号码')).toEqual(['号', '码']);
  });

  it('joins two codes across a dash, a tilde or a en dash like across a hyphen', () => {
    expect(segmentForLineBreaking('标签A001—A006共6箱')).toEqual(['标', '签', 'A001—A006', '共', '6箱']);
    expect(segmentForLineBreaking('1-001——1-010')).toEqual(['1-001——1-010']);
    expect(segmentForLineBreaking('3~5层')).toEqual(['3~5层']);
    // A dash between Chinese words stays a mark of its own.
    expect(segmentForLineBreaking('完毕——开始')).toEqual(['完', '毕', '——', '开', '始']);
  });

  it('lets a run too long for its table cell break after its joiners, then every so many characters', () => {
    expect(breakLongRuns('封条号FC-2026-0012）', 8)).toBe(`封条号FC-2026-${SOFT_HYPHEN}0012）`);
    expect(breakLongRuns('封条号FC-2026-0012）', 12)).toBe('封条号FC-2026-0012）');
    expect(breakLongRuns('ABCDEFGHIJ', 4)).toBe(['ABCD', 'EFGH', 'IJ'].join(SOFT_HYPHEN));
    // The soft hyphen stays with the piece before it: the break falls after it.
    expect(segmentForLineBreaking(breakLongRuns('FC-2026-0012）', 8))).toEqual([`FC-2026-${SOFT_HYPHEN}`, '0012）']);
    const columns: TableColumn[] = [{ title: '序号', weight: 1 }, { title: '备注', weight: 9 }];
    expect(cellRunLimit(columns[0]!, columns)).toBeLessThan(cellRunLimit(columns[1]!, columns));
    expect(cellRunLimit(columns[0]!, columns)).toBe(3);
  });

  it('keeps closing punctuation with what precedes it and opening punctuation with what follows', () => {
    expect(segmentForLineBreaking('执行。“先补偿、后搬迁”原则：（一）')).toEqual([
      '执',
      '行。',
      '“先',
      '补',
      '偿、',
      '后',
      '搬',
      '迁”',
      '原',
      '则：',
      '（一）',
    ]);
  });

  it('never splits an ellipsis, a dash, a date, a decimal or a Latin word', () => {
    expect(segmentForLineBreaking('等等……完毕——2026-05-20，3.5米，Noto Serif')).toEqual([
      '等',
      '等……',
      '完',
      '毕',
      '——',
      '2026-05-20，',
      '3.5米，',
      'Noto ',
      'Serif',
    ]);
  });

  it('treats a character outside the BMP as one character', () => {
    expect(segmentForLineBreaking('吉𠮷堃')).toEqual(['吉', '𠮷', '堃']);
  });

  it('cuts only runs too long for a line, and keeps identity and account numbers whole', () => {
    expect(segmentForLineBreaking('110101196203154515')).toEqual(['110101196203154515']);
    expect(segmentForLineBreaking('6222021001123456789012')).toEqual(['6222021001123456789012']);
    const hash = 'a'.repeat(64);
    expect(segmentForLineBreaking(hash)).toEqual(['a'.repeat(MAX_UNBROKEN_RUN), 'a'.repeat(MAX_UNBROKEN_RUN)]);
  });

  const alphabet = fc.constantFrom(...'中国人民法院裁定书𠮷堃abcXYZ0123456789.-/ ', ...CLOSING, ...OPENING, '—', '…');
  const texts = fc.array(alphabet, { maxLength: 60 }).map((chars) => chars.join(''));

  it('gives back exactly the text it was given', () => {
    fc.assert(fc.property(texts, (text) => segmentForLineBreaking(text).join('') === text));
  });

  it('never lets a piece start with closing punctuation or end with opening punctuation', () => {
    fc.assert(
      fc.property(texts, (text) => {
        const segments = segmentForLineBreaking(text);
        return segments.every((segment, i) => {
          const chars = [...segment];
          const startsClosed = i > 0 && CLOSING.includes(chars[0]!);
          const endsOpen = i < segments.length - 1 && OPENING.includes(chars.at(-1)!);
          return !startsClosed && !endsOpen;
        });
      }),
    );
  });

  it('answers the hyphenation callback with an empty piece after each segment, so no hyphen is inserted', () => {
    expect(breakablePieces('依法执行。')).toEqual(['依', '', '法', '', '执', '', '行。', '']);
  });

  it('turns ASCII spaces into no-break spaces of the same length', () => {
    const text = '对讲机 1 频道';
    expect(withNoBreakSpaces(text)).toBe('对讲机\u00a01\u00a0频道');
    expect(withNoBreakSpaces(text)).toHaveLength(text.length);
  });
});

describe('sequence marks', () => {
  it('numbers in Chinese up to 99', () => {
    expect([1, 9, 10, 11, 20, 21, 99].map(chineseNumeral)).toEqual(['一', '九', '十', '十一', '二十', '二十一', '九十九']);
    expect(() => chineseNumeral(100)).toThrow(RangeError);
  });

  it('marks the four heading levels of GB/T 9704', () => {
    expect([headingMark(1, 2), headingMark(2, 3), headingMark(3, 4), headingMark(4, 5)]).toEqual(['二、', '（三）', '4.', '（5）']);
  });
});

describe('file names', () => {
  it('offers a name the host accepts, ending in .pdf', () => {
    expect(pdfFileName('强制执行预案（第2版）')).toBe('强制执行预案（第2版）.pdf');
    expect(pdfFileName('任务卡.PDF')).toBe('任务卡.pdf');
    expect(pdfFileName('A/B:C*D?"E"<F>|G')).toBe('A_B_C_D__E__F__G.pdf');
    expect(pdfFileName('  ')).toBe('文书.pdf');
  });
});

describe('missing glyphs', () => {
  it('lists each missing character once, skipping layout controls', () => {
    const has = (cp: number) => cp !== 0x20bb7;
    expect(missingCharacters('𠮷𠮷\n吉', has)).toEqual(['𠮷']);
    expect(missingCharacters('\u00ad\u200b', () => false)).toEqual([]);
  });

  it('names the characters and their code points in Chinese', () => {
    expect(describeCharacter('堃')).toBe('堃（U+5803）');
    expect(new MissingGlyphsError(['𠮷']).message).toBe('字体中缺少以下字符，无法生成文书：𠮷（U+20BB7）');
  });
});

const tricky = [
  '根据滨江市临江区人民法院（2026）京0102行审123号行政裁定书，本机关决定对位于滨江市临江区河西街道柳巷胡同17号的房屋依法实施强制执行。',
  '被执行人张建国、李秀兰应当于2026年12月1日前自行搬离；逾期不搬离的，依法强制执行，所需费用由被执行人承担（《中华人民共和国行政强制法》第六十条）。',
  '“先补偿、后搬迁”原则已经落实：补偿款已存入专户（账号6222021001123456789）……周转房位于滨江市临江区青松路88号3栋2单元501室！',
  '现场人员统一佩戴标识——对讲机 1 频道、2 频道保持畅通？如遇紧急情况，立即报告现场执行指挥（电话13907310125）。Noto Serif SC 排版测试，居民姓名如王堃、李喆照常显示。',
];

function engineSample(footerNote?: string, headerMark?: string) {
  return (
    <OfficialDocument title="排版测试" createdAt={new Date('2026-12-01T09:00:00+08:00')}>
      <OfficialPage footerNote={footerNote} headerMark={headerMark}>
        <Title subtitle="（测试）">强制执行排版测试</Title>
        <Heading level={1} n={1}>
          正文
        </Heading>
        {Array.from({ length: 4 }, (_, round) => tricky.map((text, i) => <Paragraph key={`${round}-${i}`}>{text}</Paragraph>))}
        <Heading level={2} n={1}>
          表格
        </Heading>
        <Table
          columns={[
            { title: '序号', weight: 1, align: 'center' },
            { title: '姓名', weight: 2 },
            { title: '单位', weight: 5 },
          ]}
          rows={[['1', '王堃', '滨江市临江区房屋征收事务中心']]}
        />
        <KeyValueBlock items={[{ label: '执行依据', value: '临江征补决〔2026〕12号' }]} />
        <SignatureBlock issuer="滨江市临江区人民政府" date="2026年12月1日" />
      </OfficialPage>
    </OfficialDocument>
  );
}

const strip = (text: string) => text.replace(/\s+/g, '');
/** "— 1 —"; pdftotext drops the narrow spaces around the number. */
const PAGE_NUMBER = /^—\s*(\d+)\s*—$/;

describe.skipIf(!hasPoppler)(popplerSuite('rendered PDF'), () => {
  it('keeps every character in order, breaks lines by the Chinese rules and inserts no hyphen', async () => {
    const path = savePdf('engine-breaking.pdf', await renderToPdfBytes(engineSample('测试页脚'), nodeFonts));
    const text = pdfText(path);
    expect(text).not.toContain('-');
    // The text lines without the page chrome (page numbers, footer) that falls between them.
    const lines = text
      .split(/[\n\f]/)
      .map((line) => line.trim())
      .filter((line) => line !== '' && !PAGE_NUMBER.test(line) && line !== '测试页脚');
    // All paragraphs, in order, every character present.
    expect(strip(lines.join(''))).toContain(strip(Array.from({ length: 4 }, () => tricky.join('')).join('')));
    for (const [i, line] of lines.entries()) {
      expect(CLOSING.includes(line[0]!), `line starts with closing punctuation: ${line}`).toBe(false);
      expect(OPENING.includes(line.at(-1)!), `line ends with opening punctuation: ${line}`).toBe(false);
      const next = lines[i + 1];
      if (next !== undefined) {
        expect(/[0-9A-Za-z]$/.test(line) && /^[0-9A-Za-z]/.test(next), `number or word split: ${line} / ${next}`).toBe(false);
      }
    }
  });

  it('lays out the GB/T 9704 grid: 28 characters a line, 22 lines a page, numbered pages', async () => {
    const line = '中国人民共和国'.repeat(4);
    const doc = (
      <OfficialDocument title="版心测试" createdAt={new Date('2026-12-01T09:00:00+08:00')}>
        <OfficialPage>
          {Array.from({ length: 30 }, (_, i) => (
            <Paragraph key={i} indent={false}>
              {line.repeat(2)}
            </Paragraph>
          ))}
        </OfficialPage>
      </OfficialDocument>
    );
    const pages = pdfPages(pdfText(savePdf('engine-grid.pdf', await renderToPdfBytes(doc, nodeFonts))));
    const bodyLines = (page: string) => page.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('中'));
    expect(bodyLines(pages[0]!)).toHaveLength(22);
    expect(bodyLines(pages[0]!).every((l) => l === line)).toBe(true);
    const pageNumber = (page: string) => page.split('\n').map((l) => PAGE_NUMBER.exec(l.trim())?.[1]).find(Boolean);
    expect(pages.map(pageNumber)).toEqual(['1', '2', '3']);
  });

  it('wraps a long code inside a narrow cell instead of printing past its border', async () => {
    const columns: TableColumn[] = [
      { title: '序号', weight: 1, align: 'center' },
      { title: '备注', weight: 3 },
      { title: '物品', weight: 10 },
    ];
    const doc = (
      <OfficialDocument title="表格测试" createdAt={new Date('2026-12-01T09:00:00+08:00')}>
        <OfficialPage>
          <Table columns={columns} rows={[['1', '封条号FC-2026-0012）', '冰箱']]} />
        </OfficialPage>
      </OfficialDocument>
    );
    const text = pdfText(savePdf('engine-table-wrap.pdf', await renderToPdfBytes(doc, nodeFonts)));
    expect(text).not.toContain('FC-2026-0012');
    expect(text).toMatch(/FC-2026-\s/);
    expect(text).toMatch(/^\s*0012）/m);
    expect(text).not.toContain('\u00ad');
  });

  it('keeps a closing block with the last rows of a table, the header repeated above them', async () => {
    const columns: TableColumn[] = [{ title: '序号', weight: 1 }, { title: '内容', weight: 9 }];
    const rows = Array.from({ length: 40 }, (_, i) => [String(i + 1), `第${i + 1}行`]);
    const doc = (
      <OfficialDocument title="表格测试" createdAt={new Date('2026-12-01T09:00:00+08:00')}>
        <OfficialPage>
          <Table columns={columns} rows={rows} closing={<Paragraph>{'表格结束语。'.repeat(60)}</Paragraph>} />
        </OfficialPage>
      </OfficialDocument>
    );
    const pages = pdfPages(pdfText(savePdf('engine-table-closing.pdf', await renderToPdfBytes(doc, nodeFonts))));
    const last = pages.at(-1)!;
    expect(pages.length).toBeGreaterThan(1);
    expect(last).toContain('表格结束语');
    expect(last).toMatch(/第39行[\s\S]*第40行/);
    expect(last).toContain('序号');
    expect(pages.slice(0, -1).join('')).not.toContain('表格结束语');
  });

  it('embeds Noto Serif SC as subsets and prints the footer note and mark on every page', async () => {
    const path = savePdf('engine-fonts.pdf', await renderToPdfBytes(engineSample('页脚说明：日志链头 0f3a', '示例'), nodeFonts));
    const fonts = pdfFonts(path);
    expect(fonts).toMatch(/^[A-Z]{6}\+NotoSerifSC-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/m);
    expect(fonts).toMatch(/^[A-Z]{6}\+NotoSerifSC-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/m);
    const pages = pdfPages(pdfText(path));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) {
      expect(page).toContain('页脚说明：日志链头 0f3a');
      expect(page).toContain('示例');
      expect(page.split('\n').some((line) => PAGE_NUMBER.test(line.trim()))).toBe(true);
    }
  });
});

describe('rendering', () => {
  it('refuses to print characters the font lacks, naming them', async () => {
    const doc = (
      <OfficialDocument title="生僻字" createdAt={new Date('2026-12-01T09:00:00+08:00')}>
        <OfficialPage>
          <Paragraph>被执行人吉𠮷、王堃、李喆</Paragraph>
        </OfficialPage>
      </OfficialDocument>
    );
    await expect(renderToPdfBytes(doc, nodeFonts)).rejects.toThrow('字体中缺少以下字符，无法生成文书：𠮷（U+20BB7）');
  });

  it('renders one document at a time, so simultaneous renders all succeed', async () => {
    const small = (n: number) => (
      <OfficialDocument title={`并发${n}`} createdAt={new Date('2026-12-01T09:00:00+08:00')}>
        <OfficialPage>
          <Paragraph>第{n}份文书</Paragraph>
        </OfficialPage>
      </OfficialDocument>
    );
    const results = await Promise.all([1, 2, 3].map((n) => renderToPdfBytes(small(n), nodeFonts)));
    for (const bytes of results) expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  });
});
