import { useCallback, useEffect, useLayoutEffect, useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { Canvas } from '../canvas/Canvas.tsx';
import { LongPressAdd } from '../canvas/LongPressAdd.tsx';
import { FileDrop } from '../files/FileDrop.tsx';
import { EditorHeader } from '../panels/EditorHeader.tsx';
import { usePresentActions } from '../panels/PresentControls.tsx';
import { NamePrompt } from '../panels/NamePrompt.tsx';
import { ShortcutsDialog } from '../panels/ShortcutsDialog.tsx';
import { Sidebar } from '../panels/Sidebar.tsx';
import { Toasts } from '../panels/Toasts.tsx';
import { Toolbar } from '../panels/Toolbar.tsx';
import { ClipboardKeys } from '../panels/useClipboard.ts';
import { useShortcuts } from '../panels/useShortcuts.ts';
import { SessionContext } from '../store/EditorContext.tsx';
import { loadColour, loadName, saveName } from '../sync/identity.ts';
import { rememberRecent } from '../sync/links.ts';
import { createSession, type Session } from '../sync/session.ts';
import { takeJoinWay } from '../join/joinWay.ts';
import { SeatGate } from '../stances/SeatGate.tsx';

function Editor({ session, name, colour, onRename }: { session: Session; name: string; colour: string; onRename: () => void }) {
  const { t } = useTranslation();
  const closeReason = useStore(session.store, (s) => s.closeReason);
  const newerVersion = useStore(session.store, (s) => s.newerVersion);
  const role = useStore(session.store, (s) => s.role);
  const title = useStore(session.store, (s) => s.doc.title);
  const [helpOpen, setHelpOpen] = useState(false);
  const openHelp = useCallback(() => setHelpOpen(true), []);
  useShortcuts(session, openHelp);
  const presentActions = usePresentActions(session);

  useEffect(() => {
    if (title) rememberRecent({ id: session.id, title, link: window.location.href, openedAt: Date.now() });
  }, [session.id, title]);

  return (
    <SessionContext.Provider value={session}>
      <ReactFlowProvider>
        <div className="editor">
          {/* Presenting, following and joining codes add their buttons through `extraActions` (panels/headerActions.ts). */}
          <EditorHeader name={name} colour={colour} onRename={onRename} onHelp={openHelp} extraActions={presentActions} />
          {closeReason ? (
            <div className="banner banner--warning" role="alert" data-testid="closed">
              {t(`connection.${closeReason}`)}
              {closeReason === 'tooMany' || closeReason === 'broken' ? (
                <button type="button" className="banner-action" onClick={() => window.location.reload()}>
                  {t('connection.retry')}
                </button>
              ) : null}
            </div>
          ) : newerVersion ? (
            <div className="banner banner--warning" role="alert" data-testid="newer-version">
              {t('connection.newerVersion')}
              <button type="button" className="banner-action" onClick={() => window.location.reload()}>
                {t('connection.reload')}
              </button>
            </div>
          ) : role === 'viewer' ? (
            <div className="banner banner--info" data-testid="viewer-hint">
              {t('role.viewerHint')}
            </div>
          ) : null}
          <Toolbar />
          <div className="editor-body">
            <FileDrop>
              <Canvas />
            </FileDrop>
            <ClipboardKeys />
            <LongPressAdd />
            <Sidebar />
          </div>
          <Toasts />
          {name ? <SeatGate /> : null}
          {helpOpen ? <ShortcutsDialog onClose={() => setHelpOpen(false)} /> : null}
        </div>
      </ReactFlowProvider>
    </SessionContext.Provider>
  );
}

/** Opens one analysis from its link `/a/<id>#<token>`. */
export function AnalysisPage({ id, token }: { id: string; token: string }) {
  const [name, setName] = useState(loadName);
  const [renaming, setRenaming] = useState(false);
  const [colour] = useState(loadColour);
  const [session, setSession] = useState<Session | null>(null);

  // A layout effect: the connection starts right after the first commit, not after the first paint.
  useLayoutEffect(() => {
    const next = createSession({ id, token, name: name ?? '', colour, via: takeJoinWay() });
    setSession(next);
    return () => next.destroy();
    // The session lives as long as the page shows this analysis; a new name is sent over presence below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, token]);

  useEffect(() => {
    if (session && name) session.setUser(name, colour);
  }, [session, name, colour]);

  const done = (value: string) => {
    saveName(value);
    setName(value);
    setRenaming(false);
  };

  return (
    <>
      {session ? <Editor session={session} name={name ?? ''} colour={colour} onRename={() => setRenaming(true)} /> : null}
      {!name || renaming ? <NamePrompt initial={name ?? ''} onDone={done} onCancel={name ? () => setRenaming(false) : undefined} /> : null}
    </>
  );
}
