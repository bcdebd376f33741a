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

describe('layout whitespace is no error', () => {
  const dirs = [path.join(__dirname, '../../fixtures/norms/correct'), path.join(__dirname, '../../fixtures/gongwen')];
  const docs = dirs.flatMap((d) => fs.readdirSync(d).filter((f) => f.endsWith('.txt')).map((f) => [f, fs.readFileSync(path.join(d, f), 'utf8')] as const));
  // how clerks' and web pages' text differs from the printed lines: indented paragraphs (　　 or
  // spaces), a blank line between every two, trailing spaces
  const layouts: Record<string, (t: string) => string> = {
    indented: (t) => t.split('\n').map((l) => (l ? `　　${l}` : l)).join('\n'),
    blankLines: (t) => t.split('\n').join('\n\n'),
    trailingSpaces: (t) => t.split('\n').map((l) => `${l}  `).join('\n'),
    all: (t) => t.split('\n').map((l) => (l ? `  ${l} ` : l)).join('\n\n'),
  };
  test.each(Object.keys(layouts))('%s: no correct document gives a finding', (name) => {
    const found = docs.flatMap(([file, text]) => {
      const t = layouts[name](text);
      return checkNorms(t).map((f) => `${file} ${f.rule} ${t.slice(f.start, f.end)}`);
    });
    expect(found).toEqual([]);
  });
});

test('planted errors are found the same through those layouts (their span\'s text, nothing else)', () => {
  const dir = path.join(__dirname, '../../fixtures/norms');
  const labels: Array<{ file: string; rule: string; span: string }> = JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8'));
  const layouts = [(t: string) => t.split('\n').map((l) => (l ? `　　${l}` : l)).join('\n'), (t: string) => t.split('\n').join('\n\n')];
  const wrong: string[] = [];
  for (const layout of layouts) {
    for (const l of labels) {
      const t = layout(fs.readFileSync(path.join(dir, 'planted', l.file), 'utf8'));
      const found = checkNorms(t).map((f) => `${f.rule} ${t.slice(f.start, f.end).trim()}`);
      if (found.length !== 1 || found[0] !== `${l.rule} ${l.span.trim()}`) wrong.push(`${l.file}: ${found.join(', ')}`);
    }
  }
  expect(wrong).toEqual([]);
});
