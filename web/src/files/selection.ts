/** The part of an analysis that a selection covers, and its clipboard text (an analysis file, CONTRACT.md §1). */
import type { Analysis } from '@samenzicht/shared/model/types';
import { parseAnalysisText, toAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';

/** The selected factors, the links between them, actors limited to them, and loop names wholly inside. */
export function pickFactors(analysis: Analysis, ids: ReadonlySet<string>): Analysis {
  const factors = analysis.factors.filter((f) => ids.has(f.id));
  const kept = new Set(factors.map((f) => f.id));
  const links = analysis.links.filter((l) => kept.has(l.from) && kept.has(l.to));
  const linkIds = new Set(links.map((l) => l.id));
  const actors = analysis.actors.map((a) => ({ ...a, factors: a.factors.filter((f) => kept.has(f)) })).filter((a) => a.factors.length > 0);
  const loops = analysis.loops.filter((l) => l.links.every((id) => linkIds.has(id)));
  return { title: analysis.title, factors, links, actors, loops };
}

/** The clipboard text for a selection, or null when no selected factor exists. */
export function toClipboardText(analysis: Analysis, ids: ReadonlySet<string>): string | null {
  const picked = pickFactors(analysis, ids);
  return picked.factors.length > 0 ? JSON.stringify(toAnalysisFile(picked)) : null;
}

/** Reads pasted text; anything that is not a Samenzicht analysis with factors gives null and is ignored. */
export function fromClipboardText(text: string): Analysis | null {
  // Cheap check first: pasting a long ordinary text should not cost a JSON parse.
  if (!text.includes('samenzicht/analysis')) return null;
  const parsed = parseAnalysisText(text);
  return parsed.ok && parsed.value.factors.length > 0 ? parsed.value : null;
}
