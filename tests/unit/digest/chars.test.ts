// The budget is counted in JSON characters: the cost helpers must agree with JSON.stringify exactly.
import fc from 'fast-check';
import { clip, cnToInt, intToCn, jsonCost, prefixWithin, suffixStartWithin } from '../../../src/core/digest/chars';

const anyText = fc.string({ unit: 'binary', maxLength: 60 });

describe('JSON cost', () => {
  test('jsonCost(s) is JSON.stringify(s).length - 2 for any string, lone surrogates included', () => {
    fc.assert(fc.property(anyText, (s) => {
      expect(jsonCost(s)).toBe(JSON.stringify(s).length - 2);
    }), { numRuns: 1000 });
  });

  test('prefixWithin and suffixStartWithin stay within the cost and never split a pair', () => {
    fc.assert(fc.property(anyText, fc.nat({ max: 80 }), (s, max) => {
      const p = prefixWithin(s, max);
      expect(s.startsWith(p)).toBe(true);
      expect(jsonCost(p)).toBeLessThanOrEqual(max);
      const tail = s.slice(suffixStartWithin(s, max));
      expect(jsonCost(tail)).toBeLessThanOrEqual(max);
      // the next character would not have fitted (maximal), unless it is the rest of a pair
      if (p.length < s.length) expect(jsonCost(s.slice(0, p.length + 1))).toBeGreaterThan(max);
    }), { numRuns: 1000 });
    expect(prefixWithin('a😀b', 2)).toBe('a');
    expect(prefixWithin('a😀b', 3)).toBe('a😀');
  });

  test('clip keeps short strings and marks a cut', () => {
    expect(clip('一二三', 3)).toBe('一二三');
    expect(clip('一二三四', 3)).toBe('一二…');
  });
});

describe('Chinese numerals', () => {
  test('round-trip 1..999', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 999 }), (n) => {
      expect(cnToInt(intToCn(n))).toBe(n);
    }));
  });
  test.each([['十', 10], ['十一', 11], ['二十', 20], ['二十三', 23], ['一百零五', 105], ['两', 2]])('%s = %d', (cn, n) => {
    expect(cnToInt(cn)).toBe(n);
  });
  test('a run of digits without units is not a numeral', () => {
    expect(cnToInt('一二')).toBeNaN();
    expect(cnToInt('')).toBeNaN();
  });
});
