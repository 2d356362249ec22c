/** Where a factor someone adds lands: free space near the centre of their view (or the spot they pointed at). */
import type { Node, ReactFlowInstance } from '@xyflow/react';
import { findFreeSpot, type Box } from '@samenzicht/shared/geometry/freeSpot';
import type { Position } from '@samenzicht/shared/model/types';
import { estimateFactorSize } from './nodeSize.ts';

interface Flow {
  getNodes(): Node[];
  screenToFlowPosition: ReactFlowInstance['screenToFlowPosition'];
}

/** Size assumed for a factor that has neither been measured nor estimated. */
const FALLBACK = { width: 220, height: 90 };

/** The centre of the visible canvas, in flow coordinates. */
export function viewCentre(flow: Flow): Position {
  const box = document.querySelector('.canvas')?.getBoundingClientRect();
  return flow.screenToFlowPosition(box ? { x: box.left + box.width / 2, y: box.top + box.height / 2 } : { x: 400, y: 300 });
}

function boxesOf(flow: Flow): Box[] {
  return flow.getNodes().map((node) => ({
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? node.width ?? node.initialWidth ?? FALLBACK.width,
    height: node.measured?.height ?? node.height ?? node.initialHeight ?? FALLBACK.height,
  }));
}

/**
 * The shift for pasted factors whose box is `group`: `wanted` when that place is free, else the nearest shift that
 * puts the whole group in free space.
 */
export function freeShiftForGroup(flow: Flow, group: Box, wanted: Position): Position {
  const centre = { x: group.x + wanted.x + group.width / 2, y: group.y + group.height / 2 + wanted.y };
  const spot = findFreeSpot(centre, group, boxesOf(flow));
  return { x: Math.round(spot.x - group.x), y: Math.round(spot.y - group.y) };
}

/** The top-left corner for a new factor with `label`, as near to `centre` as it fits without covering a factor. */
export function spotForNewFactor(flow: Flow, centre: Position, label = ''): Position {
  // The kind text is not known here in the reader's language; the longest kind name is about this long.
  const size = estimateFactorSize({ label, kind: 'Houdt het in stand', domain: '', evidence: '', actorNames: '' });
  return findFreeSpot(centre, size, boxesOf(flow));
}
