import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { Peer } from '../store/editorStore.ts';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { assignSeat, assignmentsOf } from './assignments.ts';

/**
 * Who a present person is in the analysis, beside their name in the presence list. The facilitator can correct it
 * (a choice of the people involved); a viewer is never one of them.
 */
export function PeerSeat({ peer }: { peer: Peer }) {
  const { t } = useTranslation();
  const session = useSession();
  const actors = useEditor((s) => s.doc.actors);
  const facilitator = useEditor((s) => s.role === 'facilitator' && !s.readOnly);
  // Read so that a correction shows at once, before the person's own seat comes back over awareness.
  const pending = useStore(assignmentsOf(session), (s) => s.list.find((a) => a.to === peer.clientId));
  const seat = peer.seat;
  if (!seat || seat.role === 'viewer') return null;
  const actor = seat.actor && actors.has(seat.actor) ? seat.actor : null;
  if (!facilitator) return actor ? <span className="presence-seat">{t('stances.seatAs', { actor: actors.get(actor)!.name })}</span> : null;
  const value = pending && pending.actor !== actor ? (pending.actor ?? '') : (actor ?? '');
  return (
    <select
      className="presence-seat-select"
      value={value}
      aria-label={t('stances.seatOf', { name: peer.name })}
      onChange={(e) => assignSeat(session, peer.clientId, e.target.value || null)}
      data-testid="peer-seat"
    >
      <option value="">{t('stances.seatNobody')}</option>
      {[...actors.values()].map((a) => (
        <option key={a.id} value={a.id}>
          {a.name}
        </option>
      ))}
    </select>
  );
}

/** This person's own seat beside "(jij)": opens the question again. Nothing for a viewer. */
export function MySeat() {
  const { t } = useTranslation();
  const session = useSession();
  const name = useEditor((s) => (s.myActor ? s.doc.actors.get(s.myActor)?.name : undefined));
  const canChoose = useEditor((s) => (s.role === 'editor' || s.role === 'facilitator') && !s.readOnly);
  if (!canChoose) return null;
  return (
    <button
      type="button"
      className="presence-seat presence-seat--me"
      onClick={() => session.store.setState((s) => void (s.seatQuestion = 'open'))}
      data-testid="my-seat"
    >
      {name ? t('stances.seatAs', { actor: name }) : t('stances.seatChoose')}
    </button>
  );
}

/** " · Moeder" after a person's name (their cursor), when they are one of the people involved. */
export function PeerActorName({ peer }: { peer: Peer }) {
  const name = useEditor((s) => (peer.seat?.actor ? s.doc.actors.get(peer.seat.actor)?.name : undefined));
  return name ? <> · {name}</> : null;
}
