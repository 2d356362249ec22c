import { memo } from 'react';
import { ViewportPortal } from '@xyflow/react';
import { useEditor } from '../store/EditorContext.tsx';
import { PeerActorName } from '../stances/PeerSeat.tsx';

/** Other people's pointers, placed in flow coordinates so they stay on the same spot of the diagram. */
function RemoteCursorsView() {
  const peers = useEditor((s) => s.peers);
  return (
    <ViewportPortal>
      {peers.map((peer) =>
        peer.cursor ? (
          <div
            key={peer.clientId}
            className="remote-cursor"
            data-testid="remote-cursor"
            style={{ transform: `translate(${peer.cursor.x}px, ${peer.cursor.y}px)`, color: peer.colour }}
          >
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">
              <path d="M1 1 L16 7 L9 9 L7 16 Z" fill="currentColor" stroke="white" strokeWidth="1.2" />
            </svg>
            <span className="remote-cursor-name" style={{ background: peer.colour }}>
              {peer.name}
              <PeerActorName peer={peer} />
            </span>
          </div>
        ) : null,
      )}
    </ViewportPortal>
  );
}

export const RemoteCursors = memo(RemoteCursorsView);
