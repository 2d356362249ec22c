import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { EVIDENCE_KINDS, FACTOR_KINDS, LIFE_DOMAINS, type Factor, type LifeDomain } from '@samenzicht/shared/model/types';
import { setActorFactors, updateFactors, updateLinks } from '@samenzicht/shared/ydoc/commands';
import { KindIcon } from '../canvas/KindIcon.tsx';
import { setPolarity } from '../canvas/linking.ts';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { LiveTextField } from '../text/LiveTextField.tsx';
import { AlsoEditing } from './AlsoEditing.tsx';
import { StanceBar } from '../stances/StanceBar.tsx';
import { SignalChoice } from './SignalChoice.tsx';
import { textOf } from '../text/textSource.ts';
import { FACTOR_LIMITS } from '@samenzicht/shared/model/factor';
import { LINK_LIMITS } from '@samenzicht/shared/model/link';
import { CommentThreads } from '../comments/CommentThreads.tsx';
import { NeutralHint } from '../comments/NeutralHint.tsx';

/** The value all factors share, or null when they differ. */
function common<T>(factors: readonly Factor[], pick: (f: Factor) => T): T | null {
  const first = factors[0] ? pick(factors[0]) : null;
  return factors.every((f) => pick(f) === first) ? first : null;
}

function FactorFields({ factors }: { factors: readonly Factor[] }) {
  const { t } = useTranslation();
  const session = useSession();
  const readOnly = useEditor((s) => s.readOnly);
  // The method's own term of the chosen kind is for the facilitator; everyone else reads only the plain words.
  const facilitator = useEditor((s) => s.role === 'facilitator');
  const actors = useEditor((s) => s.doc.actors);
  const ids = factors.map((f) => f.id);
  const single = factors.length === 1 ? factors[0]! : null;
  const kind = common(factors, (f) => f.kind);
  const domain = common(factors, (f) => f.domain ?? 'none');
  const evidence = common(factors, (f) => f.evidence);
  const update = (patch: Parameters<typeof updateFactors>[3]) => updateFactors(session.doc, session.origin, ids, patch);

  return (
    <div className="inspector-fields" data-testid="inspector-factor">
      {single ? <StanceBar on={single.id} testPrefix="inspector-" /> : null}
      {single ? (
        <label className="field">
          <span>{t('inspector.label')}</span>
          <AlsoEditing id={single.id} field="label" />
          <LiveTextField
            key={single.id}
            value={single.label}
            write={(label) => update({ label })}
            editing={{ id: single.id, field: 'label' }}
            source={() => textOf(session.doc, 'factors', single.id, 'label')}
            trimOnBlur
            maxLength={FACTOR_LIMITS.labelLength}
            readOnly={readOnly}
            data-testid="inspector-label"
          />
          <NeutralHint text={single.label} />
        </label>
      ) : (
        <p className="hint">
          <strong>{t('inspector.many', { count: factors.length })}</strong> — {t('inspector.manyHint')}
        </p>
      )}
      <fieldset className="field kind-choice" disabled={readOnly}>
        <legend>
          {t('inspector.kind')} {kind === null ? <span className="hint">{t('inspector.mixed')}</span> : null}
        </legend>
        {FACTOR_KINDS.map((k) => (
          <label key={k} className={`kind-option kind-option--${k}${kind === k ? ' kind-option--on' : ''}`}>
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => update({ kind: k })} data-testid={`kind-${k}`} />
            <KindIcon kind={k} />
            <span>{t(`kind.${k}`)}</span>
            <span className="kind-question">{t(`kind.q_${k}`)}</span>
            {facilitator && kind === k ? <span className="kind-method">{t('kind.method', { term: t(`kind.m_${k}`) })}</span> : null}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('inspector.domain')}</span>
        <select
          value={domain ?? ''}
          disabled={readOnly}
          onChange={(e) => update({ domain: e.target.value === 'none' ? null : (e.target.value as LifeDomain) })}
          data-testid="inspector-domain"
        >
          {domain === null ? <option value="">{t('inspector.mixed')}</option> : null}
          <option value="none">{t('domain.none')}</option>
          {LIFE_DOMAINS.map((d) => (
            <option key={d} value={d}>
              {t(`domain.${d}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="field segmented" disabled={readOnly}>
        <legend>{t('inspector.evidence')}</legend>
        {EVIDENCE_KINDS.map((e) => (
          <label key={e} className={evidence === e ? 'segment segment--on' : 'segment'}>
            <input
              type="radio"
              name="evidence"
              value={e}
              checked={evidence === e}
              onChange={() => update({ evidence: e })}
              data-testid={`evidence-${e}`}
            />
            {t(`evidence.${e}`)}
          </label>
        ))}
      </fieldset>
      {/* Visible, not a tooltip: on a phone there is no hover, and this difference matters to the method. */}
      <ul className="evidence-hints hint">
        {EVIDENCE_KINDS.map((e) => (
          <li key={e} data-testid={`evidence-hint-${e}`}>
            <strong>{t(`evidence.${e}`)}:</strong> {t(`evidence.${e}Hint`)}
          </li>
        ))}
      </ul>
      {single ? (
        <>
          <label className="field">
            <span>{t('inspector.note')}</span>
            <AlsoEditing id={single.id} field="note" />
            <LiveTextField
              key={single.id}
              value={single.note}
              write={(note) => update({ note })}
              editing={{ id: single.id, field: 'note' }}
              source={() => textOf(session.doc, 'factors', single.id, 'note')}
              maxLength={FACTOR_LIMITS.noteLength}
              readOnly={readOnly}
              placeholder={t('inspector.notePlaceholder')}
              data-testid="inspector-note"
            />
          </label>
          <fieldset className="field" disabled={readOnly}>
            <legend>{t('inspector.actors')}</legend>
            {actors.size === 0 ? <p className="hint">{t('inspector.noActors')}</p> : null}
            {[...actors.values()].map((actor) => (
              <label key={actor.id} className="check">
                <input
                  type="checkbox"
                  checked={actor.factors.includes(single.id)}
                  onChange={(e) => setActorFactors(session.doc, session.origin, actor.id, [single.id], e.target.checked)}
                />
                {actor.name} <span className="hint">({t(`role_actor.${actor.role}`)})</span>
              </label>
            ))}
          </fieldset>
          <CommentThreads key={single.id} on={single.id} title={t('comments.onFactorTitle')} />
        </>
      ) : null}
      {facilitator ? <SignalChoice factors={factors} /> : null}
    </div>
  );
}

function LinkFields({ linkId }: { linkId: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const readOnly = useEditor((s) => s.readOnly);
  const { link, from, to } = useEditor(
    useShallow((s) => {
      const l = s.doc.links.get(linkId);
      return { link: l, from: l ? s.doc.factors.get(l.from)?.label : '', to: l ? s.doc.factors.get(l.to)?.label : '' };
    }),
  );
  if (!link) return null;
  return (
    <div className="inspector-fields" data-testid="inspector-link">
      <StanceBar on={link.id} testPrefix="inspector-" />
      <p>
        <strong>{t('inspector.link')}</strong>: {t('inspector.linkFromTo', { from: from || '…', to: to || '…' })}
      </p>
      <fieldset className="field" disabled={readOnly}>
        <legend>{t('inspector.polarity')}</legend>
        {(['+', '-'] as const).map((p) => (
          <label key={p} className={`polarity-option${link.polarity === p ? ' polarity-option--on' : ''}`}>
            <input
              type="radio"
              name="polarity"
              checked={link.polarity === p}
              onChange={() => setPolarity(session, link.id, p)}
              data-testid={`polarity-${p === '+' ? 'plus' : 'minus'}`}
            />
            {p === '+' ? t('inspector.plus') : t('inspector.minus')}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('inspector.linkNote')}</span>
        <LiveTextField
          key={link.id}
          value={link.note}
          write={(note) => updateLinks(session.doc, session.origin, [link.id], { note })}
          editing={null}
          source={() => textOf(session.doc, 'links', link.id, 'note')}
          maxLength={LINK_LIMITS.noteLength}
          readOnly={readOnly}
          placeholder={t('inspector.linkNotePlaceholder')}
          data-testid="inspector-link-note"
        />
      </label>
      <CommentThreads key={link.id} on={link.id} title={t('comments.onLinkTitle')} />
    </div>
  );
}

/** Edits whatever is selected: one factor, several factors at once, or one link. */
export function Inspector() {
  const { t } = useTranslation();
  const factors = useEditor(
    useShallow((s) => [...s.selectedNodes].map((id) => s.doc.factors.get(id)).filter((f): f is Factor => f !== undefined)),
  );
  const linkIds = useEditor(useShallow((s) => [...s.selectedEdges].filter((id) => s.doc.links.has(id))));
  if (factors.length > 0) return <FactorFields factors={factors} />;
  if (linkIds.length === 1) return <LinkFields linkId={linkIds[0]!} />;
  return <p className="hint">{t('inspector.nothing')}</p>;
}
