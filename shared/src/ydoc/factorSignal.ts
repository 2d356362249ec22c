/** Tagging factors with a signal code (CONTRACT.md §1 version 2, `factors[].signal`), and taking the tag off. */
import type * as Y from 'yjs';
import { isSignalCode } from '../model/signal.ts';
import { getMaps } from './shape.ts';
import { isEntity } from './read.ts';

/**
 * Gives factors the signal code `code`, or removes their code (`null`). A code that is not well formed changes
 * nothing. Unknown ids are ignored (someone may just have deleted them). The label is left as it is.
 */
export function setFactorSignal(doc: Y.Doc, origin: unknown, ids: readonly string[], code: string | null): void {
  if (code !== null && !isSignalCode(code)) return;
  const { factors } = getMaps(doc);
  doc.transact(() => {
    for (const id of ids) {
      const y = factors.get(id);
      if (!isEntity(y)) continue;
      if (code === null) {
        if (y.has('signal')) y.delete('signal');
      } else if (y.get('signal') !== code) y.set('signal', code);
    }
  }, origin);
}
