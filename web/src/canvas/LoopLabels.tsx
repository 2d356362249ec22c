import { useMemo } from 'react';
import { ViewportPortal, useStore, type ReactFlowState } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { Loop } from '@samenzicht/shared/graph/loops';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { Box } from './presentFit.ts';
import { placeLoopLabels } from './loopLabelPlacement.ts';
import './present.css';

/** More labels than this would hide the diagram; the patterns panel lists them all. */
export const MAX_LOOP_LABELS = 40;
/** A factor never measured is taken to be about this large. */
const DEFAULT_BOX = { width: 180, height: 70 };
/** Zoomed out, labels keep at least this share of their size on screen. */
const MIN_SCREEN_SCALE = 0.6;
const MAX_SCALE = 1.5;

const selectZoom = (s: ReactFlowState) => s.transform[2];

/** The loops in the order the patterns panel lists them (vicious circles first), at most MAX_LOOP_LABELS. */
export function labelledLoops(loops: readonly Loop[]): Loop[] {
  return [...loops.filter((l) => l.vicious), ...loops.filter((l) => !l.vicious)].slice(0, MAX_LOOP_LABELS);
}

function LoopLabel({ loop, x, y, scale }: { loop: Loop; x: number; y: number; scale: number }) {
  const { t } = useTranslation();
  const session = useSession();
  const pinned = useEditor((s) => s.pinnedLoop === loop.id);
  const title = `${t(`patterns.${loop.type}`)} ${loop.id}${loop.name ? `: ${loop.name}` : ''}`;
  return (
    <button
      type="button"
      className={`loop-label loop-label--${loop.type}${pinned ? ' loop-label--on' : ''} nodrag nopan`}
      style={{ transform: `translate(-50%, -50%) translate(${x}px, ${y}px) scale(${scale})` }}
      title={title}
      aria-label={title}
      aria-pressed={pinned}
      data-testid="loop-label"
      data-loop-id={loop.id}
      onClick={() =>
        session.store.setState((s) => {
          s.pinnedLoop = s.pinnedLoop === loop.id ? null : loop.id;
          if (s.pinnedLoop === null) s.highlightLoop = null;
        })
      }
    >
      <span aria-hidden="true">{loop.type === 'reinforcing' ? '↻' : '⇄'}</span>
      {loop.id}
    </button>
  );
}

/** A small R1/B1 label inside each loop, on the canvas; clicking it shows the loop as the patterns panel does. */
export function LoopLabels() {
  const show = useEditor((s) => s.showLoopLabels);
  const patterns = useEditor((s) => s.patterns);
  const factors = useEditor((s) => s.doc.factors);
  const sizes = useEditor((s) => s.sizes);
  const zoom = useStore(selectZoom);
  const loops = useMemo(() => (patterns ? labelledLoops(patterns.loops) : []), [patterns]);
  // Zoomed out, labels are drawn larger than their diagram size to stay readable: placed at that size, so they do
  // not cover each other. In steps of a quarter, so a pinch does not place them anew on every frame.
  // At most 1.5 times: on a phone's fitted view (zoom 0.2) labels three times their size crowded the tiny diagram
  // and were pushed far from their loops; there one zooms in to read, labels and factors alike.
  const scale = Math.ceil(Math.min(MAX_SCALE, Math.max(1, MIN_SCREEN_SCALE / zoom)) * 4) / 4;
  const points = useMemo(() => {
    if (!show || loops.length === 0) return new Map<string, { x: number; y: number }>();
    const boxes = new Map<string, Box>();
    for (const factor of factors.values()) {
      // Every factor counts as an obstacle; only the loops' factors are needed for the middles.
      const size = sizes.get(factor.id) ?? DEFAULT_BOX;
      boxes.set(factor.id, { x: factor.position.x, y: factor.position.y, width: size.width, height: size.height });
    }
    return placeLoopLabels(loops, boxes, scale);
  }, [show, loops, factors, sizes, scale]);
  if (!show || loops.length === 0) return null;
  return (
    <ViewportPortal>
      <div className="loop-labels" data-testid="loop-labels">
        {loops.map((loop) => {
          const point = points.get(loop.id);
          return point ? <LoopLabel key={loop.key} loop={loop} x={point.x} y={point.y} scale={scale} /> : null;
        })}
      </div>
    </ViewportPortal>
  );
}
