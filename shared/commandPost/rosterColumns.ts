// Pure. Which column of a roster file (名单) holds which person field, guessed from
// the headers member units actually write: synonyms, stray spaces, full-width
// characters, notes in brackets, numbered duplicates (电话1, 电话2).

export const rosterFields = ['name', 'memberUnit', 'post', 'phone', 'badgeNumber', 'trainingCourse', 'trainingDate'] as const;
export type RosterField = (typeof rosterFields)[number];

export const rosterFieldLabels: Record<RosterField, string> = {
  name: '姓名',
  memberUnit: '单位',
  post: '职务',
  phone: '电话',
  badgeNumber: '工作证号',
  trainingCourse: '培训课程',
  trainingDate: '培训日期',
};

/** For each file column, the field it fills, or null for 不导入. */
export type ColumnMapping = (RosterField | null)[];

// Headers as written after normaliseHeader. ASCII words only count when they are the
// whole header: as substrings they hit unrelated words.
const synonyms: Record<RosterField, string[]> = {
  name: ['姓名', '名字', '联系人', 'name'],
  memberUnit: [
    '单位',
    '成员单位',
    '所在单位',
    '工作单位',
    '单位名称',
    '所属单位',
    '派出单位',
    '部门',
    '所在部门',
    '所属部门',
    'unit',
    'department',
    'organization',
  ],
  post: ['职务', '职位', '岗位', '职级', '职称', 'post', 'title', 'position'],
  phone: ['电话', '手机', '手机号', '手机号码', '联系电话', '联系方式', '电话号码', '移动电话', 'tel', 'phone', 'mobile'],
  badgeNumber: [
    '证件号',
    '证件号码',
    '工作证',
    '工作证号',
    '工作证编号',
    '标识编号',
    '标识号',
    '编号',
    '工号',
    '胸牌号',
    '胸卡号',
    '执法证号',
    '警号',
    'badge',
  ],
  trainingCourse: ['培训课程', '培训项目', '培训内容', '培训名称', '培训情况', '培训', 'training'],
  trainingDate: ['培训日期', '培训时间', '参训日期', '参训时间', '培训完成日期'],
};

/** 身份证号 is not what people wear on site, and the console has no business storing it. */
const neverImported = /身份证/;

export function normaliseHeader(text: string): string {
  return text
    .normalize('NFKC') // full-width letters, digits, brackets and the ideographic space
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, '') // 姓名（必填）, 电话[手机]
    .replace(/[\s\u200b*#:：.。、_\-]/g, '')
    .replace(/\d+$/, ''); // 电话1, 电话2
}

/**
 * How well a header names a field. Chinese compound nouns put the head last, so a
 * synonym at the end (联系人电话 → 电话) beats one inside (联系人); longer beats shorter.
 */
function score(header: string, field: RosterField): number {
  let best = 0;
  for (const word of synonyms[field]) {
    if (header === word) return 1000;
    if (/^[a-z]+$/.test(word) || !header.includes(word)) continue;
    best = Math.max(best, (header.endsWith(word) ? 100 : 0) + word.length);
  }
  return best;
}

/** Each field goes to the column that names it best; a column takes at most one field. */
export function guessMapping(header: readonly string[]): ColumnMapping {
  const candidates: { column: number; field: RosterField; score: number }[] = [];
  header.forEach((text, column) => {
    const normalised = normaliseHeader(text);
    if (!normalised || neverImported.test(normalised)) return;
    for (const field of rosterFields) {
      const s = score(normalised, field);
      if (s > 0) candidates.push({ column, field, score: s });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping: ColumnMapping = header.map(() => null);
  const taken = new Set<RosterField>();
  for (const c of candidates) {
    if (taken.has(c.field) || mapping[c.column] !== null) continue;
    mapping[c.column] = c.field;
    taken.add(c.field);
  }
  return mapping;
}

/** Sets one column; the column that had this field before gives it up, so no field is mapped twice. */
export function assignColumn(mapping: ColumnMapping, column: number, field: RosterField | null): ColumnMapping {
  return mapping.map((f, i) => (i === column ? field : f === field ? null : f));
}

/** How many fields a row would fill if it were the header: the best of the first rows is the header. */
export function recognisedFieldCount(row: readonly string[]): number {
  return guessMapping(row).filter((f) => f !== null).length;
}
