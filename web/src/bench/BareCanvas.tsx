import { useEffect, useRef } from 'react';
import {
  Background,
  ConnectionMode,
  Controls,
  MarkerType,
  MiniMap,
  ReactFlow,
  useEdgesState,
  useNodesInitialized,
  useNodesState,
  useReactFlow,
} from '@xyflow/react';
import type { Analysis } from '@samenzicht/shared/model/types';
import { POLARITY_COLOUR } from '../canvas/toFlow.ts';
import { BareFactorNode, type BareFactorNodeType } from './BareFactorNode.tsx';
import { BareLinkEdge, type BareLinkEdgeType } from './BareLinkEdge.tsx';

const nodeTypes = { factor: BareFactorNode };
const edgeTypes = { link: BareLinkEdge };

export interface BareOptions {
  /** Draw Background, MiniMap and Controls as the editor does (off only to see what they cost). */
  readonly chrome: boolean;
  /** React Flow's `onlyRenderVisibleElements` (off in the editor). */
  readonly onlyVisible: boolean;
}

function toNodes(analysis: Analysis): BareFactorNodeType[] {
  return analysis.factors.map((factor) => ({ id: factor.id, type: 'factor', position: factor.position, data: { factor } }));
}

function toEdges(analysis: Analysis): BareLinkEdgeType[] {
  const pairs = new Set(analysis.links.map((l) => `${l.from}>${l.to}`));
  return analysis.links.map((link) => ({
    id: link.id,
    type: 'link',
    source: link.from,
    target: link.to,
    data: { link, paired: pairs.has(`${link.to}>${link.from}`) },
    zIndex: 0,
    markerEnd: { type: MarkerType.ArrowClosed, width: 18, height: 18, color: POLARITY_COLOUR[link.polarity] },
  }));
}

/**
 * The baseline of the browser benchmark: React Flow with the editor's props, node and edge weight, and plain
 * `useNodesState` instead of Yjs, Zustand and the editor around it.
 */
export function BareCanvas({ analysis, options }: { analysis: Analysis; options: BareOptions }) {
  const [nodes, , onNodesChange] = useNodesState(toNodes(analysis));
  const [edges, , onEdgesChange] = useEdgesState(toEdges(analysis));
  const flow = useReactFlow();
  const initialized = useNodesInitialized();
  const fitted = useRef(false);

  // Fitted once, when measured, as Canvas.tsx does.
  useEffect(() => {
    if (fitted.current || !initialized) return;
    fitted.current = true;
    void flow.fitView({ padding: 0.2, maxZoom: 1.2 });
  }, [initialized, flow]);

  return (
    <ReactFlow<BareFactorNodeType, BareLinkEdgeType>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      connectionMode={ConnectionMode.Loose}
      nodesDraggable
      nodesConnectable
      elementsSelectable
      deleteKeyCode={['Delete', 'Backspace']}
      multiSelectionKeyCode="Shift"
      zoomOnDoubleClick={false}
      minZoom={0.1}
      maxZoom={2.5}
      onlyRenderVisibleElements={options.onlyVisible}
    >
      {options.chrome ? (
        <>
          <Background gap={24} size={1} />
          <MiniMap pannable zoomable ariaLabel="Minimap" />
          <Controls showInteractive={false} />
        </>
      ) : null}
    </ReactFlow>
  );
}
