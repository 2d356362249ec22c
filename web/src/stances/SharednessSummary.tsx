import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { Loop } from '@samenzicht/shared/graph/loops';
import { loopSharedness } from '@samenzicht/shared/graph/sharedness';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { filterShows, sharednessOf } from './derived.ts';
import type { StanceFilter } from './seat.ts';

function useSharedness() {
  const doc = useEditor(useShallow((s) => ({ factors: s.doc.factors, links: s.doc.links, actors: s.doc.actors, stances: s.doc.stances })));
  return sharednessOf(doc);
}

/** "Gedeeld door iedereen: 14 van 18 factoren, 9 van 12 verbanden", and the two filters of the canvas. */
export function SharednessSummary() {
  const { t } = useTranslation();
  const session = useSession();
  const sharedness = useSharedness();
  const filter = useEditor((s) => s.stanceFilter);
  const shownCount = useEditor((s) => {
    const shows = filterShows(s.doc, s.stanceFilter);
    return shows === null ? 0 : [...shows].filter((id) => s.doc.factors.has(id) || s.doc.links.has(id)).length;
  });
  const { factors, links } = sharedness.headline;
  const setFilter = (next: StanceFilter | null) =>
    session.store.setState((s) => void (s.stanceFilter = s.stanceFilter === next ? null : next));
  return (
    <section className="sharedness" aria-labelledby="sharedness-title" data-testid="sharedness">
      <h3 id="sharedness-title">{t('stances.headlineTitle')}</h3>
      <p className="sharedness-headline" data-testid="sharedness-headline">
        {t('stances.headline', { factors: factors.shared, factorTotal: factors.total, links: links.shared, linkTotal: links.total })}
      </p>
      <p className="hint">
        {sharedness.participants.length === 0
          ? t('stances.nobodyYet')
          : t('stances.participants', { count: sharedness.participants.length })}
      </p>
      <div className="stance-filters" role="group" aria-label={t('stances.headlineTitle')}>
        <button type="button" aria-pressed={filter === 'differs'} onClick={() => setFilter('differs')} data-testid="filter-differs">
          {t('stances.filterDiffers')}
        </button>
        <button type="button" aria-pressed={filter === 'unmarked'} onClick={() => setFilter('unmarked')} data-testid="filter-unmarked">
          {t('stances.filterUnmarked')}
        </button>
        {filter !== null ? (
          <button type="button" className="link-button" onClick={() => setFilter(null)} data-testid="filter-off">
            {t('stances.filterOff')}
          </button>
        ) : null}
      </div>
      {filter !== null ? (
        <p className="hint" role="status" data-testid="filter-count">
          {t('stances.filterShowing', { count: shownCount })}
        </p>
      ) : null}
    </section>
  );
}

/** Whether every participant recognises one loop ("Iedereen herkent deze kringloop"). */
export function LoopShared({ loop }: { loop: Pick<Loop, 'factors' | 'links'> }) {
  const { t } = useTranslation();
  const sharedness = useSharedness();
  const actors = useEditor((s) => s.doc.actors);
  if (sharedness.participants.length === 0) return null;
  const { status, recognisedBy } = loopSharedness(loop, sharedness);
  const text =
    status === 'shared'
      ? t('stances.loopShared')
      : status === 'differs'
        ? t('stances.loopDiffers')
        : status === 'unmarked'
          ? t('stances.loopUnmarked')
          : recognisedBy.length > 0
            ? t('stances.loopPartial', { names: recognisedBy.map((id) => actors.get(id)?.name ?? '').join(', ') })
            : t('stances.loopPartialNone');
  return (
    <p className={`loop-shared loop-shared--${status}`} data-testid="loop-shared" data-status={status}>
      <span aria-hidden="true">{status === 'shared' ? '✓ ' : status === 'differs' ? '≠ ' : ''}</span>
      {text}
    </p>
  );
}
