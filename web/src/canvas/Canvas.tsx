import { useCallback, useEffect, useLayoutEffect, useRef, type MouseEvent, type PointerEvent } from 'react';
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  getViewportForBounds,
  useReactFlow,
  useStoreApi,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
  type Rect,
} from '@xyflow/react';
import { addFactor, moveFactors, removeSelection } from '@samenzicht/shared/ydoc/commands';
import { deleteMeta } from '../panels/editActions.ts';
import { HistoryView } from '../history/HistoryView.tsx';
import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { FactorNode } from './FactorNode.tsx';
import { LinkEdge } from './LinkEdge.tsx';
import { Legend } from './Legend.tsx';
import { RemoteCursors } from './RemoteCursors.tsx';
import { PeerMarks } from './PeerMarks.tsx';
import { DeletedNotice } from '../panels/DeletedNotice.tsx';
import { LoopLabels } from './LoopLabels.tsx';
import { Spotlight } from './Spotlight.tsx';
import { LeadBanner } from './LeadBanner.tsx';
import { useFollow } from './useFollow.ts';
import { useLeadPublisher } from './useLead.ts';
import { usePresentation } from './usePresentation.ts';
import { PresentControls } from '../panels/PresentControls.tsx';
import { planNodeChanges } from './planNodeChanges.ts';
import { useLibraryDrop } from './useLibraryDrop.ts';
import { spotForNewFactor } from './newFactorSpot.ts';
import { FarContext, useFarFromStore } from './levelOfDetail.ts';
import { useFlowEdges, useFlowNodes } from './useFlowElements.ts';
import type { FactorFlowNode, LinkFlowEdge } from './flowTypes.ts';
import { CanvasHint } from './CanvasHint.tsx';
import { ConnectBar } from './ConnectBar.tsx';
import { LinkingNotice } from './LinkingNotice.tsx';
import { SelectionActions } from './SelectionActions.tsx';
import { SelectedStanceBar } from '../stances/SelectedStanceBar.tsx';
import { useLinkingProps } from './useLinkingProps.ts';

const nodeTypes = { factor: FactorNode };
/**
 * From this many factors on, only what is in view is drawn. Below it every factor stays in the page, so Tab
 * reaches each one and nothing changes for the analyses people make (tens of factors; the large example has 151).
 */
const CULL_FROM = 300;
const FIT_PADDING = 0.2;
const FIT_MAX_ZOOM = 1.2;

