import { describe, expect, it } from 'vitest';
import { checkpointInput, checkpointLine, countersignInput, countersignRefusal, latestAgreedCheckpoint } from '../../shared/stations/checkpoints';
import { clockFlag, clockInput, loggedOffsets, measureOffset, shouldLogOffset, trustedTime } from '../../shared/stations/clock';
import { checkEntryDoc, entryDoc, entryDocId, entryRev, withheldDoc, writerRange } from '../../shared/stations/docs';
import { sha256Hex } from '../../shared/stations/canonical';
import { toBase64 } from '../../shared/stations/encoding';
import { inviteLink, parseInviteLink, shortAuthString } from '../../shared/stations/pairing';
import { classesOf, fieldMayHold, profileOf, withhold } from '../../shared/stations/redaction';
import { demoSigner } from '../../shared/stations/signer';
import { OP, operator, SimStation, sync } from './stations-helpers';

describe('checkpoints', () => {
  it('the latest checkpoint agreed by a given set of stations, for PDFs to print', async () => {
    const hub = new SimStation('hub');
    const [a, b] = [new SimStation('a'), new SimStation('b')];
    await a.note('1');
    await b.note('2');
    sync(a, hub);
    sync(b, hub);
    const first = await hub.write(checkpointInput(hub.entries(), hub.key));
    expect(Object.keys(first.data['heads'] as object).sort()).toEqual([a.key, b.key].sort());
    sync(a, hub);
    sync(b, hub);
    expect(countersignRefusal(first, new Set(a.entries().map((e) => e.hash)))).toBeNull();
    await a.write(countersignInput(first, operator));
    await b.write(countersignInput(first, operator));
    await a.note('3');
    sync(a, hub);
    const second = await hub.write(checkpointInput(hub.entries(), hub.key));
    sync(a, hub);
    await a.write(countersignInput(second, operator));
    sync(a, hub);
    sync(b, hub);
    const all = hub.entries();
    expect(countersignRefusal(second, new Set(b.entries().filter((e) => e.text !== '3').map((e) => e.hash)))).toMatch(/没有检查点所列的 1 个链头/);
    expect(latestAgreedCheckpoint(all, new Set([hub.key]), [a.key])?.checkpoint.hash).toBe(second.hash);
    const both = latestAgreedCheckpoint(all, new Set([hub.key]), [a.key, b.key])!;
    expect(both.checkpoint.hash).toBe(first.hash);
    expect(checkpointLine(both)).toBe(`多站记录检查点：2 个工作站的链头，2 个工作站会签  SHA-256 ${first.hash}`);
    expect(latestAgreedCheckpoint(all, new Set([a.key]), [b.key])).toBeNull(); // a is no hub
  });
});

describe('clock offsets', () => {
  it('more than 60 s off is flagged, in Chinese', () => {
    expect(clockFlag(59_000)).toBeNull();
    expect(clockFlag(-61_000)).toMatch(/^该工作站时钟比同步中心慢 61 秒（超过 60 秒）：其记录时间不能用于夜间和节假日规则的判断/);
    expect(clockFlag(3 * 3600_000)).toMatch(/快 3 小时/);
    expect(measureOffset(10_500, 10_000, 200)).toBe(600);
  });

  it('logs an offset when first measured, when it moves, or when it crosses the flag', () => {
    expect(shouldLogOffset(undefined, 10)).toBe(true);
    expect(shouldLogOffset(10, 900)).toBe(false);
    expect(shouldLogOffset(10, 2500)).toBe(true);
    expect(shouldLogOffset(59_500, 60_500)).toBe(true);
  });

  it('a clock set back cannot make a night entry look like a day entry', async () => {
    const hub = new SimStation('hub');
    const night = Date.UTC(2026, 2, 5, 15, 0); // 23:00 in Beijing
    const phone = new SimStation('phone', () => night - 10 * 3600_000); // set back 10 hours: 13:00
    await hub.write(clockInput({ station: phone.key, offsetMs: -10 * 3600_000, rttMs: 40, atMs: night - 60_000 }, '手机'));
    const entry = await phone.note('夜间作业');
    const time = trustedTime(entry, loggedOffsets(hub.entries(), new Set([hub.key])));
    expect(new Date(time.ms).toISOString()).toBe('2026-03-05T15:00:00.000Z');
    expect(time.flag).toMatch(/慢 10 小时/);
    expect(trustedTime(entry, new Map()).flag).toBe('该工作站的时钟尚未与同步中心核对');
  });
});

