/**
 * The analysis file inside a PNG: an iTXt chunk (UTF-8) with keyword `samenzicht/analysis`, so an exported
 * picture in a case file can be opened in Samenzicht again. Pure (Uint8Array, TextEncoder): runs in the browser too.
 */

export const PNG_KEYWORD = 'samenzicht/analysis';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

let crcTable: Uint32Array | null = null;

/** CRC-32 as the PNG specification defines it (ISO 3309, polynomial 0xEDB88320), over the given byte ranges. */
export function crc32(...parts: Uint8Array[]): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const bytes of parts) {
    for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** Returns true when `bytes` start with the PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.every((b, i) => bytes[i] === b);
}

interface Chunk {
  readonly type: string;
  /** Offset of the chunk's length field. */
  readonly start: number;
  /** Offset just past its CRC. */
  readonly end: number;
  readonly data: Uint8Array;
  /** The stored CRC, checked only for the chunks we read (checking a large IDAT in JavaScript costs ~10 ms a MB). */
  readonly crc: number;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = (value >>> 16) & 0xff;
  bytes[at + 2] = (value >>> 8) & 0xff;
  bytes[at + 3] = value & 0xff;
}

/** The chunks of a PNG, stopping (without throwing) at the first one that runs past the end. */
function readChunks(png: Uint8Array): Chunk[] {
  const chunks: Chunk[] = [];
  let at: number = SIGNATURE.length;
  while (at + 12 <= png.length) {
    const length = readUint32(png, at);
    const end = at + 12 + length;
    if (end > png.length) break;
    const typeBytes = png.subarray(at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    const type = String.fromCharCode(...typeBytes);
    chunks.push({ type, start: at, end, data, crc: readUint32(png, at + 8 + length) });
    at = end;
    if (type === 'IEND') break;
  }
  return chunks;
}

function makeChunk(type: string, data: Uint8Array): Uint8Array {
  const chunk = new Uint8Array(12 + data.length);
  writeUint32(chunk, 0, data.length);
  for (let i = 0; i < 4; i++) chunk[4 + i] = type.charCodeAt(i);
  chunk.set(data, 8);
  writeUint32(chunk, 8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  return chunk;
}

/** The keyword of a tEXt, zTXt or iTXt chunk (Latin-1, up to the first 0), or null. */
function keywordOf(data: Uint8Array): string | null {
  const zero = data.indexOf(0);
  if (zero < 1 || zero > 79) return null;
  return String.fromCharCode(...data.subarray(0, zero));
}

function crcOk(chunk: Chunk): boolean {
  const typeBytes = new Uint8Array([...chunk.type].map((ch) => ch.charCodeAt(0)));
  return crc32(typeBytes, chunk.data) === chunk.crc;
}

function isOurs(chunk: Chunk): boolean {
  return (chunk.type === 'iTXt' || chunk.type === 'tEXt' || chunk.type === 'zTXt') && keywordOf(chunk.data) === PNG_KEYWORD;
}

/**
 * Returns a copy of `png` that carries `file` (an analysis file, `toAnalysisFile`) as JSON in an iTXt chunk
 * before the image data; an analysis the PNG already carried is replaced. Throws when `png` is not a PNG.
 */
export function embedAnalysisInPng(png: Uint8Array, file: object): Uint8Array {
  if (!isPng(png)) throw new Error('not a PNG image');
  const chunks = readChunks(png);
  const firstData = chunks.findIndex((c) => c.type === 'IDAT');
  if (chunks[0]?.type !== 'IHDR' || firstData < 0) throw new Error('not a complete PNG image');
  const keyword = new Uint8Array([...PNG_KEYWORD].map((ch) => ch.charCodeAt(0)));
  const text = new TextEncoder().encode(JSON.stringify(file));
  // keyword, 0, compression flag 0, compression method 0, language tag "" + 0, translated keyword "" + 0, text
  const data = new Uint8Array(keyword.length + 5 + text.length);
  data.set(keyword, 0);
  data.set(text, keyword.length + 5);
  const ours = makeChunk('iTXt', data);

  const parts: Uint8Array[] = [png.subarray(0, SIGNATURE.length)];
  chunks.forEach((chunk, i) => {
    if (i === firstData) parts.push(ours);
    if (!isOurs(chunk)) parts.push(png.subarray(chunk.start, chunk.end));
  });
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * The analysis file a PNG carries (the parsed JSON, still untrusted: pass it to `parseAnalysisFile`), or null when
 * the bytes are no PNG or carry no readable analysis. Chunks with a wrong CRC are ignored.
 */
export function extractAnalysisFromPng(png: Uint8Array): unknown | null {
  if (!isPng(png)) return null;
  for (const chunk of readChunks(png)) {
    if (!isOurs(chunk) || !crcOk(chunk)) continue;
    const text = readText(chunk);
    if (text === null) continue;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      continue;
    }
  }
  return null;
}

/** tEXt is Latin-1 (TextDecoder's "latin1" is windows-1252, which differs in 0x80–0x9F). */
function decodeLatin1(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 8192) parts.push(String.fromCharCode(...bytes.subarray(i, i + 8192)));
  return parts.join('');
}

function readText(chunk: Chunk): string | null {
  const data = chunk.data;
  const afterKeyword = PNG_KEYWORD.length + 1;
  if (chunk.type === 'tEXt') return decodeLatin1(data.subarray(afterKeyword));
  if (chunk.type !== 'iTXt') return null; // zTXt needs inflating; we never write it.
  if (data[afterKeyword] !== 0) return null; // compressed iTXt: likewise
  const languageEnd = data.indexOf(0, afterKeyword + 2);
  const translatedEnd = languageEnd < 0 ? -1 : data.indexOf(0, languageEnd + 1);
  if (translatedEnd < 0) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(translatedEnd + 1));
  } catch {
    return null;
  }
}
