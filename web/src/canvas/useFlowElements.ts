import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/EditorContext.tsx';
import { shownLoopId } from '../store/editorStore.ts';
import { createEdgeBuilder, createNodeBuilder } from './toFlow.ts';
import { useStanceFilter } from '../stances/useStanceFilter.ts';

/** The React Flow nodes of this editor, rebuilt only when an input changed, reusing unchanged node objects. */
export function useFlowNodes() {
  const build = useRef(createNodeBuilder()).current;
  const inputs = useEditor(
    useShallow((s) => ({
      factors: s.doc.factors,
      selected: s.selectedNodes,
      localDrag: s.localDrag,
      sizes: s.sizes,
      peers: s.peers,
      editingId: s.editingId,
      readOnly: s.readOnly,
      actors: s.doc.actors,
      highlightActor: s.highlightActor,
      loop: shownLoopId(s) ? s.patterns?.loops.find((l) => l.id === shownLoopId(s)) : undefined,
    })),
  );
  // Kept stable between builds, so a drag frame is recognised as changing nothing but the dragged factors.
  const loopFactors = useMemo(() => (inputs.loop ? new Set(inputs.loop.factors) : null), [inputs.loop]);
  const nodes = useMemo(() => build({ ...inputs, loopFactors }), [build, inputs, loopFactors]);
  return useStanceFilter(nodes);
}

/** The React Flow edges of this editor (links whose two ends exist). */
export function useFlowEdges() {
  const build = useRef(createEdgeBuilder()).current;
  const { factors, links, selected, readOnly, loop, patterns, showBreakPoints } = useEditor(
    useShallow((s) => ({
      factors: s.doc.factors,
      links: s.doc.links,
      selected: s.selectedEdges,
      readOnly: s.readOnly,
      loop: shownLoopId(s) ? s.patterns?.loops.find((l) => l.id === shownLoopId(s)) : undefined,
      patterns: s.patterns,
      showBreakPoints: s.showBreakPoints,
    })),
  );
  const marks = useMemo(
    () => ({
      loopLinks: loop ? new Set(loop.links) : null,
      breaks: new Map(
        showBreakPoints && patterns ? patterns.breakPoints.links.map((id) => [id, patterns.linkCounts[id] ?? 0] as const) : [],
      ),
    }),
    [loop, patterns, showBreakPoints],
  );
  const edges = useMemo(() => build({ factors, links }, selected, readOnly, marks), [build, factors, links, selected, readOnly, marks]);
  return useStanceFilter(edges);
}
