import { NodeToolbar, Position } from '@xyflow/react';
import { useEditor } from '../store/EditorContext.tsx';
import { StanceBar } from './StanceBar.tsx';

/** Above the one selected factor: this person's stance, in reach of a finger (NodeToolbar keeps its size at any zoom). */
export function SelectedStanceBar() {
  const selected = useEditor((s) => (s.selectedNodes.size === 1 && s.selectedEdges.size === 0 ? [...s.selectedNodes][0]! : null));
  const editing = useEditor((s) => s.editingId);
  const myActor = useEditor((s) => s.myActor);
  if (selected === null || editing === selected || !myActor) return null;
  return (
    <NodeToolbar nodeId={selected} isVisible position={Position.Top} offset={10}>
      <StanceBar on={selected} compact />
    </NodeToolbar>
  );
}
