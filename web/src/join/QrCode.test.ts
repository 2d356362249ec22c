import { describe, expect, it } from 'vitest';
import jsQR from 'jsqr';
import { encode } from 'uqr';
import { qrPath } from './QrCode.tsx';
import { withJoinWay } from './joinWay.ts';

/** Paints the path of `qrPath` (runs of `M x y h w v1 h-w z`) into RGBA pixels, `scale` pixels per module. */
function paint(path: string, size: number, scale: number): Uint8ClampedArray {
  const width = size * scale;
  const pixels = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const match of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-?\d+z/g)) {
    const [x, y, w] = [Number(match[1]), Number(match[2]), Number(match[3])];
    for (let py = y * scale; py < (y + 1) * scale; py++) {
      for (let px = x * scale; px < (x + w) * scale; px++) {
        const i = (py * width + px) * 4;
        pixels[i] = pixels[i + 1] = pixels[i + 2] = 0;
      }
    }
  }
  return pixels;
}

describe('QrCode', () => {
  it('draws a QR code that a decoder reads back as the link with via=qr', () => {
    const link = withJoinWay('http://192.168.1.20:8080/a/Q2hhbmdlTWVQbGVhc2UxMjM0#' + 'a1B2_c3D-'.repeat(5) + 'zz', 'qr');
    const qr = encode(link, { ecc: 'M', border: 4 });
    const path = qrPath(qr.data);
    const scale = 4;
    const decoded = jsQR(paint(path, qr.size, scale), qr.size * scale, qr.size * scale);
    expect(decoded?.data).toBe(link);
  });

  it('makes one rectangle per run of dark modules in a row', () => {
    expect(
      qrPath([
        [true, true, false, true],
        [false, false, false, false],
      ]),
    ).toBe('M0 0h2v1h-2zM3 0h1v1h-1z');
  });
});
