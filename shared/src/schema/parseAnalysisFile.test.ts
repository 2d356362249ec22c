import { describe, expect, it } from 'vitest';
import { PLACE_SPACING } from '../graph/placeByKind.ts';
import { FILE_LIMITS, parseAnalysisFile, parseAnalysisText, toAnalysisFile } from './parseAnalysisFile.ts';

const placeAndMessage = ({ path, message }: { path: string; message: string }) => ({ path, message });

// `any`: fixtures are deliberately mutated into invalid shapes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawFile = Record<string, any>;

/** A complete, valid file in which every optional field is given (fictional). */
function fullFile(): RawFile {
  return {
    format: 'samenzicht/analysis',
    version: 1,
    title: 'Testgezin — verklarende analyse',
    factors: [
      {
        id: 'f1',
        label: 'Schulden',
        kind: 'perpetuating',
        domain: 'context',
        evidence: 'observation',
        note: '',
        position: { x: 560, y: 0 },
      },
      {
        id: 'f2',
        label: 'Aanhoudende stress',
        kind: 'perpetuating',
        domain: 'parents',
        evidence: 'hypothesis',
        note: 'Volgens moeder',
        position: { x: 560, y: 120 },
      },
      {
        id: 'f3',
        label: 'Afspraken missen',
        kind: 'aggravating',
        domain: 'care',
        evidence: 'observation',
        note: '',
        position: { x: 840, y: 0 },
      },
      {
        id: 'f4',
        label: 'Band met de kinderen',
        kind: 'protective',
        domain: 'family',
        evidence: 'observation',
        note: '',
        position: { x: 1400, y: 0 },
      },
    ],
    links: [
      { id: 'l1', from: 'f1', to: 'f2', polarity: '+', note: '' },
      { id: 'l2', from: 'f2', to: 'f3', polarity: '+', note: 'Geen energie voor post' },
      { id: 'l3', from: 'f3', to: 'f1', polarity: '+', note: '' },
      { id: 'l4', from: 'f4', to: 'f2', polarity: '-', note: '' },
    ],
    actors: [
      { id: 'a1', name: 'Moeder', role: 'parent', factors: ['f2', 'f4'] },
      { id: 'a2', name: 'Gezinsvoogd', role: 'professional', factors: [] },
    ],
    loops: [{ links: ['l1', 'l2', 'l3'], name: 'De schuldenspiraal' }],
  };
}

function withChange(change: (file: RawFile) => void): RawFile {
  const file = fullFile();
  change(file);
  return file;
}

/** Like `withChange`, but on a file where nothing refers to factors or links, so a broken list is the only error. */
function withChangeAlone(change: (file: RawFile) => void): RawFile {
  return withChange((file) => {
    file.links = [];
    delete file.actors;
    delete file.loops;
    change(file);
  });
}

const KINDS = 'problem, predisposing, precipitating, perpetuating, aggravating, protective';
const DOMAINS = 'child, parents, parenting, family, network, context, care';

interface MistakeCase {
  readonly mistake: string;
  readonly input: unknown;
  readonly path: string;
  readonly message: string | RegExp;
}

