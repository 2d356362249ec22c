import { memo, useMemo } from 'react';
import { ViewportPortal, useInternalNode } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { Peer } from '../store/editorStore.ts';
import './peerMarks.css';

/** One factor as others have it: who selected it, and who types in it. */
interface Mark {
  readonly id: string;
  readonly peers: ReadonlyArray<{ peer: Peer; typing: boolean }>;
}

/** The factors other people selected or type in, each with those people (typing first), at most 30 per person. */
export function marksOf(peers: readonly Peer[]): Mark[] {
  const byFactor = new Map<string, Array<{ peer: Peer; typing: boolean }>>();
  for (const peer of peers) {
    const ids = new Set(peer.selection);
    if (peer.editing) ids.add(peer.editing.id);
    for (const id of ids) {
      const list = byFactor.get(id) ?? [];
      list.push({ peer, typing: peer.editing?.id === id });
      byFactor.set(id, list);
    }
  }
  return [...byFactor].map(([id, list]) => ({ id, peers: list.sort((a, b) => Number(b.typing) - Number(a.typing)) }));
}

const RING_GAP = 5;

function FactorMark({ mark }: { mark: Mark }) {
  const { t } = useTranslation();
  const node = useInternalNode(mark.id);
  if (!node) return null;
  const { x, y } = node.internals.positionAbsolute;
  const width = node.measured.width ?? node.width ?? 0;
  const height = node.measured.height ?? node.height ?? 0;
  return (
    <div
      className="peer-mark"
      style={{ transform: `translate(${x}px, ${y}px)`, width, height }}
      data-testid="peer-mark"
      data-factor-id={mark.id}
    >
      {mark.peers.map(({ peer }, i) => {
        const gap = RING_GAP * (i + 1);
        return (
          <div
            key={peer.clientId}
            className="peer-ring"
            style={{ inset: -gap, borderColor: peer.colour, borderRadius: 8 + gap }}
            aria-hidden="true"
          />
        );
      })}
      {/* Names as text, so who is where reads without telling the colours apart. */}
      <div className="peer-tags" style={{ top: -(RING_GAP * mark.peers.length) - 24 }}>
        {mark.peers.map(({ peer, typing }) => (
          <span key={peer.clientId} className={`peer-tag${typing ? ' peer-tag--typing' : ''}`} style={{ background: peer.colour }}>
            {typing ? t('editing.typing', { name: peer.name }) : peer.name}
          </span>
        ))}
      </div>
    </div>
  );
}

/** Other people's selections (a ring in their colour, with their name) and "Moeder typt…" on the factor they type in. */
function PeerMarksView() {
  // Only who selected or types in what, not the pointers that move every 40 ms: a string, so equal means no render.
  const key = useEditor((s) => JSON.stringify(s.peers.map((p) => [p.clientId, p.name, p.colour, p.selection, p.editing])));
  const store = useSession().store;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for the parts of the peers used here
  const marks = useMemo(() => marksOf(store.getState().peers), [key, store]);
  if (marks.length === 0) return null;
  return (
    <ViewportPortal>
      {marks.map((mark) => (
        <FactorMark key={mark.id} mark={mark} />
      ))}
    </ViewportPortal>
  );
}

export const PeerMarks = memo(PeerMarksView);
