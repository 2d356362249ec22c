import { Suspense, lazy, useEffect, useRef } from 'react';
import { useSession } from '../store/EditorContext.tsx';
import { historyStoreOf, useHistory } from './historyStore.ts';
import './history.css';

// The export layout and renderers come with the body, only once something is opened.
const HistoryViewBody = lazy(() => import('./HistoryViewBody.tsx'));

/**
 * What the canvas area shows instead of the live analysis: a version, read-only, or a comparison. A clear banner
 * says so, with the way back to now (also Escape); the live analysis goes on underneath for everyone else.
 */
export function HistoryView() {
  const session = useSession();
  const view = useHistory((s) => s.view);
  const frame = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!view) return;
    frame.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !document.querySelector('dialog[open]')) historyStoreOf(session).setState({ view: null });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [view, session]);
  if (!view) return null;
  return (
    <div className="history-view nokey" ref={frame} tabIndex={-1} data-testid="history-view">
      <Suspense fallback={<p className="hint">…</p>}>
        <HistoryViewBody view={view} />
      </Suspense>
    </div>
  );
}
