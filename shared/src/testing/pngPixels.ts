/**
 * Test helper: looking at the pixels of an exported PNG. Where the shared layout says a link runs, the picture must
 * show the link's colour. Used for the Node PNG (server/src/export/renderPng.test.ts) and the browser's
 * (web/e2e/export.spec.ts).
 */
import type { PNG } from 'pngjs';
import type { ExportLayout, LinkLayout } from '../export/layout.ts';
import { LINK } from '../export/theme.ts';

type Segment = LinkLayout['segments'][number];

function hexToRgb(hex: string): [number, number, number] {
  const v = Number.parseInt(hex.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

/** Is any pixel within `radius` px of (x, y) close to `colour`? */
export function hasColourNear(png: PNG, x: number, y: number, colour: string, radius: number): boolean {
  const [r, g, b] = hexToRgb(colour);
  for (let py = Math.round(y) - radius; py <= Math.round(y) + radius; py++) {
    for (let px = Math.round(x) - radius; px <= Math.round(x) + radius; px++) {
      if (px < 0 || py < 0 || px >= png.width || py >= png.height) continue;
      const i = (py * png.width + px) * 4;
      const d = Math.abs(png.data[i]! - r) + Math.abs(png.data[i + 1]! - g) + Math.abs(png.data[i + 2]! - b);
      if (d <= 45) return true;
    }
  }
  return false;
}

function distanceToSegment(p: { x: number; y: number }, s: Segment): number {
  const dx = s.x2 - s.x1;
  const dy = s.y2 - s.y1;
  const t = Math.max(0, Math.min(1, ((p.x - s.x1) * dx + (p.y - s.y1) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(p.x - (s.x1 + t * dx), p.y - (s.y1 + t * dy));
}

/**
 * The point of the segment nearest its middle that nothing else covers (no box, mark, arrowhead or other link);
 * the midpoint itself when it is free. Null when the line is hidden everywhere (where boxes crowd).
 */
export function visiblePointOf(layout: ExportLayout, link: LinkLayout, segment: Segment): { x: number; y: number } | null {
  const others = layout.links.filter((l) => l !== link);
  for (const t of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85, 0.1, 0.9]) {
    const p = { x: segment.x1 + (segment.x2 - segment.x1) * t, y: segment.y1 + (segment.y2 - segment.y1) * t };
    const inBox = layout.boxes.some((b) => p.x > b.x - 3 && p.x < b.x + b.width + 3 && p.y > b.y - 3 && p.y < b.y + b.height + 3);
    const nearMark = layout.links.some((l) => Math.hypot(l.mark.x - p.x, l.mark.y - p.y) < LINK.markRadius + 3);
    const nearOther = others.some(
      (l) =>
        l.segments.some((s) => distanceToSegment(p, s) < 5) ||
        l.shapes.some((s) => s.type === 'polygon' && s.points.some((q) => Math.hypot(q.x - p.x, q.y - p.y) < LINK.arrowLength + 4)),
    );
    if (!inBox && !nearMark && !nearOther) return p;
  }
  return null;
}

/** Checks every link of `layout` in a PNG drawn at `scale`; returns how many points were checked and which failed. */
export function checkLinkPixels(png: PNG, layout: ExportLayout, scale: number): { checked: number; missing: string[] } {
  let checked = 0;
  const missing: string[] = [];
  for (const link of layout.links) {
    for (const segment of link.segments) {
      const p = visiblePointOf(layout, link, segment);
      if (!p) continue;
      checked++;
      if (!hasColourNear(png, p.x * scale, p.y * scale, link.colour, 2))
        missing.push(`${link.linkId} at ${Math.round(p.x)},${Math.round(p.y)}`);
    }
  }
  return { checked, missing };
}
