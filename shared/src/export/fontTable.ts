/** The shape of a font's advance table (fontMetrics.generated.ts). */
export interface FontTable {
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  /** Runs of consecutive code points: `[first, advance, advance, …]`. */
  readonly runs: readonly (readonly number[])[];
}
