/**
 * The shape of an analysis inside a Y.Doc. Collections are keyed Y.Maps (id → one Y.Map per entity), never
 * arrays of entities, so concurrent edits of different entities never conflict. A position is one `{x, y}` value
 * written whole, so a drag is one small update.
 */
import type * as Y from 'yjs';

/**
 * The schema version of the Yjs document shape (not the file format version). 2: an actor's factors are a keyed map
 * (factor id → true) instead of a list, and new links have pair ids. 3: a factor's label and note and a link's note
 * are Y.Text (model/liveText.ts), edited by the smallest change so concurrent typing merges; strings of older
 * documents are still read. 4: stances (`stances` map, model/stance.ts) and the signals settings (`meta.signals`); a
 * version-3 client would drop them when it replaces the analysis (import), so it must not write. A client never lowers it, and a client that finds a higher one than its own does not
 * write (read-only until the page is reloaded): a version-2 client would overwrite a Y.Text with a whole string.
 */
export const DOC_SCHEMA_VERSION = 4;

export interface DocMaps {
  readonly meta: Y.Map<unknown>;
  readonly factors: Y.Map<unknown>;
  readonly links: Y.Map<unknown>;
  readonly actors: Y.Map<unknown>;
  /** Loop key (canonical link cycle) → `{ links, name }`. */
  readonly loopNames: Y.Map<unknown>;
  /** `stanceKey(actor, on)` → `{ actor, on, stance }` (model/stance.ts). */
  readonly stances: Y.Map<unknown>;
  /** Comment id → one Y.Map per comment (model/comment.ts). */
  readonly comments: Y.Map<unknown>;
  /** Recently deleted factors and links (trash.ts); not part of the analysis file. */
  readonly trash: Y.Map<unknown>;
}

/** Returns the top-level maps of an analysis document. */
export function getMaps(doc: Y.Doc): DocMaps {
  return {
    meta: doc.getMap('meta'),
    factors: doc.getMap('factors'),
    links: doc.getMap('links'),
    actors: doc.getMap('actors'),
    loopNames: doc.getMap('loopNames'),
    stances: doc.getMap('stances'),
    comments: doc.getMap('comments'),
    trash: doc.getMap('trash'),
  };
}
