import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { EditorState } from '../store/editorStore.ts';
import { LOOP_LABELS_KEY } from '../store/editorStore.ts';
import { newLeadRound, type Spot } from '../sync/lead.ts';
import type { Session } from '../sync/session.ts';
import type { HeaderAction } from './headerActions.ts';
import '../canvas/present.css';

/** What "Aanwijzen" would point at: the one selected factor, else the one selected link, else the chosen loop. */
function spotCandidate(state: EditorState): Spot | null {
  if (state.selectedNodes.size === 1) return { kind: 'factor', id: [...state.selectedNodes][0]! };
  if (state.selectedEdges.size === 1 && state.selectedNodes.size === 0) return { kind: 'link', id: [...state.selectedEdges][0]! };
  const loop = state.pinnedLoop ? state.patterns?.loops.find((l) => l.id === state.pinnedLoop) : undefined;
  return loop ? { kind: 'loop', id: loop.key } : null;
}

/**
 * "Presenteren" for everyone; "Iedereen volgt mij" and "Aanwijzen" for the facilitator. Self-contained, so it can
 * sit in the header, a menu, the toolbar or the floating bar of presentation mode.
 */
export type PresentPart = 'present' | 'loops' | 'lead' | 'spot';
const ALL_PARTS: readonly PresentPart[] = ['present', 'loops', 'lead', 'spot'];

export function PresentControls({ className = '', parts = ALL_PARTS }: { className?: string; parts?: readonly PresentPart[] }) {
  const { t } = useTranslation();
  const session = useSession();
  const role = useEditor((s) => s.role);
  const presenting = useEditor((s) => s.presenting);
  const leading = useEditor((s) => s.leading !== null);
  const spotted = useEditor((s) => s.spot !== null);
  const candidate = useEditor((s) => JSON.stringify(spotCandidate(s)));
  const loopLabels = useEditor((s) => s.showLoopLabels);
  const set: typeof session.store.setState = (fn) => session.store.setState(fn);
  return (
    <div className={`present-controls ${className}`} role="group" aria-label={t('present.controls')}>
      {presenting || !parts.includes('present') ? null : (
        <button type="button" onClick={() => set((s) => void (s.presenting = true))} title={t('present.startHint')} data-testid="present">
          {t('present.start')}
        </button>
      )}
      {!parts.includes('loops') ? null : (
        <button
          type="button"
          aria-pressed={loopLabels}
          onClick={() => {
            set((s) => void (s.showLoopLabels = !loopLabels));
            try {
              localStorage.setItem(LOOP_LABELS_KEY, loopLabels ? 'hidden' : 'shown');
            } catch {
              // Not remembered.
            }
          }}
          data-testid="loop-labels-button"
        >
          {t('present.loopLabelsShort')}
        </button>
      )}
      {role === 'facilitator' && parts.includes('lead') ? (
        <button
          type="button"
          aria-pressed={leading}
          title={t('present.leadHint')}
          onClick={() => set((s) => void (s.leading = s.leading === null ? newLeadRound() : null))}
          data-testid="lead"
        >
          {leading ? t('present.leadStop') : t('present.lead')}
        </button>
      ) : null}
      {role === 'facilitator' && parts.includes('spot') ? (
        spotted ? (
          <button type="button" aria-pressed="true" onClick={() => set((s) => void (s.spot = null))} data-testid="spotlight-clear">
            {t('present.spotClear')}
          </button>
        ) : (
          <button
            type="button"
            title={t('present.spotHint')}
            disabled={candidate === 'null'}
            onClick={() => set((s) => void (s.spot = spotCandidate(s)))}
            data-testid="spotlight"
          >
            {t('present.spot')}
          </button>
        )
      ) : null}
    </div>
  );
}

/**
 * "Presenteren" as an action of the header (a button on a wide screen, a menu item on a phone; panels/headerActions.ts),
 * for every role: a viewer's link on the room's screen presents too.
 */
export function usePresentActions(session: Session): readonly HeaderAction[] {
  const { t } = useTranslation();
  const presenting = useStore(session.store, (s) => s.presenting);
  return useMemo(
    () => [
      {
        id: 'present',
        label: t('present.start'),
        onSelect: () => session.store.setState((s) => void (s.presenting = true)),
        testId: 'present',
        pressed: presenting,
      },
    ],
    [t, session, presenting],
  );
}
