import { describe, expect, it } from 'vitest';
import { nl } from '../i18n/nl.ts';
import { en } from '../i18n/en.ts';
import { describePlace, type Translate } from './describePlace.ts';

/** A tiny stand-in for i18next over the real texts: key lookup and {{name}} interpolation. */
function translator(messages: unknown): Translate {
  return (key, values = {}) => {
    const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], messages);
    if (typeof text !== 'string') throw new Error(`missing text ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
  };
}

const t = translator(nl);

describe('describePlace', () => {
  it('names a factor by its number (counting from 1) and the field in plain Dutch', () => {
    expect(describePlace('factors[3].kind', t)).toBe('Factor 4, soort factor');
    expect(describePlace('links[0].polarity', t)).toBe('Verband 1, wat het verband doet');
    expect(describePlace('actors[1].role', t)).toBe('Betrokkene 2, rol');
  });

  it('adds the label from the file, so the factor can be found', () => {
    const source = { factors: [{}, {}, {}, { label: 'Aanhoudende stress' }] };
    expect(describePlace('factors[3].kind', t, source)).toBe('Factor 4 ("Aanhoudende stress"), soort factor');
    expect(describePlace('actors[0].name', t, { actors: [{ name: 'Moeder' }] })).toBe('Betrokkene 1 ("Moeder"), naam');
  });

  it('shortens a long label', () => {
    const source = { factors: [{ label: 'x'.repeat(100) }] };
    expect(describePlace('factors[0].id', t, source)).toBe(`Factor 1 ("${'x'.repeat(40)}…"), id`);
  });

  it('describes nested places and list items', () => {
    expect(describePlace('factors[0].position.x', t)).toBe('Factor 1, plek, x');
    expect(describePlace('actors[0].factors[2]', t)).toBe('Betrokkene 1, factoren, nummer 3');
    expect(describePlace('loops[1].links', t)).toBe('Kringloop 2, verbanden');
    expect(describePlace('comments[1].replyTo', t)).toBe('Opmerking 2, reactie op');
    expect(describePlace('comments[0].on', translator(en))).toBe('Comment 1, about');
  });

  it('describes top-level places and the whole file', () => {
    expect(describePlace('version', t)).toBe('Versie');
    expect(describePlace('factors', t)).toBe('Factoren');
    expect(describePlace('', t)).toBe('Het hele bestand');
  });

  it('quotes fields it has no name for (unknown fields in warnings)', () => {
    expect(describePlace('factors[0].kleur', t)).toBe('Factor 1, veld "kleur"');
    expect(describePlace('extra', t)).toBe('Veld "extra"');
  });

  it('gives up on a path of another shape (only the raw path is shown then)', () => {
    expect(describePlace('factors[x].kind', t)).toBeNull();
    expect(describePlace('factors..kind', t)).toBeNull();
  });

  it('speaks English too', () => {
    expect(describePlace('factors[3].kind', translator(en))).toBe('Factor 4, kind of factor');
  });
});
