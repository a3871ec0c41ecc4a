// Pure. The organisation chart of the command post, drawn with Views: the commander's
// box on top, a line down to a bar, one box per working group hanging from the bar.
import { StyleSheet, View } from '@react-pdf/renderer';
import { Text } from '../components';
import { fontStacks } from '../fonts';
import { page, typeSize } from '../metrics';

/**
 * At most this many group boxes side by side (wider rows leave no room for a name). An
 * even number puts the line down to the next row between two boxes, not through one.
 */
export const GROUPS_PER_ROW = 6;

/** The rows of boxes: full rows of GROUPS_PER_ROW, the rest on the last row. */
export function chartRows<T>(items: T[]): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += GROUPS_PER_ROW) rows.push(items.slice(i, i + GROUPS_PER_ROW));
  return rows;
}

const LINE = 0.75;
const DROP = 10;
const width = page.textWidth;

const styles = StyleSheet.create({
  chart: { marginVertical: 8, alignItems: 'stretch' },
  box: { borderWidth: LINE, paddingVertical: 4, paddingHorizontal: 3, alignItems: 'center' },
  commander: { alignSelf: 'center', width: width * 0.45 },
  title: { fontFamily: fontStacks.heading1, fontSize: typeSize.xiaoSi, lineHeight: 1.4, letterSpacing: 0, textAlign: 'center' },
  detail: { fontSize: typeSize.xiaoWu, lineHeight: 1.4, letterSpacing: 0, textAlign: 'center' },
  drop: { alignSelf: 'center', width: LINE, height: DROP, backgroundColor: 'black' },
  // Stretches to the height of its row of boxes: the line on to the next bar.
  trunk: { width: LINE, backgroundColor: 'black' },
  columns: { flexDirection: 'row', justifyContent: 'center' },
  column: { alignItems: 'center' },
  groupBox: { width: '92%', flexGrow: 1 },
});

export interface ChartGroup {
  id: string;
  name: string;
  leader: string;
}

/** The chart; it never splits over two pages. */
export function OrgChart({ commander, deputy, groups }: { commander: string; deputy?: string; groups: ChartGroup[] }) {
  const rows = chartRows(groups);
  const columnWidth = width / Math.min(groups.length || 1, GROUPS_PER_ROW);
  return (
    <View style={styles.chart} wrap={false}>
      <View style={[styles.box, styles.commander]}>
        <Text style={styles.title}>现场执行指挥</Text>
        <Text style={styles.detail}>{commander}</Text>
        {deputy ? <Text style={styles.detail}>副指挥：{deputy}</Text> : null}
      </View>
      {rows.length > 0 ? <View style={styles.drop} /> : null}
      {rows.map((row, r) => {
        const last = r === rows.length - 1;
        const columns = row.map((group) => (
          <View key={group.id} style={[styles.column, { width: columnWidth }]}>
            <View style={styles.drop} />
            <View style={[styles.box, styles.groupBox]}>
              <Text style={styles.title}>{group.name}</Text>
              <Text style={styles.detail}>组长：{group.leader}</Text>
            </View>
          </View>
        ));
        // A full row has an even number of boxes, so the line on down passes between the middle two.
        if (!last) columns.splice(row.length / 2, 0, <View key="trunk" style={styles.trunk} />);
        return (
          <View key={r}>
            {/* The bar joins the centres of the first and last box of the row. */}
            <View style={{ alignSelf: 'center', width: (row.length - 1) * columnWidth + LINE, height: LINE, backgroundColor: 'black' }} />
            <View style={styles.columns}>{columns}</View>
            {last ? null : <View style={styles.drop} />}
          </View>
        );
      })}
    </View>
  );
}
