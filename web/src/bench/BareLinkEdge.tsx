import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, useInternalNode, type Edge, type EdgeProps, type InternalNode } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { Link } from '@samenzicht/shared/model/types';

export type BareLinkEdgeType = Edge<{ link: Link; paired: boolean }, 'link'>;

interface Point {
  x: number;
  y: number;
}

function centre(node: InternalNode): Point {
  const { x, y } = node.internals.positionAbsolute;
  return { x: x + (node.measured.width ?? 0) / 2, y: y + (node.measured.height ?? 0) / 2 };
}

function borderPoint(node: InternalNode, target: Point): Point {
  const c = centre(node);
  const w = (node.measured.width ?? 0) / 2 + 4;
  const h = (node.measured.height ?? 0) / 2 + 4;
  const dx = target.x - c.x;
  const dy = target.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = Math.min(w / Math.abs(dx || 1e-9), h / Math.abs(dy || 1e-9));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

/** The same geometry and DOM as canvas/LinkEdge (straight line, polarity button), without the session. */
function BareLinkEdgeView({ id, source, target, data, selected, markerEnd }: EdgeProps<BareLinkEdgeType>) {
  const { t } = useTranslation();
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!from || !to || !data) return null;

  const a0 = centre(from);
  const b0 = centre(to);
  const len = Math.hypot(b0.x - a0.x, b0.y - a0.y) || 1;
  const shift = data.paired ? 10 : 0;
  const nx = (-(b0.y - a0.y) / len) * shift;
  const ny = ((b0.x - a0.x) / len) * shift;
  const start = borderPoint(from, { x: b0.x + nx, y: b0.y + ny });
  const end = borderPoint(to, { x: a0.x + nx, y: a0.y + ny });
  const s = { x: start.x + nx, y: start.y + ny };
  const e = { x: end.x + nx, y: end.y + ny };
  const label = { x: s.x + (e.x - s.x) * 0.72, y: s.y + (e.y - s.y) * 0.72 };
  const { polarity } = data.link;
  const polarityText = polarity === '+' ? t('link.plus') : t('link.minus');

  return (
    <>
      <BaseEdge
        id={id}
        path={`M ${s.x},${s.y} L ${e.x},${e.y}`}
        markerEnd={markerEnd}
        className={`link link--${polarity === '+' ? 'plus' : 'minus'}${selected ? ' link--selected' : ''}`}
        interactionWidth={16}
      />
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`link-polarity link-polarity--${polarity === '+' ? 'plus' : 'minus'} nodrag nopan`}
          style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}
          title={`${polarityText} — ${t('link.togglePolarity')}`}
          aria-label={`${polarityText}. ${t('link.togglePolarity')}`}
          data-testid="link-polarity"
          data-link-id={id}
        >
          {polarity === '+' ? '+' : '−'}
        </button>
      </EdgeLabelRenderer>
    </>
  );
}

export const BareLinkEdge = memo(BareLinkEdgeView);
