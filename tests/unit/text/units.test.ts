// Accept units: what "accept next word" takes from a suggestion.
import fc from 'fast-check';
import { cutToWholeUnits, nextClause, nextUnit, splitUnits } from '../../../src/core/text';
import { resetSegmenterForTests } from '../../../src/core/text/units';

describe('nextUnit', () => {
  it.each([
    ['通知如下：', '通知'],
    ['如下：', '如下：'], // punctuation sticks to the word before it
    ['各委、办、局：', '各委、'],
    ['（一）加强组织领导', '（一）'], // opening marks belong to the word after them
    ['《关于做好安全生产工作的通知》', '《关于'],
    ['“通知”要求', '“通知”'],
    ['2024年12月', '2024'],
    ['\n一、总体要求', '\n一、'], // a new paragraph goes with its first word
    ['  特此通知。', '  特此通知。'],
    [' 2016版', ' 2016'],
    ['。', '。'],
    ['\n', '\n'],
    ['', ''],
  ])('%j → %j', (text, unit) => {
    expect(nextUnit(text)).toBe(unit);
  });

  it('looks past its segmenting window when the first unit is long', () => {
    const long = 'a'.repeat(100) + '，后文';
    expect(nextUnit(long)).toBe('a'.repeat(100) + '，');
  });
});

describe('splitUnits', () => {
  it('cuts a clause into words with their punctuation', () => {
    expect(splitUnits('请各单位认真贯彻执行。')).toEqual(['请', '各', '单位', '认真', '贯彻', '执行。']);
    expect(splitUnits('特此通知。\n附件：1.名单')).toEqual(['特此通知。', '\n附件：', '1.', '名单']);
  });
});

describe('nextClause', () => {
  it('takes whole units up to the clause punctuation', () => {
    expect(nextClause('现将有关事项通知如下：一、')).toBe('现将有关事项通知如下：');
    expect(nextClause('认真贯彻执行')).toBe('认真贯彻执行');
  });
});

describe('cutToWholeUnits', () => {
  it('never ends in half a word', () => {
    expect(cutToWholeUnits('认真贯彻执行', 5)).toBe('认真贯彻');
    expect(cutToWholeUnits('认真贯彻执行', 3)).toBe('认真');
    expect(cutToWholeUnits('认真贯彻执行', 1)).toBe('');
    expect(cutToWholeUnits('认真贯彻执行')).toBe('认真贯彻执行');
  });
});

// Text made of the things a suggestion contains: Chinese, digits, Latin, CJK and ASCII marks, spaces, newlines.
const piece = fc.constantFrom(
  '通知', '如下', '：', '，', '。', '、', '（', '）', '《', '》', '“', '”', '一', '2024', '年', 'Word', ' ', '\n', '.', '%',
  '各', '单位', '贯彻', '落实', '特此', '😀', '　',
);
const text = fc.array(fc.oneof(piece, fc.string({ maxLength: 3 }), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 40 }).map((a) => a.join(''));

describe('properties', () => {
  it('concatenating the units gives back the text', () => {
    fc.assert(fc.property(text, (t) => splitUnits(t).join('') === t));
  });

  it('no unit is empty, so accepting next always makes progress', () => {
    fc.assert(
      fc.property(text, (t) => {
        if (t === '') return nextUnit(t) === '';
        return splitUnits(t).every((u) => u.length > 0) && nextUnit(t).length > 0;
      }),
    );
  });

  it('nextUnit is the first unit and accepting it repeatedly walks the whole text', () => {
    fc.assert(
      fc.property(text, (t) => {
        let rest = t;
        const taken: string[] = [];
        while (rest) {
          const u = nextUnit(rest);
          if (!u || !rest.startsWith(u)) return false;
          taken.push(u);
          rest = rest.slice(u.length);
        }
        return taken.join('') === t && (t === '' || nextUnit(t) === splitUnits(t)[0]);
      }),
    );
  });

  it('cutToWholeUnits is a prefix within the limit made of whole units', () => {
    fc.assert(
      fc.property(text, fc.nat(50), (t, max) => {
        const cut = cutToWholeUnits(t, max);
        if (!t.startsWith(cut) || cut.length > max) return false;
        if (t.length <= max) return cut === t;
        // a unit boundary: the units of the text, accumulated, pass through cut.length
        let acc = 0;
        for (const u of splitUnits(t)) {
          if (acc === cut.length) return true;
          acc += u.length;
        }
        return acc === cut.length;
      }),
    );
  });
});

// Internet Explorer 11 and EdgeHTML (the lite pane, old WPS webviews) have no Intl.Segmenter.
describe('without Intl.Segmenter: the character-class rule', () => {
  const intl = Intl as unknown as { Segmenter?: unknown };
  const native = intl.Segmenter;
  beforeAll(() => {
    delete intl.Segmenter;
    resetSegmenterForTests();
  });
  afterAll(() => {
    intl.Segmenter = native;
    resetSegmenterForTests();
  });

  it.each([
    ['通知如下：', '通'], // one Chinese character is one word: without a dictionary, a longer cut would often be wrong
    ['如：', '如：'], // punctuation still sticks to the word before it
    ['（一）加强组织领导', '（一）'],
    ['《关于做好', '《关'],
    ['2024年12月', '2024'], // numbers and Latin words stay whole
    ['3.5%的增幅', '3.5%'],
    ['Word文档', 'Word'],
    ['\n一、总体要求', '\n一、'],
    ['  特此通知。', '  特'],
    ['𠀀字', '𠀀'], // a character beyond the BMP is one character, not half of one
    ['', ''],
  ])('%j → %j', (text, unit) => {
    expect(nextUnit(text)).toBe(unit);
  });

  it('the units still give back the text exactly, and none is empty', () => {
    fc.assert(
      fc.property(text, (s) => {
        const units = splitUnits(s);
        expect(units.join('')).toBe(s);
        expect(units.every((u) => u.length > 0)).toBe(true);
      }),
    );
  });
});
