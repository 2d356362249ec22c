import { useCallback } from 'react';
import { useStore, type ConnectionLineComponentProps, type ReactFlowState } from '@xyflow/react';
import type { FactorFlowNode } from './flowTypes.ts';
import { boxOf, lineBetween, lineToPoint } from './floatingLine.ts';

/**
 * The line drawn while a link is dragged. Over a factor that may be linked it is the very line the link will be
 * (border to border, floatingLine.ts), whatever part of the factor the pointer is on; elsewhere it follows the
 * pointer, dashed, and a refused factor (the source itself, or one it already leads to) gets no snapped line.
 */
export function ConnectionPreview({ fromNode, toNode, toX, toY, connectionStatus }: ConnectionLineComponentProps<FactorFlowNode>) {
  const target = connectionStatus === 'valid' && toNode && toNode.id !== fromNode.id ? toNode : null;
  const targetId = target?.id ?? null;
  // A link the other way exists: the new one will be drawn beside it, so the preview is too.
  const paired = useStore(
    useCallback(
      (s: ReactFlowState) => targetId !== null && s.edges.some((e) => e.source === targetId && e.target === fromNode.id),
      [targetId, fromNode.id],
    ),
  );
  const line = target ? lineBetween(boxOf(fromNode), boxOf(target), paired) : lineToPoint(boxOf(fromNode), { x: toX, y: toY });
  const { s, e } = line;
  return (
    <g
      className={`connection-preview${target ? ' connection-preview--snapped' : ''}`}
      data-testid="connection-preview"
      data-target={targetId ?? ''}
    >
      <defs>
        <marker
          id="connection-preview-arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerUnits="userSpaceOnUse"
          markerWidth="16"
          markerHeight="16"
          orient="auto-start-reverse"
        >
          <path d="M 0 0 L 10 5 L 0 10 z" />
        </marker>
      </defs>
      <path d={`M ${s.x},${s.y} L ${e.x},${e.y}`} markerEnd="url(#connection-preview-arrow)" />
    </g>
  );
}
