/**
 * Analysis links on this device. The server keeps only hashes of tokens, so the three links exist only in the
 * answer to "create" (and, later, "rotate"); the facilitator's browser keeps them to show in the share panel.
 */

export type AccessRole = 'facilitator' | 'editor' | 'viewer';

export interface AnalysisLinks {
  readonly facilitator: string;
  readonly editor: string;
  readonly viewer: string;
}

export interface RecentAnalysis {
  readonly id: string;
  readonly title: string;
  readonly link: string;
  readonly openedAt: number;
}

const LINKS_PREFIX = 'samenzicht.links.';
const RECENT_KEY = 'samenzicht.recent';

/** Remembers the three links of an analysis (facilitator's device only). */
export function saveLinks(id: string, links: AnalysisLinks): void {
  try {
    localStorage.setItem(LINKS_PREFIX + id, JSON.stringify(links));
  } catch {
    // Not remembered; the share panel will say so.
  }
}

/** Returns the links of an analysis, if this device made them. */
export function loadLinks(id: string): AnalysisLinks | null {
  try {
    const raw = localStorage.getItem(LINKS_PREFIX + id);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<AnalysisLinks>;
    if (typeof value.facilitator === 'string' && typeof value.editor === 'string' && typeof value.viewer === 'string') {
      return { facilitator: value.facilitator, editor: value.editor, viewer: value.viewer };
    }
  } catch {
    // Broken entry: treated as unknown.
  }
  return null;
}

/** Returns the analyses opened on this device, newest first. */
export function loadRecent(): RecentAnalysis[] {
  try {
    const value = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]') as unknown;
    if (!Array.isArray(value)) return [];
    return value.filter(
      (r): r is RecentAnalysis =>
        typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.title === 'string' && typeof r.link === 'string',
    );
  } catch {
    return [];
  }
}

/** Puts an analysis at the top of the recent list (at most 20 kept). */
export function rememberRecent(entry: RecentAnalysis): void {
  const list = [entry, ...loadRecent().filter((r) => r.id !== entry.id)].slice(0, 20);
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // Not remembered.
  }
}

/** Reads the analysis id and token from a location: `/a/<id>#<token>`. */
export function parseAnalysisLocation(pathname: string, hash: string): { id: string; token: string | null } | null {
  const match = /^\/a\/([A-Za-z0-9_-]{8,64})\/?$/.exec(pathname);
  if (!match) return null;
  const token = hash.replace(/^#/, '');
  return { id: match[1]!, token: /^[A-Za-z0-9_-]{16,128}$/.test(token) ? token : null };
}
