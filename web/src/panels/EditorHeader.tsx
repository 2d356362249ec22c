import { useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n/index.ts';
import { useEditor } from '../store/EditorContext.tsx';
import { Sheet } from '../ui/Dialog.tsx';
import { Icon } from '../ui/icons.tsx';
import { MenuList, type MenuItem } from '../ui/Menu.tsx';
import { useNarrow } from '../ui/useMediaQuery.ts';
import { ConnectionBadge } from './ConnectionBadge.tsx';
import { FileMenu, useFileActions } from './FileMenu.tsx';
import type { HeaderAction } from './headerActions.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ManagePanel } from './ManagePanel.tsx';
import { PresenceList } from './PresenceList.tsx';
import { SharePanel } from './SharePanel.tsx';
import { TitleEditor } from './TitleEditor.tsx';
import './shell.css';

interface HeaderProps {
  readonly name: string;
  readonly colour: string;
  readonly onRename: () => void;
  readonly onHelp: () => void;
  /** More actions of other features (presenting, following …), after share and manage. */
  readonly extraActions?: readonly HeaderAction[];
}

function RoleBadge() {
  const { t } = useTranslation();
  const role = useEditor((s) => s.role);
  if (!role) return null;
  return (
    <span className={`role-badge role-badge--${role}`} data-testid="role" title={role === 'viewer' ? t('role.viewerHint') : undefined}>
      {t(`role.${role}`)}
    </span>
  );
}

/** The small-screen menu: who is here, then every action of the header and the file menu, help and language. */
function HeaderMenu({
  actions,
  fileItems,
  onClose,
  returnFocus,
  name,
  colour,
  onRename,
  onHelp,
}: HeaderProps & {
  actions: readonly HeaderAction[];
  fileItems: readonly MenuItem[];
  onClose: () => void;
  returnFocus: RefObject<HTMLButtonElement | null>;
}) {
  const { t, i18n } = useTranslation();
  const items: MenuItem[] = [
    ...actions.map((a) => ({ id: a.id, group: 'actions', label: a.label, onSelect: a.onSelect, testId: a.testId })),
    ...fileItems,
    { id: 'help', group: 'help', label: t('files.shortcuts.open'), onSelect: onHelp, testId: 'shortcuts' },
    { id: 'home', group: 'help', label: t('analysis.home'), onSelect: () => window.location.assign('/') },
    ...LANGUAGES.map((lang) => ({
      id: `lang-${lang}`,
      group: 'language',
      label: t(`language.${lang}`),
      checked: i18n.language === lang,
      onSelect: () => setLanguage(lang),
      testId: `language-${lang}`,
    })),
  ];
  return (
    <Sheet title={t('shell.menu')} onClose={onClose} returnFocus={returnFocus} className="header-menu" testId="header-menu-sheet">
      <div className="header-menu-who">
        <RoleBadge />
        <PresenceList
          name={name}
          colour={colour}
          onRename={() => {
            onClose();
            onRename();
          }}
        />
      </div>
      <MenuList items={items} label={t('shell.menu')} onClose={onClose} />
    </Sheet>
  );
}

/**
 * The editor's header. Wide: one row that may wrap, every action a button. Narrow (a phone, a tablet held upright):
 * one row of title, connection state and a "Menu" button that opens the rest as a sheet.
 */
export function EditorHeader(props: HeaderProps) {
  const { name, colour, onRename, onHelp, extraActions = [] } = props;
  const { t } = useTranslation();
  const narrow = useNarrow();
  const role = useEditor((s) => s.role);
  const [shareOpen, setShareOpen] = useState(false);
  const [manageOpen, setManageOpen] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const file = useFileActions();

  const actions: HeaderAction[] = [];
  if (role !== 'viewer') actions.push({ id: 'share', label: t('toolbar.share'), onSelect: () => setShareOpen(true), testId: 'share' });
  if (role === 'facilitator')
    actions.push({ id: 'manage', label: t('manage.open'), onSelect: () => setManageOpen(true), testId: 'manage' });
  actions.push(...extraActions);

  return (
    <>
      {narrow ? (
        <header className="editor-header editor-header--narrow">
          <TitleEditor />
          <ConnectionBadge />
          <button
            ref={menuButton}
            type="button"
            className="header-menu-button"
            aria-haspopup="dialog"
            aria-expanded={menuOpen}
            onClick={() => setMenuOpen(true)}
            data-testid="header-menu"
          >
            <Icon name="menu" />
            <span>{t('shell.menu')}</span>
          </button>
        </header>
      ) : (
        <header className="editor-header">
          <a className="brand" href="/" title={t('analysis.home')}>
            Samenzicht
          </a>
          <TitleEditor />
          <FileMenu items={file.items} />
          <RoleBadge />
          <ConnectionBadge />
          <PresenceList name={name} colour={colour} onRename={onRename} />
          {actions.map((action) => (
            <button
              key={action.id}
              type="button"
              onClick={action.onSelect}
              aria-pressed={action.pressed}
              aria-label={action.short ? action.label : undefined}
              data-testid={action.testId}
            >
              {action.short ?? action.label}
            </button>
          ))}
          <LanguageSwitch />
          <button
            type="button"
            className="help-button"
            onClick={onHelp}
            aria-label={t('files.shortcuts.open')}
            title={t('files.shortcuts.open')}
            data-testid="shortcuts"
          >
            ?
          </button>
        </header>
      )}
      {narrow && menuOpen ? (
        <HeaderMenu {...props} actions={actions} fileItems={file.items} onClose={() => setMenuOpen(false)} returnFocus={menuButton} />
      ) : null}
      {file.parts}
      {shareOpen ? <SharePanel onClose={() => setShareOpen(false)} /> : null}
      {manageOpen ? <ManagePanel onClose={() => setManageOpen(false)} /> : null}
    </>
  );
}
