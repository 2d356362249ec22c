import { PresentControls } from './PresentControls.tsx';
import { useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { deleteSelection } from './editActions.ts';
import { Icon } from '../ui/icons.tsx';
import './shell.css';
import { describeInWords } from './undoWords.ts';
import { spotForNewFactor, viewCentre } from '../canvas/newFactorSpot.ts';
import { ConnectButton } from '../canvas/ConnectButton.tsx';
import { announce } from '../canvas/linkingStore.ts';

/** The editing actions, each also reachable by keyboard. */
export function Toolbar() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const flow = useReactFlow();
  const readOnly = useEditor((s) => s.readOnly);
  const canUndo = useEditor((s) => s.canUndo);
  const canRedo = useEditor((s) => s.canRedo);
  const undoDescription = useEditor((s) => s.undoDescription);
  const redoDescription = useEditor((s) => s.redoDescription);
  const undoLabel = canUndo && undoDescription ? t('undo.undoWhat', { what: describeInWords(t, undoDescription) }) : t('toolbar.undo');
  const redoLabel = canRedo && redoDescription ? t('undo.redoWhat', { what: describeInWords(t, redoDescription) }) : t('toolbar.redo');
  const hasSelection = useEditor((s) => s.selectedNodes.size + s.selectedEdges.size > 0);

  const add = () => {
    const id = addFactor(session.doc, session.origin, { position: spotForNewFactor(flow, viewCentre(flow)) });
    session.store.setState((s) => {
      s.editingId = id;
      s.selectedNodes = new Set([id]);
      s.selectedEdges = new Set();
    });
  };

  const [layingOut, setLayingOut] = useState(false);
  // The share of the layout done (0 to 1), shown on the button while it runs.
  const [layoutProgress, setLayoutProgress] = useState(0);
  const selectionSize = useEditor((s) => s.selectedNodes.size);
  const tidy = async () => {
    setLayingOut(true);
    setLayoutProgress(0);
    try {
      const { runLayout } = await import('../layout/runLayout.ts');
      const only = selectionSize >= 2 ? new Set(session.store.getState().selectedNodes) : undefined;
      const moved = await runLayout(session, only, i18n.language.startsWith('en') ? 'en' : 'nl', setLayoutProgress);
      if (!only) window.setTimeout(() => void flow.fitView({ padding: 0.2, duration: 300 }), 50);
      // Said out loud, with a way back: a layout moves much at once.
      if (moved > 0) announce(session, t('toolbar.layoutDone', { count: moved }), { toast: true, undo: () => session.undo.undo() });
      else announce(session, t('toolbar.layoutNothing'), { toast: true });
    } catch {
      announce(session, t('toolbar.layoutFailed'), { toast: true });
    } finally {
      setLayingOut(false);
    }
  };

  if (readOnly) return null;
  const fit = () => void flow.fitView({ padding: 0.2, duration: 300 });
  const layoutLabel = layingOut
    ? t('toolbar.layingOutShare', { percent: Math.round(layoutProgress * 100) })
    : selectionSize >= 2
      ? t('toolbar.layoutSelection')
      : t('toolbar.layout');
  // On a small screen the words are read out but not shown (ui: .toolbar-text), except the short one of "add".
  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <button type="button" className="primary" onClick={add} data-testid="add-factor">
        <Icon name="plus" />
        <span className="toolbar-text">{t('toolbar.addFactor')}</span>
        <span className="toolbar-short" aria-hidden="true">
          {t('toolbar.addShort')}
        </span>
      </button>
      <ConnectButton />
      <button
        type="button"
        onClick={() => deleteSelection(session)}
        disabled={!hasSelection}
        title={t('toolbar.delete')}
        data-testid="delete"
      >
        <Icon name="trash" />
        <span className="toolbar-text">{t('toolbar.delete')}</span>
      </button>
      <button
        type="button"
        onClick={() => session.undo.undo()}
        disabled={!canUndo}
        title={`${undoLabel} (Ctrl+Z)`}
        aria-label={undoLabel}
        data-testid="undo"
      >
        <Icon name="undo" />
        <span className="toolbar-text">{t('toolbar.undo')}</span>
      </button>
      <button
        type="button"
        onClick={() => session.undo.redo()}
        disabled={!canRedo}
        title={`${redoLabel} (Ctrl+Shift+Z)`}
        aria-label={redoLabel}
        data-testid="redo"
      >
        <Icon name="redo" />
        <span className="toolbar-text">{t('toolbar.redo')}</span>
      </button>
      <button
        type="button"
        className="layout-button"
        onClick={() => void tidy()}
        disabled={layingOut}
        aria-busy={layingOut}
        data-testid="layout"
        title={t('toolbar.layoutHint')}
      >
        <Icon name="tidy" />
        <span className="toolbar-text">{layoutLabel}</span>
        {layingOut && (
          <span className="layout-progress" aria-hidden="true" data-testid="layout-progress">
            <span style={{ width: `${Math.round(layoutProgress * 100)}%` }} />
          </span>
        )}
      </button>
      <button type="button" onClick={fit} title={t('toolbar.fitView')} data-testid="fit-view">
        <Icon name="fit" />
        <span className="toolbar-text">{t('toolbar.fitView')}</span>
      </button>
      <PresentControls parts={['loops', 'lead', 'spot']} className="toolbar-present" />
    </div>
  );
}