// Each input holds exactly one mistake, so each must give exactly one error, at exactly this path.
const MISTAKES: readonly MistakeCase[] = [
  { mistake: 'a list instead of an object', input: [], path: '', message: 'expected an analysis file (a JSON object), got a list' },
  { mistake: 'null instead of an object', input: null, path: '', message: 'expected an analysis file (a JSON object), got null' },
  { mistake: 'text instead of an object', input: 'analyse', path: '', message: 'expected an analysis file (a JSON object), got "analyse"' },
  {
    mistake: 'another format',
    input: withChange((f) => (f.format = 'samenzicht/other')),
    path: 'format',
    message: 'expected "samenzicht/analysis", got "samenzicht/other"',
  },
  {
    mistake: 'no format',
    input: withChange((f) => delete f.format),
    path: 'format',
    message: 'expected "samenzicht/analysis", got nothing',
  },
  {
    mistake: 'no version',
    input: withChange((f) => delete f.version),
    path: 'version',
    message: 'expected a whole number of at least 1, got nothing',
  },
  {
    mistake: 'a fractional version',
    input: withChange((f) => (f.version = 1.5)),
    path: 'version',
    message: 'expected a whole number of at least 1, got 1.5',
  },
  {
    mistake: 'a version as text',
    input: withChange((f) => (f.version = '1')),
    path: 'version',
    message: 'expected a whole number of at least 1, got "1"',
  },
  {
    mistake: 'version 0',
    input: withChange((f) => (f.version = 0)),
    path: 'version',
    message: 'expected a whole number of at least 1, got 0',
  },
  {
    mistake: 'a newer version',
    input: withChange((f) => (f.version = 3)),
    path: 'version',
    message: /^made by a newer Samenzicht \(file version 3, this program reads up to 2\)/,
  },
  { mistake: 'a title that is not text', input: withChange((f) => (f.title = 7)), path: 'title', message: 'expected text, got 7' },
  {
    mistake: 'a title that is too long',
    input: withChange((f) => (f.title = 't'.repeat(FILE_LIMITS.titleLength + 1))),
    path: 'title',
    message: `text is longer than ${FILE_LIMITS.titleLength} characters`,
  },
  {
    mistake: 'factors as an object',
    input: withChangeAlone((f) => (f.factors = {})),
    path: 'factors',
    message: 'expected a list, got an object',
  },
  { mistake: 'no factors', input: withChangeAlone((f) => delete f.factors), path: 'factors', message: 'expected a list, got nothing' },
  {
    mistake: 'too many factors',
    input: withChangeAlone((f) => (f.factors = Array.from({ length: FILE_LIMITS.factors + 1 }, () => ({})))),
    path: 'factors',
    message: `at most ${FILE_LIMITS.factors} items are allowed, got ${FILE_LIMITS.factors + 1}`,
  },
  {
    mistake: 'a factor that is text',
    input: withChange((f) => f.factors.push('Schaamte')),
    path: 'factors[4]',
    message: 'expected an object, got "Schaamte"',
  },
  {
    mistake: 'a factor that is a number',
    input: withChange((f) => f.factors.push(42)),
    path: 'factors[4]',
    message: 'expected an object, got 42',
  },
  {
    mistake: 'a factor without id',
    input: withChange((f) => f.factors.push({ label: 'Schaamte', kind: 'perpetuating' })),
    path: 'factors[4].id',
    message: 'expected a non-empty text id, got nothing',
  },
  {
    mistake: 'a factor with an empty id',
    input: withChange((f) => f.factors.push({ id: '', label: 'Schaamte', kind: 'perpetuating' })),
    path: 'factors[4].id',
    message: 'expected a non-empty text id, got ""',
  },
  {
    mistake: 'a factor with a numeric id',
    input: withChange((f) => f.factors.push({ id: 5, label: 'Schaamte', kind: 'perpetuating' })),
    path: 'factors[4].id',
    message: 'expected a non-empty text id, got 5',
  },
  {
    mistake: 'a factor id that is too long',
    input: withChange((f) => f.factors.push({ id: 'f'.repeat(FILE_LIMITS.idLength + 1), label: 'Schaamte', kind: 'perpetuating' })),
    path: 'factors[4].id',
    message: `id is longer than ${FILE_LIMITS.idLength} characters`,
  },
  {
    mistake: 'a duplicate factor id',
    input: withChange((f) => f.factors.push({ id: 'f1', label: 'Schaamte', kind: 'perpetuating' })),
    path: 'factors[4].id',
    message: 'duplicate id "f1"',
  },
  {
    mistake: 'a factor without label',
    input: withChange((f) => delete f.factors[2].label),
    path: 'factors[2].label',
    message: 'expected text, got nothing',
  },
  {
    mistake: 'a label that is a number',
    input: withChange((f) => (f.factors[2].label = 42)),
    path: 'factors[2].label',
    message: 'expected text, got 42',
  },
  {
    mistake: 'a label that is a list',
    input: withChange((f) => (f.factors[2].label = ['a'])),
    path: 'factors[2].label',
    message: 'expected text, got a list',
  },
  {
    mistake: 'a label that is too long',
    input: withChange((f) => (f.factors[0].label = 'x'.repeat(FILE_LIMITS.labelLength + 1))),
    path: 'factors[0].label',
    message: `text is longer than ${FILE_LIMITS.labelLength} characters`,
  },
  {
    mistake: 'a note that is too long',
    input: withChange((f) => (f.factors[0].note = 'x'.repeat(FILE_LIMITS.noteLength + 1))),
    path: 'factors[0].note',
    message: `text is longer than ${FILE_LIMITS.noteLength} characters`,
  },
  {
    mistake: 'a Dutch kind',
    input: withChange((f) => (f.factors[3].kind = 'probleem')),
    path: 'factors[3].kind',
    message: `expected one of ${KINDS}, got "probleem"`,
  },
  {
    mistake: 'no kind',
    input: withChange((f) => delete f.factors[3].kind),
    path: 'factors[3].kind',
    message: `expected one of ${KINDS}, got nothing`,
  },
  {
    mistake: 'an unknown domain',
    input: withChange((f) => (f.factors[1].domain = 'school')),
    path: 'factors[1].domain',
    message: `expected one of ${DOMAINS}, got "school"`,
  },
  {
    mistake: 'an unknown evidence',
    input: withChange((f) => (f.factors[1].evidence = 'vermoeden')),
    path: 'factors[1].evidence',
    message: 'expected one of observation, hypothesis, got "vermoeden"',
  },
  {
    mistake: 'a position that is text',
    input: withChange((f) => (f.factors[0].position = 'linksboven')),
    path: 'factors[0].position',
    message: 'expected an object { x, y }, got "linksboven"',
  },
  {
    mistake: 'a position with x as text',
    input: withChange((f) => (f.factors[0].position = { x: '10', y: 0 })),
    path: 'factors[0].position.x',
    message: 'expected a number, got "10"',
  },
  {
    mistake: 'a position without y',
    input: withChange((f) => (f.factors[0].position = { x: 10 })),
    path: 'factors[0].position.y',
    message: 'expected a number, got nothing',
  },
  {
    mistake: 'a position with an infinite y',
    input: withChange((f) => (f.factors[0].position = { x: 10, y: Infinity })),
    path: 'factors[0].position.y',
    message: 'expected a number, got Infinity',
  },
  { mistake: 'links as text', input: withChangeAlone((f) => (f.links = 'l1')), path: 'links', message: 'expected a list, got "l1"' },
  { mistake: 'no links', input: withChangeAlone((f) => delete f.links), path: 'links', message: 'expected a list, got nothing' },
  {
    mistake: 'a link that is null',
    input: withChange((f) => f.links.push(null)),
    path: 'links[4]',
    message: 'expected an object, got null',
  },
  {
    mistake: 'a link without id',
    input: withChange((f) => f.links.push({ from: 'f1', to: 'f4', polarity: '+' })),
    path: 'links[4].id',
    message: 'expected a non-empty text id, got nothing',
  },
  {
    mistake: 'a duplicate link id',
    input: withChange((f) => f.links.push({ id: 'l1', from: 'f1', to: 'f4', polarity: '+' })),
    path: 'links[4].id',
    message: 'duplicate id "l1"',
  },
  {
    mistake: 'a dangling link start',
    input: withChange((f) => (f.links[1].from = 'f9')),
    path: 'links[1].from',
    message: 'no factor has id "f9"',
  },
  {
    mistake: 'a dangling link end',
    input: withChange((f) => (f.links[1].to = 'f9')),
    path: 'links[1].to',
    message: 'no factor has id "f9"',
  },
  {
    mistake: 'a link start that is a number',
    input: withChange((f) => (f.links[1].from = 1)),
    path: 'links[1].from',
    message: 'expected text, got 1',
  },
  {
    mistake: 'a link without end',
    input: withChange((f) => delete f.links[1].to),
    path: 'links[1].to',
    message: 'expected text, got nothing',
  },
  {
    mistake: 'a polarity as a word',
    input: withChange((f) => (f.links[0].polarity = 'versterkt')),
    path: 'links[0].polarity',
    message: 'expected one of +, -, got "versterkt"',
  },
  {
    mistake: 'a polarity as a number',
    input: withChange((f) => (f.links[0].polarity = 1)),
    path: 'links[0].polarity',
    message: 'expected one of +, -, got 1',
  },
  {
    mistake: 'no polarity',
    input: withChange((f) => delete f.links[0].polarity),
    path: 'links[0].polarity',
    message: 'expected one of +, -, got nothing',
  },
  { mistake: 'actors as an object', input: withChange((f) => (f.actors = {})), path: 'actors', message: 'expected a list, got an object' },
  {
    mistake: 'an actor that is text',
    input: withChange((f) => f.actors.push('Vader')),
    path: 'actors[2]',
    message: 'expected an object, got "Vader"',
  },
  {
    mistake: 'a duplicate actor id',
    input: withChange((f) => f.actors.push({ id: 'a1', name: 'Vader', role: 'parent' })),
    path: 'actors[2].id',
    message: 'duplicate id "a1"',
  },
  {
    mistake: 'an unknown role',
    input: withChange((f) => (f.actors[0].role = 'moeder')),
    path: 'actors[0].role',
    message: 'expected one of parent, child, network, professional, facilitator, got "moeder"',
  },
  {
    mistake: 'an actor without name',
    input: withChange((f) => delete f.actors[1].name),
    path: 'actors[1].name',
    message: 'expected text, got nothing',
  },
  {
    mistake: 'an actor tied to an unknown factor',
    input: withChange((f) => (f.actors[0].factors = ['f2', 'f9'])),
    path: 'actors[0].factors[1]',
    message: 'no factor has id "f9"',
  },
  {
    mistake: 'an actor tied to a factor by number',
    input: withChange((f) => (f.actors[0].factors = [2])),
    path: 'actors[0].factors[0]',
    message: 'no factor has id 2',
  },
  {
    mistake: 'actor factors as text',
    input: withChange((f) => (f.actors[0].factors = 'f2')),
    path: 'actors[0].factors',
    message: 'expected a list, got "f2"',
  },
  { mistake: 'loops as text', input: withChange((f) => (f.loops = 'R1')), path: 'loops', message: 'expected a list, got "R1"' },
  {
    mistake: 'a loop that is a list',
    input: withChange((f) => f.loops.push(['l1'])),
    path: 'loops[1]',
    message: 'expected an object, got a list',
  },
  {
    mistake: 'a loop naming an unknown link',
    input: withChange((f) => (f.loops[0].links = ['l1', 'l9', 'l3'])),
    path: 'loops[0].links[1]',
    message: 'no link has id "l9"',
  },
  {
    mistake: 'a loop without links',
    input: withChange((f) => (f.loops[0].links = [])),
    path: 'loops[0].links',
    message: 'a loop needs at least one link',
  },
  {
    mistake: 'a loop without name',
    input: withChange((f) => delete f.loops[0].name),
    path: 'loops[0].name',
    message: 'expected text, got nothing',
  },
];

