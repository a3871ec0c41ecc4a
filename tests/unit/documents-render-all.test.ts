import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBackup, serialiseBackup, type OperationBackup } from '../../shared/archive/backup';
import { announcementPeriod, demolitionNoticeServedOn, operationPeriodEnd, subjectPeriods } from '../../shared/documents/periods';
import type { DocumentRecord, PostingRecord, ServiceRecord } from '../../shared/documents/records';
import { documentKinds, renderDocumentKind } from '../../shared/documents/registry';
import { hasPoppler, nodeFonts, outputDir, pdfPages, pdfRawText, popplerSuite, savePdf } from '../fixtures/documents/pdf';
import { servedBackup } from '../fixtures/servedBackup';

const sha256 = (bytes: Uint8Array) => Promise.resolve(createHash('sha256').update(bytes).digest('hex'));
const flat = (text: string) => text.replace(/\s+/g, '');

let backup: OperationBackup;
beforeAll(async () => {
  // Through the file format, as `npm run render` reads it.
  const text = serialiseBackup(await servedBackup());
  // Kept beside the PDFs, to run the acceptance check's steps against it by hand.
  writeFileSync(join(outputDir, 'served-backup.json'), text);
  const parsed = parseBackup(text);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  backup = parsed.backup;
}, 120_000);

describe('a served operation read from its backup', () => {
  it('has each subject’s period, the operation’s ending with the last, the 公告’s and the demolition notice’s service', () => {
    const documents = backup.documents as unknown as DocumentRecord[];
    const services = backup.services as unknown as ServiceRecord[];
    const periods = subjectPeriods({ subjects: backup.subjects, documents, services });
    expect(periods.map((p) => [p.name, p.method, p.servedOn, p.periodEndsOn])).toEqual([
      ['张建国', 'left', '2026-11-20', '2026-11-30'],
      ['李秀兰', 'direct', '2026-11-20', '2026-11-30'],
      ['王小明', 'post', '2026-11-21', '2026-12-01'],
    ]);
    expect(operationPeriodEnd(periods)).toBe('2026-12-01');
    expect(announcementPeriod({ documents, postings: backup.postings as unknown as PostingRecord[] })).toEqual({
      documentId: 'demo-announcement',
      postedOn: '2026-12-01',
      endsOn: '2026-12-07',
    });
    expect(demolitionNoticeServedOn({ documents, services })).toBe('2026-11-21');
  });
});

describe.skipIf(!hasPoppler)(popplerSuite('every kind renders from the backup'), { timeout: 120_000 }, () => {
  it('renders every kind the registry lists', async () => {
    for (const kind of documentKinds) {
      const { bytes, source } = await renderDocumentKind(kind, backup, nodeFonts, { printedAt: '2026-12-09T10:00:00.000+08:00', sha256 });
      expect(bytes.subarray(0, 5), kind).toEqual(new TextEncoder().encode('%PDF-'));
      expect(source, kind).not.toBe('');
      savePdf(`served-${kind}.pdf`, bytes);
    }
  });

  it('meets the points a legal reviewer struck (the acceptance check 08-legal)', async () => {
    const render = async (kind: (typeof documentKinds)[number]) =>
      savePdf(`served-${kind}.pdf`, (await renderDocumentKind(kind, backup, nodeFonts, { printedAt: '2026-12-09T10:00:00.000+08:00', sha256 })).bytes);
    const notice = flat(pdfRawText(await render('notice')));
    expect(notice).not.toContain('第三十七条');
    expect(notice).toContain('第二十八条');
    expect(notice).not.toMatch(/六十日内.{0,40}行政复议/);
    expect(notice).toMatch(/(专户|账号|提存)[^0-9]{0,40}[0-9]{8,}/);
    expect(flat(pdfRawText(await render('courtReport')))).not.toContain('临时指挥部（盖章）');
    // One 送达回证 page per subject, with no other subject's name on it.
    const names = backup.subjects.map((s) => s.name);
    const pages = pdfPages(pdfRawText(await render('proofOfService'))).map(flat);
    for (const name of names) expect(pages.some((p) => p.includes(name) && names.filter((n) => p.includes(n)).length === 1), name).toBe(true);
    // The 公告: at least two dates after its own date (the move-out deadline and the enforcement day).
    const announcement = flat(pdfRawText(await render('announcement')));
    const dates = [...announcement.matchAll(/(20\d\d)年(\d{1,2})月(\d{1,2})日/g)].map((m) => `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
    const own = dates.at(-1)!;
    expect(own).toBe('2026-12-01');
    expect(new Set(dates.filter((d) => d > own))).toEqual(new Set(['2026-12-07', '2026-12-08']));
  });
});
