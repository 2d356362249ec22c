/**
 * What linking does to the document and what it says: make a link (by a drop, a click, a tap or a typed name),
 * the connect mode, and the polarity switch. Every change is one undo step of its own, announced to screen readers
 * and shown as a short notice that can take exactly that step back.
 */
import i18next from 'i18next';
import { addLink, removeLinks, updateLinks } from '@samenzicht/shared/ydoc/commands';
import type { Polarity } from '@samenzicht/shared/model/types';
import type { Session } from '../sync/session.ts';
import { checkLink, type LinkCheck } from './linkRules.ts';
import { announce, linkingStoreOf } from './linkingStore.ts';

const t = (key: string, options?: Record<string, unknown>): string => i18next.t(key, options);

function labelOf(session: Session, id: string): string {
  return session.store.getState().doc.factors.get(id)?.label.trim() || t('factor.placeholder');
}

/**
 * Runs `change` as an undo step of its own (nothing before or after merges into it) and returns how to take it back:
 * undo, while that step is still the newest; otherwise `fallback`, which writes the old value back.
 */
function asOwnStep(session: Session, change: () => void, fallback: () => void): () => void {
  const { undo } = session;
  undo.stopCapturing();
  const before = undo.undoStack.length;
  change();
  const item = undo.undoStack.length > before ? undo.undoStack[undo.undoStack.length - 1] : undefined;
  undo.stopCapturing();
  return () => {
    if (item && undo.undoStack[undo.undoStack.length - 1] === item) undo.undo();
    else fallback();
  };
}

function undoing(session: Session, undo: () => void): () => void {
  return () => {
    undo();
    announce(session, t('linking.undone'));
  };
}

/** Links `from` to `to` if it may (linkRules.ts) and says what happened. */
export function linkFactors(session: Session, from: string, to: string): LinkCheck | 'readOnly' {
  const state = session.store.getState();
  if (state.readOnly) return 'readOnly';
  const check = checkLink(state.doc, from, to);
  if (check === 'self') announce(session, t('linking.self'), { toast: true });
  if (check === 'exists')
    announce(session, t('linking.exists', { from: labelOf(session, from), to: labelOf(session, to) }), { toast: true });
  if (check !== 'ok') return check;
  let id: string | null = null;
  const undo = asOwnStep(
    session,
    () => void (id = addLink(session.doc, session.origin, { from, to })),
    () => {
      const link = id ? session.store.getState().doc.links.get(id) : undefined;
      if (link && link.from === from && link.to === to) removeLinks(session.doc, session.origin, [link.id], { keep: false });
    },
  );
  if (id === null) return 'exists';
  announce(session, t('linking.made', { from: labelOf(session, from), to: labelOf(session, to) }), {
    toast: true,
    undo: undoing(session, undo),
  });
  return 'ok';
}

/** Starts connect mode from `from`: the next factor clicked, tapped or named becomes the other end. */
export function startConnect(session: Session, from: string): void {
  const state = session.store.getState();
  if (state.readOnly || !state.doc.factors.has(from)) return;
  const active = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  linkingStoreOf(session).setState({ connectFrom: from, returnFocus: active });
  session.store.setState((s) => {
    s.selectedNodes = new Set([from]);
    s.selectedEdges = new Set();
    s.editingId = null;
  });
  announce(session, t('linking.choose', { from: labelOf(session, from) }));
}

/** Leaves connect mode (if on); focus goes back where it was, or to the source factor when that place is gone. */
export function endConnect(session: Session): void {
  const store = linkingStoreOf(session);
  const { connectFrom, returnFocus } = store.getState();
  if (connectFrom === null) return;
  store.setState({ connectFrom: null, returnFocus: null });
  const back =
    returnFocus?.isConnected && !returnFocus.closest('.connect-bar')
      ? returnFocus
      : connectFrom
        ? document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(connectFrom)}"]`)
        : null;
  back?.focus({ preventScroll: true });
}

/** Stops connect mode without a link. */
export function cancelConnect(session: Session, reason: 'cancelled' | 'gone' = 'cancelled'): void {
  if (linkingStoreOf(session).getState().connectFrom === null) return;
  endConnect(session);
  announce(session, t(reason === 'gone' ? 'linking.gone' : 'linking.cancelled'));
}

/**
 * Ends connect mode with a link to `to`. A refused target (the source itself, or a factor it already leads to)
 * keeps the mode on, so another can be chosen; the notice says why.
 */
export function finishConnect(session: Session, to: string): LinkCheck | 'readOnly' {
  const from = linkingStoreOf(session).getState().connectFrom;
  if (from === null) return 'missing';
  const result = linkFactors(session, from, to);
  if (result === 'ok' || result === 'missing' || result === 'readOnly') endConnect(session);
  return result;
}

/** Sets a link's polarity as an undo step of its own, and says so (with a notice that takes it back). */
export function setPolarity(session: Session, id: string, polarity: Polarity): void {
  const state = session.store.getState();
  const link = state.doc.links.get(id);
  if (state.readOnly || !link || link.polarity === polarity) return;
  const before = link.polarity;
  const undo = asOwnStep(
    session,
    () => updateLinks(session.doc, session.origin, [id], { polarity }),
    () => {
      if (session.store.getState().doc.links.get(id)?.polarity === polarity)
        updateLinks(session.doc, session.origin, [id], { polarity: before });
    },
  );
  const text = t('linking.polarityNow', {
    from: labelOf(session, link.from),
    to: labelOf(session, link.to),
    word: t(polarity === '+' ? 'link.plus' : 'link.minus'),
    sign: polarity === '+' ? '+' : '−',
  });
  announce(session, text, { toast: true, undo: undoing(session, undo) });
}
