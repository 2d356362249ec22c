import { useEffect } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { EditorState } from '../store/editorStore.ts';
import { followViewport, type LeadViewport } from '../sync/lead.ts';
import { FAR_ZOOM } from './levelOfDetail.ts';
import type { FactorFlowNode, LinkFlowEdge } from './flowTypes.ts';
import { leaderOf } from './useLead.ts';

/** Followers never zoom out below this to fit the leader's view: text stays drawn (levelOfDetail.ts). */
const FOLLOW_FLOOR_ZOOM = FAR_ZOOM + 0.05;
const FOLLOW_MS = 250;

/** Who this person follows now: the leader's name and round, or null. */
export function followedOf(state: EditorState): { name: string; round: number } | null {
  const leader = leaderOf(state);
  const round = leader?.lead?.leading;
  if (!leader || round == null || round === state.unfollowed) return null;
  return { name: leader.name, round };
}

const sameViewport = (a: LeadViewport | null, b: LeadViewport | null) =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.zoom === b.zoom && a.width === b.width && a.height === b.height);

/**
 * While someone leads and this person did not stop following: their view moves with the leader's (same centre,
 * a comparable part of the diagram). Touching, dragging or zooming the canvas stops following for this round.
 */
export function useFollow(): { name: string; round: number } | null {
  const session = useSession();
  const flow = useReactFlow<FactorFlowNode, LinkFlowEdge>();
  const flowStore = useStoreApi<FactorFlowNode, LinkFlowEdge>();
  const followed = useEditor(useShallow((s) => followedOf(s) ?? { name: '', round: 0 }));
  const round = followed.round;

  useEffect(() => {
    if (round === 0) return;
    const { store } = session;
    let shown: LeadViewport | null = null;
    const apply = () => {
      const viewport = leaderOf(store.getState())?.lead?.viewport ?? null;
      if (!viewport || sameViewport(viewport, shown)) return;
      shown = viewport;
      const { width, height, minZoom, maxZoom } = flowStore.getState();
      if (width <= 0 || height <= 0) return;
      void flow.setViewport(followViewport(viewport, width, height, { minZoom, maxZoom, floorZoom: FOLLOW_FLOOR_ZOOM }), {
        duration: FOLLOW_MS,
      });
    };
    apply();
    const unsubscribe = store.subscribe(apply);
    // A canvas that changes size (a panel, a turned phone) is fitted to the leader's view again.
    const unsubscribeSize = flowStore.subscribe((state, prev) => {
      if (state.width === prev.width && state.height === prev.height) return;
      shown = null;
      apply();
    });
    const stop = () => store.setState((s) => void (s.unfollowed = round));
    const dom = flowStore.getState().domNode;
    const options = { capture: true, passive: true } as const;
    dom?.addEventListener('pointerdown', stop, options);
    dom?.addEventListener('wheel', stop, options);
    return () => {
      unsubscribe();
      unsubscribeSize();
      dom?.removeEventListener('pointerdown', stop, options);
      dom?.removeEventListener('wheel', stop, options);
    };
  }, [session, flow, flowStore, round]);

  return round === 0 ? null : followed;
}
