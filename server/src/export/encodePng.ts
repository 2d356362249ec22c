/**
 * A fast PNG encoder for rendered diagrams: the RGBA rows as they come from resvg, unfiltered, and zlib at a low
 * level on libuv's thread pool, a large picture in pieces side by side. Several times faster than resvg's own
 * encoder at a similar size, and the event loop stays free meanwhile.
 */
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { crc32 as crc32Js } from '@samenzicht/shared/export/pngText';

const deflate = promisify(zlib.deflate);
const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** zlib.crc32 (Node ≥ 20.15) is native; the pure one is the fallback. */
const crc32 = (bytes: Uint8Array): number => (typeof zlib.crc32 === 'function' ? zlib.crc32(bytes) >>> 0 : crc32Js(bytes));

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** Bytes of filtered image data per piece compressed on its own; smaller pictures stay one piece. */
const PIECE_BYTES = 32 * 2 ** 20;
/** At most this many pieces (libuv's thread pool has 4 threads unless UV_THREADPOOL_SIZE says otherwise). */
const MAX_PIECES = 4;
const ADLER_BASE = 65_521;

/**
 * Rows `from`…`to` with their filter-type byte in front (None: 0). Measured on the benchmark diagrams
 * (exportBench.ts), unfiltered RGBA deflates to a slightly smaller file than RGB with the Sub filter in about the
 * same zlib time, while making it is a memcpy per row instead of a JavaScript loop over every byte (50 factors at
 * scale 2: 50 ms instead of 170 ms; 500 factors at scale 1: 110 ms instead of 355 ms).
 */
function frameRows(rgba: Uint8Array, width: number, from: number, to: number): Buffer {
  const row = width * 4;
  // Every byte is written below, so the memory need not be zeroed first.
  const out = Buffer.allocUnsafe((row + 1) * (to - from));
  for (let y = from, s = from * row, o = 0; y < to; y++, s += row, o += row + 1) {
    out[o] = 0; // None
    out.set(rgba.subarray(s, s + row), o + 1);
  }
  return out;
}

/** The Adler-32 of a ‖ b from the Adler-32 of a, that of b and b's length (zlib's adler32_combine). */
export function combineAdler32(a: number, b: number, lengthB: number): number {
  const rem = lengthB % ADLER_BASE;
  let sum1 = a & 0xffff;
  let sum2 = (rem * sum1) % ADLER_BASE;
  sum1 += (b & 0xffff) + ADLER_BASE - 1;
  sum2 += (a >>> 16) + (b >>> 16) + ADLER_BASE - rem;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum1 >= ADLER_BASE) sum1 -= ADLER_BASE;
  if (sum2 >= 2 * ADLER_BASE) sum2 -= 2 * ADLER_BASE;
  if (sum2 >= ADLER_BASE) sum2 -= ADLER_BASE;
  return ((sum2 << 16) | sum1) >>> 0;
}

interface Piece {
  /** Deflate blocks ending byte-aligned, not the last block of the stream. */
  readonly deflated: Uint8Array;
  readonly adler: number;
  readonly length: number;
}

/** The empty stored block a sync flush ends with. */
const SYNC_MARK = [0x00, 0x00, 0xff, 0xff] as const;
/** What Z_FINISH adds after a sync flush when no data is left: an empty final block (fixed codes) and Adler-32. */
const EMPTY_FINAL_BLOCK = [0x03, 0x00] as const;

/** Runs zlib (zlib format) over `bytes`: its data, then a sync flush, then the end of the stream. */
function deflateFlushed(bytes: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const stream = zlib.createDeflate({ level: 2, memLevel: 9, chunkSize: 1 << 20 });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.write(bytes);
    stream.flush(zlib.constants.Z_SYNC_FLUSH, () => stream.end());
  });
}

/**
 * Compresses one piece so the pieces can be joined into one zlib stream, as pigz does: zlib format with a sync
 * flush before the end, so the data ends byte-aligned and is followed only by an empty final block and the
 * piece's Adler-32 (computed by zlib in the same pass). Null when zlib's output is not shaped like that.
 */
async function compressPiece(rgba: Uint8Array, width: number, from: number, to: number): Promise<Piece | null> {
  const framed = frameRows(rgba, width, from, to);
  const out = await deflateFlushed(framed);
  const end = out.length - 4 - EMPTY_FINAL_BLOCK.length;
  const shaped =
    end >= 2 + SYNC_MARK.length &&
    SYNC_MARK.every((b, i) => out[end - SYNC_MARK.length + i] === b) &&
    EMPTY_FINAL_BLOCK.every((b, i) => out[end + i] === b);
  if (!shaped) return null;
  // Without the zlib header, the empty final block and the checksum: deflate blocks that end byte-aligned.
  return { deflated: out.subarray(2, end), adler: out.readUInt32BE(out.length - 4), length: framed.length };
}

/**
 * The image data as one zlib stream. A large picture is cut into pieces of whole rows compressed side by side on
 * the thread pool (and framed on the main thread while the first pieces compress).
 */
export async function compressRows(rgba: Uint8Array, width: number, height: number): Promise<{ zlib: Uint8Array; pieces: number }> {
  const whole = async () => ({
    zlib: new Uint8Array(await deflate(frameRows(rgba, width, 0, height), { level: 2, memLevel: 9 })),
    pieces: 1,
  });
  const rowBytes = width * 4 + 1;
  const pieces = Math.max(1, Math.min(MAX_PIECES, Math.floor((rowBytes * height) / PIECE_BYTES), height));
  if (pieces === 1) return whole();
  const work: Promise<Piece | null>[] = [];
  for (let i = 0; i < pieces; i++) {
    const from = Math.floor((height * i) / pieces);
    const to = Math.floor((height * (i + 1)) / pieces);
    work.push(compressPiece(rgba, width, from, to));
    // Lets the thread pool start on this piece before the next is framed.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const results = await Promise.all(work);
  if (results.some((piece) => piece === null)) {
    // Not expected from zlib; the picture is then compressed in one piece, as small ones are.
    return whole();
  }
  const done = results as Piece[];
  let adler = done[0]!.adler;
  for (const piece of done.slice(1)) adler = combineAdler32(adler, piece.adler, piece.length);
  const body = done.reduce((sum, piece) => sum + piece.deflated.length, 0);
  const out = new Uint8Array(2 + body + EMPTY_FINAL_BLOCK.length + 4);
  out[0] = 0x78; // deflate, 32 KB window
  out[1] = 0x5e; // level 2–5 ("fast"), no dictionary; (0x78 << 8 | 0x5e) % 31 === 0
  let at = 2;
  for (const piece of done) {
    out.set(piece.deflated, at);
    at += piece.deflated.length;
  }
  out.set(EMPTY_FINAL_BLOCK, at);
  new DataView(out.buffer).setUint32(at + EMPTY_FINAL_BLOCK.length, adler);
  return { zlib: out, pieces };
}

/** Encodes opaque RGBA pixels (8 bits per channel, rows top to bottom) as an RGBA PNG. */
export async function encodeOpaquePng(rgba: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  if (rgba.length !== width * height * 4) throw new Error('pixel buffer does not match the size');
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits, truecolour with alpha, deflate, adaptive filtering, no interlace
  const compressed = (await compressRows(rgba, width, height)).zlib;
  const parts = [SIGNATURE, chunk('IHDR', header), chunk('IDAT', compressed), chunk('IEND', new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
