/** Errors and warnings that name the place in the input where they arose. */

/** What kind of problem an issue is, so a user interface can say it in its own language. */
export type IssueCode =
  | 'notAnalysis'
  | 'wrongFormat'
  | 'badVersion'
  | 'newerVersion'
  | 'migrationFailed'
  | 'notJson'
  | 'expectedText'
  | 'tooLong'
  | 'expectedId'
  | 'duplicateId'
  | 'expectedOneOf'
  | 'expectedPosition'
  | 'expectedNumber'
  | 'outOfRange'
  | 'expectedList'
  | 'tooMany'
  | 'expectedObject'
  | 'unknownFactor'
  | 'unknownLink'
  | 'emptyLoop'
  | 'unknownActor'
  | 'unknownTarget'
  | 'duplicateStance'
  | 'unknownComment'
  | 'replyCircle'
  | 'expectedTime'
  | 'expectedBoolean'
  | 'unknownField'
  | 'expectedSignalCode';

export interface Issue {
  /** A path into the input, like `factors[3].kind`; empty for the whole input. */
  readonly path: string;
  /** The problem in English, for logs, the command line and developers. */
  readonly message: string;
  /** The kind of problem and its values, for a translated sentence. */
  readonly code?: IssueCode;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type Parsed<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Issue[] }
  | { readonly ok: false; readonly errors: readonly Issue[]; readonly warnings: readonly Issue[] };

/** Formats an issue as one line: `factors[3].kind: expected …`. */
export function formatIssue(issue: Issue): string {
  return issue.path ? `${issue.path}: ${issue.message}` : issue.message;
}

/** Describes a value for an error message without echoing large input back. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const short = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(short);
  }
  return String(value);
}
