import { useMemo, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/EditorContext.tsx';
import { createEdgeBuilder, createNodeBuilder } from './toFlow.ts';

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
    })),
  );
  return useMemo(() => build(inputs), [build, inputs]);
}

/** The React Flow edges of this editor (links whose two ends exist). */
export function useFlowEdges() {
  const build = useRef(createEdgeBuilder()).current;
  const { factors, links, selected, readOnly } = useEditor(
    useShallow((s) => ({ factors: s.doc.factors, links: s.doc.links, selected: s.selectedEdges, readOnly: s.readOnly })),
  );
  return useMemo(() => build({ factors, links }, selected, readOnly), [build, factors, links, selected, readOnly]);
}
