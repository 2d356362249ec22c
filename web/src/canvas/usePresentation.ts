import { useEffect, useLayoutEffect, useRef } from 'react';
import { useReactFlow, useStoreApi, type Viewport } from '@xyflow/react';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { FactorFlowNode, LinkFlowEdge } from './flowTypes.ts';
import { presentationViewport, readableZoom, type Box } from './presentFit.ts';

const PADDING = 40;
/** A label's font size at zoom 1 when none is drawn to measure: `.factor { font-size: 0.95rem }` in styles.css. */
const LABEL_REM = 0.95;
const LEGEND_GAP = 10;
/** A small diagram on the big screen is drawn large, but not huge. */
const PRESENT_MAX_ZOOM = 1.6;

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** The font size of a factor label at zoom 1, as the browser draws it. */
function labelFontPx(dom: HTMLElement | null): number {
  const label = dom?.querySelector('.react-flow__node .factor-label');
  const drawn = label ? parseFloat(getComputedStyle(label).fontSize) : NaN;
  if (Number.isFinite(drawn) && drawn > 0) return drawn;
  return LABEL_REM * (parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);
}

/** The box around all factors in diagram coordinates, measured sizes where known, estimates elsewhere. */
function diagramBox(
  nodes: Iterable<{
    internals: { positionAbsolute: { x: number; y: number } };
    measured: { width?: number; height?: number };
    initialWidth?: number;
    initialHeight?: number;
  }>,
): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const node of nodes) {
    const { x, y } = node.internals.positionAbsolute;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + (node.measured.width ?? node.initialWidth ?? 0));
    y1 = Math.max(y1, y + (node.measured.height ?? node.initialHeight ?? 0));
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } : null;
}

/**
 * Presentation mode: P starts and stops it, Escape stops it. On entering, the diagram is fitted so labels stay
 * readable (presentFit.ts), leaving the legend's strip free; on leaving, the view before comes back.
 */
export function usePresentation(): boolean {
  const session = useSession();
  const presenting = useEditor((s) => s.presenting);
  const flow = useReactFlow<FactorFlowNode, LinkFlowEdge>();
  const flowStore = useStoreApi<FactorFlowNode, LinkFlowEdge>();
  const before = useRef<Viewport | null>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if ((event.target as HTMLElement | null)?.closest?.('[role="dialog"], dialog')) return;
      const { presenting: on } = session.store.getState();
      if (event.key === 'p' || event.key === 'P') {
        event.preventDefault();
        session.store.setState((s) => void (s.presenting = !on));
      } else if (event.key === 'Escape' && on) {
        session.store.setState((s) => void (s.presenting = false));
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session]);

  useLayoutEffect(() => {
    const { domNode, nodeLookup } = flowStore.getState();
    if (!presenting) {
      if (before.current) void flow.setViewport(before.current);
      before.current = null;
      return;
    }
    before.current = flow.getViewport();
    // The canvas already covers the screen (the class is on it in this commit); React Flow learns its new size later.
    const rect = domNode?.getBoundingClientRect();
    const bounds = diagramBox(nodeLookup.values());
    if (!rect || !bounds || rect.width === 0) return;
    const legend = domNode?.querySelector<HTMLElement>('[data-testid="legend"]');
    // The open legend, also while folded for want of a free corner: with its strip kept free, it fits top-left.
    const reserveLeft = legend ? legend.offsetWidth + LEGEND_GAP : 0;
    // Rounded up: the browser keeps the zoom as a float and may draw 15.99998 px otherwise.
    const minZoom = Math.ceil(readableZoom(labelFontPx(domNode)) * 1000) / 1000;
    void flow.setViewport(
      presentationViewport(bounds, rect.width, rect.height, {
        minZoom,
        maxZoom: Math.max(minZoom, PRESENT_MAX_ZOOM),
        padding: PADDING,
        reserveLeft,
      }),
    );
  }, [presenting, flow, flowStore]);

  return presenting;
}
