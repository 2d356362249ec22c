import { useCallback, type DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { FACTOR_KINDS, LIFE_DOMAINS, isOneOf } from '@samenzicht/shared/model/types';
import { addFactor } from '@samenzicht/shared/ydoc/commands';
import { isSignalCode } from '@samenzicht/shared/model/signal';
import { LIBRARY_MIME } from '../panels/LibraryPanel.tsx';
import { spotForNewFactor } from './newFactorSpot.ts';
import type { Session } from '../sync/session.ts';

/**
 * Dropping a library item on the canvas adds it where it was dropped. Returns handlers that leave every other
 * drag (files, for instance) to the next handler: they return false when the drag is not a library item.
 */
export function useLibraryDrop(session: Session) {
  const flow = useReactFlow();
  const onDragOver = useCallback((event: DragEvent): boolean => {
    if (!event.dataTransfer.types.includes(LIBRARY_MIME)) return false;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    return true;
  }, []);
  const onDrop = useCallback(
    (event: DragEvent): boolean => {
      const raw = event.dataTransfer.getData(LIBRARY_MIME);
      if (!raw) return false;
      event.preventDefault();
      if (session.store.getState().readOnly) return true;
      let item: { label?: unknown; kind?: unknown; domain?: unknown; signal?: unknown };
      try {
        item = JSON.parse(raw) as typeof item;
      } catch {
        return true;
      }
      if (typeof item.label !== 'string' || !isOneOf(FACTOR_KINDS, item.kind)) return true;
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const label = item.label.slice(0, 300);
      const id = addFactor(session.doc, session.origin, {
        label,
        kind: item.kind,
        domain: isOneOf(LIFE_DOMAINS, item.domain) ? item.domain : null,
        // The library item's code: the factor keeps standing for that signal when its label is edited.
        ...(isSignalCode(item.signal) ? { signal: item.signal } : {}),
        // Where it was dropped, or the nearest free spot when a factor is there already.
        position: spotForNewFactor(flow, at, label),
      });
      session.store.setState((s) => {
        s.selectedNodes = new Set([id]);
        s.selectedEdges = new Set();
      });
      return true;
    },
    [flow, session],
  );
  return { onDragOver, onDrop };
}
