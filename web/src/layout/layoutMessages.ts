/** What the page and the layout worker say to each other (structured-clone friendly: arrays, no Maps). */
import type { Analysis } from '@samenzicht/shared/model/types';
import type { Move, Size } from '@samenzicht/shared/layout/layoutAnalysis';

export interface LayoutJob {
  readonly id: number;
  readonly analysis: Pick<Analysis, 'factors' | 'links'>;
  readonly sizes: ReadonlyArray<readonly [string, Size]>;
  readonly only?: readonly string[];
  readonly language: 'nl' | 'en';
}

export type LayoutAnswer = { readonly id: number; readonly moves: readonly Move[] } | { readonly id: number; readonly error: string };
