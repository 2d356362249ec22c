import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, useInternalNode, type EdgeProps, type InternalNode } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { updateLinks } from '../../../shared/src/ydoc/commands.ts';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { LinkFlowEdge } from './flowTypes.ts';

interface Point {
  x: number;
  y: number;
}

function centre(node: InternalNode): Point {
  const { x, y } = node.internals.positionAbsolute;
  return { x: x + (node.measured.width ?? 0) / 2, y: y + (node.measured.height ?? 0) / 2 };
}

/** Where the line from the node's centre towards `target` leaves the node's box. */
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

function LinkEdgeView({ id, source, target, data, selected, markerEnd }: EdgeProps<LinkFlowEdge>) {
  const { t } = useTranslation();
  const session = useSession();
  const readOnly = useEditor((s) => s.readOnly);
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!from || !to || !data) return null;

  // Two links between the same factors in opposite directions are drawn side by side.
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
  const path = `M ${s.x},${s.y} L ${e.x},${e.y}`;
  const label = { x: s.x + (e.x - s.x) * 0.72, y: s.y + (e.y - s.y) * 0.72 };
  const { polarity } = data.link;
  const polarityText = polarity === '+' ? t('link.plus') : t('link.minus');

  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`link link--${polarity === '+' ? 'plus' : 'minus'}${selected ? ' link--selected' : ''}${
          data.emphasis === 'on' ? ' link--loop' : data.emphasis === 'off' ? ' link--dimmed' : ''
        }${data.breaks > 0 ? ' link--break' : ''}`}
        interactionWidth={16}
      />
      <EdgeLabelRenderer>
        <button
          type="button"
          className={`link-polarity link-polarity--${polarity === '+' ? 'plus' : 'minus'}${data.emphasis === 'off' ? ' link-polarity--dimmed' : ''} nodrag nopan`}
          style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}
          title={readOnly ? polarityText : `${polarityText} — ${t('link.togglePolarity')}`}
          aria-label={readOnly ? polarityText : `${polarityText}. ${t('link.togglePolarity')}`}
          data-testid="link-polarity"
          data-link-id={id}
          disabled={readOnly}
          onClick={() => updateLinks(session.doc, session.origin, [id], { polarity: polarity === '+' ? '-' : '+' })}
        >
          {polarity === '+' ? '+' : '−'}
        </button>
        {data.breaks > 0 ? (
          <span
            className="link-break nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${(s.x + e.x) / 2}px, ${(s.y + e.y) / 2}px)` }}
            title={t('patterns.breaksOnLink', { count: data.breaks })}
            data-testid="break-mark"
            data-link-id={id}
          >
            ✂
          </span>
        ) : null}
      </EdgeLabelRenderer>
    </>
  );
}

export const LinkEdge = memo(LinkEdgeView);
