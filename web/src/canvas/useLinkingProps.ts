import { useCallback, useEffect, useMemo } from 'react';
import type { Connection, Edge, IsValidConnection, NodeMouseHandler, OnConnectEnd } from '@xyflow/react';
import { useStore } from 'zustand';
import type { Session } from '../sync/session.ts';
import { ConnectionPreview } from './ConnectionPreview.tsx';
import type { FactorFlowNode, LinkFlowEdge } from './flowTypes.ts';
import { cancelConnect, endConnect, finishConnect, linkFactors } from './linking.ts';
import { checkLink } from './linkRules.ts';
import { linkingStoreOf } from './linkingStore.ts';

/**
 * Everything React Flow needs for linking, as props for <ReactFlow>: a drop anywhere on a factor links it
 * (isValidConnection says the same as linkRules, so the preview never promises what the drop refuses), a refused
 * drop is explained, and in connect mode a click or tap on a factor links it, a click on empty canvas or Escape
 * stops. Canvas.tsx spreads `props`; `connecting` styles the canvas.
 */
export function useLinkingProps(session: Session) {
  const connectFrom = useStore(linkingStoreOf(session), (s) => s.connectFrom);
  const readOnly = useStore(session.store, (s) => s.readOnly);
  const sourceExists = useStore(session.store, (s) => connectFrom === null || s.doc.factors.has(connectFrom));

  // The source was removed (here or by someone else), or this person may no longer edit: the mode ends.
  useEffect(() => {
    if (connectFrom !== null && (readOnly || !sourceExists)) cancelConnect(session, 'gone');
  }, [session, connectFrom, readOnly, sourceExists]);

  useEffect(() => {
    if (connectFrom === null) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') cancelConnect(session);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [session, connectFrom]);

  const isValidConnection: IsValidConnection<LinkFlowEdge> = useCallback(
    (connection: Connection | Edge) => checkLink(session.store.getState().doc, connection.source, connection.target) === 'ok',
    [session],
  );

  // A link drawn by dragging while connect mode is on is what the mode was for: it ends, quietly.
  const onConnect = useCallback(
    (connection: Connection) => {
      if (linkFactors(session, connection.source, connection.target) === 'ok') endConnect(session);
    },
    [session],
  );

  // A drop on a factor that refuses the link says why (a drop on empty canvas just ends the drag).
  const onConnectEnd: OnConnectEnd = useCallback(
    (_event, state) => {
      if (state.isValid || !state.fromNode || !state.toNode) return;
      if (checkLink(session.store.getState().doc, state.fromNode.id, state.toNode.id) === 'exists')
        linkFactors(session, state.fromNode.id, state.toNode.id);
    },
    [session],
  );

  const onNodeClick: NodeMouseHandler<FactorFlowNode> = useCallback(
    (_event, node) => {
      if (linkingStoreOf(session).getState().connectFrom !== null) finishConnect(session, node.id);
    },
    [session],
  );

  const onPaneClick = useCallback(() => cancelConnect(session), [session]);

  const props = useMemo(
    () => ({
      isValidConnection,
      onConnect,
      onConnectEnd,
      onNodeClick,
      onPaneClick,
      connectionLineComponent: ConnectionPreview,
      // Clicking a dot starts this app's connect mode (FactorHandles.tsx), not React Flow's own click-to-connect.
      connectOnClick: false,
    }),
    [isValidConnection, onConnect, onConnectEnd, onNodeClick, onPaneClick],
  );
  return { props, connecting: connectFrom !== null };
}
