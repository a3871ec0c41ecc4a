// DOM. A roster file as member units send it (.xlsx, or .csv from Chinese Excel,
// often GBK-encoded) → the table the pure roster code works on.
import Papa from 'papaparse';
import { readSheet, InvalidInputError, type CellValue } from 'read-excel-file/browser';
import { toRosterTable, type RosterTable } from '../../../../shared/commandPost/roster';

export const MAX_ROSTER_FILE_BYTES = 10 * 1024 * 1024;
export const ROSTER_FILE_ACCEPT = '.xlsx,.csv';

/**
 * UTF-8 with or without BOM; UTF-16 when it says so (Excel's “Unicode 文本”);
 * anything that is not valid UTF-8 is GB18030, the superset of the GBK that Chinese
 * Excel and WPS write by default.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function parseCsv(bytes: Uint8Array): string[][] {
  // Empty lines are kept so row numbers match what the user sees when opening the file.
  // Comma, tab or semicolon, as spreadsheets export: a '|' in a cell (an address, a note) must
  // not be taken for the delimiter when it happens to split the rows evenly.
  return Papa.parse<string[]>(decodeText(bytes), { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';'] }).data;
}

/**
 * Numbers as Excel shows them in a General cell: a phone stored as a number stays
 * 13800138000 (never 1.38e10), and binary noise like 0.30000000000000004 is dropped.
 */
function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return n.toFixed(0);
  return String(Number(n.toPrecision(15)));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Excel dates arrive as UTC instants of the calendar date shown in the cell. */
function formatDate(d: Date): string {
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const hasTime = d.getUTCHours() !== 0 || d.getUTCMinutes() !== 0;
  return hasTime ? `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : date;
}

function cellText(value: CellValue | null): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? '是' : '否';
  return value instanceof Date ? formatDate(value) : String(value);
}

const xlsxMessages: Partial<Record<InvalidInputError['code'], string>> = {
  XLS_FILE_NOT_SUPPORTED: '这是旧版 Excel（.xls）文件或设置了密码的文件；请在 Excel 中去掉密码并“另存为”.xlsx 后再导入',
  INVALID_ZIP: '文件已损坏或不是真正的 .xlsx 文件；请在 Excel 中打开后重新“另存为”.xlsx',
  FILE_NOT_SUPPORTED: '文件已损坏或不是真正的 .xlsx 文件；请在 Excel 中打开后重新“另存为”.xlsx',
  NO_DATA: '文件是空的，没有可导入的内容',
};

export async function parseXlsx(file: Blob): Promise<string[][]> {
  try {
    // First sheet only: units put the roster first, notes and lookups after it.
    const rows = await readSheet(file);
    return rows.map((row) => row.map(cellText));
  } catch (e) {
    if (e instanceof InvalidInputError) throw new Error(xlsxMessages[e.code] ?? `无法读取该 .xlsx 文件（${e.code}）`);
    throw new Error(`无法读取该 .xlsx 文件：${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Reads the first sheet of an .xlsx or a .csv into a roster table; throws with a Chinese message. */
export async function readRosterFile(file: File): Promise<RosterTable> {
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (extension === 'xls' || extension === 'et' || extension === 'wps') {
    throw new Error(`不支持 .${extension} 格式；请在 Excel 或 WPS 中“另存为”.xlsx 或 .csv 后再导入`);
  }
  if (extension !== 'xlsx' && extension !== 'csv') {
    throw new Error('只能导入 Excel 工作簿（.xlsx）或 CSV 文件（.csv）');
  }
  if (file.size > MAX_ROSTER_FILE_BYTES) {
    throw new Error(`文件过大（${(file.size / 1024 / 1024).toFixed(1)} MB），名单文件不能超过 10 MB`);
  }
  const sheet = extension === 'xlsx' ? await parseXlsx(file) : parseCsv(new Uint8Array(await file.arrayBuffer()));
  const result = toRosterTable(sheet);
  if (!result.ok) throw new Error(result.message);
  return result.table;
}
