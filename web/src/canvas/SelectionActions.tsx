import { NodeToolbar, Position } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { startConnect } from './linking.ts';
import { useLinking } from './linkingStore.ts';

function onlySelected(selected: ReadonlySet<string>): string | null {
  if (selected.size !== 1) return null;
  const [id] = selected;
  return id ?? null;
}

/**
 * Beside the one selected factor: "Verbinden", big enough for a finger (tap a factor, tap this, tap the target).
 * In connect mode the source factor is marked instead. Drawn by React Flow's NodeToolbar, so it keeps its size at
 * any zoom.
 */
export function SelectionActions() {
  const { t } = useTranslation();
  const session = useSession();
  const selected = useEditor((s) => onlySelected(s.selectedNodes));
  const editing = useEditor((s) => s.editingId);
  const readOnly = useEditor((s) => s.readOnly);
  const connectFrom = useLinking((s) => s.connectFrom);
  if (readOnly) return null;
  if (connectFrom !== null) {
    return (
      <NodeToolbar nodeId={connectFrom} isVisible position={Position.Bottom} offset={10}>
        <span className="connect-from" data-testid="connect-from">
          {t('linking.from')}
        </span>
      </NodeToolbar>
    );
  }
  if (selected === null || editing === selected) return null;
  return (
    <NodeToolbar nodeId={selected} isVisible position={Position.Bottom} offset={10}>
      <button
        type="button"
        className="connect-button nodrag nopan"
        onClick={() => startConnect(session, selected)}
        title={t('linking.connectHint')}
        data-testid="connect-near"
      >
        <span aria-hidden="true">→</span> {t('linking.connect')}
      </button>
    </NodeToolbar>
  );
}
