import { memo, useCallback } from 'react';
import { BaseEdge, EdgeLabelRenderer, useStore, type EdgeProps, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { shallow } from 'zustand/shallow';
import { useTranslation } from 'react-i18next';
import { updateLinks } from '@samenzicht/shared/ydoc/commands';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { LinkFlowEdge } from './flowTypes.ts';
import { useFar } from './levelOfDetail.ts';

interface Point {
  x: number;
  y: number;
}

/** The measured size, or the estimate a factor that was never drawn carries (see nodeSize.ts). */
function sizeOf(node: InternalNode): { width: number; height: number } {
  return { width: node.measured.width ?? node.initialWidth ?? 0, height: node.measured.height ?? node.initialHeight ?? 0 };
}

function centre(node: InternalNode): Point {
  const { x, y } = node.internals.positionAbsolute;
  const size = sizeOf(node);
  return { x: x + size.width / 2, y: y + size.height / 2 };
}

/** Where the line from the node's centre towards `target` leaves the node's box. */
function borderPoint(node: InternalNode, target: Point): Point {
  const c = centre(node);
  const size = sizeOf(node);
  const w = size.width / 2 + 4;
  const h = size.height / 2 + 4;
  const dx = target.x - c.x;
  const dy = target.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const scale = Math.min(w / Math.abs(dx || 1e-9), h / Math.abs(dy || 1e-9));
  return { x: c.x + dx * scale, y: c.y + dy * scale };
}

interface Line {
  readonly s: Point;
  readonly e: Point;
}

/** The straight line between two factors' borders; two links in opposite directions are drawn side by side. */
function lineBetween(from: InternalNode, to: InternalNode, paired: boolean): Line {
  const a0 = centre(from);
  const b0 = centre(to);
  const len = Math.hypot(b0.x - a0.x, b0.y - a0.y) || 1;
  const shift = paired ? 10 : 0;
  const nx = (-(b0.y - a0.y) / len) * shift;
  const ny = ((b0.x - a0.x) / len) * shift;
  const start = borderPoint(from, { x: b0.x + nx, y: b0.y + ny });
  const end = borderPoint(to, { x: a0.x + nx, y: a0.y + ny });
  return { s: { x: start.x + nx, y: start.y + ny }, e: { x: end.x + nx, y: end.y + ny } };
}

/** The line itself (a plain function, not a component: one fiber less per link). */
function drawLine(id: string, line: Line, data: LinkFlowEdge['data'] & {}, selected: boolean | undefined, markerEnd: string | undefined) {
  const { s, e } = line;
  return (
    <BaseEdge
      id={id}
      path={`M ${s.x},${s.y} L ${e.x},${e.y}`}
      markerEnd={markerEnd}
      className={`link link--${data.link.polarity === '+' ? 'plus' : 'minus'}${selected ? ' link--selected' : ''}${
        data.emphasis === 'on' ? ' link--loop' : data.emphasis === 'off' ? ' link--dimmed' : ''
      }${data.breaks > 0 ? ' link--break' : ''}`}
      interactionWidth={16}
    />
  );
}

/** The +/− button (it flips the polarity) and the break-point mark, drawn in HTML above the lines. */
function LinkMarks({ id, line, data }: { id: string; line: Line; data: LinkFlowEdge['data'] & {} }) {
  const { t } = useTranslation();
  const session = useSession();
  const readOnly = useEditor((st) => st.readOnly);
  const { s, e } = line;
  const label = { x: s.x + (e.x - s.x) * 0.72, y: s.y + (e.y - s.y) * 0.72 };
  const { polarity } = data.link;
  const polarityText = polarity === '+' ? t('link.plus') : t('link.minus');
  return (
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
      {data.breaks > 0 ? <BreakMark id={id} line={line} breaks={data.breaks} /> : null}
    </EdgeLabelRenderer>
  );
}

function BreakMark({ id, line, breaks }: { id: string; line: Line; breaks: number }) {
  const { t } = useTranslation();
  const { s, e } = line;
  return (
    <span
      className="link-break nodrag nopan"
      style={{ transform: `translate(-50%, -50%) translate(${(s.x + e.x) / 2}px, ${(s.y + e.y) / 2}px)` }}
      title={t('patterns.breaksOnLink', { count: breaks })}
      data-testid="break-mark"
      data-link-id={id}
    >
      ✂
    </span>
  );
}

function LinkEdgeView({ id, source, target, data, selected, markerEnd }: EdgeProps<LinkFlowEdge>) {
  const far = useFar();
  // One subscription for both ends instead of two (useInternalNode each): fewer selector calls per update.
  const [from, to] = useStore(
    useCallback((st: ReactFlowState) => [st.nodeLookup.get(source), st.nodeLookup.get(target)] as const, [source, target]),
    shallow,
  );
  if (!from || !to || !data) return null;
  const line = lineBetween(from, to, data.paired);
  return (
    <>
      {drawLine(id, line, data, selected, markerEnd)}
      {/* Zoomed far out the +/− is too small to read or hit; the line's colour still says it. */}
      {far ? (
        data.breaks > 0 ? (
          <EdgeLabelRenderer>
            <BreakMark id={id} line={line} breaks={data.breaks} />
          </EdgeLabelRenderer>
        ) : null
      ) : (
        <LinkMarks id={id} line={line} data={data} />
      )}
    </>
  );
}

export const LinkEdge = memo(LinkEdgeView);
