import { useEffect } from 'react';
import { useStoreApi } from '@xyflow/react';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { EditorState, Peer } from '../store/editorStore.ts';
import { encodeLead, type Spot } from '../sync/lead.ts';
import type { FactorFlowNode, LinkFlowEdge } from './flowTypes.ts';

/** The viewport goes out at most this often while the leader pans or zooms (the last one always goes). */
const PUBLISH_MS = 100;

/** The person who asks everyone to follow (the lowest client id, should two do so), unless it is this person. */
export function leaderOf(state: EditorState): Peer | null {
  if (state.leading !== null) return null;
  return state.peers.find((p) => p.lead?.leading != null) ?? null;
}

/** What is pointed at on every screen: this person's own spot, else the first other person's. */
export function spotOf(state: EditorState): { spot: Spot; by: string | null } | null {
  if (state.spot) return { spot: state.spot, by: null };
  const peer = state.peers.find((p) => p.lead?.spot);
  return peer?.lead?.spot ? { spot: peer.lead.spot, by: peer.name } : null;
}

/** Publishes this person's lead over presence: the spot, and while leading the viewport (throttled). */
export function useLeadPublisher(): void {
  const session = useSession();
  const leading = useEditor((s) => s.leading);
  const spot = useEditor((s) => s.spot);
  const flowStore = useStoreApi<FactorFlowNode, LinkFlowEdge>();

  useEffect(() => {
    const awareness = session.provider.awareness;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = '';
    const publish = () => {
      timer = null;
      const { transform, width, height } = flowStore.getState();
      const [x, y, zoom] = transform;
      const viewport = leading !== null && width > 0 && height > 0 ? { x, y, zoom, width, height } : null;
      const wire = encodeLead({ leading, viewport, spot });
      const text = JSON.stringify(wire);
      if (text === last) return;
      last = text;
      awareness.setLocalStateField('lead', wire);
    };
    publish();
    const unsubscribe =
      leading === null
        ? () => {}
        : flowStore.subscribe((state, prev) => {
            if (state.transform === prev.transform && state.width === prev.width && state.height === prev.height) return;
            timer ??= setTimeout(publish, PUBLISH_MS);
          });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [session, flowStore, leading, spot]);

  // Leaving the analysis page ends the lead for everyone.
  useEffect(() => () => session.provider.awareness.setLocalStateField('lead', null), [session]);
}
