// The documents' typefaces (GB/T 9704): which file prints each role (the office's folder,
// the Windows fonts, a named fallback, else the embedded Noto Serif SC), what the PDF says
// about them, and that every font in every document is embedded. Real 仿宋_GB2312 and
// 方正小标宋 cannot be shipped: weights of Noto Serif SC stand in for them under the
// office's file names, and Liberation Sans (no Chinese at all) for a font that lacks glyphs.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Svg, Text as SvgText } from '@react-pdf/renderer';
import { OfficialDocument, OfficialPage, Paragraph, SignatureBlock, Table, Text, Title, Heading, signaturePlacement } from '../../shared/documents/components';
import {
  chooseFontFiles,
  describeFontSet,
  everyRoleHas,
  fontReport,
  fontRoles,
  isKnownFontFile,
  knownFontFileNames,
  knownFontOf,
  roleChains,
  withOfficeFonts,
  type FoundFontFile,
} from '../../shared/documents/fonts';
import { charPitch, page } from '../../shared/documents/metrics';
import { documentKinds, renderDocumentKind } from '../../shared/documents/registry';
import { pdfPageCount, renderToPdfBytes } from '../../shared/documents/render';
import { findFontFiles, fontSearchPlaces } from '../../electron/main/fontFiles';
import { nodeFonts as cliFonts } from '../../electron/cli/common';
import { servedBackup } from '../fixtures/servedBackup';
import { hasPoppler, nodeFonts, notoFile, pdfFonts, pdfPages, pdfText, popplerSuite, savePdf } from '../fixtures/documents/pdf';

type Found = FoundFontFile & { location: string };
const file = (name: string, origin: Found['origin']): Found => ({ name, origin, location: `${origin}/${name}` });

