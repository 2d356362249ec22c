import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { parseAnalysisText } from '../schema/parseAnalysisFile.ts';
import { readAnalysis } from '../ydoc/read.ts';
import { replaceAnalysis } from '../ydoc/commands.ts';
import { getMaps } from '../ydoc/shape.ts';
import type { Analysis } from '../model/types.ts';
import { applyAnalysis } from './applyVersion.ts';

function parsed(text: string): Analysis {
  const result = parseAnalysisText(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.value;
}

function docOf(analysis: Analysis): Y.Doc {
  const doc = new Y.Doc();
  replaceAnalysis(doc, 'test', analysis);
  return doc;
}

describe('applyAnalysis', () => {
  const before = parsed(readFileSync(new URL('../../../examples/medium.samenzicht.json', import.meta.url), 'utf8'));
  const after: Analysis = {
    ...before,
    title: 'Anders',
    factors: [
      ...before.factors.slice(1).map((f, i) => (i === 0 ? { ...f, label: `${f.label} (bijgewerkt)`, kind: 'protective' as const } : f)),
      { ...before.factors[0]!, id: 'fnew', position: { x: 5, y: 7 } },
    ],
    links: before.links
      .filter((l) => l.from !== before.factors[0]!.id && l.to !== before.factors[0]!.id)
      .map((l, i) => (i === 0 ? { ...l, polarity: l.polarity === '+' ? ('-' as const) : ('+' as const) } : l)),
    actors: before.actors.slice(1),
    loops: [],
  };

  it('makes the document read back exactly as the restored analysis', () => {
    const doc = docOf(before);
    applyAnalysis(doc, 'restore', after);
    const expected = readAnalysis(docOf(after));
    expect(readAnalysis(doc)).toEqual(expected);
  });

  it('writes nothing for an unchanged analysis and keeps untouched entities as they were', () => {
    const doc = docOf(before);
    const untouched = getMaps(doc).factors.get(before.factors[5]!.id);
    const label = (getMaps(doc).factors.get(before.factors[1]!.id) as Y.Map<unknown>).get('label');
    let updates = 0;
    doc.on('update', () => updates++);
    applyAnalysis(doc, 'restore', readAnalysis(doc));
    expect(updates).toBe(0);
    applyAnalysis(doc, 'restore', after);
    expect(updates).toBe(1);
    expect(getMaps(doc).factors.get(before.factors[5]!.id)).toBe(untouched);
    // A changed label is edited in place: someone typing in it keeps their text field.
    expect((getMaps(doc).factors.get(before.factors[1]!.id) as Y.Map<unknown>).get('label')).toBe(label);
  });

  it('reaches another replica as one update that converges', () => {
    const doc = docOf(before);
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    doc.on('update', (update: Uint8Array) => Y.applyUpdate(other, update));
    applyAnalysis(doc, 'restore', after);
    expect(readAnalysis(other)).toEqual(readAnalysis(doc));
  });
});
