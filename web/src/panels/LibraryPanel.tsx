import { useMemo, useState, type DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { searchLibrary, type LibraryItem } from '@samenzicht/shared/model/library';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { KindIcon } from '../canvas/KindIcon.tsx';
import { spotForNewFactor, viewCentre } from '../canvas/newFactorSpot.ts';
import { useEditor, useSession } from '../store/EditorContext.tsx';

/** The MIME type a library item carries while it is dragged onto the canvas. */
export const LIBRARY_MIME = 'application/x-samenzicht-factor';

/** Signals from the report, grouped and searchable; click or drag one onto the canvas to add it. */
export function LibraryPanel() {
  const { t } = useTranslation();
  const session = useSession();
  const flow = useReactFlow();
  const readOnly = useEditor((s) => s.readOnly);
  const [query, setQuery] = useState('');
  const groups = useMemo(() => searchLibrary(query), [query]);

  const add = (item: LibraryItem) => {
    const id = addFactor(session.doc, session.origin, {
      label: item.label,
      kind: item.kind,
      domain: item.domain,
      position: spotForNewFactor(flow, viewCentre(flow), item.label),
    });
    session.store.setState((s) => {
      s.selectedNodes = new Set([id]);
      s.selectedEdges = new Set();
    });
  };
  const onDragStart = (event: DragEvent, item: LibraryItem) => {
    event.dataTransfer.setData(LIBRARY_MIME, JSON.stringify(item));
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <div className="library" data-testid="library">
      <p className="hint">{t('library.intro')}</p>
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
              <li key={item.label}>
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
