import { memo, useCallback } from 'react';
import { LinkStanceMarks } from '../stances/LinkStanceMarks.tsx';
import { BaseEdge, EdgeLabelRenderer, useStore, type EdgeProps, type ReactFlowState } from '@xyflow/react';
import { shallow } from 'zustand/shallow';
import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { LinkFlowEdge } from './flowTypes.ts';
import { useFar } from './levelOfDetail.ts';
import { boxOf, lineBetween, type Line } from './floatingLine.ts';
import { setPolarity } from './linking.ts';
import { CommentBadge } from '../comments/CommentBadge.tsx';

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
        data-polarity={polarity}
        disabled={readOnly}
        // Announced, shown with "undo", and one undo step of its own (linking.ts): never a silent slip.
        onClick={() => setPolarity(session, id, polarity === '+' ? '-' : '+')}
      >
        {polarity === '+' ? '+' : '−'}
      </button>
      {data.breaks > 0 ? <BreakMark id={id} line={line} breaks={data.breaks} /> : null}
      <CommentBadge
        on={id}
        className="link-comments nodrag nopan"
        style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y - 26}px)` }}
      />
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
  const line = lineBetween(boxOf(from), boxOf(to), data.paired);
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
        <>
          <LinkMarks id={id} line={line} data={data} />
          <LinkStanceMarks id={id} line={line} />
        </>
      )}
    </>
  );
}

export const LinkEdge = memo(LinkEdgeView);
