import { describe, expect, it } from 'vitest';
import { CURRENT_FILE_VERSION } from './migrations.ts';
import { parseAnalysisFile, toAnalysisFile } from './parseAnalysisFile.ts';

// `any`: fixtures are deliberately mutated into invalid shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawFile = Record<string, any>;

/** A fictional version-2 file with stances of two people and the signals settings. */
function v2File(): RawFile {
  return {
    format: 'samenzicht/analysis',
    version: 2,
    title: 'Voorbeeldgezin',
    factors: [
      { id: 'f1', label: 'Schulden', kind: 'perpetuating', position: { x: 0, y: 0 } },
      { id: 'f2', label: 'Stress', kind: 'perpetuating', position: { x: 200, y: 0 } },
    ],
    links: [
      { id: 'l1', from: 'f1', to: 'f2', polarity: '+' },
      { id: 'l2', from: 'f2', to: 'f1', polarity: '+' },
    ],
    actors: [
      { id: 'a1', name: 'Moeder', role: 'parent' },
      { id: 'a2', name: 'Gezinsvoogd', role: 'professional' },
    ],
    stances: [
      { actor: 'a1', on: 'f1', stance: 'recognise' },
      { actor: 'a2', on: 'f1', stance: 'not-recognise' },
      { actor: 'a1', on: 'l1', stance: 'doubt' },
    ],
    signals: { share: true, team: 'Team Noord' },
  };
}

function errorsOf(file: unknown) {
  const result = parseAnalysisFile(file);
  if (result.ok) throw new Error('expected errors');
  return result.errors.map(({ path, message }) => ({ path, message }));
}

describe('file version 2: stances and signals', () => {
  it('this program writes and reads version 2', () => {
    expect(CURRENT_FILE_VERSION).toBe(2);
  });

  it('reads stances and signals without warnings, and writes them back the same', () => {
    const result = parseAnalysisFile(v2File());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([]);
    expect(result.value.stances).toEqual(v2File().stances);
    expect(result.value.signals).toEqual({ share: true, team: 'Team Noord' });
    const written = toAnalysisFile(result.value);
    expect(written.version).toBe(2);
    expect(written.stances).toEqual(v2File().stances);
    expect(written.signals).toEqual({ share: true, team: 'Team Noord' });
    expect(parseAnalysisFile(written)).toEqual(result);
  });

  it('migrates a version-1 file: nothing marked, signals at their defaults', () => {
    const v1: RawFile = { ...v2File(), version: 1 };
    delete v1.stances;
    delete v1.signals;
    const result = parseAnalysisFile(v1);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.stances).toBeUndefined();
    expect(result.value.signals).toBeUndefined();
    expect(toAnalysisFile(result.value)).toMatchObject({ version: 2, stances: [], signals: { share: false, team: '' } });
  });

  it('refuses a version-3 file as made by a newer Samenzicht, loading nothing', () => {
    const result = parseAnalysisFile({ ...v2File(), version: 3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        path: 'version',
        message: expect.stringMatching(/^made by a newer Samenzicht \(file version 3, this program reads up to 2\)/),
        code: 'newerVersion',
        params: { version: 3, known: 2 },
      },
    ]);
  });

  it('leaves out default signals and empty stances from the model', () => {
    const result = parseAnalysisFile({ ...v2File(), stances: [], signals: { share: false, team: '' } });
    expect(result.ok && 'stances' in result.value).toBe(false);
    expect(result.ok && 'signals' in result.value).toBe(false);
  });

  it.each([
    {
      mistake: 'a stance of a person who is not in the analysis',
      change: (f: RawFile) => (f.stances[1].actor = 'a9'),
      errors: [{ path: 'stances[1].actor', message: 'no actor has id "a9"' }],
    },
    {
      mistake: 'a stance on something that does not exist',
      change: (f: RawFile) => (f.stances[2].on = 'f9'),
      errors: [{ path: 'stances[2].on', message: 'no factor or link has id "f9"' }],
    },
    {
      mistake: 'an unknown stance',
      change: (f: RawFile) => (f.stances[0].stance = 'herken ik'),
      errors: [{ path: 'stances[0].stance', message: 'expected one of recognise, doubt, not-recognise, got "herken ik"' }],
    },
    {
      mistake: 'two stances of one person on one factor',
      change: (f: RawFile) => f.stances.push({ actor: 'a1', on: 'f1', stance: 'doubt' }),
      errors: [{ path: 'stances[3]', message: 'a second stance of actor "a1" on "f1"' }],
    },
    {
      mistake: 'a stance that is not an object',
      change: (f: RawFile) => (f.stances[0] = 'recognise'),
      errors: [{ path: 'stances[0]', message: 'expected an object, got "recognise"' }],
    },
    {
      mistake: 'an actor id that is not text',
      change: (f: RawFile) => (f.stances[0].actor = 1),
      errors: [{ path: 'stances[0].actor', message: 'expected text, got 1' }],
    },
    {
      mistake: 'stances that are not a list',
      change: (f: RawFile) => (f.stances = {}),
      errors: [{ path: 'stances', message: 'expected a list, got an object' }],
    },
    {
      mistake: 'signals that are not an object',
      change: (f: RawFile) => (f.signals = true),
      errors: [{ path: 'signals', message: 'expected an object { share, team }, got true' }],
    },
    {
      mistake: 'share as text',
      change: (f: RawFile) => (f.signals.share = 'ja'),
      errors: [{ path: 'signals.share', message: 'expected true or false, got "ja"' }],
    },
    {
      mistake: 'a team label that is too long',
      change: (f: RawFile) => (f.signals.team = 't'.repeat(101)),
      errors: [{ path: 'signals.team', message: 'text is longer than 100 characters' }],
    },
  ])('$mistake names its place', ({ change, errors }) => {
    const file = v2File();
    change(file);
    expect(errorsOf(file)).toEqual(errors);
  });

  it('reports unknown fields of a stance and of signals as warnings', () => {
    const file = v2File();
    file.stances[0].note = 'x';
    file.signals.region = 'Noord';
    const result = parseAnalysisFile(file);
    expect(result.warnings.map((w) => w.path)).toEqual(['stances[0].note', 'signals.region']);
  });
});
