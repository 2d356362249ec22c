import { useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { deleteSelection } from './editActions.ts';
import { ConnectButton } from '../canvas/ConnectButton.tsx';

/** The editing actions, each also reachable by keyboard. */
export function Toolbar() {
  const { t } = useTranslation();
  const session = useSession();
  const flow = useReactFlow();
  const readOnly = useEditor((s) => s.readOnly);
  const canUndo = useEditor((s) => s.canUndo);
  const canRedo = useEditor((s) => s.canRedo);
  const hasSelection = useEditor((s) => s.selectedNodes.size + s.selectedEdges.size > 0);

  const add = () => {
    const box = document.querySelector('.canvas')?.getBoundingClientRect();
    const centre = box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: 400, y: 300 };
    const position = flow.screenToFlowPosition(centre);
    // A small random offset so that several new factors do not land exactly on top of each other.
    const jitter = () => Math.round((Math.random() - 0.5) * 60);
    const id = addFactor(session.doc, session.origin, { position: { x: position.x - 80 + jitter(), y: position.y - 24 + jitter() } });
    session.store.setState((s) => {
      s.editingId = id;
      s.selectedNodes = new Set([id]);
      s.selectedEdges = new Set();
    });
  };

  const [layingOut, setLayingOut] = useState(false);
  const selectionSize = useEditor((s) => s.selectedNodes.size);
  const tidy = async () => {
    setLayingOut(true);
    try {
      const { runLayout } = await import('../layout/runLayout.ts');
      const only = selectionSize >= 2 ? new Set(session.store.getState().selectedNodes) : undefined;
      await runLayout(session, only);
      if (!only) window.setTimeout(() => void flow.fitView({ padding: 0.2, duration: 300 }), 50);
    } finally {
      setLayingOut(false);
    }
  };

  if (readOnly) return null;
  return (
    <div className="toolbar" role="toolbar" aria-label="Bewerken">
      <button type="button" className="primary" onClick={add} data-testid="add-factor">
        <span aria-hidden="true">+</span> {t('toolbar.addFactor')}
      </button>
      <ConnectButton />
      <button type="button" onClick={() => deleteSelection(session)} disabled={!hasSelection} data-testid="delete">
        {t('toolbar.delete')}
      </button>
      <button type="button" onClick={() => session.undo.undo()} disabled={!canUndo} title="Ctrl+Z" data-testid="undo">
        {t('toolbar.undo')}
      </button>
      <button type="button" onClick={() => session.undo.redo()} disabled={!canRedo} title="Ctrl+Shift+Z" data-testid="redo">
        {t('toolbar.redo')}
      </button>
      <button type="button" onClick={() => void tidy()} disabled={layingOut} data-testid="layout" title={t('toolbar.layoutHint')}>
        {layingOut ? t('toolbar.layingOut') : selectionSize >= 2 ? t('toolbar.layoutSelection') : t('toolbar.layout')}
      </button>
      <button type="button" onClick={() => void flow.fitView({ padding: 0.2, duration: 300 })}>
        {t('toolbar.fitView')}
      </button>
    </div>
  );
}
