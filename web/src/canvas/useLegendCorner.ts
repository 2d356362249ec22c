import { useEffect, useState, type RefObject } from 'react';
import { useStoreApi } from '@xyflow/react';
import type { FactorFlowNode, LinkFlowEdge } from './flowTypes.ts';
import { chooseCorner, type Corner, type CornerOptions } from './legendPlacement.ts';
import type { Box } from './presentFit.ts';

/** React Flow's panel margin. */
const MARGIN = 15;
/** Room above the zoom buttons (bottom-left) and the minimap (bottom-right) when they are shown. */
const CONTROLS_INSETS = { 'bottom-left': 100, 'bottom-right': 165 } as const;
const SETTLE_MS = 120;

/**
 * The corner where the legend covers no factor, worked out again when the view or the factors have settled for
 * SETTLE_MS (not on every frame of a drag). Null when no corner is free: the legend then folds to its button.
 */
export function useLegendCorner(legend: RefObject<HTMLElement | null>, withControls: boolean): Corner | null {
  const flowStore = useStoreApi<FactorFlowNode, LinkFlowEdge>();
  const [corner, setCorner] = useState<Corner | null>('top-left');
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);

  // The open legend's size, remembered, so the folded button can tell whether the open legend would fit.
  useEffect(() => {
    const el = legend.current;
    if (!el) return;
    // The same size keeps the same object: a new one on every run of this effect (it runs after every render, as
    // the legend element can change) re-rendered without end, which starved React's other work (a lazy dialog
    // never appeared: export.spec) and kept a core busy.
    const measure = () => {
      const width = el.offsetWidth;
      const height = el.offsetHeight;
      if (width > 0) setSize((old) => (old && old.width === width && old.height === height ? old : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  });

  useEffect(() => {
    if (!size) return;
    const options: CornerOptions = { margin: MARGIN, bottomInset: withControls ? CONTROLS_INSETS : {} };
    const compute = () => {
      const { transform, width, height, nodeLookup } = flowStore.getState();
      if (width <= 0 || height <= 0) return;
      const [tx, ty, zoom] = transform;
      const boxes: Box[] = [];
      for (const node of nodeLookup.values()) {
        const { x, y } = node.internals.positionAbsolute;
        const w = node.measured.width ?? node.initialWidth ?? 0;
        const h = node.measured.height ?? node.initialHeight ?? 0;
        const box = { x: x * zoom + tx, y: y * zoom + ty, width: w * zoom, height: h * zoom };
        if (box.x < width && box.y < height && box.x + box.width > 0 && box.y + box.height > 0) boxes.push(box);
      }
      setCorner(chooseCorner(width, height, size, boxes, options));
    };
    compute();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = flowStore.subscribe((state, prev) => {
      if (
        state.transform === prev.transform &&
        state.nodeLookup === prev.nodeLookup &&
        state.nodes === prev.nodes &&
        state.width === prev.width &&
        state.height === prev.height
      )
        return;
      if (timer) clearTimeout(timer);
      timer = setTimeout(compute, SETTLE_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [flowStore, size, withControls]);

  return corner;
}
