/**
 * The work the server hands to its worker pool (workPool.ts, poolWorker.ts): what goes in and what comes back.
 * Everything here crosses a thread boundary by structured clone, so it is plain data.
 */
import type { MessagePort } from 'node:worker_threads';
import type { Paper } from '@samenzicht/shared/export/renderPdf';
import type { ExportFileFormat } from '@samenzicht/shared/export/fileName';
import type { ExportLanguage } from '@samenzicht/shared/export/words';
import type { Analysis } from '@samenzicht/shared/model/types';
import type { StoredDoc } from '../storage/storage.ts';

/** The options of one export, as read from its query (exportApi.ts: parseExportQuery). */
export interface ExportQuery {
  readonly scale: number;
  readonly paper: Paper;
  readonly language: ExportLanguage;
  readonly actors: boolean;
  /** The stance marks and the shared-ness headline (default true; `stances=0` leaves them out). */
  readonly stances: boolean;
  readonly loops: readonly string[];
  /** The case-file report (PDF or PNG) instead of the diagram alone. */
  readonly report: boolean;
}

/**
 * Where the analysis comes from: its stored bytes (a live room writes its queued updates first), rebuilt into a
 * Y.Doc and read on the worker (hundreds of ms at 5,000 factors), so the main thread never reads or encodes a
 * large document; or the analysis itself.
 */
export type AnalysisSource =
  { readonly kind: 'stored'; readonly stored: StoredDoc } | { readonly kind: 'analysis'; readonly analysis: Analysis };

export interface ExportJob {
  readonly kind: 'export';
  readonly format: ExportFileFormat;
  readonly source: AnalysisSource;
  readonly query: ExportQuery;
  readonly exportedAt: Date;
}

export type ExportOutcome =
  | {
      readonly ok: true;
      /** The file (an SVG as UTF-8). */
      readonly body: Uint8Array;
      readonly title: string;
      /** The scale a PNG was made at when it had to be made smaller than asked; else null. */
      readonly scaledTo: number | null;
      /** Stored updates Yjs refused while rebuilding a stored analysis (to be logged). */
      readonly skipped: number;
    }
  | { readonly ok: false; readonly reason: 'badLoops' | 'badReport' };

/** `POST /api/analyses` with a large body: parse the file and build the first Yjs state. */
export interface CreateJob {
  readonly kind: 'create';
  readonly text: string;
}

export type CreateOutcome =
  | { readonly ok: true; readonly update: Uint8Array }
  | { readonly ok: false; readonly status: number; readonly body: Record<string, unknown> };

export type Job = ExportJob | CreateJob;

/** What each kind of job answers. */
export interface JobOutcomes {
  readonly export: ExportOutcome;
  readonly create: CreateOutcome;
}

/** What the main thread posts to a pool thread. */
export interface PoolTask {
  /** Told when the job starts running (the time budget counts from then, not from when it was queued). */
  readonly started: MessagePort;
  readonly job: Job;
}
