import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analysePatterns } from '../graph/patterns.ts';
import type { Analysis, Factor, FactorKind, Link } from '../model/types.ts';
import { parseAnalysisFile } from '../schema/parseAnalysisFile.ts';
import { STORY_MAX_LOOPS, generateStory, lowerFirst, storyOf, storyText } from './storyOf.ts';

function example(name: string): Analysis {
  const parsed = parseAnalysisFile(JSON.parse(readFileSync(new URL(`../../../examples/${name}.samenzicht.json`, import.meta.url), 'utf8')));
  if (!parsed.ok) throw new Error(`${name} does not parse`);
  return parsed.value;
}

const f = (id: string, label: string, kind: FactorKind, evidence: Factor['evidence'] = 'observation'): Factor => ({
  id,
  label,
  kind,
  domain: null,
  evidence,
  note: '',
  position: { x: 0, y: 0 },
});
const l = (id: string, from: string, to: string, polarity: Link['polarity'] = '+'): Link => ({ id, from, to, polarity, note: '' });

/** The debt spiral of the issue, with a strength, a background, a trigger, something that makes it worse, a hypothesis. */
const SPIRAL: Analysis = {
  title: 'Testgezin',
  factors: [
    f('f1', 'Schulden', 'perpetuating'),
    f('f2', 'Stress', 'perpetuating'),
    f('f3', 'Afspraken gemist', 'perpetuating'),
    f('f4', 'Boetes', 'aggravating'),
    f('f5', 'Terugvordering toeslagen', 'precipitating'),
    f('f6', 'Eigen jeugd was zwaar', 'predisposing'),
    f('f7', 'Steun van de zus', 'protective'),
    f('f8', 'Schaamte', 'perpetuating', 'hypothesis'),
    f('f9', 'Kinderen wonen niet thuis', 'problem'),
    f('f10', 'Wachten op GGZ', 'aggravating'),
  ],
  links: [
    l('l1', 'f1', 'f2'),
    l('l2', 'f2', 'f3'),
    l('l3', 'f3', 'f4'),
    l('l4', 'f4', 'f1'),
    l('l5', 'f5', 'f1'),
    l('l6', 'f7', 'f2', '-'),
    l('l7', 'f2', 'f8'),
    l('l8', 'f8', 'f2'),
  ],
  actors: [],
  loops: [{ links: ['l1', 'l2', 'l3', 'l4'], name: 'De schuldenspiraal' }],
};

