/**
 * What the command line prints comes partly from the file it reads (labels, names, ids, field names). A file could
 * carry terminal escape sequences (ESC, or the one-byte CSI U+009B) that recolour, move the cursor, retitle the
 * window or worse once printed raw. They are shown as visible escapes instead, and bidirectional controls too.
 */
const UNSAFE_FOR_TERMINAL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function hex(char: string): string {
  return char.codePointAt(0)!.toString(16).padStart(4, '0');
}

/** `text` for a terminal: line breaks kept, every other control character shown as `\uXXXX`. */
export function forTerminal(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, (char) => `\\u${hex(char)}`);
}

/**
 * JSON text for a terminal: JSON.stringify already escapes C0 controls, but prints C1 controls and bidirectional
 * controls raw. They become JSON's own `\uXXXX` escapes, so the output is the same JSON value, safe to print.
 */
export function jsonForTerminal(json: string): string {
  return json.replace(UNSAFE_FOR_TERMINAL, (char) => (char === '\n' ? char : `\\u${hex(char)}`));
}
