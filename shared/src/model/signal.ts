/**
 * A factor's signal code (CONTRACT.md §1 version 2, `factors[].signal`): a plain string on the factor's entity map in
 * the live document, kept when the label is edited. Only the form of the code is checked here; whether it is in the
 * library (library/signals.ts) is not required, as a file may carry codes of a newer library.
 */

/** Lowercase ASCII words joined by `-` (CONTRACT.md §1). */
export const SIGNAL_CODE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The longest code a file or the live document may carry. */
export const SIGNAL_CODE_MAX_LENGTH = 80;

/** Whether `value` is a well-formed signal code. */
export function isSignalCode(value: unknown): value is string {
  return typeof value === 'string' && value.length <= SIGNAL_CODE_MAX_LENGTH && SIGNAL_CODE_PATTERN.test(value);
}

/** The `signal` field of a factor read from the document: `{ signal }` when valid, else nothing. */
export function signalField(value: unknown): { signal?: string } {
  return isSignalCode(value) ? { signal: value } : {};
}
