/**
 * What this app publishes as presence (awareness) while someone drags: small enough that it always stays far below
 * the server's MAX_PRESENCE_BYTES (4096 by default; a larger state closes the connection, server/src/syncMessage.ts).
 * Others see at most MAX_PUBLISHED_DRAGS dragged factors move live; the rest follow when the drag ends and the
 * positions are written to the document.
 */
import type { Position } from '@samenzicht/shared/model/types';

/** Dragged factors shown to others while the drag goes on. */
export const MAX_PUBLISHED_DRAGS = 30;
/** Bytes of JSON the published drags may take, whatever the ids look like (an imported file may have long ones). */
export const MAX_PUBLISHED_DRAGS_BYTES = 2_048;

const encoder = new TextEncoder();

/** A position to a tenth of a pixel: more digits only make the state bigger. */
function roundPosition(position: Position): Position {
  return { x: Math.round(position.x * 10) / 10, y: Math.round(position.y * 10) / 10 };
}

/** The drag positions to publish: the first MAX_PUBLISHED_DRAGS, rounded, within MAX_PUBLISHED_DRAGS_BYTES. */
export function toPresenceDrags(drags: ReadonlyMap<string, Position>): Record<string, Position> {
  const published: Record<string, Position> = {};
  let bytes = 2; // {}
  let count = 0;
  for (const [id, position] of drags) {
    if (count >= MAX_PUBLISHED_DRAGS) break;
    const rounded = roundPosition(position);
    // "id":{"x":…,"y":…} and a comma
    const entryBytes = encoder.encode(JSON.stringify(id)).length + encoder.encode(JSON.stringify(rounded)).length + 2;
    if (bytes + entryBytes > MAX_PUBLISHED_DRAGS_BYTES) continue;
    published[id] = rounded;
    bytes += entryBytes;
    count++;
  }
  return published;
}
