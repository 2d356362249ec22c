import type * as Y from 'yjs';

/**
 * Makes everything typed into one field, from focus to blur, one undo step. Text is written to the document at every
 * keystroke (so others see it and concurrent typing merges, useLiveText.ts); with the usual capture time (400 ms)
 * a pause while typing would split one edit into several undo steps. Returns the function that ends the step.
 */
export function holdUndoStep(undo: Y.UndoManager): () => void {
  const usual = undo.captureTimeout;
  undo.stopCapturing();
  undo.captureTimeout = Number.POSITIVE_INFINITY;
  return () => {
    undo.stopCapturing();
    undo.captureTimeout = usual;
  };
}
