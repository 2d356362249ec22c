/**
 * Each step of the undo stack carries a description of the change that made it (describeChange.ts); the store
 * holds those of the next undo and redo, and what the last undo or redo did.
 */
import type * as Y from 'yjs';
import type { Projection, ProjectionState } from '@samenzicht/shared/ydoc/projection';
import type { EditorStoreApi } from '../store/editorStore.ts';
import { DESCRIPTION_META, describeChange, descriptionOf } from './describeChange.ts';

interface StackItemEvent {
  stackItem: { meta: Map<unknown, unknown> };
  type: 'undo' | 'redo';
}

/**
 * Keeps the descriptions of the top undo and redo steps in the store, and after an undo or redo the sentence that
 * says what it did. Returns the function that stops it.
 */
export function trackUndoDescriptions(doc: Y.Doc, undo: Y.UndoManager, projection: Projection, store: EditorStoreApi): () => void {
  // The projection is updated in 'afterTransaction', so at 'beforeTransaction' it still shows the state before.
  let before = projection.get();
  const onBefore = () => {
    before = projection.get();
  };
  const loopIdOf = (key: string) => store.getState().patterns?.loops.find((loop) => loop.key === key)?.id ?? null;
  const publish = () =>
    store.setState((s) => {
      s.undoDescription = descriptionOf(undo.undoStack.at(-1));
      s.redoDescription = descriptionOf(undo.redoStack.at(-1));
    });
  // Changes close together in time join the top step (captureTimeout): it is then described from its start.
  let top: { item: StackItemEvent['stackItem']; start: ProjectionState } | null = null;
  const onAdded = ({ stackItem }: StackItemEvent) => {
    // An undo's redo step (and a redo's undo step) gets the description of the step it reverses, when popped.
    if (undo.undoing || undo.redoing) return;
    top = { item: stackItem, start: before };
    if (!stackItem.meta.has(DESCRIPTION_META)) stackItem.meta.set(DESCRIPTION_META, describeChange(before, projection.get(), loopIdOf));
    publish();
  };
  const onUpdated = ({ stackItem }: StackItemEvent) => {
    if (top?.item !== stackItem) return;
    stackItem.meta.set(DESCRIPTION_META, describeChange(top.start, projection.get(), loopIdOf));
    publish();
  };
  const onPopped = ({ stackItem, type }: StackItemEvent) => {
    top = null;
    const description = descriptionOf(stackItem);
    // The step that reverses the popped one was pushed onto the other stack during the same undo (or redo).
    const reverse = (type === 'undo' ? undo.redoStack : undo.undoStack).at(-1);
    if (reverse && description && !reverse.meta.has(DESCRIPTION_META)) reverse.meta.set(DESCRIPTION_META, description);
    store.setState((s) => {
      s.undoStatus = description ? { action: type, description, at: (s.undoStatus?.at ?? 0) + 1 } : null;
    });
    publish();
  };
  doc.on('beforeTransaction', onBefore);
  undo.on('stack-item-added', onAdded);
  undo.on('stack-item-updated', onUpdated);
  undo.on('stack-item-popped', onPopped);
  undo.on('stack-cleared', publish);
  return () => {
    doc.off('beforeTransaction', onBefore);
    undo.off('stack-item-added', onAdded);
    undo.off('stack-item-updated', onUpdated);
    undo.off('stack-item-popped', onPopped);
    undo.off('stack-cleared', publish);
  };
}