describe('what each role’s device holds', () => {
  it('entries with ID numbers, health notes, PIN data or footage are withheld from field devices', async () => {
    const s = new SimStation('c');
    const subject = await s.write({ operator, category: 'note', text: '登记被执行人', act: { kind: 'subject.put', changes: [{ table: 'subjects', op: 'put', id: 's1', record: { idNumber: '110101199003071234' } }] } });
    const health = await s.write({ operator, category: 'note', text: '老人有心脏病', classes: ['vulnerability'] });
    const footage = await s.write({ operator, category: 'note', text: '录像', files: [{ name: 'a.mp4', sha256: 'a'.repeat(64), contentType: 'video/mp4', size: 1 }] });
    const plain = await s.note('外围警戒到位');
    expect([...classesOf(subject)]).toEqual(['identity', 'vulnerability']);
    expect([subject, health, footage, plain].map(fieldMayHold)).toEqual([false, false, false, true]);
    expect(profileOf('groupLeader')).toBe('field');
    expect(profileOf('notary')).toBe('full');
    const stub = withheldDoc(withhold(subject));
    expect(JSON.stringify(stub)).not.toContain('110101199003071234');
    expect(stub._id.startsWith('w.')).toBe(true);
  });
});

describe('entries as CouchDB documents', () => {
  it('id and rev come from the content; one writer’s chain is one key range in seq order', async () => {
    const s = new SimStation('a');
    const e = await s.note('x');
    const doc = entryDoc(e);
    expect(doc._id).toBe(`e.${e.writer}.000000000001.${e.hash}`);
    expect(doc._rev).toBe(`1-${e.hash.slice(0, 32)}`);
    expect(doc._id > writerRange(e.writer).startkey && doc._id < writerRange(e.writer).endkey).toBe(true);
    expect(checkEntryDoc(JSON.parse(JSON.stringify(doc)), OP)).toEqual({ ok: true, entry: e });
  });

  it('refuses a revision 2, a deletion, a mismatched id, extra fields, a bad signature and a wrong attachment', async () => {
    const s = new SimStation('a');
    const bytes = new TextEncoder().encode('%PDF-1.7 告知书');
    const e = await s.write({ operator, category: 'note', text: '告知书', files: [{ name: 'notice.pdf', sha256: sha256Hex(bytes), contentType: 'application/pdf', size: bytes.length }] });
    const doc = entryDoc(e, { 'notice.pdf': { content_type: 'application/pdf', data: toBase64(bytes) } }) as unknown as Record<string, unknown>;
    expect(checkEntryDoc(doc, OP).ok).toBe(true);
    const reason = (d: Record<string, unknown>, op = OP) => (checkEntryDoc(d, op) as { reason: string }).reason;
    expect(reason({ ...doc, _rev: `2-${'a'.repeat(32)}` })).toMatch(/记录只能有一个版本：拒绝第 2 版/);
    expect(reason({ ...doc, _revisions: { start: 2, ids: ['a', 'b'] } })).toMatch(/修订历史不是单一的第 1 版/);
    expect(reason({ ...doc, _deleted: true })).toMatch(/记录不能删除/);
    expect(reason({ ...doc, _id: entryDocId({ ...e, seq: 2 }) })).toMatch(/文档编号与记录内容不符/);
    expect(reason({ ...doc, _rev: entryRev({ hash: 'f'.repeat(64) }) })).toMatch(/版本号与其内容不符/);
    expect(reason({ ...doc, note: 1 })).toMatch(/多余字段「note」/);
    expect(reason({ ...doc, entry: { ...e, sig: demoSigner('x').publicKey + demoSigner('x').publicKey.slice(0, 43) } })).toMatch(/签名无效/);
    expect(reason({ ...doc, _attachments: { 'notice.pdf': { content_type: 'application/pdf', data: toBase64(new Uint8Array([1])) } } })).toMatch(/SHA-256 不符/);
    expect(reason({ ...doc, _attachments: { 'other.pdf': { content_type: 'application/pdf', data: '' } } })).toMatch(/未在记录中登记/);
    expect(reason(doc, 'other-op')).toMatch(/另一次执行行动/);
  });
});

describe('pairing', () => {
  const invite = { url: 'https://192.0.2.10:47740', fingerprint: 'ab'.repeat(32), token: 'tok_' + 'x'.repeat(30), op: OP, anchor: demoSigner('c').publicKey };

  it('the QR link round-trips and keeps the token in the fragment (never sent to a server)', () => {
    const link = inviteLink(invite);
    expect(link.startsWith('https://192.0.2.10:47740/pair#v=1&fp=')).toBe(true);
    expect(parseInviteLink(link)).toEqual({ ok: true, invite });
    expect(parseInviteLink('https://x/pair#v=1')).toMatchObject({ ok: false, message: '配对码缺少同步中心证书指纹' });
    expect(parseInviteLink('http://x/other')).toMatchObject({ ok: false });
  });

  it('the short authentication string changes with the station key, the token or the certificate', () => {
    const sas = shortAuthString(invite.fingerprint, invite.token, invite.anchor, 'n1');
    expect(sas).toMatch(/^\d{3} \d{3}$/);
    expect(shortAuthString(invite.fingerprint, invite.token, invite.anchor, 'n1')).toBe(sas);
    expect(shortAuthString(invite.fingerprint, invite.token, demoSigner('mitm').publicKey, 'n1')).not.toBe(sas);
    expect(shortAuthString('cd'.repeat(32), invite.token, invite.anchor, 'n1')).not.toBe(sas);
  });
});
