import { memo, type MouseEvent } from 'react';
import { Handle, Position } from '@xyflow/react';
import { useSession } from '../store/EditorContext.tsx';
import { startConnect } from './linking.ts';
import './linking.css';

/**
 * The connection points of a factor (React Flow's "easy connect" idea, with the factor still draggable by its body):
 * - a target handle covering the whole factor, which only takes the pointer while a connection is being drawn, so a
 *   drop anywhere on the factor links it (linking.css);
 * - a source dot on the right border with a hit area of at least 44 px, shown on the hovered or selected factor and
 *   always on touch screens. Dragging it draws a link; clicking or tapping it starts connect mode instead.
 * Where links attach is not these handles but the factors' borders (floatingLine.ts). The ids matter: in loose
 * connection mode React Flow finds the handle under the pointer by id, and without ids it would take the dot for
 * the body.
 */
function FactorHandlesView({ id }: { id: string }) {
  const session = useSession();
  const onClick = (event: MouseEvent) => {
    // Not a click on the factor: that would end connect mode with a link to itself.
    event.stopPropagation();
    startConnect(session, id);
  };
  return (
    <>
      <Handle type="target" id="in" position={Position.Left} className="factor-target" isConnectableStart={false} />
      <Handle type="source" id="out" position={Position.Right} className="factor-source" onClick={onClick} data-testid="factor-source" />
    </>
  );
}

export const FactorHandles = memo(FactorHandlesView);
