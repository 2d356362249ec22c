import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { EditorState } from '../store/editorStore.ts';
import { leaderOf, spotOf } from './useLead.ts';

/** In words, what is pointed at: a factor's text, "A → B" for a link, "R1 name" for a loop. */
function describeSpot(state: EditorState): { what: string; by: string | null } | null {
  const found = spotOf(state);
  if (!found) return null;
  const label = (id: string) => state.doc.factors.get(id)?.label || '…';
  const { spot } = found;
  let what: string | null = null;
  if (spot.kind === 'factor' && state.doc.factors.has(spot.id)) what = label(spot.id);
  else if (spot.kind === 'link') {
    const link = state.doc.links.get(spot.id);
    if (link) what = `${label(link.from)} → ${label(link.to)}`;
  } else if (spot.kind === 'loop') {
    const loop = state.patterns?.loops.find((l) => l.key === spot.id);
    if (loop) what = loop.name ? `${loop.id} ${loop.name}` : loop.id;
  }
  return what === null ? null : { what, by: found.by };
}

/** Calm lines at the top of the canvas: who leads, whether you follow, and what we talk about now. */
export function LeadBanner({ followed }: { followed: { name: string; round: number } | null }) {
  const { t } = useTranslation();
  const session = useSession();
  const leading = useEditor((s) => s.leading !== null);
  const leader = useEditor((s) => leaderOf(s)?.name ?? null);
  const leaderRound = useEditor((s) => leaderOf(s)?.lead?.leading ?? null);
  // For tests that check a follower did not move: which of the leader's views this page has received.
  const leaderView = useEditor((s) => leaderOf(s)?.lead?.viewport ?? null);
  const spotText = useEditor((s) => JSON.stringify(describeSpot(s)));
  const spot = JSON.parse(spotText) as { what: string; by: string | null } | null;
  const set: typeof session.store.setState = (fn) => session.store.setState(fn);
  if (!leader && !spot) return null;
  return (
    <div
      className="lead-banner"
      data-testid="lead-banner"
      data-lead-view={leaderView ? `${leaderView.x},${leaderView.y},${leaderView.zoom}` : undefined}
    >
      {leading ? null : followed ? (
        <p className="lead-line" role="status" data-testid="follow-banner">
          <span>
            <strong>{t('present.following', { name: followed.name })}</strong> <span className="lead-hint">{t('present.followHint')}</span>
          </span>
          <button type="button" onClick={() => set((s) => void (s.unfollowed = followed.round))} data-testid="follow-stop">
            {t('present.followStop')}
          </button>
        </p>
      ) : leader ? (
        <p className="lead-line" role="status" data-testid="follow-invite">
          <span>{t('present.invited', { name: leader })}</span>
          <button
            type="button"
            onClick={() => set((s) => void (s.unfollowed = s.unfollowed === leaderRound ? null : s.unfollowed))}
            data-testid="follow-rejoin"
          >
            {t('present.rejoin')}
          </button>
        </p>
      ) : null}
      {spot ? (
        <p className="lead-line lead-line--spot" role="status" data-testid="spot-banner">
          <span>
            {spot.by === null ? t('present.spotNow', { what: spot.what }) : t('present.spotBy', { name: spot.by, what: spot.what })}
          </span>
          {spot.by === null ? (
            <button type="button" onClick={() => set((s) => void (s.spot = null))}>
              {t('present.spotClear')}
            </button>
          ) : null}
        </p>
      ) : null}
    </div>
  );
}