describe('parseAnalysisFile: every mistake names its place', () => {
  it.each(MISTAKES)('$mistake → $path', ({ input, path, message }) => {
    const result = parseAnalysisFile(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const expected = typeof message === 'string' ? message : expect.stringMatching(message);
    expect(result.errors.map(placeAndMessage)).toEqual([{ path, message: expected }]);
    // Every error also carries a code, so the user interface can say it in Dutch.
    expect(result.errors[0]!.code).toEqual(expect.any(String));
  });

  it('refuses a newer file without loading any of it', () => {
    const result = parseAnalysisFile(withChange((f) => (f.version = 99)));
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          path: 'version',
          message: expect.stringContaining('made by a newer Samenzicht'),
          code: 'newerVersion',
          params: { version: 99, known: 2 },
        },
      ],
      warnings: [],
    });
    expect('value' in result).toBe(false);
  });

  it('reports all mistakes of a file at once, each at its own place', () => {
    const result = parseAnalysisFile(
      withChange((f) => {
        f.factors[3].kind = 'probleem';
        f.links[0].polarity = '*';
        f.actors[1].role = 'boss';
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path)).toEqual(['factors[3].kind', 'links[0].polarity', 'actors[1].role']);
  });

  it('caps the number of errors so a hostile file cannot make a huge report', () => {
    const result = parseAnalysisFile(withChange((f) => (f.factors = Array.from({ length: 500 }, () => 'x'))));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(100);
  });

  it('never throws, whatever it is given', () => {
    for (const input of [
      undefined,
      0,
      true,
      Symbol('x'),
      () => 1,
      new Date(),
      { format: 'samenzicht/analysis', version: 1, factors: [null], links: [undefined] },
    ]) {
      expect(() => parseAnalysisFile(input)).not.toThrow();
      expect(parseAnalysisFile(input).ok).toBe(false);
    }
  });
});

