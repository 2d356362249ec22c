import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/EditorContext.tsx';
import { MySeat, PeerSeat } from '../stances/PeerSeat.tsx';

/** Who is here: me first, then everyone else with their colour. */
export function PresenceList({ name, colour, onRename }: { name: string; colour: string; onRename: () => void }) {
  const { t } = useTranslation();
  const peers = useEditor((s) => s.peers);
  return (
    <ul className="presence" aria-label={t('presence.title')} data-testid="presence">
      <li>
        <button type="button" className="presence-person presence-me" onClick={onRename} title={t('name.change')}>
          <span className="presence-dot" style={{ background: colour }} aria-hidden="true" />
          {t('presence.you', { name })}
        </button>
        <MySeat />
      </li>
      {peers.map((peer) => (
        <li key={peer.clientId} className="presence-person">
          <span className="presence-dot" style={{ background: peer.colour }} aria-hidden="true" />
          {peer.name}
          <PeerSeat peer={peer} />
        </li>
      ))}
    </ul>
  );
}
