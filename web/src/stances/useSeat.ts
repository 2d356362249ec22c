import { useEffect, useRef } from 'react';
import type { Session } from '../sync/session.ts';
import { assignmentsOf } from './assignments.ts';
import { assignmentFor, loadMyActor, saveMyActor } from './seat.ts';

/** Sets who this person is in the analysis (an actor id, or null for nobody), remembered on this device. */
export function chooseMyActor(session: Session, actor: string | null): void {
  saveMyActor(session.id, actor);
  session.store.setState((s) => {
    s.myActor = actor;
    s.seatQuestion = 'done';
  });
}

/**
 * Keeps this person's seat: reads the choice remembered for this analysis, publishes it over awareness (with their
 * role and, for the facilitator, the corrections they made), and takes over a correction the facilitator made for this
 * person. A chosen person who is deleted stays chosen but marks nothing (the stance bar hides; "Kies wie je bent"
 * shows): an undo of their removal brings them back.
 */
export function useSeat(session: Session, onCorrected: (actor: string | null) => void): void {
  useEffect(() => {
    const remembered = loadMyActor(session.id);
    if (remembered !== null)
      session.store.setState((s) => {
        s.myActor = remembered === '' ? null : remembered;
        s.seatQuestion = 'done';
      });
  }, [session]);

  const applied = useRef(new Map<number, number>());
  useEffect(() => {
    const assignments = assignmentsOf(session);
    const publish = () => {
      const { myActor, role } = session.store.getState();
      const actor = role === 'viewer' ? null : myActor;
      const assign = role === 'facilitator' ? assignments.getState().list : [];
      session.provider.awareness.setLocalStateField('seat', { actor, role, assign });
    };
    publish();
    const stopAssignments = assignments.subscribe(publish);
    const stopStore = session.store.subscribe((state, prev) => {
      if (state.myActor !== prev.myActor || state.role !== prev.role) publish();
      if (state.peers !== prev.peers) {
        const a = assignmentFor(session.provider.awareness.clientID, state.peers);
        if (a && applied.current.get(a.from) !== a.n) {
          applied.current.set(a.from, a.n);
          if (a.actor !== state.myActor && state.role !== 'viewer') {
            chooseMyActor(session, a.actor);
            onCorrected(a.actor);
          }
        }
      }
    });
    return () => {
      stopAssignments();
      stopStore();
    };
  }, [session, onCorrected]);
}