describe('parseAnalysisFile: unknown fields are warnings, not errors', () => {
  it('accepts the file and names the path of every unknown field', () => {
    const result = parseAnalysisFile(
      withChange((f) => {
        f.author = 'Procesbegeleider';
        f.factors[0].color = 'red';
        f.links[2].weight = 3;
        f.actors[1].age = 40;
        f.loops[0].type = 'R';
      }),
    );
    expect(result.ok).toBe(true);
    expect(result.warnings.map(placeAndMessage)).toEqual([
      { path: 'author', message: 'unknown field, ignored' },
      { path: 'factors[0].color', message: 'unknown field, ignored' },
      { path: 'links[2].weight', message: 'unknown field, ignored' },
      { path: 'actors[1].age', message: 'unknown field, ignored' },
      { path: 'loops[0].type', message: 'unknown field, ignored' },
    ]);
    if (!result.ok) return;
    expect(result.value.factors[0]).not.toHaveProperty('color');
    expect(result.value).toEqual(parseOk(fullFile()));
  });

  it('keeps warnings next to errors when the file is refused', () => {
    const result = parseAnalysisFile(withChange((f) => ((f.extra = 1), (f.factors[0].kind = 'x'))));
    expect(result.ok).toBe(false);
    expect(result.warnings.map(placeAndMessage)).toEqual([{ path: 'extra', message: 'unknown field, ignored' }]);
    expect(result.warnings[0]).toMatchObject({ code: 'unknownField', params: { name: 'extra' } });
  });

  it('gives a full file no warnings', () => {
    expect(parseAnalysisFile(fullFile()).warnings).toEqual([]);
  });
});

