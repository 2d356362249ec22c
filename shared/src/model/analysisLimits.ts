/**
 * How many of each record an analysis may hold. Two numbers each: `add` is what the editor lets people add (the
 * commands refuse more), `read` is what a file may hold and what is read from the live document. `read` is twice
 * `add` because replicas that edited offline merge: two that each added up to `add` still make a file that opens.
 * The live document could hold more still (three such replicas); the reader then takes the first `read` by id, so a
 * saved file always opens again.
 */
export const ANALYSIS_LIMITS = {
  titleLength: 200,
  factors: { add: 5_000, read: 10_000 },
  links: { add: 20_000, read: 40_000 },
  actors: { add: 500, read: 1_000 },
  loops: { add: 2_000, read: 4_000 },
  // One per person and factor or link; a generous bound for many people marking a large diagram.
  stances: { add: 50_000, read: 100_000 },
  comments: { add: 5_000, read: 10_000 },
} as const;

/** The longest story text (the facilitator's edit of the generated story) a file or the live document may hold. */
export const STORY_MAX_LENGTH = 50_000;
