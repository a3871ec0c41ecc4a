// Pure. The deployment sketch (现场部署示意图): the uploaded image fitted into the text
// block, its markers drawn as numbered dots, and a legend that says what each number is.
import { Image, StyleSheet, View } from '@react-pdf/renderer';
import type { DeploymentSketch } from '../../plan/types';
import { imageSource } from '../blob';
import { Table, Text } from '../components';
import { fontStacks } from '../fonts';
import { page } from '../metrics';
import { markerKindLabels } from './printData';

/** The image keeps some of the page for the heading and the start of the legend. */
const MAX_HEIGHT = page.textHeight * 0.6;
const DOT = 16;

/** The largest size with the image's proportions that fits both limits. */
export function fitWithin(width: number, height: number, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(maxWidth / width, maxHeight / height);
  return { width: width * scale, height: height * scale };
}

const styles = StyleSheet.create({
  figure: { alignSelf: 'center', position: 'relative', marginVertical: 6 },
  dot: {
    position: 'absolute',
    width: DOT,
    height: DOT,
    borderRadius: DOT / 2,
    borderWidth: 1.5,
    borderColor: 'white',
    backgroundColor: 'black',
    justifyContent: 'center',
  },
  // Noto's digits sit below the middle of their line box: lifted to the centre of the dot.
  dotNumber: { color: 'white', fontFamily: fontStacks.heading1, fontSize: 9, lineHeight: 1, letterSpacing: 0, textAlign: 'center', marginTop: -4 },
});

/** Legend rows: number, kind, what the marker says (and the group it places). */
export function legendRows(sketch: DeploymentSketch, groupName: (groupId: string) => string | undefined): string[][] {
  return sketch.markers.map((marker, i) => {
    const group = marker.groupId ? groupName(marker.groupId) : undefined;
    return [String(i + 1), markerKindLabels[marker.kind], [marker.label, group].filter(Boolean).join('，')];
  });
}

/** The printed size of the sketch, in points. */
export const sketchSize = (sketch: DeploymentSketch) => fitWithin(sketch.width, sketch.height, page.textWidth, MAX_HEIGHT);

export function SketchFigure({ sketch, groupName }: { sketch: DeploymentSketch; groupName: (groupId: string) => string | undefined }) {
  const size = sketchSize(sketch);
  return (
    <View>
      <View style={[styles.figure, size]} wrap={false}>
        <Image src={imageSource(sketch.image, sketch.mimeType)} style={size} />
        {sketch.markers.map((marker, i) => (
          <View key={marker.id} style={[styles.dot, { left: marker.x * size.width - DOT / 2, top: marker.y * size.height - DOT / 2 }]}>
            <Text style={styles.dotNumber}>{String(i + 1)}</Text>
          </View>
        ))}
      </View>
      {sketch.markers.length > 0 ? (
        <Table
          columns={[
            { title: '编号', weight: 1, align: 'center' },
            { title: '类型', weight: 2, align: 'center' },
            { title: '说明', weight: 7 },
          ]}
          rows={legendRows(sketch, groupName)}
        />
      ) : null}
    </View>
  );
}
