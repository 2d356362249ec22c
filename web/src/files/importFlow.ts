/**
 * The steps of importing a file into an open analysis (menu or drop): read and check, ask "replace or add?" when
 * the analysis is not empty, then write it as one transaction, so one import is one undo step. On an error
 * nothing is written. One small store per session, so the menu, the canvas drop and the dialog share it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Analysis } from '@samenzicht/shared/model/types';
import { insertAnalysis, replaceAnalysis } from '@samenzicht/shared/ydoc/commands';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import type { Session } from '../sync/session.ts';
import { boundsOf, offsetBesides } from './placement.ts';
import { readImportFile, type ImportRead } from './readImportFile.ts';

export type ImportMode = 'replace' | 'add';

export type ImportStep =
  | { readonly step: 'idle' }
  | { readonly step: 'reading'; readonly fileName: string }
  | { readonly step: 'problem'; readonly read: Extract<ImportRead, { ok: false }> }
  | { readonly step: 'choose'; readonly read: Extract<ImportRead, { ok: true }>; readonly existing: number };

export interface ImportState {
  readonly current: ImportStep;
  /** Counts finished imports, so the canvas can bring the result into view. */
  readonly finished: number;
}

const flows = new WeakMap<Session, StoreApi<ImportState>>();

/** The import store of one open analysis. */
export function importFlowOf(session: Session): StoreApi<ImportState> {
  let flow = flows.get(session);
  if (!flow) {
    flow = createStore<ImportState>()(() => ({ current: { step: 'idle' }, finished: 0 }));
    flows.set(session, flow);
  }
  return flow;
}

/** Writes `analysis` into the document as one transaction and returns the ids of its factors there. */
export function writeImport(session: Session, analysis: Analysis, mode: ImportMode): string[] {
  const { doc, origin, undo } = session;
  // Its own undo step, never merged with an edit made just before.
  undo.stopCapturing();
  let ids: string[];
  if (mode === 'replace') {
    const title = analysis.title.trim() ? analysis.title : readAnalysis(doc).title;
    replaceAnalysis(doc, origin, { ...analysis, title });
    ids = analysis.factors.map((f) => f.id);
  } else {
    const { sizes } = session.store.getState();
    const sizeOf = (id: string) => sizes.get(id) ?? { width: 220, height: 64 };
    const offset = offsetBesides(boundsOf(readAnalysis(doc).factors, sizeOf), boundsOf(analysis.factors));
    const map = insertAnalysis(doc, origin, analysis, offset);
    ids = analysis.factors.map((f) => map.get(f.id)!);
  }
  undo.stopCapturing();
  return ids;
}

function finish(session: Session, analysis: Analysis, mode: ImportMode): void {
  const flow = importFlowOf(session);
  if (session.store.getState().readOnly) {
    flow.setState({ current: { step: 'idle' } });
    return;
  }
  const ids = writeImport(session, analysis, mode);
  session.store.setState((s) => {
    s.selectedNodes = new Set(ids);
    s.selectedEdges = new Set();
  });
  flow.setState((s) => ({ current: { step: 'idle' }, finished: s.finished + 1 }));
}

/** Reads `file` and either imports it (empty analysis, nothing to mention), asks replace/add, or shows the problems. */
export async function startImport(session: Session, file: File): Promise<void> {
  const flow = importFlowOf(session);
  if (session.store.getState().readOnly || flow.getState().current.step === 'reading') return;
  flow.setState({ current: { step: 'reading', fileName: file.name } });
  const read = await readImportFile(file);
  if (!read.ok) {
    flow.setState({ current: { step: 'problem', read } });
    return;
  }
  const existing = session.store.getState().doc.factors.size;
  if (existing === 0 && read.warnings.length === 0) finish(session, read.analysis, 'replace');
  else flow.setState({ current: { step: 'choose', read, existing } });
}

/** The answer to "replace or add?" (when the analysis is empty, "replace" simply opens the file). */
export function chooseImport(session: Session, mode: ImportMode): void {
  const { current } = importFlowOf(session).getState();
  if (current.step !== 'choose') return;
  finish(session, current.read.analysis, mode);
}

/** Closes the dialog without changing anything. */
export function cancelImport(session: Session): void {
  importFlowOf(session).setState({ current: { step: 'idle' } });
}
