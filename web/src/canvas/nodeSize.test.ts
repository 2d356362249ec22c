import { describe, expect, it } from 'vitest';
import { estimateFactorSize, handlesFor } from './nodeSize.ts';

const texts = { label: 'Piekeren', kind: 'Instandhouding', domain: '', evidence: '', actorNames: '' };

describe('estimateFactorSize', () => {
  it('keeps a factor between the min- and max-width of .factor', () => {
    expect(estimateFactorSize({ ...texts, kind: 'Zorg', label: 'Ja' }).width).toBe(140);
    expect(estimateFactorSize({ ...texts, label: 'Steun van oma bij het halen en brengen van de kinderen' }).width).toBe(220);
  });

  it('grows with the lines of the label, a wrapped kind row and the people row', () => {
    const one = estimateFactorSize(texts).height;
    const three = estimateFactorSize({ ...texts, label: 'Steun van oma bij het halen en brengen van de kinderen' }).height;
    expect(three - one).toBeGreaterThanOrEqual(2 * 22);
    expect(estimateFactorSize({ ...texts, domain: 'Hulpverlening' }).height).toBeGreaterThan(one);
    expect(estimateFactorSize({ ...texts, actorNames: 'Sanne' }).height).toBeGreaterThan(one);
  });

  it('counts a line break in the label as a line', () => {
    expect(estimateFactorSize({ ...texts, label: 'a\nb' }).height).toBeGreaterThan(estimateFactorSize({ ...texts, label: 'a b' }).height);
  });
});

describe('handlesFor', () => {
  it('lets the target handle cover the whole factor and centres a 44 px source dot on the right border', () => {
    const [target, source] = handlesFor({ width: 200, height: 80 });
    expect(target).toMatchObject({ type: 'target', position: 'left', x: 0, y: 0, width: 200, height: 80 });
    expect(source).toMatchObject({ type: 'source', position: 'right', width: 44, height: 44, y: 18 });
    const centre = source!.x + 44 / 2;
    expect(centre).toBeGreaterThanOrEqual(196);
    expect(centre).toBeLessThanOrEqual(200);
  });
});
