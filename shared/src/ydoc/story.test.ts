/** The live-document side of `factors[].signal`, `language` and `story`. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addFactor, insertAnalysis, replaceAnalysis, updateFactors } from './commands.ts';
import { setFactorSignal } from './factorSignal.ts';
import { createProjection } from './projection.ts';
import { readAnalysis } from './read.ts';
import { readDocLanguage, readDocStory, setLanguage, setStory, resetStory } from './story.ts';
import type { Analysis } from '../model/types.ts';
import { parseAnalysisFile, toAnalysisFile } from '../schema/parseAnalysisFile.ts';

const ME = { name: 'test' };

describe('a factor’s signal code', () => {
  it('is set when added from the library and kept when the label is edited', () => {
    const doc = new Y.Doc();
    const id = addFactor(doc, ME, { label: 'Schulden', kind: 'perpetuating', position: { x: 0, y: 0 }, signal: 'schulden' });
    updateFactors(doc, ME, [id], { label: 'Schulden bij de zorgverzekeraar', kind: 'aggravating' });
    const factor = readAnalysis(doc).factors[0]!;
    expect(factor.label).toBe('Schulden bij de zorgverzekeraar');
    expect(factor.signal).toBe('schulden');
  });

  it('can be put on any factor and taken off; a malformed code changes nothing', () => {
    const doc = new Y.Doc();
    const id = addFactor(doc, ME, { label: 'Eigen woorden', kind: 'problem', position: { x: 0, y: 0 } });
    expect(readAnalysis(doc).factors[0]!.signal).toBeUndefined();
    setFactorSignal(doc, ME, [id, 'gone'], 'ouder-schaamte');
    expect(readAnalysis(doc).factors[0]!.signal).toBe('ouder-schaamte');
    setFactorSignal(doc, ME, [id], 'Not A Code');
    expect(readAnalysis(doc).factors[0]!.signal).toBe('ouder-schaamte');
    setFactorSignal(doc, ME, [id], null);
    expect(readAnalysis(doc).factors[0]!.signal).toBeUndefined();
  });

  it('is undone as one step', () => {
    const doc = new Y.Doc();
    const id = addFactor(doc, 'other', { label: 'A', kind: 'problem', position: { x: 0, y: 0 } });
    const undo = new Y.UndoManager([doc.getMap('factors')], { trackedOrigins: new Set([ME]) });
    setFactorSignal(doc, ME, [id], 'schulden');
    undo.undo();
    expect(readAnalysis(doc).factors[0]!.signal).toBeUndefined();
  });

  it('a stray value a client wrote is not read as a code', () => {
    const doc = new Y.Doc();
    const id = addFactor(doc, ME, { label: 'A', kind: 'problem', position: { x: 0, y: 0 } });
    (doc.getMap('factors').get(id) as Y.Map<unknown>).set('signal', 'Ja <script>');
    const analysis = readAnalysis(doc);
    expect(analysis.factors[0]!.signal).toBeUndefined();
    expect(parseAnalysisFile(JSON.parse(JSON.stringify(toAnalysisFile(analysis)))).ok).toBe(true);
  });
});

describe('language and story of the analysis', () => {
  const analysis: Analysis = {
    title: 'T',
    factors: [
      {
        id: 'f1',
        label: 'Debts',
        kind: 'perpetuating',
        domain: null,
        evidence: 'observation',
        note: '',
        position: { x: 0, y: 0 },
        signal: 'schulden',
      },
    ],
    links: [],
    actors: [],
    loops: [],
    language: 'en',
    story: 'It began with debts.',
  };

  it('replaceAnalysis writes them and readAnalysis returns them; a file saved from the document opens the same', () => {
    const doc = new Y.Doc();
    replaceAnalysis(doc, ME, analysis);
    expect(readAnalysis(doc)).toEqual(analysis);
    const reopened = parseAnalysisFile(JSON.parse(JSON.stringify(toAnalysisFile(readAnalysis(doc)))));
    expect(reopened.ok && reopened.value).toEqual(analysis);
    // Replacing with an older file (no language, no story) takes them away again.
    replaceAnalysis(doc, ME, { ...analysis, language: undefined, story: undefined });
    expect(readDocLanguage(doc)).toBe('nl');
    expect(readDocStory(doc)).toBeUndefined();
  });

  it('insertAnalysis keeps signal codes on the new factors and leaves language and story alone', () => {
    const doc = new Y.Doc();
    setLanguage(doc, ME, 'nl');
    insertAnalysis(doc, ME, analysis);
    const read = readAnalysis(doc);
    expect(read.factors[0]!.signal).toBe('schulden');
    expect(read.language).toBe('nl');
    expect(read.story).toBeUndefined();
  });

  it('the story is edited as text two people can type in together, and can go back to the generated one', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setStory(a, ME, 'Het begon met schulden.');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setStory(a, ME, 'Het begon met schulden. Daarna kwam stress.');
    setStory(b, ME, 'Het begon echt met schulden.');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readDocStory(a)).toBe('Het begon echt met schulden. Daarna kwam stress.');
    expect(readDocStory(b)).toBe(readDocStory(a));
    resetStory(a, ME);
    expect(readDocStory(a)).toBeUndefined();
  });

  it('the projection follows language and typing in the story', () => {
    const doc = new Y.Doc();
    const projection = createProjection(doc);
    expect(projection.get().language).toBe('nl');
    setLanguage(doc, ME, 'en');
    expect(projection.get().language).toBe('en');
    setStory(doc, ME, 'Een');
    setStory(doc, ME, 'Een twee');
    expect(projection.get().story).toBe('Een twee');
    resetStory(doc, ME);
    expect(projection.get().story).toBeUndefined();
    projection.destroy();
  });
});
