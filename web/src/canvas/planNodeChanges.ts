/**
 * Turns React Flow's node changes into a plan: what to select, which sizes were measured, what is being dragged,
 * and which positions are final. Pure, so the rules are testable without a browser.
 */
import type { NodeChange } from '@xyflow/react';
import type { Position } from '@samenzicht/shared/model/types';
import type { Size } from '../store/editorStore.ts';

export interface NodeChangePlan {
  readonly select: Map<string, boolean>;
  readonly sizes: Map<string, Size>;
  /** Positions while a drag is in progress (local only, shared over presence). */
  readonly dragging: Map<string, Position>;
  /** Final positions: the end of a drag or a keyboard move, written to the document once. */
  readonly moved: Map<string, Position>;
}

/** Sorts React Flow node changes into a plan; removals are handled by `onDelete` instead. */
export function planNodeChanges(changes: readonly NodeChange[]): NodeChangePlan {
  const plan: NodeChangePlan = { select: new Map(), sizes: new Map(), dragging: new Map(), moved: new Map() };
  for (const change of changes) {
    switch (change.type) {
      case 'select':
        plan.select.set(change.id, change.selected);
        break;
      case 'dimensions':
        if (change.dimensions) plan.sizes.set(change.id, { width: change.dimensions.width, height: change.dimensions.height });
        break;
      case 'position':
        if (!change.position) break;
        if (change.dragging) plan.dragging.set(change.id, change.position);
        else plan.moved.set(change.id, change.position);
        break;
      case 'add':
      case 'remove':
      case 'replace':
        break;
    }
  }
  return plan;
}
