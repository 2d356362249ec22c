import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { startConnect } from './linking.ts';
import { useLinking } from './linkingStore.ts';
import { Icon } from '../ui/icons.tsx';

/** The toolbar's "Verbinden" (key L): links the one selected factor to the next one chosen. */
export function ConnectButton() {
  const { t } = useTranslation();
  const session = useSession();
  const selected = useEditor((s) => (s.selectedNodes.size === 1 ? ([...s.selectedNodes][0] ?? null) : null));
  const connecting = useLinking((s) => s.connectFrom !== null);
  return (
    <button
      type="button"
      onClick={() => selected && startConnect(session, selected)}
      disabled={selected === null || connecting}
      aria-pressed={connecting}
      title={t('linking.connectHint')}
      aria-keyshortcuts="L"
      data-testid="connect"
    >
      <Icon name="connect" />
      <span className="toolbar-text">{t('linking.connect')}</span>
    </button>
  );
}
