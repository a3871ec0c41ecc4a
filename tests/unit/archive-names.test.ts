// Node (vitest). The file-name rules the archive writer and verifier share (zipNames.ts): the
// writer never makes a name the verifier refuses, whatever a backup's document numbers,
// inventory tags or footage file names hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planArchive } from '../../shared/archive/archive';
import { collisionKey, findCollision, nameProblem, safeSegment, uniqueName } from '../../shared/archive/zipNames';
import { archivableBackup } from '../fixtures/archive/archivable';

describe('nameProblem', () => {
  it.each([
    ['log.jsonl', null],
    ['documents/notice/临江强执告〔2026〕3号-v1.pdf', null],
    ['media/执法记录仪 07 号.mp4', null],
    ['.bashrc', null],
    ['documents/', '含空的路径段（或是目录条目）'],
    ['a//b', '含空的路径段（或是目录条目）'],
    ['x. ', '以点或空格结尾（Windows 会去掉它们，成为另一个文件名）'],
    ['CON', '是 Windows 保留的设备名（CON）'],
    ['a/Com9.tar.gz', '是 Windows 保留的设备名（Com9.tar.gz）'],
    ['a/console.pdf', null],
    ['ab:c', '含 Windows 文件名不允许的字符 ":"'],
    ['PROGRA~1', '含“~数字”（Windows 短文件名的写法，可能指向另一个文件）'],
  ])('%j → %j', (name, problem) => {
    expect(nameProblem(name)).toBe(problem);
  });
});

describe('findCollision', () => {
  it('finds names equal once case and Unicode normalisation are folded, and a file beside a folder of its name', () => {
    expect(findCollision(['a.pdf', 'b.pdf', 'A.PDF'])).toEqual(['a.pdf', 'A.PDF']);
    expect(findCollision(['\u00e9', 'e\u0301'])).toEqual(['\u00e9', 'e\u0301']);
    expect(findCollision(['docs/a.pdf', 'DOCS'])).toEqual(['docs/a.pdf', 'DOCS']);
    expect(findCollision(['docs', 'docs/a.pdf'])).toEqual(['docs', 'docs/a.pdf']);
    expect(findCollision(['docs/a.pdf', 'docs/b.pdf', 'media/a.pdf'])).toBeNull();
  });
});

describe('safeSegment and uniqueName (the writer)', () => {
  it('any text becomes a segment nameProblem accepts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(nameProblem(safeSegment(text))).toBeNull();
      }),
      { numRuns: 2000 },
    );
    expect(safeSegment('CON')).toBe('_CON');
    expect(safeSegment('报告. ')).toBe('报告_');
    expect(safeSegment('a:b~1')).toBe('a_b_1');
  });

  it('numbers a name that collides by case with one taken', () => {
    const taken = new Set<string>();
    expect(['录像.MP4', '录像.mp4', 'media/录像.mp4', 'MEDIA/录像.mp4'].map((n) => uniqueName(n, taken))).toEqual(['录像.MP4', '录像-2.mp4', 'media/录像.mp4', 'MEDIA/录像-2.mp4']);
    expect([...taken]).toEqual(['录像.mp4', '录像-2.mp4', 'media/录像.mp4', 'media/录像-2.mp4'].map(collisionKey));
  });

  it('planArchive names footage and photos the verifier accepts, even from hostile original names', () => {
    const names = ['CON.mp4', 'a.MP4', 'A.mp4', 'x. ', 'clip:1.mp4', 'PROGRA~1.mp4'];
    const footage = names.map((name, i) => ({ id: `m-${i}`, name, bytes: new Uint8Array([i]) }));
    const backup = archivableBackup(5, footage);
    const plan = planArchive(backup, '2026-12-10T10:00:00.000+08:00', footage.map((f) => f.id));
    const all = [...plan.files.map((f) => f.name), ...plan.media.map((m) => m.name)];
    expect(all.map(nameProblem).filter(Boolean)).toEqual([]);
    expect(findCollision(all)).toBeNull();
    expect(plan.media.map((m) => m.name)).toEqual(['media/_CON.mp4', 'media/a.MP4', 'media/A-2.mp4', 'media/x_', 'media/clip_1.mp4', 'media/PROGRA_1.mp4']);
  });
});
