// Node tool. `npm run bench:archive`: archive export (shared/archive/archive.ts writeArchiveZip,
// streamed chunk by chunk to a file, a footage file read piece by piece and re-hashed, as
// electron/cli/archive.ts does) against `zip -q -r` of the same files on disk, several
// alternating runs each; reports median MB/s of input.
import { execFileSync } from 'node:child_process';
import { createHash, randomFillSync as fill } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { strToU8 } from 'fflate';
import { writeArchiveZip, type ArchiveFile, type ArchivePlan, type MediaSource } from '../../shared/archive/archive';
import { appendEntry } from '../../shared/log/append';
import type { LogEntry } from '../../shared/log/types';

const PDF_COUNT = 12;
const PDF_BYTES = 14 * 1024 * 1024;
const LOG_ENTRIES = 100_000;
const FOOTAGE_BYTES = 256 * 1024 * 1024;
const FOOTAGE_NAME = 'media/执法记录仪 07 号.mp4';
const RUNS = 3;

/** Random PDF-sized blobs (a PDF's streams are already compressed, so random is realistic). */
function pdfs(): ArchiveFile[] {
  return Array.from({ length: PDF_COUNT }, (_, i) => ({
    name: `documents/notice/临江强执告〔2026〕${i + 1}号-v1.pdf`,
    bytes: fill(new Uint8Array(PDF_BYTES)),
    stored: true,
  }));
}

/** A real hash-chained log, one entry a second, built with the app's appendEntry. */
function log(): ArchiveFile {
  const start = Date.parse('2026-03-05T08:00:00+08:00');
  const lines: string[] = [];
  let previous: LogEntry | undefined;
  for (let i = 0; i < LOG_ENTRIES; i++) {
    previous = appendEntry(
      previous,
      { operationId: 'bench', operator: '张记录', group: 'evidence', category: 'note', text: `第 ${i + 1} 条现场记录：清点物品并拍照，编号 W-${i}。` },
      new Date(start + i * 1000),
    );
    lines.push(`${JSON.stringify(previous)}\n`);
  }
  return { name: 'log.jsonl', bytes: strToU8(lines.join('')), stored: false };
}

/** Registers as the archive holds them: pretty-printed JSON records. */
function registers(): ArchiveFile[] {
  const record = (i: number) => ({ id: `item-${i}`, name: `物品 ${i}`, quantity: i % 7, sha256: '0'.repeat(64), note: '完好，已装箱封存' });
  return ['inventory', 'media', 'service'].map((name) => ({
    name: `${name}.json`,
    bytes: strToU8(`${JSON.stringify(Array.from({ length: 20_000 }, (_, i) => record(i)), null, 2)}\n`),
    stored: false,
  }));
}

/** The footage on disk, read piece by piece as the CLI reads it. */
function fileSource(path: string, fd: number): MediaSource {
  return {
    mediaId: 'footage',
    size: statSync(path).size,
    read: (offset, length) => {
      const buffer = new Uint8Array(length);
      return Promise.resolve(buffer.subarray(0, readSync(fd, buffer, 0, length, offset)));
    },
  };
}

function plan(files: ArchiveFile[], footage: { size: number; sha256: string }): ArchivePlan {
  const media = { name: FOOTAGE_NAME, mediaId: 'footage', originalName: '执法记录仪 07 号.mp4', description: '音像文件', ...footage };
  return { operationId: 'bench', title: 'bench', createdAt: '2026-03-06T08:00:00+08:00', files, media: [media], items: [], documents: [], log: { count: 0, head: null }, stations: { file: 'stations.json', anchor: null, writers: [], checkpoint: null, refused: 0 }, head: null };
}

async function streamToFile(archive: ArchivePlan, footagePath: string, out: string): Promise<void> {
  const fd = openSync(out, 'w');
  const footage = openSync(footagePath, 'r');
  try {
    await writeArchiveZip(archive, strToU8('%PDF-1.4 index'), {
      modifiedAt: new Date('2026-03-06T00:00:00Z'),
      media: [fileSource(footagePath, footage)],
      createSha256: () => createHash('sha256'),
      onChunk: (chunk) => void writeSync(fd, chunk),
    });
  } finally {
    closeSync(footage);
    closeSync(fd);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'archive-bench-'));
  const tree = join(dir, 'files');
  try {
    const files = [...pdfs(), log(), ...registers()];
    for (const f of files) {
      mkdirSync(dirname(join(tree, f.name)), { recursive: true });
      writeFileSync(join(tree, f.name), f.bytes);
    }
    const footage = fill(new Uint8Array(FOOTAGE_BYTES));
    const footagePath = join(tree, FOOTAGE_NAME);
    mkdirSync(dirname(footagePath), { recursive: true });
    writeFileSync(footagePath, footage);
    const archive = plan(files, { size: FOOTAGE_BYTES, sha256: createHash('sha256').update(footage).digest('hex') });
    const input = files.reduce((sum, f) => sum + f.bytes.length, 0) + FOOTAGE_BYTES;
    const mb = input / 1024 / 1024;
    const cases: Record<string, (out: string) => Promise<unknown>> = {
      'zip -q -r（磁盘上的同一批文件）': (out) => Promise.resolve(execFileSync('zip', ['-q', '-r', out, '.'], { cwd: tree })),
      'writeArchiveZip（流式写入文件，音像文件边读边核对 SHA-256）': (out) => streamToFile(archive, footagePath, out),
    };
    const rates: Record<string, number[]> = {};
    const sizes: Record<string, number> = {};
    // Alternating runs after one warm-up, so neither side profits alone from a warmer cache.
    for (let i = 0; i < RUNS + 1; i++) {
      for (const [name, run] of Object.entries(cases)) {
        const out = join(dir, `out-${i}-${Object.keys(cases).indexOf(name)}.zip`);
        const start = performance.now();
        await run(out);
        const seconds = (performance.now() - start) / 1000;
        sizes[name] = statSync(out).size;
        rmSync(out);
        if (i > 0) (rates[name] ??= []).push(mb / seconds);
      }
    }
    const baseline = median(Object.values(rates)[0]!);
    const rows = Object.entries(rates).map(([name, r]) => ({
      用例: name,
      '中位数 MB/s': Math.round(median(r)),
      '各次 MB/s': r.map((x) => Math.round(x)).join(' / '),
      '归档大小 MB': (sizes[name]! / 1024 / 1024).toFixed(1),
      相对基线: `${(median(r) / baseline).toFixed(2)}×`,
    }));
    console.log(
      `归档导出基准：${files.length + 1} 个文件共 ${mb.toFixed(0)} MiB（${PDF_COUNT} 个 PDF 大小的随机内容，` +
        `log.jsonl ${LOG_ENTRIES} 条，3 个 JSON 登记表，` +
        `${FOOTAGE_BYTES / 1024 / 1024} MiB 音像文件），每例 ${RUNS} 次（另预热 1 次），Node ${process.version}`,
    );
    console.table(rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
