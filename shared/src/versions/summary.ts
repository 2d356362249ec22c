/**
 * What changed, in words, for the case file and the family: "3 factoren erbij, 1 vicieuze cirkel doorbroken (R2
 * 'De schuldenspiraal'), 'Stress bij moeder' van “houdt het in stand” naar “aanleiding”". Plain Dutch (or English), no
 * judgement: it says what is different, never whether that is good. Kind words come from the export's words
 * (export/words.ts), loop numbers from the loop numbering (graph/numberLoops.ts via `loopsOfBoth`): a loop keeps the
 * number it had in the older version.
 */
import { WORDS, type ExportLanguage } from '../export/words.ts';
import type { Loop } from '../graph/loops.ts';
import type { Analysis, Factor, FactorKind, Link, Polarity } from '../model/types.ts';
import { loopsOfBoth, type AnalysisDiff, type BothLoops } from './compare.ts';

/** At most this many single changes (a kind, a label, a link) are named one by one; the rest are counted. */
export const MAX_NAMED_CHANGES = 3;

interface SummaryWords {
  factorsAdded(n: number): string;
  factorsRemoved(n: number): string;
  linksAdded(n: number): string;
  linksRemoved(n: number): string;
  viciousBroken(n: number, loops: string): string;
  viciousNew(n: number, loops: string): string;
  kindChanged(label: string, from: string, to: string): string;
  renamed(from: string, to: string): string;
  polarityChanged(from: string, to: string, polarity: string): string;
  more(n: number): string;
  otherChanges(n: number): string;
  titleChanged(to: string): string;
  noChanges: string;
}

const SUMMARY_WORDS: Record<ExportLanguage, SummaryWords> = {
  nl: {
    factorsAdded: (n) => `${n} ${n === 1 ? 'factor' : 'factoren'} erbij`,
    factorsRemoved: (n) => `${n} ${n === 1 ? 'factor' : 'factoren'} weg`,
    linksAdded: (n) => `${n} ${n === 1 ? 'verband' : 'verbanden'} erbij`,
    linksRemoved: (n) => `${n} ${n === 1 ? 'verband' : 'verbanden'} weg`,
    viciousBroken: (n, loops) => `${n} ${n === 1 ? 'vicieuze cirkel' : 'vicieuze cirkels'} doorbroken (${loops})`,
    viciousNew: (n, loops) => `${n} ${n === 1 ? 'nieuwe vicieuze cirkel' : 'nieuwe vicieuze cirkels'} (${loops})`,
    kindChanged: (label, from, to) => `${label} van “${from}” naar “${to}”`,
    renamed: (from, to) => `${from} heet nu ${to}`,
    polarityChanged: (from, to, polarity) => `${from} ${polarity} nu ${to}`,
    more: (n) => `en nog ${n}`,
    otherChanges: (n) => `${n} ${n === 1 ? 'andere kleine wijziging' : 'andere kleine wijzigingen'}`,
    titleChanged: (to) => `nieuwe titel: ${to}`,
    noChanges: 'Geen veranderingen',
  },
  en: {
    factorsAdded: (n) => `${n} ${n === 1 ? 'factor' : 'factors'} added`,
    factorsRemoved: (n) => `${n} ${n === 1 ? 'factor' : 'factors'} removed`,
    linksAdded: (n) => `${n} ${n === 1 ? 'link' : 'links'} added`,
    linksRemoved: (n) => `${n} ${n === 1 ? 'link' : 'links'} removed`,
    viciousBroken: (n, loops) => `${n} ${n === 1 ? 'vicious circle' : 'vicious circles'} broken (${loops})`,
    viciousNew: (n, loops) => `${n} new ${n === 1 ? 'vicious circle' : 'vicious circles'} (${loops})`,
    kindChanged: (label, from, to) => `${label} from “${from}” to “${to}”`,
    renamed: (from, to) => `${from} is now called ${to}`,
    polarityChanged: (from, to, polarity) => `${from} now ${polarity} ${to}`,
    more: (n) => `and ${n} more`,
    otherChanges: (n) => `${n} other small ${n === 1 ? 'change' : 'changes'}`,
    titleChanged: (to) => `new title: ${to}`,
    noChanges: 'No changes',
  },
};

function quote(text: string, language: ExportLanguage): string {
  return `'${text.trim() === '' ? WORDS[language].emptyLabel : text.trim()}'`;
}

function kindWord(kind: FactorKind, language: ExportLanguage): string {
  return WORDS[language].kind[kind].toLowerCase();
}

function polarityWord(polarity: Polarity, language: ExportLanguage): string {
  return polarity === '+' ? WORDS[language].plus : WORDS[language].minus;
}

/** `R2 'De schuldenspiraal'`, or `R2` for a loop without a name. */
function loopLabel(loop: Loop, language: ExportLanguage): string {
  return loop.name === undefined || loop.name.trim() === '' ? loop.id : `${loop.id} ${quote(loop.name, language)}`;
}

