import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { EditorState } from '../store/editorStore.ts';
import type { AddedNotice } from '../sync/notices.ts';
import { describeInWords } from './undoWords.ts';
import './toasts.css';

/** How long a notice stays (ms); "Toon" or the close button end it sooner. */
const NOTICE_MS = 12_000;
const STATUS_MS = 5_000;
const FALLBACK = { width: 220, height: 90 };

/** The sentence of a notice: "Moeder voegde 'Schaamte' toe", "Iemand voegde 3 factoren toe". */
function noticeText(t: TFunction, notice: AddedNotice, state: EditorState): string {
  const who = notice.who ?? t('notices.someone');
  if (notice.factorIds.length > 1) return t('notices.addedMany', { who, count: notice.factorIds.length });
  const label = state.doc.factors.get(notice.factorIds[0]!)?.label.trim().split('\n')[0] ?? '';
  return label ? t('notices.addedOne', { who, name: label.slice(0, 60) }) : t('notices.addedUnnamed', { who });
}

/** Calm notices at the bottom of the canvas: factors others added out of view, and what an undo did. */
export function Toasts() {
  const { t } = useTranslation();
  const session = useSession();
  const flow = useReactFlow();
  const notices = useEditor((s) => s.notices);
  const undoStatus = useEditor((s) => s.undoStatus);
  // A notice names the factor's text, which often arrives just after the factor itself.
  useEditor((s) => (s.notices.length > 0 ? s.doc.factors : null));
  const state = session.store.getState();

  const dismiss = (id: number) => session.store.setState((s) => void (s.notices = s.notices.filter((n) => n.id !== id)));

  // Each notice (and each change to it) ends by itself after a while.
  useEffect(() => {
    if (notices.length === 0) return;
    const oldest = Math.min(...notices.map((n) => n.at));
    const timer = setTimeout(
      () => session.store.setState((s) => void (s.notices = s.notices.filter((n) => Date.now() - n.at < NOTICE_MS))),
      Math.max(0, oldest + NOTICE_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [notices, session]);
  useEffect(() => {
    if (!undoStatus) return;
    const timer = setTimeout(() => session.store.setState((s) => void (s.undoStatus = null)), STATUS_MS);
    return () => clearTimeout(timer);
  }, [undoStatus, session]);

  // Whether a factor can be seen whole now; a notice about factors all in view is only read out, not shown.
  const view = visibleArea(flow);
  const outOfView = (id: string) => {
    const factor = state.doc.factors.get(id);
    if (!factor) return false;
    if (!view) return true;
    const size = state.sizes.get(id) ?? FALLBACK;
    const { x, y } = factor.position;
    return x < view.x || y < view.y || x + size.width > view.x + view.width || y + size.height > view.y + view.height;
  };
  const live = (n: AddedNotice) => n.factorIds.some((id) => state.doc.factors.has(id));
  const shown = notices.filter((n) => live(n) && n.factorIds.some(outOfView));
  const latest = notices.filter(live).at(-1);

  const show = (notice: AddedNotice) => {
    const ids = notice.factorIds.filter((id) => session.store.getState().doc.factors.has(id));
    session.store.setState((s) => {
      s.selectedNodes = new Set(ids);
      s.selectedEdges = new Set();
    });
    void flow.fitView({ nodes: ids.map((id) => ({ id })), padding: 0.4, maxZoom: 1.2, duration: 300 });
    dismiss(notice.id);
  };

  const statusText = undoStatus
    ? t(undoStatus.action === 'undo' ? 'undo.undone' : 'undo.redone', { what: describeInWords(t, undoStatus.description) })
    : '';
  return (
    <>
      <div className="toasts" data-testid="toasts">
        {shown.map((notice) => (
          <div key={notice.id} className="toast" data-testid="toast-added">
            <span className="toast-text">{noticeText(t, notice, state)}</span>
            <button type="button" className="toast-action" onClick={() => show(notice)} data-testid="toast-show">
              {t('notices.show')}
            </button>
            <button type="button" className="toast-close" onClick={() => dismiss(notice.id)} aria-label={t('notices.close')}>
              ×
            </button>
          </div>
        ))}
        {undoStatus ? (
          <div key={`undo-${undoStatus.at}`} className="toast toast--status" data-testid="undo-status">
            <span className="toast-text">{statusText}</span>
          </div>
        ) : null}
      </div>
      {/* Read out also when the factor is in view: a screen reader does not see it appear. */}
      <div className="visually-hidden" role="status" aria-live="polite" data-testid="notices-live">
        {latest ? noticeText(t, latest, state) : ''}
      </div>
      <div className="visually-hidden" role="status" aria-live="polite">
        {statusText}
      </div>
    </>
  );
}

function visibleArea(flow: ReturnType<typeof useReactFlow>) {
  const box = document.querySelector('.react-flow')?.getBoundingClientRect();
  if (!box || box.width === 0) return null;
  const a = flow.screenToFlowPosition({ x: box.left, y: box.top });
  const b = flow.screenToFlowPosition({ x: box.right, y: box.bottom });
  return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
}
