/**
 * A factor's size before the browser has measured it, estimated from its text, and the handles React Flow
 * would measure on a box of that size. With both on a node, React Flow can fit the view and leave factors
 * outside it undrawn (onlyRenderVisibleElements) without rendering every factor once just to measure it.
 * The estimate errs on the large side, so a factor at the edge of the view is drawn rather than left out;
 * the measured size replaces it as soon as a factor has been drawn.
 */
import type { NodeHandle } from '@xyflow/react';
import { Position } from '@xyflow/react';
import type { Size } from '../store/editorStore.ts';

/** From styles.css (.factor): min-width, max-width, padding left + right and top + bottom. */
const MIN_WIDTH = 140;
const MAX_WIDTH = 220;
const PAD_X = 24;
const PAD_Y = 20;
/** The widest border a kind has on either side (precipitating: 6 px on the left, perpetuating: 4 + 4). */
const BORDER = 8;
/** Average advance of a character of the label (0.95rem Atkinson Hyperlegible), a little on the wide side. */
const LABEL_CHAR_PX = 7.6;
const LABEL_LINE_PX = 22.1;
/** The kind / domain / evidence row: first line with its margin, each further line, icon, characters. */
const META_ROW_PX = 20;
const META_LINE_PX = 16.7;
const META_ICON_PX = 18;
const META_KIND_CHAR_PX = 8.3;
const META_CHAR_PX = 6.3;
const ACTORS_ROW_PX = 22;
/** From linking.css: the source dot's hit area, and how far inside the factor's outer edge its centre lies. */
const SOURCE_HIT_PX = 44;
const SOURCE_INSET_PX = 2;

/** Lines a label takes when wrapped greedily at word boundaries into `width` px. */
function countLines(label: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width / LABEL_CHAR_PX));
  let lines = 0;
  for (const paragraph of label.split('\n')) {
    let used = 0;
    lines++;
    for (const word of paragraph.split(' ')) {
      const length = word.length;
      if (used > 0 && used + 1 + length > perLine) {
        lines++;
        used = 0;
      }
      used += used > 0 ? 1 + length : length;
      while (used > perLine) {
        lines++;
        used -= perLine;
      }
    }
  }
  return lines;
}

/** The texts a factor node shows, as the node component renders them (kind, domain and evidence translated). */
export interface FactorTexts {
  readonly label: string;
  readonly kind: string;
  /** Empty when the factor has no domain, or is an observation. */
  readonly domain: string;
  readonly evidence: string;
  readonly actorNames: string;
}

/** Estimates the drawn size of a factor node from its texts. */
export function estimateFactorSize(texts: FactorTexts): Size {
  const { label } = texts;
  const extra = (text: string) => (text ? 4 + (text.length + 2) * META_CHAR_PX : 0);
  const metaPx = META_ICON_PX + texts.kind.length * META_KIND_CHAR_PX + extra(texts.domain) + extra(texts.evidence);
  const labelPx = label.length * LABEL_CHAR_PX;
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(Math.max(metaPx, labelPx) + PAD_X + BORDER)));
  const content = width - PAD_X - BORDER;
  const metaLines = Math.max(1, Math.ceil(metaPx / content));
  const height = PAD_Y + BORDER + META_ROW_PX + (metaLines - 1) * META_LINE_PX + countLines(label, content) * LABEL_LINE_PX;
  return { width, height: Math.ceil(height + (texts.actorNames ? ACTORS_ROW_PX : 0)) };
}

/**
 * The two handles of a factor as React Flow measures them on `size` (FactorHandles.tsx): the target covers the whole
 * factor, the source dot sits centred on the right border.
 */
export function handlesFor(size: Size): NodeHandle[] {
  return [
    { id: 'in', type: 'target', position: Position.Left, x: 0, y: 0, width: size.width, height: size.height },
    {
      id: 'out',
      type: 'source',
      position: Position.Right,
      x: size.width - SOURCE_INSET_PX - SOURCE_HIT_PX / 2,
      y: size.height / 2 - SOURCE_HIT_PX / 2,
      width: SOURCE_HIT_PX,
      height: SOURCE_HIT_PX,
    },
  ];
}