describe('choosing the font file for each role', () => {
  it('takes the office folder’s fonts over the same fonts in the Windows folder', () => {
    const chosen = chooseFontFiles([
      file('simfang.ttf', 'windows'),
      file('SIMHEI.TTF', 'windows'),
      file('simkai.ttf', 'windows'),
      file('FZXBSJW.TTF', 'office'),
      file('simfang.ttf', 'office'),
      file('说明.txt', 'office'),
    ]);
    expect(chosen.title).toMatchObject({ file: { name: 'FZXBSJW.TTF', origin: 'office' }, font: { name: '方正小标宋简体' } });
    expect(chosen.body).toMatchObject({ file: { name: 'simfang.ttf', origin: 'office' }, font: { name: '仿宋' } });
    expect(chosen.heading1).toMatchObject({ file: { name: 'SIMHEI.TTF', origin: 'windows' }, font: { name: '黑体' } });
    expect(chosen.heading2).toMatchObject({ file: { name: 'simkai.ttf', origin: 'windows' }, font: { name: '楷体' } });
  });

  it('uses the usual Windows files when no folder was chosen, and leaves the rest to the fallback', () => {
    const chosen = chooseFontFiles([file('simfang.ttf', 'windows'), file('simhei.ttf', 'windows'), file('simsun.ttc', 'windows'), file('msyh.ttc', 'windows')]);
    expect(Object.keys(chosen).sort()).toEqual(['body', 'heading1']);
    expect(chosen.body?.file.location).toBe('windows/simfang.ttf');
    const report = fontReport(chosen, nodeFonts);
    expect(report.map((r) => [r.role, r.status, r.font])).toEqual([
      ['title', 'missing', 'Noto Serif SC Bold'],
      ['body', 'found', '仿宋'],
      ['heading1', 'found', '黑体'],
      ['heading2', 'missing', 'Noto Serif SC Bold'],
    ]);
    expect(report[0]).toMatchObject({ where: '程序内置（代替）', wanted: `小标宋体：${knownFontFileNames.title.join('、')}` });
    expect(report[1]).toMatchObject({ where: 'Windows 字体文件夹：windows/simfang.ttf' });
  });

  it('falls back to the embedded Noto Serif SC for every role when nothing is found', () => {
    expect(chooseFontFiles([])).toEqual({});
    expect(chooseFontFiles([file('arial.ttf', 'windows'), file('simsun.ttc', 'office')])).toEqual({});
    expect(fontReport({}, nodeFonts).every((r) => r.status === 'missing' && r.where === '程序内置（代替）')).toBe(true);
  });

  it('prefers 仿宋_GB2312 and 楷体_GB2312 to the later 仿宋 and 楷体, and ignores case', () => {
    const chosen = chooseFontFiles([file('simfang.ttf', 'office'), file('仿宋_GB2312.TTF', 'windows'), file('SimKai.TTF', 'office'), file('楷体_gb2312.ttf', 'office')]);
    expect(chosen.body?.font.name).toBe('仿宋_GB2312');
    expect(chosen.heading2?.file.name).toBe('楷体_gb2312.ttf');
  });

  it('takes the named Linux fallback for 黑体 only when no real 黑体 is found, and says it stands in', () => {
    const system = file('NotoSansCJK-Bold.ttc', 'system');
    const fallback = chooseFontFiles([system]);
    expect(fallback.heading1).toMatchObject({ font: { name: 'Noto Sans CJK SC Bold', postscriptName: 'NotoSansCJKsc-Bold', substitute: true } });
    expect(fontReport(fallback, nodeFonts)[2]).toMatchObject({ status: 'substitute', where: '本机字体文件夹：system/NotoSansCJK-Bold.ttc' });
    expect(chooseFontFiles([system, file('simhei.ttf', 'system')]).heading1?.font.name).toBe('黑体');
    expect(chooseFontFiles([system, file('黑体.ttf', 'windows')]).heading1?.font.name).toBe('黑体');
  });

  it('knows font files by name only: nothing else is ever handed out as a font', () => {
    for (const name of ['FZXBSJW.TTF', 'FZXBSJW--GB1-0.ttf', '方正小标宋简体.ttf', 'FZXBSK.TTF', '仿宋_GB2312.ttf', 'simfang.ttf', 'simhei.ttf', 'simkai.ttf', '楷体.otf', 'NotoSansCJK-Bold.ttc']) {
      expect(isKnownFontFile(name), name).toBe(true);
    }
    for (const name of ['simfang.ttf.exe', 'simsun.ttc', 'passwd', '../simhei.ttf', 'simhei.ttc', 'NotoSansCJK-Bold.ttf', 'x/simkai.ttf']) {
      expect(isKnownFontFile(name), name).toBe(false);
    }
    // The names 设置 lists for a role are the ones that role takes.
    for (const role of fontRoles) for (const name of knownFontFileNames[role]) expect(knownFontOf(name)?.role, name).toBe(role);
  });
});

describe('what the PDF says about its fonts', () => {
  const office = withOfficeFonts(nodeFonts, {
    body: { id: 'o1', src: '/x/仿宋_GB2312.ttf', name: '仿宋_GB2312', file: '仿宋_GB2312.ttf', origin: 'office', substitute: false },
    heading1: { id: 'w1', src: 'C:\\Windows\\Fonts\\simhei.ttf', name: '黑体', file: 'simhei.ttf', origin: 'windows', substitute: false },
  });

  it('names each role’s font, its file and where it was found, or that the embedded font stands in', () => {
    expect(describeFontSet(office)).toBe(
      '文书字体：标题 Noto Serif SC Bold（程序内置，代替小标宋体）；正文 仿宋_GB2312（仿宋_GB2312.ttf，单位字体文件夹）；' +
        '一级标题 黑体（simhei.ttf，Windows 字体文件夹）；二级标题 Noto Serif SC Bold（程序内置，代替楷体_GB2312）；' +
        '以上字体缺少的字 Noto Serif SC（程序内置）',
    );
  });

  it('prints a character with the role’s font, else the fallback; refuses one that no font of some role has', () => {
    const chains = roleChains(office);
    expect(chains.body.map((f) => f.id)).toEqual(['o1', 'embedded:regular']);
    expect(chains.title.map((f) => f.id)).toEqual(['embedded:bold']);
    const STONE = 0x5803; // 堃: not in GB2312
    const has = (face: { id: string }, cp: number) => (face.id === 'o1' ? cp !== STONE && cp !== 0x20bb7 : cp !== 0x20bb7);
    expect(everyRoleHas(chains, has)(STONE)).toBe(true);
    expect(everyRoleHas(chains, has)(0x20bb7)).toBe(false);
  });
});

