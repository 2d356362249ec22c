/**
 * Makes the live document hold exactly `analysis` (a restored version) by the smallest change: only what differs is
 * written, a changed label or note as a text edit, so people connected keep their selection, an open text field
 * and their own undo history of everything the restore did not touch. One transaction, so it is one update for
 * every client. Afterwards `readAnalysis(doc)` equals `analysis` as `readAnalysis` would read it back.
 */
import type * as Y from 'yjs';
import { loopKey } from '../graph/loopKey.ts';
import { actorEntity, readActor } from '../model/actor.ts';
import { ANALYSIS_LIMITS } from '../model/analysisLimits.ts';
import { isEntity } from '../model/entity.ts';
import { FACTOR_LIMITS, factorEntity, readFactor } from '../model/factor.ts';
import { writeLiveText } from '../model/liveText.ts';
import { LINK_LIMITS, linkEntity, readLink } from '../model/link.ts';
import { loopNameValue, readLoopName } from '../model/loopName.ts';
import { clampPosition } from '../model/position.ts';
import { readableText } from '../model/text.ts';
import type { Analysis } from '../model/types.ts';
import { sameValue } from './compare.ts';
import { DOC_SCHEMA_VERSION, getMaps } from '../ydoc/shape.ts';

/** Deletes every key of `map` that `keep` does not hold. */
function deleteOthers(map: Y.Map<unknown>, keep: ReadonlySet<string>): void {
  for (const key of [...map.keys()]) if (!keep.has(key)) map.delete(key);
}

/** Writes `analysis` into `doc` as the smallest change, in one transaction with `origin`. */
export function applyAnalysis(doc: Y.Doc, origin: unknown, analysis: Analysis): void {
  const maps = getMaps(doc);
  doc.transact(() => {
    const schema = maps.meta.get('schemaVersion');
    if (typeof schema !== 'number' || schema < DOC_SCHEMA_VERSION) maps.meta.set('schemaVersion', DOC_SCHEMA_VERSION);
    const title = readableText(analysis.title, ANALYSIS_LIMITS.titleLength);
    if (maps.meta.get('title') !== title) maps.meta.set('title', title);

    deleteOthers(maps.factors, new Set(analysis.factors.map((f) => f.id)));
    for (const factor of analysis.factors) {
      const y = maps.factors.get(factor.id);
      if (!isEntity(y)) {
        maps.factors.set(factor.id, factorEntity(factor));
        continue;
      }
      const now = readFactor(factor.id, y);
      writeLiveText(y, 'label', factor.label, FACTOR_LIMITS.labelLength);
      writeLiveText(y, 'note', factor.note, FACTOR_LIMITS.noteLength);
      if (now.kind !== factor.kind) y.set('kind', factor.kind);
      if (now.domain !== factor.domain) y.set('domain', factor.domain);
      if (now.evidence !== factor.evidence) y.set('evidence', factor.evidence);
      if (!sameValue(now.position, factor.position)) y.set('position', clampPosition(factor.position));
    }

    deleteOthers(maps.links, new Set(analysis.links.map((l) => l.id)));
    for (const link of analysis.links) {
      const y = maps.links.get(link.id);
      const now = isEntity(y) ? readLink(link.id, y) : null;
      if (!isEntity(y) || now === null || now.from !== link.from || now.to !== link.to) {
        maps.links.set(link.id, linkEntity(link));
        continue;
      }
      if (now.polarity !== link.polarity) y.set('polarity', link.polarity);
      writeLiveText(y, 'note', link.note, LINK_LIMITS.noteLength);
    }

    deleteOthers(maps.actors, new Set(analysis.actors.map((a) => a.id)));
    for (const actor of analysis.actors) {
      const y = maps.actors.get(actor.id);
      const now = isEntity(y) ? readActor(actor.id, y) : null;
      const same =
        now !== null && now.name === actor.name && now.role === actor.role && sameValue([...now.factors].sort(), [...actor.factors].sort());
      if (!same) maps.actors.set(actor.id, actorEntity(actor));
    }

    const names = new Map(analysis.loops.map((loop) => [loopKey(loop.links), loop]));
    deleteOthers(maps.loopNames, new Set(names.keys()));
    for (const [key, loop] of names) {
      const now = readLoopName(maps.loopNames.get(key));
      if (now === null || now.name !== loop.name || !sameValue(now.links, loop.links)) maps.loopNames.set(key, loopNameValue(loop));
    }
  }, origin);
}
