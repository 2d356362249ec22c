/** Marks a factor or link with this person's stance: the same stance again clears it (one undo step each). */
import type { Stance } from '@samenzicht/shared/model/types';
import { stanceKey } from '@samenzicht/shared/model/stance';
import { setStance } from '@samenzicht/shared/ydoc/stances';
import type { Session } from '../sync/session.ts';

/** Sets (or, when it already is `stance`, clears) this person's stance on `on`; false when they are no actor. */
export function toggleMyStance(session: Session, on: string, stance: Stance): boolean {
  const { myActor, readOnly, doc } = session.store.getState();
  if (!myActor || readOnly || !doc.actors.has(myActor)) return false;
  const current = doc.stances.get(stanceKey(myActor, on))?.stance ?? null;
  // One tap, one undo step: not merged with an edit made just before (the undo manager's capture time).
  session.undo.stopCapturing();
  setStance(session.doc, session.origin, myActor, on, current === stance ? null : stance);
  session.undo.stopCapturing();
  return true;
}