describe('where the host looks for font files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'office-fonts-'));
    mkdirSync(join(dir, 'office', 'sub'), { recursive: true });
    mkdirSync(join(dir, 'Windows', 'Fonts'), { recursive: true });
    for (const name of ['FZXBSJW.TTF', 'SIMFANG.TTF', '说明.txt']) writeFileSync(join(dir, 'office', name), name);
    writeFileSync(join(dir, 'office', 'sub', 'simhei.ttf'), 'x');
    for (const name of ['simfang.ttf', 'simhei.ttf', 'arial.ttf']) writeFileSync(join(dir, 'Windows', 'Fonts', name), name);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('looks in the Windows folders (the machine’s and the user’s own) on Windows, in the usual folders elsewhere', () => {
    expect(fontSearchPlaces({ WINDIR: 'D:\\Win', LOCALAPPDATA: 'C:\\Users\\li\\AppData\\Local' }, 'win32', 'C:\\Users\\li')).toEqual({
      windows: ['D:\\Win\\Fonts', 'C:\\Users\\li\\AppData\\Local\\Microsoft\\Windows\\Fonts'],
      system: [],
    });
    expect(fontSearchPlaces({}, 'win32', '').windows).toEqual(['C:\\Windows\\Fonts']);
    const linux = fontSearchPlaces({}, 'linux', '/home/li');
    expect(linux.windows).toEqual([]);
    expect(linux.system).toEqual(['/usr/share/fonts/opentype/noto', '/usr/local/share/fonts', '/home/li/.local/share/fonts', '/home/li/.fonts']);
  });

  it('lists the known font files directly in the office folder and the machine’s folders, nothing else', async () => {
    const { files, problem } = await findFontFiles(join(dir, 'office'), { windows: [join(dir, 'Windows', 'Fonts')], system: [join(dir, 'none')] });
    expect(problem).toBeUndefined();
    expect(files.map((f) => [f.origin, f.name, f.size])).toEqual([
      ['office', 'FZXBSJW.TTF', 11],
      ['office', 'SIMFANG.TTF', 11],
      ['windows', 'simfang.ttf', 11],
      ['windows', 'simhei.ttf', 10],
    ]);
    expect(files[0]!.path).toBe(join(dir, 'office', 'FZXBSJW.TTF'));
  });

  it('says why the office folder cannot be read', async () => {
    await expect(findFontFiles(join(dir, 'gone'), { windows: [], system: [] })).resolves.toEqual({ files: [], problem: '文件夹不存在' });
    await expect(findFontFiles(join(dir, 'office', 'FZXBSJW.TTF'), { windows: [], system: [] })).resolves.toEqual({ files: [], problem: '不是文件夹' });
  });
});

// —— rendered ——

const strip = (text: string) => text.replace(/\s+/g, '');
const info = (path: string) => spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stdout;
/** The rows of pdffonts: every font must be embedded, as a subset, with a Unicode map. */
function expectAllEmbedded(path: string, what: string): string[] {
  const rows = pdfFonts(path).trim().split('\n').slice(2);
  expect(rows.length, what).toBeGreaterThan(0);
  for (const row of rows) expect(row, `${what}: ${row}`).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+\d+$/);
  return rows;
}