function parseOk(input: unknown) {
  const result = parseAnalysisFile(input);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.errors)}`);
  return result.value;
}

describe('parseAnalysisFile: defaults', () => {
  it('fills in every optional field with its default', () => {
    const analysis = parseOk({
      format: 'samenzicht/analysis',
      version: 1,
      factors: [{ id: 'f1', label: 'Kinderen uithuisgeplaatst', kind: 'problem' }],
      links: [],
    });
    expect(analysis).toEqual({
      title: '',
      factors: [
        {
          id: 'f1',
          label: 'Kinderen uithuisgeplaatst',
          kind: 'problem',
          domain: null,
          evidence: 'observation',
          note: '',
          position: { x: 4 * PLACE_SPACING.x, y: 0 },
        },
      ],
      links: [],
      actors: [],
      loops: [],
    });
  });

  it('reads a null domain as no domain, and a null position as a missing one', () => {
    const analysis = parseOk({
      format: 'samenzicht/analysis',
      version: 1,
      factors: [{ id: 'f1', label: 'Schaamte', kind: 'perpetuating', domain: null, position: null }],
      links: [],
    });
    expect(analysis.factors[0]!.domain).toBeNull();
    expect(analysis.factors[0]!.position).toEqual({ x: 2 * PLACE_SPACING.x, y: 0 });
  });

  it('places factors without a position, each at its own spot', () => {
    const kinds = ['problem', 'predisposing', 'precipitating', 'perpetuating', 'perpetuating', 'aggravating', 'protective', 'protective'];
    const analysis = parseOk({
      format: 'samenzicht/analysis',
      version: 1,
      factors: kinds.map((kind, i) => ({ id: `f${i}`, label: `Factor ${i}`, kind })),
      links: [],
    });
    const spots = analysis.factors.map((f) => `${f.position.x},${f.position.y}`);
    expect(new Set(spots).size).toBe(kinds.length);
    for (const f of analysis.factors) {
      expect(Number.isFinite(f.position.x) && Number.isFinite(f.position.y)).toBe(true);
    }
  });

  it('keeps given positions as they are', () => {
    const analysis = parseOk(fullFile());
    expect(analysis.factors.map((f) => f.position)).toEqual(fullFile().factors.map((f: RawFile) => f.position));
  });
});

describe('parseAnalysisText', () => {
  it('reports invalid JSON as one error for the whole input', () => {
    const result = parseAnalysisText('{ "format": "samenzicht/analysis", ');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(placeAndMessage)).toEqual([{ path: '', message: expect.stringMatching(/^not valid JSON \(.+\)$/) }]);
  });

  it('parses valid JSON text like the decoded file', () => {
    expect(parseAnalysisText(JSON.stringify(fullFile()))).toEqual(parseAnalysisFile(fullFile()));
  });

  it('passes content mistakes through with their path', () => {
    const result = parseAnalysisText(JSON.stringify(withChange((f) => (f.factors[3].kind = 'probleem'))));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(placeAndMessage)).toEqual([{ path: 'factors[3].kind', message: `expected one of ${KINDS}, got "probleem"` }]);
    expect(result.errors[0]).toMatchObject({ code: 'expectedOneOf', params: { options: KINDS, got: '"probleem"' } });
  });
});

describe('toAnalysisFile', () => {
  it('turns a parsed full version-1 file back into the same file, as version 2 with its new fields at their defaults', () => {
    expect(toAnalysisFile(parseOk(fullFile()))).toEqual({
      ...fullFile(),
      version: 2,
      stances: [],
      signals: { share: false, team: '' },
    });
  });

  it('writes a file that parses again to the same model, without warnings', () => {
    const minimal = {
      format: 'samenzicht/analysis',
      version: 1,
      factors: [{ id: 'f1', label: 'Schaamte', kind: 'perpetuating' }],
      links: [],
    };
    const once = parseOk(minimal);
    const again = parseAnalysisFile(toAnalysisFile(once));
    expect(again).toEqual({ ok: true, value: once, warnings: [] });
  });

  it('leaves out a missing domain instead of writing null', () => {
    const file = toAnalysisFile(parseOk(withChange((f) => delete f.factors[0].domain)));
    expect((file.factors as RawFile[])[0]).not.toHaveProperty('domain');
  });
});
