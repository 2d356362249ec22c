/**
 * What a new link may be, and which factors a typed name finds. Pure functions: the drag preview, the drop, the
 * connect mode and its name search all ask these, so what is offered is what is made.
 */
import type { ProjectionState } from '@samenzicht/shared/ydoc/projection';

/** 'ok': the link can be made; otherwise why not (the same rules as `addLink` in shared/ydoc/commands). */
export type LinkCheck = 'ok' | 'self' | 'exists' | 'missing';

type Diagram = Pick<ProjectionState, 'factors' | 'links'>;

/** Whether a link from `from` to `to` can be made: two different factors that exist, not yet linked this way. */
export function checkLink(diagram: Diagram, from: string, to: string): LinkCheck {
  if (!diagram.factors.has(from) || !diagram.factors.has(to)) return 'missing';
  if (from === to) return 'self';
  for (const link of diagram.links.values()) if (link.from === from && link.to === to) return 'exists';
  return 'ok';
}

export interface TargetOption {
  readonly id: string;
  readonly label: string;
  /** A link from the source to this factor exists already. */
  readonly linked: boolean;
}

/** Lower case, without accents, spaces squeezed: "Één  Ouder" and "een ouder" are the same search. */
export function normaliseSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The factors a link from `from` can go to whose label contains `query`: labels that start with it first, then
 * those with a word that starts with it, then the rest; alphabetical within each. An empty query finds all.
 * `fallback` is the label shown for a factor without text.
 */
export function findTargets(diagram: Diagram, from: string, query: string, fallback: string): TargetOption[] {
  const q = normaliseSearch(query);
  const linkedTo = new Set<string>();
  for (const link of diagram.links.values()) if (link.from === from) linkedTo.add(link.to);
  const found: Array<TargetOption & { rank: number; key: string }> = [];
  for (const factor of diagram.factors.values()) {
    if (factor.id === from) continue;
    const label = factor.label.trim() || fallback;
    const key = normaliseSearch(label);
    const at = q ? key.indexOf(q) : 0;
    if (at < 0) continue;
    const rank = at === 0 ? 0 : key[at - 1] === ' ' ? 1 : 2;
    found.push({ id: factor.id, label, linked: linkedTo.has(factor.id), rank, key });
  }
  found.sort((x, y) => x.rank - y.rank || x.key.localeCompare(y.key, 'nl') || x.id.localeCompare(y.id));
  return found.map(({ id, label, linked }) => ({ id, label, linked }));
}
