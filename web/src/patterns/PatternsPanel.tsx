import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Loop } from '@samenzicht/shared/graph/loops';
import { setLoopName } from '@samenzicht/shared/ydoc/commands';
import { CommitField } from '../panels/CommitField.tsx';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { LOOP_NAME_LIMITS } from '@samenzicht/shared/model/loopName';
import { LoopShared, SharednessSummary } from '../stances/SharednessSummary.tsx';
import { LoopComments } from '../comments/LoopComments.tsx';

const LoopItem = memo(function LoopItem({ loop, strengths }: { loop: Loop; strengths: string[] }) {
  const { t } = useTranslation();
  const session = useSession();
  const factors = useEditor((s) => s.doc.factors);
  const readOnly = useEditor((s) => s.readOnly);
  const chosen = useEditor((s) => s.pinnedLoop === loop.id);
  const labels = loop.factors.map((id) => factors.get(id)?.label || '…');
  const setHighlight = (id: string | null) => session.store.setState((s) => void (s.highlightLoop = id));

  return (
    <li
      className={`loop${loop.vicious ? ' loop--vicious' : loop.virtuous ? ' loop--virtuous' : ''}${chosen ? ' loop--on' : ''}`}
      data-testid="loop"
      data-loop-id={loop.id}
      onMouseEnter={() => setHighlight(loop.id)}
      onMouseLeave={() => setHighlight(null)}
    >
      <div className="loop-head">
        <span className="loop-id">{loop.id}</span>
        <span>{t(`patterns.${loop.type}`)}</span>
        {loop.vicious ? <span className="loop-tag loop-tag--vicious">{t('patterns.vicious')}</span> : null}
        {loop.virtuous ? <span className="loop-tag loop-tag--virtuous">{t('patterns.virtuous')}</span> : null}
        <span className="hint">{t('patterns.steps', { count: loop.links.length })}</span>
      </div>
      <CommitField
        value={loop.name ?? ''}
        maxLength={LOOP_NAME_LIMITS.nameLength}
        readOnly={readOnly}
        aria-label={t('patterns.name')}
        placeholder={readOnly ? '' : t('patterns.namePlaceholder')}
        onCommit={(name) => setLoopName(session.doc, session.origin, loop.links, name.trim())}
        data-testid="loop-name"
      />
      <p className="loop-path">{[...labels, labels[0]].join(' → ')}</p>
      <LoopShared loop={loop} />
      {strengths.length > 0 ? <p className="hint">{t('patterns.strengths', { names: strengths.join(', ') })}</p> : null}
      <button
        type="button"
        className="link-button"
        aria-pressed={chosen}
        onFocus={() => setHighlight(loop.id)}
        onBlur={() => setHighlight(null)}
        onClick={() =>
          session.store.setState((s) => {
            s.pinnedLoop = s.pinnedLoop === loop.id ? null : loop.id;
            if (s.pinnedLoop === null) s.highlightLoop = null;
          })
        }
        data-testid="loop-show"
      >
        {chosen ? t('patterns.shown') : t('patterns.show')}
      </button>
      <LoopComments links={loop.links} />
    </li>
  );
});

function BreakPoints() {
  const { t } = useTranslation();
  const session = useSession();
  const patterns = useEditor((s) => s.patterns);
  const factors = useEditor((s) => s.doc.factors);
  const links = useEditor((s) => s.doc.links);
  const show = useEditor((s) => s.showBreakPoints);
  if (!patterns) return null;
  const total = patterns.loops.filter((l) => l.vicious).length;
  if (total === 0) return <p className="hint">{t('patterns.breakNone')}</p>;
  const label = (id: string) => factors.get(id)?.label || '…';
  return (
    <div className="breaks" data-testid="break-points">
      <p className="hint">{t('patterns.breakIntro')}</p>
      <ul>
        {patterns.breakPoints.links.map((id) => {
          const link = links.get(id);
          if (!link) return null;
          return (
            <li key={id} data-testid="break-link">
              <strong>{t('patterns.breakLink', { from: label(link.from), to: label(link.to) })}</strong>:{' '}
              {t('patterns.breaksOf', { count: patterns.linkCounts[id] ?? 0, total })}
            </li>
          );
        })}
      </ul>
      {patterns.breakPoints.factors.length > 0 ? (
        <>
          <h4>{t('patterns.breakFactors')}</h4>
          <ul>
            {patterns.breakPoints.factors.map((id) => (
              <li key={id}>
                <strong>{label(id)}</strong>: {t('patterns.breaksOf', { count: patterns.factorCounts[id] ?? 0, total })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <label className="check">
        <input
          type="checkbox"
          checked={show}
          onChange={(e) => session.store.setState((s) => void (s.showBreakPoints = e.target.checked))}
          data-testid="show-breaks"
        />
        {t('patterns.showBreaks')}
      </label>
    </div>
  );
}

/**
 * The revisions a test waits for before it says the loops did not change: of the document, and of the document state
 * the loops shown hold for (patternsRunner.ts). Its own component, so only it renders on every change.
 */
function PatternsRevision() {
  const docRevision = useEditor((s) => s.docRevision);
  const patternsRevision = useEditor((s) => s.patternsRevision);
  return <span hidden data-testid="patterns-revision" data-doc-revision={docRevision} data-patterns-revision={patternsRevision} />;
}

/** The loops of the analysis (vicious first), their names, and where to break them. */
export function PatternsPanel() {
  const { t } = useTranslation();
  const patterns = useEditor((s) => s.patterns);
  const factors = useEditor((s) => s.doc.factors);
  if (!patterns) return <p className="hint">{t('patterns.computing')}</p>;
  const vicious = patterns.loops.filter((l) => l.vicious);
  const ordered = [...vicious, ...patterns.loops.filter((l) => !l.vicious)];
  const shown = ordered.slice(0, 200);
  return (
    <div className="patterns" data-testid="patterns">
      <PatternsRevision />
      <SharednessSummary />
      <p data-testid="patterns-summary">
        {t('patterns.summary', { count: patterns.loops.length })}
        {patterns.loops.length > 0 ? `, ${t('patterns.viciousCount', { count: vicious.length })}` : ''}.
      </p>
      {patterns.truncated ? (
        <p className="banner banner--warning" role="status">
          {t('patterns.truncated', { count: patterns.loops.length })}
        </p>
      ) : null}
      {patterns.loops.length === 0 ? <p className="hint">{t('patterns.none')}</p> : null}
      <h3>{t('patterns.breakTitle')}</h3>
      <BreakPoints />
      <h3>{t('patterns.title')}</h3>
      <ul className="loops">
        {shown.map((loop) => (
          <LoopItem
            key={loop.key}
            loop={loop}
            strengths={(patterns.protective[loop.id] ?? []).map((id) => factors.get(id)?.label || '…')}
          />
        ))}
      </ul>
      <details className="help">
        <summary>{t('patterns.help')}</summary>
        <p>{t('patterns.helpText')}</p>
      </details>
    </div>
  );
}
