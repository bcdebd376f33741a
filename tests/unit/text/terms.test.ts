// Whole words for accept-next: the official words of 公文 and the document's own names are never cut,
// whatever Intl.Segmenter (or its fallback) would make of them.
import fc from 'fast-check';
import { acceptNextText, splitUnits, termsFromNames } from '../../../src/core/text';
import { OFFICIAL_TERMS } from '../../../src/core/text/official';
import { resetSegmenterForTests } from '../../../src/core/text/units';

/** Accept-next again and again: the pieces a clerk takes one key at a time. */
function takes(ghost: string, terms = OFFICIAL_TERMS): string[] {
  const out: string[] = [];
  for (let rest = ghost; rest; ) {
    const t = acceptNextText(rest, terms);
    out.push(t);
    rest = rest.slice(t.length);
  }
  return out;
}

const NAMES = ['农业农村局', '发展和改革委员会', '住房和城乡建设局', '人力资源和社会保障局', '卫生健康委员会', '市场监督管理局', '退役军人事务局', '文化和旅游局'];

describe.each([
  ['with Intl.Segmenter', false],
  ['without Intl.Segmenter (IE11, old webviews)', true],
])('accept-next %s', (_label, withoutSegmenter) => {
  const real = Intl.Segmenter;
  beforeAll(() => {
    if (withoutSegmenter) (Intl as { Segmenter?: unknown }).Segmenter = undefined;
    resetSegmenterForTests();
  });
  afterAll(() => {
    (Intl as { Segmenter?: unknown }).Segmenter = real;
    resetSegmenterForTests();
  });

  it('takes 人民政府办公室 as 人民政府, then 办公室', () => {
    expect(takes('人民政府办公室')).toEqual(['人民政府', '办公室']);
  });

  it.each(NAMES)('takes %s whole', (name) => {
    expect(takes(`${name}：`)).toEqual([`${name}：`]);
    expect(acceptNextText(`${name}，各乡镇`, OFFICIAL_TERMS)).toBe(`${name}，`);
  });

  it('takes the document’s own place and names whole (西岭市, then 农业农村局)', () => {
    const terms = termsFromNames(['西岭市农业农村局', '西岭市人民政府办公室', '西岭市林草中心'], OFFICIAL_TERMS);
    expect(takes('西岭市农业农村局、西岭市林草中心', terms)).toEqual(['西岭市', '农业农村局、', '西岭市', '林草中心']);
    // a name the official words already cut keeps their cut: its place is the only new word
    expect(takes('西岭市人民政府办公室', terms)).toEqual(['西岭市', '人民政府', '办公室']);
  });

  it('never cuts an official word that follows punctuation, and gives the text back exactly', () => {
    const piece = fc.oneof(fc.constantFrom(...NAMES, '人民政府', '办公室', '特此通知'), fc.constantFrom('关于', '各', '要', '工作', 'ab', '2024'));
    const mark = fc.constantFrom('，', '。', '、', '（', '）', '\n', ' ');
    fc.assert(
      fc.property(fc.array(fc.tuple(mark, piece), { maxLength: 12 }), (parts) => {
        const text = parts.map(([m, p]) => m + p).join('');
        const units = splitUnits(text, OFFICIAL_TERMS);
        expect(units.join('')).toBe(text);
        // every official word placed after a mark sits inside one unit
        const cuts = new Set<number>();
        let at = 0;
        for (const u of units) cuts.add((at += u.length));
        let pos = 0;
        for (const [m, p] of parts) {
          pos += m.length;
          if (NAMES.includes(p)) for (let i = pos + 1; i < pos + p.length; i++) expect(cuts.has(i)).toBe(false);
          pos += p.length;
        }
      }),
    );
  });
});
