import type { Analysis } from '@samenzicht/shared/model/types';
import type { Patterns } from '@samenzicht/shared/graph/patterns';

export interface PatternsRequest {
  readonly seq: number;
  readonly analysis: Pick<Analysis, 'factors' | 'links' | 'loops'>;
  /** The previous numbering, loop key → id, so loops keep their number while the analysis changes. */
  readonly previousIds: Array<[string, string]>;
}

export interface PatternsResponse {
  readonly seq: number;
  readonly patterns: Patterns;
  readonly ms: number;
}
