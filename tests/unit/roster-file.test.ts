import { describe, expect, it } from 'vitest';
import { decodeText, readRosterFile } from '../../renderer/src/commandPost/roster/readRosterFile';
import { encodeGbk, makeXlsx, toCsv } from '../fixtures/rosterFixtures';

const utf8 = (s: string) => new TextEncoder().encode(s);
const file = (bytes: Uint8Array<ArrayBuffer> | string, name: string) => new File([bytes], name);
const readError = (f: File) =>
  readRosterFile(f).then(
    () => null,
    (e: Error) => e.message,
  );

describe('decoding CSV bytes', () => {
  it('reads GBK bytes as Chinese Excel writes them (张 = D5 C5, 三 = C8 FD)', () => {
    expect(decodeText(new Uint8Array([0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31]))).toBe('张三,1');
  });

  it('agrees with the hand-checked bytes when the test encoder builds GBK', () => {
    expect([...encodeGbk('张三')]).toEqual([0xd5, 0xc5, 0xc8, 0xfd]);
    const text = '姓名,单位,联系电话\r\n欧阳娜娜,区住房和城乡建设委员会（区房屋征收办公室）,13800138000\r\n';
    expect(decodeText(encodeGbk(text))).toBe(text);
  });

  it('reads UTF-8 with or without a BOM, and UTF-16 when it has one', () => {
    expect(decodeText(utf8('\ufeff姓名,单位'))).toBe('姓名,单位');
    expect(decodeText(utf8('姓名,单位'))).toBe('姓名,单位');
    const utf16 = new Uint8Array([0xff, 0xfe, ...[...'姓名\t单位'].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8])]);
    expect(decodeText(utf16)).toBe('姓名\t单位');
  });
});

describe('reading a roster file', () => {
  it('reads a GBK CSV with a title row, quoted cells and an empty line, keeping spreadsheet row numbers', async () => {
    const csv = toCsv([
      ['区强制执行工作人员名单', '', ''],
      ['姓名', '单位', '联系电话'],
      ['张三', '区人民法院', '13800138000'],
      ['', '', ''],
      ['李四', '区住建委, 征收办', '010-66001234'],
      ['王五', '区城管委\r\n执法大队', ''],
    ]);
    const table = await readRosterFile(file(encodeGbk(csv), '名单.csv'));
    expect(table).toEqual({
      header: ['姓名', '单位', '联系电话'],
      rows: [
        ['张三', '区人民法院', '13800138000'],
        ['', '', ''],
        ['李四', '区住建委, 征收办', '010-66001234'],
        ['王五', '区城管委\r\n执法大队', ''],
      ],
      headerRowNumber: 2,
    });
  });

  it('reads the first sheet of an .xlsx as text: phone numbers stay whole, dates and decimals read as shown', async () => {
    const bytes = makeXlsx([
      {
        name: '名单',
        rows: [
          ['公安分局参战人员'],
          ['姓名', '单位', '手机', '工号', '报到日期'],
          ['张三', '区公安分局', 13800138000, 10086, { date: '2026-03-05' }],
          [],
          ['李四', '区公安分局', 0.1 + 0.2, null, null],
        ],
      },
      { name: '说明', rows: [['姓名', '备注'], ['不应读到', '']] },
    ]);
    const table = await readRosterFile(file(bytes, '公安分局.XLSX'));
    expect(table).toEqual({
      header: ['姓名', '单位', '手机', '工号', '报到日期'],
      rows: [
        ['张三', '区公安分局', '13800138000', '10086', '2026-03-05'],
        ['', '', '', '', ''],
        ['李四', '区公安分局', '0.3', '', ''],
      ],
      headerRowNumber: 2,
    });
  });

  it('refuses other types, old Excel files, broken files and files over 10 MB, in Chinese', async () => {
    expect(await readError(file('x', '名单.xls'))).toBe('不支持 .xls 格式；请在 Excel 或 WPS 中“另存为”.xlsx 或 .csv 后再导入');
    expect(await readError(file('x', '名单.txt'))).toBe('只能导入 Excel 工作簿（.xlsx）或 CSV 文件（.csv）');
    expect(await readError(file('x', '名单'))).toBe('只能导入 Excel 工作簿（.xlsx）或 CSV 文件（.csv）');
    const oleHeader = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(await readError(file(oleHeader, '改了扩展名.xlsx'))).toContain('旧版 Excel（.xls）文件或设置了密码的文件');
    expect(await readError(file('姓名,单位\n张三,区法院', '其实是文本.xlsx'))).toContain('不是真正的 .xlsx 文件');
    expect(await readError(file(new Uint8Array(10 * 1024 * 1024 + 1), '大.csv'))).toBe(
      '文件过大（10.0 MB），名单文件不能超过 10 MB',
    );
    expect(await readError(file('', '空.csv'))).toBe('文件是空的，没有可导入的内容');
  });

  it('takes a comma for the delimiter even when a "|" in the cells would split the rows evenly', async () => {
    // Found by fuzz-roster: papaparse guessed '|' for this sheet.
    const rows = [
      ['姓名', '备注', '7-i|Dlc'],
      ['139-0000-0000', '=cmd|" /C calc"!A0', '区公安分局'],
    ];
    const table = await readRosterFile(file(new TextEncoder().encode(toCsv(rows)), '名单.csv'));
    expect(table.rows).toEqual([rows[1]]);
  });
});
