import { useMemo, useState, type DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { libraryIn, searchLibrary, type LibraryItem } from '@samenzicht/shared/model/library';
import { signalByCode } from '@samenzicht/shared/library/signals';
import { readLanguage } from '@samenzicht/shared/model/language';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { KindIcon } from '../canvas/KindIcon.tsx';
import { spotForNewFactor, viewCentre } from '../canvas/newFactorSpot.ts';
import { useEditor, useSession } from '../store/EditorContext.tsx';

/** The MIME type a library item carries while it is dragged onto the canvas. */
export const LIBRARY_MIME = 'application/x-samenzicht-factor';

/**
 * Signals from the practice, grouped the way parents think and searchable; click or drag one onto the canvas to add
 * it. The library is shown in the interface language; the label that enters the analysis is in the analysis's own
 * language, and the factor keeps the item's signal code.
 */
export function LibraryPanel() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const flow = useReactFlow();
  const readOnly = useEditor((s) => s.readOnly);
  const analysisLanguage = useEditor((s) => s.doc.language);
  const shownLanguage = readLanguage(i18n.language);
  const [query, setQuery] = useState('');
  const library = useMemo(() => libraryIn(shownLanguage), [shownLanguage]);
  const groups = useMemo(() => searchLibrary(query, library), [query, library]);

  /** The item as it enters the analysis: its label in the analysis's language. */
  const entering = (item: LibraryItem) => ({
    code: item.code,
    label: signalByCode(item.code)?.[analysisLanguage] ?? item.label,
    kind: item.kind,
    domain: item.domain,
  });
  const add = (item: LibraryItem) => {
    const factor = entering(item);
    const id = addFactor(session.doc, session.origin, {
      label: factor.label,
      kind: factor.kind,
      domain: factor.domain,
      signal: factor.code,
      position: spotForNewFactor(flow, viewCentre(flow), factor.label),
    });
    session.store.setState((s) => {
      s.selectedNodes = new Set([id]);
      s.selectedEdges = new Set();
    });
  };
  const onDragStart = (event: DragEvent, item: LibraryItem) => {
    const factor = entering(item);
    event.dataTransfer.setData(LIBRARY_MIME, JSON.stringify({ ...factor, signal: factor.code }));
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <div className="library" data-testid="library">
      <p className="hint">{t('library.intro')}</p>
      {analysisLanguage !== shownLanguage ? (
        <p className="hint" data-testid="library-adds-in">
          {t('library.addsIn', { language: t(`library.language_${analysisLanguage}`) })}
        </p>
      ) : null}
      <input
        type="search"
        value={query}
        placeholder={t('library.searchPlaceholder')}
        aria-label={t('library.search')}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="library-search"
      />
      {groups.length === 0 ? <p className="hint">{t('library.none')}</p> : null}
      {groups.map((group) => (
        <section key={group.key}>
          <h3>{t(`library.group_${group.key}`)}</h3>
          <ul>
            {group.items.map((item) => (
              <li key={item.code}>
                <button
                  type="button"
                  className={`library-item library-item--${item.kind}`}
                  disabled={readOnly}
                  draggable={!readOnly}
                  onDragStart={(e) => onDragStart(e, item)}
                  onClick={() => add(item)}
                  aria-label={t('library.add', { label: item.label })}
                  title={`${t(`kind.${item.kind}`)} · ${t(`domain.${item.domain}`)}`}
                  data-testid="library-item"
                  data-signal={item.code}
                >
                  <KindIcon kind={item.kind} />
                  {item.label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
