import { useEffect, useMemo } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useEditor } from '../store/EditorContext.tsx';
import type { EditorState } from '../store/editorStore.ts';
import type { FactorFlowNode, LinkFlowEdge } from './flowTypes.ts';
import { spotOf } from './useLead.ts';

/** The factor and link ids a spot covers (a factor; a link and its two ends; a loop's factors and links). */
export function spotTargets(state: EditorState): { factors: string[]; links: string[]; own: boolean } | null {
  const found = spotOf(state);
  if (!found) return null;
  const { spot } = found;
  const own = found.by === null;
  switch (spot.kind) {
    case 'factor':
      return state.doc.factors.has(spot.id) ? { factors: [spot.id], links: [], own } : null;
    case 'link': {
      const link = state.doc.links.get(spot.id);
      return link ? { factors: [link.from, link.to], links: [spot.id], own } : null;
    }
    case 'loop': {
      const loop = state.patterns?.loops.find((l) => l.key === spot.id);
      return loop ? { factors: [...loop.factors], links: [...loop.links], own } : null;
    }
  }
}

const idSelector = (element: string, ids: readonly string[]) =>
  ids.map((id) => `.canvas .react-flow__${element}[data-id="${CSS.escape(id)}"]`).join(', ');

/** The css that emphasises the spot on this screen and mildly quiets the rest (colour only: text keeps its contrast). */
export function spotlightCss(factors: readonly string[], links: readonly string[]): string {
  const notIds = (ids: readonly string[]) => (ids.length ? `:not(${ids.map((id) => `[data-id="${CSS.escape(id)}"]`).join(', ')})` : '');
  const rules = [
    `.canvas .react-flow__node${notIds(factors)} .factor { filter: saturate(0.25); box-shadow: none; }`,
    `.canvas .react-flow__edge${notIds(links)} .link { opacity: 0.35; }`,
  ];
  if (factors.length) {
    rules.push(
      `${idSelector('node', factors)} { z-index: 5 !important; }`,
      `${factors.map((id) => `.canvas .react-flow__node[data-id="${CSS.escape(id)}"] .factor`).join(', ')} { outline: 4px solid var(--ink); outline-offset: 4px; box-shadow: 0 0 0 12px rgba(255, 200, 60, 0.45); }`,
    );
  }
  if (links.length)
    rules.push(
      `${links.map((id) => `.canvas .react-flow__edge[data-id="${CSS.escape(id)}"] .link`).join(', ')} { stroke-width: 6 !important; }`,
    );
  return rules.join('\n');
}

/**
 * What the facilitator points at, on every screen: emphasised, the rest quieted. When it is this person's own spot
 * and not in view, their view moves to it (followers then follow).
 */
export function Spotlight() {
  // A string, so the selector's answer compares equal while nothing changed.
  const key = useEditor((s) => JSON.stringify(spotTargets(s) ?? { factors: [], links: [], own: false }));
  const targets = useMemo(() => JSON.parse(key) as { factors: string[]; links: string[]; own: boolean }, [key]);
  const flow = useReactFlow<FactorFlowNode, LinkFlowEdge>();
  const flowStore = useStoreApi<FactorFlowNode, LinkFlowEdge>();

  useEffect(() => {
    if (!targets.own || targets.factors.length === 0) return;
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (const id of targets.factors) {
      const node = flow.getInternalNode(id);
      if (!node) continue;
      const { x, y } = node.internals.positionAbsolute;
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x + (node.measured.width ?? node.initialWidth ?? 0));
      y1 = Math.max(y1, y + (node.measured.height ?? node.initialHeight ?? 0));
    }
    if (!Number.isFinite(x0)) return;
    const { transform, width, height } = flowStore.getState();
    const [tx, ty, zoom] = transform;
    const inView = x0 * zoom + tx >= 0 && y0 * zoom + ty >= 0 && x1 * zoom + tx <= width && y1 * zoom + ty <= height;
    if (!inView) void flow.setCenter((x0 + x1) / 2, (y0 + y1) / 2, { zoom, duration: 300 });
  }, [targets, flow, flowStore]);

  if (targets.factors.length === 0 && targets.links.length === 0) return null;
  return <style data-testid="spotlight-style">{spotlightCss(targets.factors, targets.links)}</style>;
}