describe('the story of a hand-made analysis', () => {
  const nl = storyOf(SPIRAL, 'nl');
  const en = storyOf(SPIRAL, 'en');

  it('tells each circle as one sentence, from its factors in order, with the name people gave it', () => {
    expect(nl).toContain(
      '“De schuldenspiraal” is een vicieuze cirkel: door schulden komt er meer stress, daardoor meer afspraken gemist, daardoor meer boetes, en daardoor weer meer schulden.',
    );
    expect(en).toContain(
      '“De schuldenspiraal” is a vicious circle: schulden brings more stress, which brings more afspraken gemist, which brings more boetes, and that brings more schulden again.',
    );
    // The unnamed circle of stress and shame: by its number, and shame is a hypothesis.
    expect(nl).toMatch(
      /Kringloop R\d is een vicieuze cirkel: door stress komt er meer schaamte, en daardoor weer meer stress\. We denken dat schaamte hierin meedoet, maar dat is nog niet zeker\./,
    );
  });

  it('has every part, in order: the worry, how it began, what keeps it going, what makes it worse, what helps, where it breaks', () => {
    const order = [
      'Waar we ons zorgen over maken',
      'Hoe het begon',
      'Wat het in stand houdt',
      'Wat het erger maakt',
      'Wat al helpt',
      'Waar de cirkel kan breken',
    ];
    const at = order.map((h) => nl.indexOf(`\n${h}\n`));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(nl).toContain('We maken ons zorgen over dit: kinderen wonen niet thuis.');
    expect(nl).toContain('Het was al eerder zwaar: eigen jeugd was zwaar.');
    expect(nl).toContain('Toen gebeurde dit: terugvordering toeslagen.');
    expect(nl).toContain('Dit maakt het erger: boetes en wachten op GGZ.');
    expect(nl).toContain('Steun van de zus zorgt voor minder stress.');
    expect(en).toContain('Steun van de zus brings less stress.');
    expect(nl).toMatch(
      /Als stress niet meer zorgt voor meer (afspraken gemist|schaamte), breken 2 vicieuze cirkels, ook “De schuldenspiraal”\.|Samen werken aan stress raakt allebei de vicieuze cirkels\./,
    );
    expect(nl).toContain('Samen werken aan stress raakt allebei de vicieuze cirkels.');
  });

  it('tells a hypothesis as "we denken dat", also outside circles', () => {
    const hypothesis: Analysis = {
      ...SPIRAL,
      factors: SPIRAL.factors.map((x) => (x.id === 'f6' || x.id === 'f7' ? { ...x, evidence: 'hypothesis' } : x)),
    };
    const text = storyOf(hypothesis, 'nl');
    expect(text).toContain('We denken dat ook dit al eerder meespeelde: eigen jeugd was zwaar.');
    expect(text).not.toContain('Het was al eerder zwaar');
    expect(text).toContain('We denken dat steun van de zus zorgt voor minder stress.');
    expect(storyOf(hypothesis, 'en')).toContain('We think steun van de zus brings less stress.');
  });

  it('follows the signs around a circle: "less" after a reducing link, and a slowing circle comes back as "less"', () => {
    const balancing: Analysis = {
      ...SPIRAL,
      factors: [f('a', 'Spanning', 'perpetuating'), f('b', 'Contact', 'perpetuating')],
      links: [l('l1', 'a', 'b', '-'), l('l2', 'b', 'a')],
      loops: [],
    };
    expect(storyOf(balancing, 'nl')).toContain(
      'Kringloop B1 is een remmende kringloop: door spanning komt er minder contact, en daardoor weer minder spanning.',
    );
    expect(storyOf(balancing, 'nl')).toContain('In de tekening staat geen vicieuze cirkel.');
  });

  it('does not say "meer" twice for a label that starts with it, and says "minder" instead when it goes down', () => {
    const more: Analysis = {
      ...SPIRAL,
      factors: [f('a', 'Meer toezicht', 'aggravating'), f('b', 'Wantrouwen', 'perpetuating'), f('c', 'Steun', 'protective')],
      links: [l('l1', 'a', 'b'), l('l2', 'b', 'a'), l('l3', 'c', 'a', '-')],
      loops: [],
    };
    const text = storyOf(more, 'nl');
    expect(text).toContain('door meer toezicht komt er meer wantrouwen, en daardoor weer meer toezicht.');
    expect(text).toContain('Steun zorgt voor minder toezicht.');
    expect(text).not.toContain('meer meer');
    // A Dutch label in the English story keeps its own word.
    expect(storyOf(more, 'en')).toContain('more wantrouwen, and that brings meer toezicht again.');
    expect(storyOf(more, 'en')).toContain('Steun brings minder toezicht.');
  });

  it('uses the edited story when the facilitator wrote one, and is the same every time', () => {
    expect(storyOf({ ...SPIRAL, story: 'Ons eigen verhaal.' }, 'nl')).toBe('Ons eigen verhaal.');
    expect(storyOf({ ...SPIRAL, story: '   ' }, 'nl')).toBe(nl);
    expect(storyOf(SPIRAL, 'nl')).toBe(nl);
    expect(storyOf({ ...SPIRAL, language: 'en' })).toBe(en);
  });

  it('says the diagram is empty when it is', () => {
    expect(storyOf({ ...SPIRAL, factors: [], links: [], loops: [] }, 'nl')).toContain('De tekening is nog leeg.');
  });

  it('keeps abbreviations in capitals inside a sentence', () => {
    expect(lowerFirst('GGZ wacht')).toBe('GGZ wacht');
    expect(lowerFirst('Schulden')).toBe('schulden');
    expect(lowerFirst('A')).toBe('A');
  });
});

describe('the story of the examples', () => {
  for (const name of ['small', 'medium'] as const) {
    it(`${name}: tells every named circle and every problem, background, trigger, worsening and strength`, () => {
      const analysis = example(name);
      for (const language of ['nl', 'en'] as const) {
        const text = storyOf(analysis, language);
        for (const loop of analysis.loops) expect(text, loop.name).toContain(`“${loop.name}”`);
        for (const factor of analysis.factors.filter((x) => x.kind !== 'perpetuating'))
          expect(text, factor.label).toContain(lowerFirst(factor.label).slice(1));
      }
    });
  }

  it('large: the same story every time (the loop search stops at a count, never at a time), its named circles first', () => {
    const analysis = example('large');
    const text = storyOf(analysis, 'nl');
    expect(storyOf(analysis, 'nl')).toBe(text);
    for (const loop of analysis.loops.slice(0, 3)) expect(text, loop.name).toContain(`“${loop.name}”`);
    expect(text).toMatch(/Er zijn nog \d+ kringlopen( of meer)?\. Die staan in de tekening\./);
  });

  it('small: every circle appears', () => {
    const analysis = example('small');
    const patterns = analysePatterns(analysis);
    expect(patterns.loops.length).toBeLessThanOrEqual(STORY_MAX_LOOPS);
    const text = storyOf(analysis, 'nl');
    for (const loop of patterns.loops) expect(text).toContain(loop.name ? `“${loop.name}”` : `ringloop ${loop.id} `);
  });

  it('medium: the circles beyond the first ones are counted, not left out silently', () => {
    const analysis = example('medium');
    const patterns = analysePatterns(analysis);
    const text = storyOf(analysis, 'nl');
    expect(text).toContain(`Er zijn nog ${patterns.loops.length - STORY_MAX_LOOPS} kringlopen. Die staan in de tekening.`);
  });
});

