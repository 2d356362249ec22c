import { describe, expect, it } from 'vitest';
import { JUDGING_WORDS, compileJudgingWord, findJudgingWords } from './judgingWords.ts';

const words = (text: string) => findJudgingWords(text).map((m) => m.text);

describe('the judging-word list', () => {
  it('has Dutch and English entries, each a valid pattern that never matches nothing, with an alternative and a note', () => {
    expect(JUDGING_WORDS.filter((w) => w.lang === 'nl').length).toBeGreaterThan(25);
    expect(JUDGING_WORDS.filter((w) => w.lang === 'en').length).toBeGreaterThan(20);
    for (const word of JUDGING_WORDS) {
      const re = compileJudgingWord(word);
      expect(re.test(''), word.pattern).toBe(false);
      expect(word.alternative.trim(), word.pattern).not.toBe('');
      expect(word.note.trim(), word.pattern).not.toBe('');
    }
  });
});

describe('findJudgingWords', () => {
  it('finds the words of the issue, with a neutral alternative', () => {
    const [match] = findJudgingWords('Het is de schuld van moeder');
    expect(match).toMatchObject({ index: 10, length: 10, text: 'schuld van' });
    expect(match!.word.alternative).toContain('wat er gebeurde');
    expect(words('Vader is onwillig')).toEqual(['onwillig']);
    expect(words('Moeder faalt in de opvoeding')).toEqual(['faalt']);
    expect(words('Ze is een slechte moeder')).toEqual(['slechte moeder']);
  });

  it('takes the inflections the list names', () => {
    const forms = [
      'onwillige',
      'onwilligheid',
      'faalde',
      'falen',
      'slechte vader',
      'slechte ouders',
      'weigert',
      'weigerde',
      'weigerden',
      'ontkent',
      'ontkende',
      'werkt niet mee',
      'werkten niet mee',
      'verwaarloost',
      'verwaarloosde',
      'zorgmijdend',
      'zorgmijdende',
      'agressieve',
      'chaotische',
      'multiprobleemgezinnen',
      'komt afspraken niet na',
      'komt de afspraken niet na',
      'liegt',
      'loog',
      'no-show',
      'fraudeurs',
      'geen ziekte-inzicht',
      'refused',
      'denies',
      'bad mother',
      'unfit parents',
      'lying',
      'problem families',
    ];
    for (const form of forms) expect(words(`Zij ${form} hier`), form).toEqual([form]);
  });

  it('matches whole words only: a judging word inside another word is no hit', () => {
    expect(words('Faalangst en schuldgevoel naar de kinderen')).toEqual([]);
    expect(words('Domein: wonen, geld en regels')).toEqual([]);
    expect(words('Weigeringsgrond')).toEqual([]);
    expect(words('Hulp afslaan uit angst de regie te verliezen')).toEqual([]);
    expect(words('Verhoogde alertheid en wantrouwen')).toEqual([]);
    expect(words('familiefeest')).toEqual([]);
    // Letters outside ASCII are letters too: no boundary inside "dömme" or after "é".
    expect(words('dömme altijdé')).toEqual([]);
  });

  it('in any case, across several spaces or a line break, in reading order', () => {
    expect(words('FAALT')).toEqual(['FAALT']);
    expect(words('Onwillig')).toEqual(['Onwillig']);
    expect(words('schuld\nvan')).toEqual(['schuld\nvan']);
    expect(words('Slechte   Vader, weigert altijd')).toEqual(['Slechte   Vader', 'weigert', 'altijd']);
  });

  it('keeps one of overlapping hits: the first, then the longest', () => {
    expect(words('eigen schuld van de ouders')).toEqual(['eigen schuld']);
    expect(words('It was her fault of course')).toEqual(['her fault']);
  });

  it('finds nothing in neutral text or empty text', () => {
    expect(findJudgingWords('')).toEqual([]);
    expect(findJudgingWords('   ')).toEqual([]);
    expect(words('Moeder mist afspraken door de lange reistijd')).toEqual([]);
    expect(words('Steun van zus')).toEqual([]);
  });
});
