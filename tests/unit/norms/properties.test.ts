// For any text: the checker never throws, every span lies inside the text and is not empty, and
// a fix applied leaves a text the checker still reads without throwing.
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { applyFix, checkNorms } from '../../../src/norms';

const base = fs.readFileSync(path.join(__dirname, '../../fixtures/norms/correct/a-tongzhi-shuqi.txt'), 'utf8');
const lines = base.split('\n');
const pieces = ['一、', '（一）', '(二)', '1.', '1、', '（1）', '第三条', '第二章', '\n', '。', ',', ':', '“', '”', '《', '》', '（', ')',
  '附件：', '附件1', '抄送:', '印发', '2025年03月05日', '二〇二五年三月五日', '东政办发[24]第05号', '关于', '的通知', '\r', '\ud800', '　'];
const text = fc.oneof(
  fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 80 }).map((p) => p.join('')),
  // a real document with lines dropped, repeated and cut
  fc.array(fc.tuple(fc.nat(lines.length - 1), fc.nat(40), fc.constantFrom('', ...pieces)), { maxLength: 60 })
    .map((picks) => picks.map(([i, cut, extra]) => lines[i].slice(0, cut) + extra).join('\n')),
);

describe('norms properties', () => {
  test('never throws; spans inside the text, non-empty, in order', () => {
    fc.assert(fc.property(text, (t) => {
      const found = checkNorms(t);
      let last = 0;
      for (const f of found) {
        expect(Number.isInteger(f.start) && Number.isInteger(f.end)).toBe(true);
        expect(f.start).toBeGreaterThanOrEqual(0);
        expect(f.end).toBeLessThanOrEqual(t.length);
        expect(f.end).toBeGreaterThan(f.start);
        expect(f.start).toBeGreaterThanOrEqual(last);
        last = f.start;
        if (f.fix !== undefined) checkNorms(applyFix(t, f));
      }
    }), { numRuns: 500 });
  });
});