describe.skipIf(!hasPoppler)(popplerSuite('documents printed in the office’s fonts'), { timeout: 60_000 }, () => {
  let officeDir: string;
  beforeAll(() => {
    officeDir = mkdtempSync(join(tmpdir(), '单位字体-'));
    copyFileSync(notoFile('900Black'), join(officeDir, 'FZXBSJW.TTF'));
    copyFileSync(notoFile('300Light'), join(officeDir, '仿宋_GB2312.ttf'));
    copyFileSync(notoFile('600SemiBold'), join(officeDir, 'simhei.ttf'));
    copyFileSync(notoFile('200ExtraLight'), join(officeDir, 'simkai.ttf'));
  });
  afterAll(() => rmSync(officeDir, { recursive: true, force: true }));

  it('prints each role in the office’s font, embeds them all and names them in the PDF’s Keywords', async () => {
    const fonts = await cliFonts(officeDir);
    const doc = (
      <OfficialDocument title="字体测试" createdAt={new Date('2026-12-01T09:00:00+08:00')}>
        <OfficialPage>
          <Title subtitle="临江强执告〔2026〕3号">强制执行告知书</Title>
          <Heading level={1} n={1}>
            执行依据
          </Heading>
          <Heading level={2} n={1}>
            行政裁定
          </Heading>
          <Paragraph>被执行人王堃、李喆应当于2026年12月4日前自行搬离。</Paragraph>
          <SignatureBlock issuer="滨江市临江区人民政府" date="2026年12月1日" />
        </OfficialPage>
      </OfficialDocument>
    );
    const path = savePdf('fonts-office.pdf', await renderToPdfBytes(doc, fonts));
    const rows = expectAllEmbedded(path, 'office');
    const names = rows.map((row) => row.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, '')).sort();
    expect(names).toEqual(['NotoSerifSC-Black', 'NotoSerifSC-ExtraLight', 'NotoSerifSC-Light', 'NotoSerifSC-SemiBold']);
    expect(info(path)).toContain(
      'Keywords:        文书字体：标题 方正小标宋简体（FZXBSJW.TTF，单位字体文件夹）；正文 仿宋_GB2312（仿宋_GB2312.ttf，单位字体文件夹）；' +
        '一级标题 黑体（simhei.ttf，单位字体文件夹）；二级标题 楷体（simkai.ttf，单位字体文件夹）；以上字体缺少的字 Noto Serif SC（程序内置）',
    );
  });

  it('prints the characters an office font lacks with the embedded fallback, and says nothing is missing', async () => {
    // Liberation Sans has Latin letters and digits but no Chinese: as 黑体 every Chinese character falls back.
    const latinOnly = mkdtempSync(join(tmpdir(), 'latin-'));
    copyFileSync(resolve('node_modules/pdfjs-dist/standard_fonts/LiberationSans-Regular.ttf'), join(latinOnly, 'simhei.ttf'));
    const fonts = await cliFonts(latinOnly);
    const doc = (
      <OfficialDocument title="缺字测试" createdAt={new Date('2026-12-01T09:00:00+08:00')}>
        <OfficialPage>
          <Heading level={1} n={1}>
            第2026号执行依据
          </Heading>
          <Table columns={[{ title: 'SHA-256 哈希', weight: 1 }]} rows={[['ab12']]} />
        </OfficialPage>
      </OfficialDocument>
    );
    const path = savePdf('fonts-fallback.pdf', await renderToPdfBytes(doc, fonts));
    rmSync(latinOnly, { recursive: true, force: true });
    const names = expectAllEmbedded(path, 'fallback').map((row) => row.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
    expect(names).toContain('LiberationSans');
    expect(names).toContain('NotoSerifSC-Bold');
    expect(strip(pdfText(path))).toContain('一、第2026号执行依据');
  });

  it('never uses a font it does not embed: not for a line break, nor a figure label without a family', async () => {
    const doc = (
      <OfficialDocument title="内嵌测试" createdAt={new Date('2026-12-01T09:00:00+08:00')}>
        <OfficialPage footerNote="第一行" chainHead={{ seq: 3, hash: 'a'.repeat(64) }}>
          <Paragraph>{'第一行\n第二行'}</Paragraph>
          <Table columns={[{ title: '文件', weight: 1 }]} rows={[['manifest.json\n12 KB']]} />
          <Text style={{ fontFamily: 'Helvetica' }}>Helvetica 123</Text>
          <Svg width={100} height={20}>
            <SvgText x={0} y={10}>
              label 1
            </SvgText>
          </Svg>
        </OfficialPage>
      </OfficialDocument>
    );
    const path = savePdf('fonts-embedded-only.pdf', await renderToPdfBytes(doc, nodeFonts));
    const rows = expectAllEmbedded(path, 'line breaks');
    expect(rows.join('\n')).not.toMatch(/Helvetica|Times|Courier/);
  });
});