/** The box around all factors, with measured sizes where known and estimated ones elsewhere. */
function boundsOf(nodes: readonly FactorFlowNode[]): Rect {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const node of nodes) {
    const width = node.measured?.width ?? node.initialWidth ?? 0;
    const height = node.measured?.height ?? node.initialHeight ?? 0;
    x0 = Math.min(x0, node.position.x);
    y0 = Math.min(y0, node.position.y);
    x1 = Math.max(x1, node.position.x + width);
    y1 = Math.max(y1, node.position.y + height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
const edgeTypes = { link: LinkEdge };

/** The width the open legend takes at the left, or 0 when it is hidden or would leave the diagram under half the canvas. */
function legendStrip(domNode: Element | null, width: number): number {
  const legend = domNode?.querySelector<HTMLElement>('[data-testid="legend"]:not(.legend--folded)');
  const strip = legend ? legend.offsetWidth + 15 : 0;
  return strip > 0 && strip < width / 2 ? strip : 0;
}

/** The shared diagram: React Flow events become commands on the Yjs document. */
export function Canvas() {
  const session = useSession();
  const { store, doc, origin } = session;
  const flow = useReactFlow();
  const nodes = useFlowNodes();
  const edges = useFlowEdges();
  const readOnly = useEditor((s) => s.readOnly);
  const connected = useEditor((s) => s.connection === 'connected');
  const flowStore = useStoreApi<FactorFlowNode, LinkFlowEdge>();
  const far = useFarFromStore();
  const fitted = useRef(false);
  const { t } = useTranslation();
  const presenting = usePresentation();
  const followed = useFollow();
  useLeadPublisher();

  // Fit the diagram into view once, when it first arrives from the server, before it is drawn: unmeasured
  // factors carry an estimated size, so only what is in view gets drawn (and measured) at all. An analysis that
  // was empty at that moment is not fitted later: zooming in on the first factor someone adds would jump.
  useLayoutEffect(() => {
    if (fitted.current || !connected) return;
    fitted.current = true;
    const { width, height, minZoom, domNode } = flowStore.getState();
    if (nodes.length === 0) return;
    if (width > 0 && height > 0) {
      // The open legend's strip stays free, so it covers no factor at first (legendStrip: only where it leaves room).
      const reserve = legendStrip(domNode, width);
      const fit = getViewportForBounds(boundsOf(nodes), width - reserve, height, minZoom, FIT_MAX_ZOOM, FIT_PADDING);
      void flow.setViewport({ ...fit, x: fit.x + reserve });
    } else void flow.fitView({ padding: FIT_PADDING, maxZoom: FIT_MAX_ZOOM });
  }, [connected, nodes, flow, flowStore]);

  // Drag positions reach the store at most once per animation frame: rendering inside every mouse move made a
  // drag at 1,000 factors draw a fraction of the frames bare React Flow draws (see BENCHMARKS.md).
  const pendingDrag = useRef(new Map<string, { x: number; y: number }>());
  const dragFrame = useRef<number | null>(null);
  const flushDrag = useCallback(() => {
    dragFrame.current = null;
    const moves = pendingDrag.current;
    if (moves.size === 0) return;
    pendingDrag.current = new Map();
    store.setState((s) => {
      for (const [id, position] of moves) s.localDrag.set(id, position);
    });
    session.setDrags(store.getState().localDrag);
  }, [store, session]);
  useEffect(() => () => void (dragFrame.current !== null && cancelAnimationFrame(dragFrame.current)), []);

  const onNodesChange = useCallback(
    (changes: NodeChange<FactorFlowNode>[]) => {
      const plan = planNodeChanges(changes);
      if (plan.moved.size > 0 && !readOnly) {
        moveFactors(
          doc,
          origin,
          [...plan.moved].map(([id, position]) => ({ id, position })),
        );
      }
      for (const id of plan.moved.keys()) pendingDrag.current.delete(id);
      for (const [id, position] of plan.dragging) pendingDrag.current.set(id, position);
      if (plan.dragging.size > 0 && dragFrame.current === null) dragFrame.current = requestAnimationFrame(flushDrag);
      if (plan.select.size + plan.sizes.size + plan.moved.size > 0) {
        store.setState((s) => {
          for (const [id, selected] of plan.select) {
            if (selected) s.selectedNodes.add(id);
            else s.selectedNodes.delete(id);
          }
          for (const [id, size] of plan.sizes) s.sizes.set(id, size);
          for (const id of plan.moved.keys()) s.localDrag.delete(id);
        });
      }
      if (plan.moved.size > 0 && store.getState().localDrag.size === 0 && pendingDrag.current.size === 0) session.setDrags(null);
    },
    [doc, origin, store, session, readOnly, flushDrag],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange<LinkFlowEdge>[]) => {
      store.setState((s) => {
        for (const change of changes) {
          if (change.type !== 'select') continue;
          if (change.selected) s.selectedEdges.add(change.id);
          else s.selectedEdges.delete(change.id);
        }
      });
    },
    [store],
  );

  const onDelete: OnDelete<FactorFlowNode, LinkFlowEdge> = useCallback(
    ({ nodes: gone, edges: goneEdges }) => {
      if (readOnly) return;
      // One transaction, so one delete is one undo step; factors and links go into the Prullenbak.
      removeSelection(doc, origin, { factors: gone.map((n) => n.id), links: goneEdges.map((e) => e.id) }, deleteMeta(session));
      store.setState((s) => {
        for (const n of gone) s.selectedNodes.delete(n.id);
        for (const e of goneEdges) s.selectedEdges.delete(e.id);
      });
    },
    [doc, origin, store, readOnly, session],
  );

  const onDoubleClick = useCallback(
    (event: MouseEvent) => {
      const target = event.target as HTMLElement;
      if (readOnly || !target.classList.contains('react-flow__pane')) return;
      const position = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const id = addFactor(doc, origin, { position: spotForNewFactor(flow, position) });
      store.setState((s) => {
        s.editingId = id;
        s.selectedNodes = new Set([id]);
        s.selectedEdges = new Set();
      });
    },
    [doc, origin, flow, store, readOnly],
  );

  const onNodeDoubleClick = useCallback(
    (_event: MouseEvent, node: FactorFlowNode) => {
      if (!readOnly) store.setState((s) => void (s.editingId = node.id));
    },
    [store, readOnly],
  );

  const onPointerMove = useCallback(
    (event: PointerEvent) => session.setCursor(flow.screenToFlowPosition({ x: event.clientX, y: event.clientY })),
    [session, flow],
  );
  const onPointerLeave = useCallback(() => session.setCursor(null), [session]);
  const libraryDrop = useLibraryDrop(session);
  const linking = useLinkingProps(session);

  return (
    <div
      className={`canvas${linking.connecting ? ' canvas--connecting' : ''}${presenting ? ' canvas--presenting' : ''}`}
      data-presenting={presenting || undefined}
      onDoubleClick={onDoubleClick}
      onPointerMove={onPointerMove}
      onPointerLeave={onPointerLeave}
      onDragOver={(e) => void libraryDrop.onDragOver(e)}
      onDrop={(e) => void libraryDrop.onDrop(e)}
    >
      <FarContext.Provider value={far}>
        <ReactFlow<FactorFlowNode, LinkFlowEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          {...linking.props}
          onDelete={onDelete}
          onNodeDoubleClick={onNodeDoubleClick}
          connectionMode={ConnectionMode.Loose}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          elementsSelectable
          deleteKeyCode={readOnly ? null : ['Delete', 'Backspace']}
          multiSelectionKeyCode="Shift"
          zoomOnDoubleClick={false}
          minZoom={0.1}
          maxZoom={2.5}
          onlyRenderVisibleElements={nodes.length >= CULL_FROM}
        >
          <Background gap={24} size={1} />
          {presenting ? null : <MiniMap pannable zoomable ariaLabel="Minimap" />}
          {presenting ? null : <Controls showInteractive={false} />}
          <RemoteCursors />
          <PeerMarks />
          <Legend withControls={!presenting} />
          <LoopLabels />
          <Spotlight />
          <SelectionActions />
          <SelectedStanceBar />
        </ReactFlow>
      </FarContext.Provider>
      <CanvasHint />
      <ConnectBar />
      <LinkingNotice />
      <DeletedNotice />
      <HistoryView />
      <LeadBanner followed={followed} />
      {presenting ? (
        <div className="present-bar" data-testid="present-bar">
          <PresentControls parts={['lead', 'spot']} />
          <button
            type="button"
            onClick={() => store.setState((s) => void (s.presenting = false))}
            title={t('present.stopHint')}
            data-testid="present-stop"
          >
            {t('present.stop')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
