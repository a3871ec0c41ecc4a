// Pure. 《物品清单》 (民诉法第二百五十六条): the belongings listed item by item for one
// destination, signed by the notary, two witnesses, the inventory group and the subject,
// with a line for a refusal; each destination's list is printed twice (第一联、第二联),
// each copy its own page run numbered 第 x 页 共 y 页.
import { StyleSheet, View } from '@react-pdf/renderer';
import { OfficialDocument, OfficialPage, Table, Text, Title, type TableColumn } from '../components';
import type { DocumentFonts } from '../fonts';
import { charPitch, linePitch, typeSize } from '../metrics';
import { formatChineseDateTime } from '../plan/printData';
import { renderToPdfBytes, type PdfBytes } from '../render';
import {
  COPIES_LINE,
  INVENTORY_LIST_TITLE,
  REFUSAL_LINE,
  inventoryListCopies,
  type InventoryListData,
  type InventoryListSection,
} from './inventoryListData';

/**
 * Eight columns on 156 mm: the short ones just hold their 小4号 heading (序号, 标签号 on one
 * line), the rest goes to the free text of 物品名称, 状况 and 备注.
 */
export const inventoryListColumns: TableColumn[] = [
  { title: '序号', weight: 3.2, align: 'center' },
  { title: '标签号', weight: 4.4, align: 'center' },
  { title: '房间', weight: 4.4 },
  { title: '物品名称', weight: 10 },
  { title: '数量', weight: 3.4, align: 'right' },
  { title: '单位', weight: 3.2, align: 'center' },
  { title: '状况', weight: 6.8 },
  { title: '备注', weight: 8.6 },
];

const small = { textAlign: 'left', letterSpacing: 0, fontSize: typeSize.xiaoSi, lineHeight: 1.7 } as const;

const styles = StyleSheet.create({
  small,
  info: { marginBottom: linePitch / 4 },
  infoRow: { flexDirection: 'row' },
  infoLabel: { width: 5.5 * typeSize.xiaoSi },
  infoValue: { flex: 1 },
  // In the 小4号 of the heading lines, so that a short list and its signatures share a page.
  closing: { ...small, textIndent: 2 * typeSize.xiaoSi, marginTop: linePitch / 4 },
  signatures: { marginTop: linePitch / 4 },
  signRow: { flexDirection: 'row' },
  signCell: { width: '50%', paddingRight: charPitch, marginTop: linePitch / 2 },
  signText: small,
  signDate: { ...small, textAlign: 'right' },
});

/**
 * Who signs, one line each with room for the date: the notary, two witnesses, the group,
 * whoever receives the goods at their destination (the hand-over is signed for), and every
 * subject by name (each signs for themself).
 */
export function signatureLines(subjectNames: readonly string[]): string[] {
  const subjects = subjectNames.length > 0 ? subjectNames.map((name) => `被执行人${name}`) : ['被执行人'];
  return ['公证员', '见证人', '见证人', '清登组', '接收人', ...subjects].map((who) => `${who}（签名）：`);
}

/** Valuables are listed apart from the boxes (cash, jewellery, securities, title deeds). */
export const VALUABLES_HEADING = '一、贵重物品（单独登记、单独封存）';
export const OTHER_ITEMS_HEADING = '二、其他物品';

/** Printed at the top of every page: which list a sheet belongs to, even on its own. */
export const runningHead = (section: InventoryListSection): string => `${INVENTORY_LIST_TITLE}　物品去向：${section.destination}`;

/** 以上物品…: the destination is named once, in the heading lines above the table. */
export const closingSentence = (section: InventoryListSection): string =>
  `以上物品${section.total}，由清登组在公证人员现场监督、见证人见证下逐件清点登记，封箱贴签后运至上列存放地点存放。`;

/** The list's heading lines, in 小4号 so that the table starts on the first page. */
export function infoLines(data: InventoryListData, section: InventoryListSection): [string, string][] {
  return [
    ['执行依据', data.basis],
    ['被执行人', data.subjects],
    ['房屋地址', data.address],
    ['清登日期', data.countedOn],
    ['存放地点', section.destination],
    ...(data.collection ? [['领取方式', data.collection] as [string, string]] : []),
    ['公证人员', data.notary],
    ['公证书号', data.notaryCertificate],
    ['见证人', data.witnesses.join('；')],
    ...(data.groupLeader ? [['清登组', `负责人 ${data.groupLeader}`] as [string, string]] : []),
  ];
}

function ListCopy({ data, section, copy }: { data: InventoryListData; section: InventoryListSection; copy: string }) {
  const lines = signatureLines(data.subjectNames);
  const pairs = Array.from({ length: Math.ceil(lines.length / 2) }, (_, i) => lines.slice(2 * i, 2 * i + 2));
  // The closing sentence and the signatures go with the last rows: a signature page on its
  // own could be put under another list.
  const closing = (
    <View>
      <Text style={styles.closing}>{closingSentence(section)}</Text>
      <View style={styles.signatures}>
        <Text style={styles.closing}>{COPIES_LINE}</Text>
        {pairs.map((pair, i) => (
          <View key={i} style={styles.signRow}>
            {pair.map((line, j) => (
              <View key={j} style={styles.signCell}>
                <Text style={styles.signText}>{line}</Text>
                <Text style={styles.signDate}>年　　月　　日</Text>
              </View>
            ))}
          </View>
        ))}
        <Text style={[styles.signText, { marginTop: linePitch / 2 }]}>{`${REFUSAL_LINE}${'＿'.repeat(18)}`}</Text>
        <Text style={styles.signText}>{'＿'.repeat(35)}</Text>
      </View>
    </View>
  );
  return (
    <OfficialPage
      headerMark={[data.isDemo ? '示例' : '', copy].filter(Boolean).join(' · ')}
      runningHead={runningHead(section)}
      chainHead={data.chainHead}
      footerNote={`打印于${formatChineseDateTime(data.printedAt)}`}
      pageNumbers="ofTotal"
    >
      <Title>{INVENTORY_LIST_TITLE}</Title>
      <View style={styles.info}>
        {infoLines(data, section).map(([label, value]) => (
          <View key={label} style={styles.infoRow}>
            <Text style={[styles.small, styles.infoLabel]}>{label}：</Text>
            <Text style={[styles.small, styles.infoValue]}>{value}</Text>
          </View>
        ))}
      </View>
      {section.valuables.length > 0 ? (
        <>
          <Text style={styles.small}>{VALUABLES_HEADING}</Text>
          <Table columns={inventoryListColumns} rows={section.valuables} />
          <Text style={styles.small}>{OTHER_ITEMS_HEADING}</Text>
        </>
      ) : null}
      <Table columns={inventoryListColumns} rows={section.rows} closing={closing} />
    </OfficialPage>
  );
}

export function InventoryListDocument({ data }: { data: InventoryListData }) {
  const printed = new Date(data.printedAt);
  return (
    <OfficialDocument title={INVENTORY_LIST_TITLE} createdAt={Number.isNaN(printed.getTime()) ? new Date(0) : printed}>
      {data.sections.flatMap((section) =>
        inventoryListCopies.map((copy) => <ListCopy key={`${section.destination}-${copy}`} data={data} section={section} copy={copy} />),
      )}
    </OfficialDocument>
  );
}

/** 《物品清单》 as PDF bytes: for each destination, 第一联 then 第二联. */
export const renderInventoryList = (data: InventoryListData, fonts: DocumentFonts): Promise<PdfBytes> =>
  renderToPdfBytes(<InventoryListDocument data={data} />, fonts);