describe('the story never says what the diagram does not', () => {
  // Labels are unique tokens (Xq0, Xq1, …) and loop names Nm0…, so any token in the story can be traced back.
  const arbitraryAnalysis = fc
    .record({
      kinds: fc.array(
        fc.constantFrom<FactorKind>('problem', 'predisposing', 'precipitating', 'perpetuating', 'aggravating', 'protective'),
        {
          minLength: 1,
          maxLength: 9,
        },
      ),
      evidence: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
      edges: fc.array(fc.tuple(fc.nat(8), fc.nat(8), fc.boolean()), { maxLength: 16 }),
      named: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    })
    .map(({ kinds, evidence, edges, named }): Analysis => {
      const factors = kinds.map((kind, i) => f(`f${i}`, `Xq${i} label`, kind, evidence[i] ? 'hypothesis' : 'observation'));
      const seen = new Set<string>();
      const links: Link[] = [];
      for (const [a, b, minus] of edges) {
        const from = a % kinds.length;
        const to = b % kinds.length;
        if (from === to || seen.has(`${from}>${to}`)) continue;
        seen.add(`${from}>${to}`);
        links.push(l(`l${links.length}`, `f${from}`, `f${to}`, minus ? '-' : '+'));
      }
      const base: Analysis = { title: 'T', factors, links, actors: [], loops: [] };
      const loops = analysePatterns(base)
        .loops.filter((_, i) => named[i % named.length])
        .map((loop, i) => ({ links: [...loop.links], name: `Nm${i}` }));
      return { ...base, loops };
    });

  it('every label and loop name in the story exists; every circle appears; every hypothesis is marked', () => {
    fc.assert(
      fc.property(arbitraryAnalysis, fc.constantFrom('nl' as const, 'en' as const), (analysis, language) => {
        const story = generateStory(analysis, language);
        const text = storyText(story);
        const labels = new Set(analysis.factors.map((x) => x.label.split(' ')[0]!.toLowerCase()));
        for (const token of text.match(/xq\d+/gi) ?? []) expect(labels.has(token.toLowerCase()), token).toBe(true);
        const names = new Set(analysis.loops.map((x) => x.name));
        for (const token of text.match(/Nm\d+/g) ?? []) expect(names.has(token), token).toBe(true);
        const patterns = analysePatterns(analysis);
        if (patterns.loops.length <= STORY_MAX_LOOPS) {
          for (const loop of patterns.loops) {
            expect(text).toContain(loop.name ? `“${loop.name}” is ` : `${language === 'nl' ? 'ringloop' : 'ircle'} ${loop.id} is `);
          }
        }
        // A hypothesis outside circles and break points is only ever named in a "we think" sentence.
        const marker = language === 'nl' ? /^We denken dat/ : /^We think/;
        for (const section of story.sections.filter((s) => s.part === 'worry' || s.part === 'began' || s.part === 'worse')) {
          for (const sentence of section.paragraphs.flatMap((p) => p.split(/(?<=\.) /))) {
            const hypotheses = analysis.factors.filter((x) => x.evidence === 'hypothesis' && sentence.includes(`${lowerFirst(x.label)}`));
            if (hypotheses.length > 0) expect(sentence, sentence).toMatch(marker);
          }
        }
        // Every hypothesis on a told circle is marked right after it.
        for (const loop of patterns.loops.slice(0, STORY_MAX_LOOPS)) {
          const thought = loop.factors.filter((id) => analysis.factors.find((x) => x.id === id)!.evidence === 'hypothesis');
          if (thought.length > 0) expect(text).toMatch(language === 'nl' ? /We denken dat .* hierin meedo/ : /We think .* part of this/);
        }
      }),
      { numRuns: 150 },
    );
  });
});