describe.skipIf(!hasPoppler)(popplerSuite('every kind of document'), { timeout: 120_000 }, () => {
  const AT = '2026-12-08T14:00:00.000+08:00';
  const sha256 = async (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

  /** A served and executed operation: every kind the registry prints has what it needs. */
  const everyKindBackup = servedBackup;

  it('embeds every font of every kind the registry prints, and names the fonts in its properties', async () => {
    const backup = await everyKindBackup();
    expect(documentKinds.length).toBeGreaterThanOrEqual(8);
    for (const kind of documentKinds) {
      const { bytes } = await renderDocumentKind(kind, backup, nodeFonts, { printedAt: AT, sha256 });
      const path = savePdf(`fonts-kind-${kind}.pdf`, bytes);
      const rows = expectAllEmbedded(path, kind);
      expect(rows.join('\n'), kind).not.toMatch(/Helvetica|Times|Courier/);
      expect(info(path), kind).toMatch(/Keywords:\s+文书字体：标题 Noto Serif SC Bold（程序内置，代替小标宋体）；正文 /);
    }
  });

  it('does the same in the office’s fonts', async () => {
    const backup = await everyKindBackup();
    const officeDir = mkdtempSync(join(tmpdir(), '单位字体-'));
    copyFileSync(notoFile('900Black'), join(officeDir, 'FZXBSJW.TTF'));
    copyFileSync(notoFile('300Light'), join(officeDir, 'simfang.ttf'));
    copyFileSync(notoFile('600SemiBold'), join(officeDir, 'simhei.ttf'));
    copyFileSync(notoFile('200ExtraLight'), join(officeDir, 'simkai.ttf'));
    const fonts = await cliFonts(officeDir);
    try {
      // An issued (or recorded) document is its frozen PDF, printed when it was issued: skipped here.
      const frozen = new Set<string>(backup.documents.filter((d) => d.status === 'issued').map((d) => d.kind));
      for (const kind of documentKinds.filter((k) => !frozen.has(k))) {
        const { bytes } = await renderDocumentKind(kind, backup, fonts, { printedAt: AT, sha256 });
        const path = savePdf(`fonts-kind-office-${kind}.pdf`, bytes);
        const names = expectAllEmbedded(path, kind).map((row) => row.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
        expect(names, kind).toContain('NotoSerifSC-Light');
        expect(names.filter((n) => !n.startsWith('NotoSerifSC-')), kind).toEqual([]);
        expect(info(path), kind).toContain('文书字体：标题 方正小标宋简体（FZXBSJW.TTF，单位字体文件夹）；正文 仿宋（simfang.ttf，单位字体文件夹）');
      }
    } finally {
      rmSync(officeDir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasPoppler)(popplerSuite('page layout'), { timeout: 60_000 }, () => {
  /** Each word pdftotext finds, with its box (points from the top left). */
  function words(path: string): { text: string; xMin: number; xMax: number; yMin: number }[] {
    const html = spawnSync('pdftotext', ['-bbox', path, '-'], { encoding: 'utf8' }).stdout;
    return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map((m) => ({
      xMin: Number(m[1]),
      yMin: Number(m[2]),
      xMax: Number(m[3]),
      text: m[4]!,
    }));
  }

  it('puts the issuer above the date, the date four characters in from the right, the issuer centred over it (§7.3.5.1)', async () => {
    for (const [issuer, date] of [
      ['滨江市临江区人民政府', '2026年12月1日'],
      ['临江区房屋征收事务中心', '2026年1月5日'],
      ['区政府', '2026年12月31日'],
    ] as const) {
      const doc = (
        <OfficialDocument title="署名测试" createdAt={new Date('2026-12-01T09:00:00+08:00')}>
          <OfficialPage>
            <Paragraph>特此告知。</Paragraph>
            <SignatureBlock issuer={issuer} date={date} />
          </OfficialPage>
        </OfficialDocument>
      );
      const all = words(savePdf('signature-block.pdf', await renderToPdfBytes(doc, nodeFonts)));
      const name = all.find((w) => w.text === issuer)!;
      const day = all.find((w) => w.text === date)!;
      expect(name.yMin, issuer).toBeLessThan(day.yMin);
      const right = page.width - page.marginRight;
      expect(Math.abs(right - 4 * charPitch - day.xMax), date).toBeLessThan(2);
      expect(Math.abs((name.xMin + name.xMax) / 2 - (day.xMin + day.xMax) / 2), issuer).toBeLessThan(6);
    }
  });

  it('keeps a very long issuer inside the right margin, its end at the margin', () => {
    const long = '滨江市临江区国有土地上房屋征收与补偿工作领导小组办公室';
    const placed = signaturePlacement(long, '2026年12月1日');
    expect(placed).toEqual({ issuerLeft: 0, issuerWidth: page.textWidth, dateRight: 4 * charPitch });
  });

  /** An announcement of `items` items of about two lines each. */
  const announcement = (items: number) => (
    <OfficialDocument title="公告测试" createdAt={new Date('2026-12-01T09:00:00+08:00')}>
      <OfficialPage>
        <Title subtitle="临江强执公〔2026〕1号">强制执行公告</Title>
        {Array.from({ length: items }, (_, i) => (
          <Paragraph key={i}>{`${i + 1}、被执行人应当于2026年12月4日前自行搬离上述房屋，逾期未搬离的，依法强制执行。`}</Paragraph>
        ))}
        <SignatureBlock issuer="滨江市临江区人民政府" date="2026年11月24日">
          <Paragraph>特此公告。</Paragraph>
        </SignatureBlock>
      </OfficialPage>
    </OfficialDocument>
  );

  it('sets a 公告 a little too long for the standard grid closer, onto one sheet', async () => {
    const standard = await renderToPdfBytes(announcement(10), nodeFonts);
    expect(pdfPageCount(standard)).toBe(2);
    const fitted = await renderToPdfBytes(announcement(10), nodeFonts, { fitOnePage: true });
    expect(pdfPageCount(fitted)).toBe(1);
    const text = strip(pdfText(savePdf('announcement-fitted.pdf', fitted)));
    expect(text).toContain('10、被执行人');
    expect(text).toMatch(/滨江市临江区人民政府2026年11月24日/);
  });

  it('leaves a 公告 that cannot fit one sheet in the standard grid', async () => {
    const fitted = await renderToPdfBytes(announcement(20), nodeFonts, { fitOnePage: true });
    const standard = await renderToPdfBytes(announcement(20), nodeFonts);
    expect(pdfPageCount(fitted)).toBeGreaterThan(1);
    // Line for line the standard layout: the lines were not set closer for nothing.
    const pages = (bytes: Uint8Array, name: string) => pdfPages(pdfText(savePdf(name, bytes)));
    expect(pages(fitted, 'announcement-long.pdf')).toEqual(pages(standard, 'announcement-long-standard.pdf'));
  });
});