/** Names up to MAX_NAMED_CHANGES items and counts the rest: "a, b, c en 2 andere". */
function nameSome(items: readonly string[], words: SummaryWords): string[] {
  const named = items.slice(0, MAX_NAMED_CHANGES);
  const rest = items.length - named.length;
  return rest > 0 ? [...named, words.more(rest)] : named;
}

/**
 * The summary as separate parts (pass `knownLoops` from `loopsOfBoth` when you have them, to skip a second loop
 * search), in a fixed order: factors and links added and removed, vicious circles broken and
 * new, kinds changed, labels changed, link directions (polarity) changed, then a count of other changes (notes,
 * domains, evidence, people involved, loop names). Moving a factor is not mentioned. Empty when nothing that counts
 * changed.
 */
export function summarizeChangeParts(
  diff: AnalysisDiff,
  before: Analysis,
  after: Analysis,
  language: ExportLanguage,
  knownLoops?: BothLoops,
): string[] {
  const words = SUMMARY_WORDS[language];
  const parts: string[] = [];
  const oldFactors = new Map(before.factors.map((f): [string, Factor] => [f.id, f]));
  const newFactors = new Map(after.factors.map((f): [string, Factor] => [f.id, f]));
  const newLinks = new Map(after.links.map((l): [string, Link] => [l.id, l]));
  const labelOf = (id: string) => quote(newFactors.get(id)?.label ?? oldFactors.get(id)?.label ?? '', language);

  if (diff.title) parts.push(words.titleChanged(quote(after.title, language)));
  if (diff.factors.added.length > 0) parts.push(words.factorsAdded(diff.factors.added.length));
  if (diff.factors.removed.length > 0) parts.push(words.factorsRemoved(diff.factors.removed.length));
  if (diff.links.added.length > 0) parts.push(words.linksAdded(diff.links.added.length));
  if (diff.links.removed.length > 0) parts.push(words.linksRemoved(diff.links.removed.length));

  // A vicious circle is broken when it is gone, or still there but no longer vicious (a factor on it became a strength).
  const loops = knownLoops ?? loopsOfBoth(before, after);
  const viciousAfter = new Set(loops.after.filter((loop) => loop.vicious).map((loop) => loop.key));
  const viciousBefore = new Set(loops.before.filter((loop) => loop.vicious).map((loop) => loop.key));
  const broken = loops.before.filter((loop) => loop.vicious && !viciousAfter.has(loop.key));
  const fresh = loops.after.filter((loop) => loop.vicious && !viciousBefore.has(loop.key));
  const listLoops = (list: readonly Loop[]) =>
    nameSome(
      list.map((loop) => loopLabel(loop, language)),
      words,
    ).join(', ');
  if (broken.length > 0) parts.push(words.viciousBroken(broken.length, listLoops(broken)));
  if (fresh.length > 0) parts.push(words.viciousNew(fresh.length, listLoops(fresh)));

  const kinds: string[] = [];
  const labels: string[] = [];
  let other = 0;
  for (const change of diff.factors.changed) {
    const old = oldFactors.get(change.id);
    const now = newFactors.get(change.id);
    if (old === undefined || now === undefined) continue;
    if (change.fields.includes('kind'))
      kinds.push(words.kindChanged(labelOf(change.id), kindWord(old.kind, language), kindWord(now.kind, language)));
    if (change.fields.includes('label')) labels.push(words.renamed(quote(old.label, language), quote(now.label, language)));
    if (change.fields.some((field) => field === 'domain' || field === 'evidence' || field === 'note')) other++;
  }
  parts.push(...nameSome(kinds, words), ...nameSome(labels, words));

  const polarities: string[] = [];
  for (const change of diff.links.changed) {
    const link = newLinks.get(change.id);
    if (link === undefined) continue;
    if (change.fields.includes('polarity'))
      polarities.push(words.polarityChanged(labelOf(link.from), labelOf(link.to), polarityWord(link.polarity, language)));
    else other++;
  }
  parts.push(...nameSome(polarities, words));

  other += diff.actors.added.length + diff.actors.removed.length + diff.actors.changed.length + diff.loopNames.length;
  if (other > 0) parts.push(words.otherChanges(other));
  return parts;
}

/**
 * The summary as one line: the parts of `summarizeChangeParts` joined by commas, the first letter a capital; "Geen
 * veranderingen" / "No changes" when nothing that counts changed (a factor that was only moved does not count).
 */
export function summarizeChanges(
  diff: AnalysisDiff,
  before: Analysis,
  after: Analysis,
  language: ExportLanguage,
  knownLoops?: BothLoops,
): string {
  const parts = summarizeChangeParts(diff, before, after, language, knownLoops);
  if (parts.length === 0) return SUMMARY_WORDS[language].noChanges;
  const line = parts.join(', ');
  return line.charAt(0).toUpperCase() + line.slice(1);
}
