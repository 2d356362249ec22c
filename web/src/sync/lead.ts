/**
 * The facilitator's lead, as presence (awareness): whether they ask everyone to follow their view, their viewport
 * while they lead, and what they point at for everyone (a factor, a link or a loop). Ephemeral, never saved.
 *
 * On the wire it stays tiny (well under the server's MAX_PRESENCE_BYTES of 4096 per state):
 * `lead: { n?: number, v?: [x, y, zoom, width, height], s?: ['f' | 'l' | 'o', id] }`. Other clients' states are
 * untrusted, so `parseLead` accepts only finite numbers in sane ranges and short ids.
 */

/** A viewport as the leader sees it, with the size of the leader's canvas in css px. */
export interface LeadViewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
  readonly width: number;
  readonly height: number;
}

export type SpotKind = 'factor' | 'link' | 'loop';

/** What is pointed at: a factor or link by id, a loop by its key (`Loop.key`, the same on every client). */
export interface Spot {
  readonly kind: SpotKind;
  readonly id: string;
}

export interface Lead {
  /** A number for this round of leading (a follower who stopped following stops for this round only), or null. */
  readonly leading: number | null;
  readonly viewport: LeadViewport | null;
  readonly spot: Spot | null;
}

export const MIN_LEAD_ZOOM = 0.05;
export const MAX_LEAD_ZOOM = 4;
/** Ids and loop keys longer than this are not taken from others. */
export const MAX_SPOT_ID = 400;
const MAX_COORD = 1e7;
const MAX_CANVAS = 20_000;

const KIND_CODES = { factor: 'f', link: 'l', loop: 'o' } as const;
const KINDS_BY_CODE: Record<string, SpotKind> = { f: 'factor', l: 'link', o: 'loop' };

const finiteIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;

function parseViewport(raw: unknown): LeadViewport | null {
  if (!Array.isArray(raw) || raw.length !== 5) return null;
  const [x, y, zoom, width, height] = raw as unknown[];
  if (!finiteIn(x, -MAX_COORD, MAX_COORD) || !finiteIn(y, -MAX_COORD, MAX_COORD)) return null;
  if (!finiteIn(zoom, MIN_LEAD_ZOOM, MAX_LEAD_ZOOM)) return null;
  if (!finiteIn(width, 1, MAX_CANVAS) || !finiteIn(height, 1, MAX_CANVAS)) return null;
  return { x, y, zoom, width, height };
}

function parseSpot(raw: unknown): Spot | null {
  if (!Array.isArray(raw) || raw.length !== 2) return null;
  const [code, id] = raw as unknown[];
  const kind = typeof code === 'string' ? KINDS_BY_CODE[code] : undefined;
  if (!kind || typeof id !== 'string' || id.length === 0 || id.length > MAX_SPOT_ID) return null;
  return { kind, id };
}

/** Reads another client's `lead` field; null when it holds nothing usable. */
export function parseLead(raw: unknown): Lead | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const state = raw as { n?: unknown; v?: unknown; s?: unknown };
  const leading = finiteIn(state.n, 1, 2 ** 31) && Number.isInteger(state.n) ? state.n : null;
  const viewport = leading !== null ? parseViewport(state.v) : null;
  const spot = parseSpot(state.s);
  if (leading === null && spot === null) return null;
  return { leading, viewport, spot };
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The `lead` field to publish (null: remove it). Rounded, so the state stays small. */
export function encodeLead(lead: Lead): { n?: number; v?: number[]; s?: [string, string] } | null {
  const out: { n?: number; v?: number[]; s?: [string, string] } = {};
  if (lead.leading !== null) {
    out.n = lead.leading;
    if (lead.viewport) {
      const { x, y, zoom, width, height } = lead.viewport;
      out.v = [round(x, 1), round(y, 1), round(zoom, 4), Math.round(width), Math.round(height)];
    }
  }
  if (lead.spot && lead.spot.id.length <= MAX_SPOT_ID) out.s = [KIND_CODES[lead.spot.kind], lead.spot.id];
  return out.n === undefined && out.s === undefined ? null : out;
}

/** A new number for a round of leading. */
export function newLeadRound(): number {
  return 1 + Math.floor(Math.random() * (2 ** 31 - 1));
}

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/**
 * The follower's viewport for the leader's: the same diagram point in the centre, zoomed so what the leader sees
 * fits this canvas, but not below `floorZoom` (on a phone a fitted big screen would be too small to read; then
 * the centre stays and the edges fall off) and within [minZoom, maxZoom].
 */
export function followViewport(
  lead: LeadViewport,
  width: number,
  height: number,
  limits: { minZoom: number; maxZoom: number; floorZoom: number },
): Viewport {
  const centreX = (lead.width / 2 - lead.x) / lead.zoom;
  const centreY = (lead.height / 2 - lead.y) / lead.zoom;
  const fit = lead.zoom * Math.min(width / lead.width, height / lead.height);
  const zoom = Math.min(limits.maxZoom, Math.max(limits.minZoom, Math.max(fit, Math.min(lead.zoom, limits.floorZoom))));
  return { x: width / 2 - centreX * zoom, y: height / 2 - centreY * zoom, zoom };
}
