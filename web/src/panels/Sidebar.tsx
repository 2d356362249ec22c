import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActorsPanel } from './ActorsPanel.tsx';
import { Inspector } from './Inspector.tsx';
import { LibraryPanel } from './LibraryPanel.tsx';
import { PatternsPanel } from '../patterns/PatternsPanel.tsx';

const TABS = ['inspector', 'patterns', 'actors', 'library'] as const;
type Tab = (typeof TABS)[number];

/** The side panel: properties of the selection, the people involved, and the factor library. */
export function Sidebar() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('inspector');
  return (
    <aside className="sidebar" aria-label={t(`sidebar.${tab}`)}>
      <div className="tabs" role="tablist">
        {TABS.map((key) => (
          <button
            key={key}
            type="button"
            role="tab"
            aria-selected={tab === key}
            className={tab === key ? 'tab tab--on' : 'tab'}
            onClick={() => setTab(key)}
            data-testid={`tab-${key}`}
          >
            {t(`sidebar.${key}`)}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel">
        {tab === 'inspector' ? (
          <Inspector />
        ) : tab === 'patterns' ? (
          <PatternsPanel />
        ) : tab === 'actors' ? (
          <ActorsPanel />
        ) : (
          <LibraryPanel />
        )}
      </div>
    </aside>
  );
}
