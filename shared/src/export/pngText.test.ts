import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { crc32, embedAnalysisInPng, extractAnalysisFromPng, isPng, PNG_KEYWORD } from './pngText.ts';

function smallPng(): Uint8Array {
  const png = new PNG({ width: 3, height: 2 });
  png.data.fill(200);
  return new Uint8Array(PNG.sync.write(png));
}

function chunkTypes(png: Uint8Array): string[] {
  const types: string[] = [];
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at < png.length; at += 12 + view.getUint32(at)) {
    types.push(String.fromCharCode(...png.subarray(at + 4, at + 8)));
  }
  return types;
}

const FILE = { format: 'samenzicht/analysis', version: 1, title: 'Gezin Öztürk — “één” 😀', factors: [], links: [] };

describe('crc32', () => {
  it('matches the PNG specification', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
    expect(crc32(new TextEncoder().encode('IE'), new TextEncoder().encode('ND'))).toBe(0xae426082);
  });
});

describe('embedAnalysisInPng / extractAnalysisFromPng', () => {
  it('round-trips the file as UTF-8 in an iTXt chunk before the image data', () => {
    const out = embedAnalysisInPng(smallPng(), FILE);
    expect(chunkTypes(out)).toEqual(['IHDR', 'iTXt', 'IDAT', 'IEND']);
    expect(extractAnalysisFromPng(out)).toEqual(FILE);
    const chunk = out.subarray(8 + 25 + 8, 8 + 25 + 8 + PNG_KEYWORD.length);
    expect(new TextDecoder().decode(chunk)).toBe(PNG_KEYWORD);
  });

  it('leaves a PNG that decoders still read (CRCs right)', () => {
    const decoded = PNG.sync.read(Buffer.from(embedAnalysisInPng(smallPng(), FILE)), { checkCRC: true } as never);
    expect([decoded.width, decoded.height]).toEqual([3, 2]);
  });

  it('replaces the analysis a PNG already carried', () => {
    const once = embedAnalysisInPng(smallPng(), { ...FILE, title: 'oud' });
    const twice = embedAnalysisInPng(once, FILE);
    expect(chunkTypes(twice).filter((t) => t === 'iTXt')).toHaveLength(1);
    expect(extractAnalysisFromPng(twice)).toEqual(FILE);
  });

  it('answers null for no PNG, a PNG without analysis, and a damaged chunk', () => {
    expect(extractAnalysisFromPng(new TextEncoder().encode('{"format":"samenzicht/analysis"}'))).toBeNull();
    expect(extractAnalysisFromPng(smallPng())).toBeNull();
    const out = embedAnalysisInPng(smallPng(), FILE);
    const damaged = out.slice();
    const at = 8 + 25 + 8 + PNG_KEYWORD.length + 10;
    damaged[at] = damaged[at]! ^ 0xff;
    expect(extractAnalysisFromPng(damaged)).toBeNull();
    expect(extractAnalysisFromPng(out.subarray(0, 40))).toBeNull();
  });

  it('refuses to embed into something that is not a PNG', () => {
    expect(() => embedAnalysisInPng(new Uint8Array([1, 2, 3]), FILE)).toThrow(/not a PNG/);
    expect(isPng(smallPng())).toBe(true);
  });

  it('also reads a Latin-1 tEXt chunk with our keyword', () => {
    const text = new TextEncoder().encode(`${PNG_KEYWORD}\u0000{"a":1}`);
    const chunk = new Uint8Array(12 + text.length);
    new DataView(chunk.buffer).setUint32(0, text.length);
    chunk.set(new TextEncoder().encode('tEXt'), 4);
    chunk.set(text, 8);
    new DataView(chunk.buffer).setUint32(8 + text.length, crc32(chunk.subarray(4, 8 + text.length)));
    const png = smallPng();
    const withText = new Uint8Array(png.length + chunk.length);
    withText.set(png.subarray(0, 33));
    withText.set(chunk, 33);
    withText.set(png.subarray(33), 33 + chunk.length);
    expect(extractAnalysisFromPng(withText)).toEqual({ a: 1 });
  });
});
