import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActorsPanel } from './ActorsPanel.tsx';
import { Inspector } from './Inspector.tsx';
import { LibraryPanel } from './LibraryPanel.tsx';
import { StoryPanel } from './StoryPanel.tsx';
import { HistoryPanel } from '../history/HistoryPanel.tsx';
import { useHistory } from '../history/historyStore.ts';
import { PatternsPanel } from '../patterns/PatternsPanel.tsx';
import { CommentsPanel } from '../comments/CommentsPanel.tsx';
import { UnreadBadge } from '../comments/UnreadBadge.tsx';
import { Sheet } from '../ui/Dialog.tsx';
import { Icon } from '../ui/icons.tsx';
import { useNarrow } from '../ui/useMediaQuery.ts';
import './shell.css';

const TABS = ['inspector', 'patterns', 'comments', 'story', 'actors', 'library', 'history'] as const;
type Tab = (typeof TABS)[number];
const HIDDEN_KEY = 'samenzicht.sidebar';

function loadHidden(): boolean {
  try {
    return localStorage.getItem(HIDDEN_KEY) === 'hidden';
  } catch {
    return false;
  }
}

function saveHidden(hidden: boolean): void {
  try {
    localStorage.setItem(HIDDEN_KEY, hidden ? 'hidden' : 'shown');
  } catch {
    // Not remembered on this device.
  }
}

function Tabs({ tab, onTab }: { tab: Tab; onTab: (tab: Tab) => void }) {
  const { t } = useTranslation();
  return (
    <div className="tabs" role="tablist">
      {TABS.map((key) => (
        <button
          key={key}
          type="button"
          role="tab"
          aria-selected={tab === key}
          className={tab === key ? 'tab tab--on' : 'tab'}
          onClick={() => onTab(key)}
          data-testid={`tab-${key}`}
        >
          {t(`sidebar.${key}`)}
          {key === 'comments' ? <UnreadBadge /> : null}
        </button>
      ))}
    </div>
  );
}

function TabBody({ tab }: { tab: Tab }) {
  return (
    <div className="tab-body" role="tabpanel">
      {tab === 'inspector' ? (
        <Inspector />
      ) : tab === 'patterns' ? (
        <PatternsPanel />
      ) : tab === 'comments' ? (
        <CommentsPanel />
      ) : tab === 'story' ? (
        <StoryPanel />
      ) : tab === 'actors' ? (
        <ActorsPanel />
      ) : tab === 'library' ? (
        <LibraryPanel />
      ) : (
        <HistoryPanel />
      )}
    </div>
  );
}

/** A phone: a bar under the canvas opens the panel as a sheet over the lower part; the canvas above stays usable. */
function PanelSheet({ tab, onTab }: { tab: Tab; onTab: (tab: Tab) => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  // A version or a comparison opened from the sheet takes the screen: the sheet makes way.
  const historyView = useHistory((s) => s.view);
  useEffect(() => {
    if (historyView) setOpen(false);
  }, [historyView]);
  return (
    <>
      <div className="panel-bar">
        <button
          ref={opener}
          type="button"
          className="panel-bar-button"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="panel-open"
        >
          <Icon name="up" />
          <span>{t('sidebar.open')}</span>
          <span className="panel-bar-tab">· {t(`sidebar.${tab}`)}</span>
          <UnreadBadge />
        </button>
      </div>
      {open ? (
        <Sheet
          title={t('sidebar.title')}
          modal={false}
          onClose={() => setOpen(false)}
          returnFocus={opener}
          className="panel-sheet sidebar-sheet"
          testId="panel-sheet"
          hideTitle
          actions={<Tabs tab={tab} onTab={onTab} />}
        >
          <TabBody tab={tab} />
        </Sheet>
      ) : null}
    </>
  );
}

/** A wide screen: the panel beside the canvas, put away with one button (remembered on this device). */
function SidePanel({ tab, onTab }: { tab: Tab; onTab: (tab: Tab) => void }) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState(loadHidden);
  const toggle = useRef<HTMLButtonElement>(null);
  const changed = useRef(false);
  // Focus follows the button that moved (hide ↔ show), only after a press, not on load.
  useEffect(() => {
    if (changed.current) toggle.current?.focus();
  }, [hidden]);
  const set = (next: boolean) => {
    changed.current = true;
    setHidden(next);
    saveHidden(next);
  };
  if (hidden) {
    return (
      <div className="sidebar-rail">
        <button
          ref={toggle}
          type="button"
          aria-expanded={false}
          onClick={() => set(false)}
          data-testid="sidebar-show"
          title={t('sidebar.show')}
        >
          <Icon name="left" />
          <span className="sidebar-rail-text">{t('sidebar.show')}</span>
        </button>
      </div>
    );
  }
  return (
    <aside className="sidebar" aria-label={t(`sidebar.${tab}`)}>
      <div className="sidebar-head">
        <Tabs tab={tab} onTab={onTab} />
        <button
          ref={toggle}
          type="button"
          className="sidebar-hide"
          aria-expanded={true}
          aria-label={t('sidebar.hide')}
          title={t('sidebar.hide')}
          onClick={() => set(true)}
          data-testid="sidebar-hide"
        >
          <Icon name="right" />
        </button>
      </div>
      <TabBody tab={tab} />
    </aside>
  );
}

/** The side panel: properties of the selection, loops, the story, the people involved, and the factor library. */
export function Sidebar() {
  const narrow = useNarrow();
  const [tab, setTab] = useState<Tab>('inspector');
  return narrow ? <PanelSheet tab={tab} onTab={setTab} /> : <SidePanel tab={tab} onTab={setTab} />;
}
