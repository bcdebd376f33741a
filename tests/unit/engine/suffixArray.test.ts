// The suffix array against its definition (fast-check): sorted suffixes, exact counts for any
// pattern, the longest occurring tail, and the next-character split of a range.
import fc from 'fast-check';
import { buildSuffixArray, SuffixArray, DEPTH } from '../../../src/engine/SuffixArray';

const text = fc.string({ unit: fc.constantFrom('甲', '乙', '丙', '，', '。', '\u0001', 'a'), maxLength: 200 });

function naiveCount(t: string, p: string): number {
  let n = 0;
  for (let i = 0; i + p.length <= t.length; i++) if (t.startsWith(p, i)) n++;
  return n;
}

describe('SuffixArray', () => {
  it('sorts every suffix on its first DEPTH characters, ties in text order', () => {
    fc.assert(fc.property(text, (t) => {
      const expected = [...Array(t.length).keys()].sort((a, b) => {
        const x = t.slice(a, a + DEPTH);
        const y = t.slice(b, b + DEPTH);
        return x < y ? -1 : x > y ? 1 : a - b;
      });
      expect(Array.from(buildSuffixArray(t))).toEqual(expected);
    }));
  });

  it('counts any pattern exactly', () => {
    fc.assert(fc.property(text, fc.string({ unit: fc.constantFrom('甲', '乙', '丙', '，'), minLength: 1, maxLength: 4 }), (t, p) => {
      expect(new SuffixArray(t).count(p)).toBe(naiveCount(t, p));
    }));
  });

  it('finds the longest tail of a query that occurs', () => {
    fc.assert(fc.property(text, fc.string({ unit: fc.constantFrom('甲', '乙', '丙'), maxLength: 12 }), (t, q) => {
      const { len, range } = new SuffixArray(t).longestTail(q, 40);
      let best = 0;
      for (let l = 1; l <= q.length; l++) if (naiveCount(t, q.slice(q.length - l)) > 0) best = l;
      expect(len).toBe(best);
      if (len > 0) expect(range.hi - range.lo).toBe(naiveCount(t, q.slice(q.length - len)));
    }));
  });

  it('splits a range by the next character, most frequent first', () => {
    const sa = new SuffixArray('培训期间实行考勤管理。培训期间实行考勤制度。培训期间实行考核。');
    const split = sa.next(sa.range('实行考'), 3).map((s) => [s.ch, s.range.hi - s.range.lo]);
    expect(split).toEqual([['勤', 2], ['核', 1]]);
  });
});
