/** What the page and the layout worker say to each other (structured-clone friendly: arrays, no Maps). */
import type { LayoutAnalysisInput, Move } from '@samenzicht/shared/layout/layoutAnalysis';

export interface LayoutJob {
  readonly id: number;
  readonly analysis: LayoutAnalysisInput;
  readonly only?: readonly string[];
  readonly language: 'nl' | 'en';
}

export type LayoutAnswer = { readonly id: number; readonly moves: readonly Move[] } | { readonly id: number; readonly error: string };

/** Sent while the layout runs: the share of the work done (0 to 1). */
export interface LayoutProgress {
  readonly id: number;
  readonly progress: number;
}
