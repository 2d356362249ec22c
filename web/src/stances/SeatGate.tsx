import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { SeatPrompt } from './SeatPrompt.tsx';
import { useSeat } from './useSeat.ts';
import { loadAskSeat } from './seat.ts';
import { useStanceKeys } from './useStanceKeys.ts';

/**
 * Who this person is in the analysis: asks once, after the name, when they may edit and the analysis is loaded; keeps
 * the seat published; says so when the facilitator corrected it. Mounted once per editor (also the stance keys).
 */
export function SeatGate() {
  const { t } = useTranslation();
  const session = useSession();
  const [corrected, setCorrected] = useState<string | null | undefined>(undefined);
  const onCorrected = useCallback((actor: string | null) => setCorrected(actor), []);
  useSeat(session, onCorrected);
  useStanceKeys(session);
  // Asked on joining of someone who may edit; not of the facilitator, who is neutral by default (they can choose from
  // the presence list), nor on a device that said "niet meer vragen" (a shared screen).
  const [askOnJoin] = useState(loadAskSeat);
  const ask = useEditor(
    (s) =>
      !s.readOnly &&
      (s.seatQuestion === 'open' || (s.seatQuestion === 'pending' && askOnJoin && s.role === 'editor' && s.connection === 'connected')),
  );
  const correctedName = useEditor((s) => (corrected ? (s.doc.actors.get(corrected)?.name ?? '') : null));
  return (
    <>
      {ask ? <SeatPrompt onClose={() => undefined} /> : null}
      {corrected !== undefined ? (
        <div className="banner banner--info seat-corrected" role="status" data-testid="seat-corrected">
          {t('stances.seatCorrected', { actor: correctedName ?? t('stances.seatNobody') })}
          <button type="button" className="banner-action" onClick={() => setCorrected(undefined)}>
            {t('stances.close')}
          </button>
        </div>
      ) : null}
    </>
  );
}
