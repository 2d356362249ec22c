/**
 * Text people typed (labels, notes, names, the title) arrives from files and from every sync client. Characters that
 * change how other text is shown are taken out: the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) and marks (U+200E, U+200F, U+061C) can make a label read as something else on the canvas and in the
 * exports ("Trojan Source"), and control characters (C0 but tab and line breaks, DEL, C1) draw nothing and can
 * drive a terminal. Arabic, Hebrew and other right-to-left text still shows correctly without them.
 */
const UNSAFE_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without the characters above (unchanged, and the same string, when it has none). */
export function cleanText(text: string): string {
  UNSAFE_TEXT.lastIndex = 0;
  return UNSAFE_TEXT.test(text) ? text.replace(UNSAFE_TEXT, '') : text;
}

/**
 * `text` cut to at most `max` UTF-16 code units (the unit the file limits count in), never in the middle of a
 * surrogate pair.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/** Text a person typed, as every reader of the live document and of files takes it: cleaned, then cut to `max`. */
export function readableText(value: unknown, max: number): string {
  return typeof value === 'string' ? truncateText(cleanText(value), max) : '';
}
