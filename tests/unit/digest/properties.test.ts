// Properties that hold for any text: the digest never throws, fits its budget, keeps the promised
// fields, and its windows are exactly the text around the cursor (so ghost text, absent from the
// input, can never appear in it).
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { buildDigest, DigestBuilder, MIN_DIGEST_BUDGET } from '../../../src/core/digest';
import type { ContextDigest } from '../../../src/core/protocol';

const fixture = fs.readFileSync(path.join(__dirname, '../../fixtures/gongwen/06-tongzhi-lajifenlei.txt'), 'utf8');

// Text that looks like 公文 (ordinals, markings, punctuation, brackets) mixed with arbitrary Unicode,
// including lone surrogates and control characters that JSON escapes into several characters.
const pieces = ['一、', '（一）', '(二)', '1.', '1、', '（1）', '第三条', '第二章', '\n', '。', '，', '：', '关于', '的通知',
  '秘密★6个月', '特急', '东政办发〔2025〕17号', '签发人：', '附件：1.', '抄送：', '"', '\\', '\u0000', '\ud800', '\udc00', '★', '　'];
const docText = fc.array(fc.oneof(fc.constantFrom(...pieces), fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ maxLength: 30 })), { maxLength: 60 })
  .map((parts) => parts.join(''));

function checkWindows(text: string, cursor: number, d: ContextDigest): void {
  const c = Math.min(Math.max(0, cursor), text.length);
  expect(text.slice(0, c).endsWith(d.before)).toBe(true);
  expect(text.slice(c).startsWith(d.after)).toBe(true);
}

describe('digest properties', () => {
  test('never throws, fits the budget, windows are exact — random text, cursor and budget', () => {
    fc.assert(fc.property(docText, fc.nat(), fc.integer({ min: 0, max: 5000 }), (text, rawCursor, budget) => {
      const cursor = text.length ? rawCursor % (text.length + 1) : 0;
      const d = buildDigest(text, cursor, { budget });
      expect(JSON.stringify(d).length).toBeLessThanOrEqual(Math.max(budget, MIN_DIGEST_BUDGET));
      checkWindows(text, cursor, d);
    }), { numRuns: 400 });
  });

  test('any budget ≥ 200 keeps docType, title and section in the JSON', () => {
    const cursor = fixture.indexOf('（2）交投可回收物') + 6;
    fc.assert(fc.property(fc.integer({ min: 200, max: 3000 }), (budget) => {
      const d = buildDigest(fixture, cursor, { budget });
      const json = JSON.stringify(d);
      expect(json.length).toBeLessThanOrEqual(budget);
      const wire = JSON.parse(json) as ContextDigest;
      // the cursor is in the 工作方案 that the notice 印发: the digest describes that document
      expect(wire.docType).toBe('工作方案');
      expect(wire.title.length).toBeGreaterThanOrEqual(8);
      expect(fixture.includes(wire.title.replace(/…$/, ''))).toBe(true);
      expect(wire.section.map((h) => h.ordinal)).toEqual(['二、', '（三）', '2.', '（2）'].slice(-wire.section.length));
      expect(wire.section.length).toBeGreaterThanOrEqual(3);
    }), { numRuns: 150 });
  });

  test('a 200k-character single paragraph', () => {
    const text = '一、' + '为深入贯彻落实，'.repeat(25_000);
    for (const cursor of [0, 1, 100_000, text.length]) {
      const d = buildDigest(text, cursor);
      expect(JSON.stringify(d).length).toBeLessThanOrEqual(2000);
      checkWindows(text, cursor, d);
      if (cursor > 1000) expect(d.before.length).toBeGreaterThan(500);
    }
  });

  test('a huge paragraph without any boundary is cut hard but still exact', () => {
    const text = '字'.repeat(200_000);
    const d = buildDigest(text, 150_000, { budget: 500 });
    expect(JSON.stringify(d).length).toBeLessThanOrEqual(500);
    checkWindows(text, 150_000, d);
    expect(d.before.length).toBeGreaterThan(100);
  });

  test('the empty document', () => {
    const d = buildDigest('', 0);
    expect(d).toMatchObject({ docType: 'unknown', title: '', before: '', after: '', section: [] });
    expect(d.nextOrdinals).toEqual({ '1': '一、', '2': '（一）', '3': '1.', '4': '（1）' });
  });

  test('cursor at every position of a small document', () => {
    const text = fixture.slice(0, 400);
    for (let c = 0; c <= text.length; c++) {
      const d = buildDigest(text, c, { budget: 600 });
      expect(JSON.stringify(d).length).toBeLessThanOrEqual(600);
      checkWindows(text, c, d);
    }
  });

  test('out-of-range and non-integer cursors are clamped', () => {
    for (const c of [-5, 1e12, NaN, Infinity, -Infinity, 3.7]) {
      expect(() => buildDigest('一、总体要求\n正文。', c)).not.toThrow();
    }
    expect(buildDigest('一、总体要求\n正文。', 1e12).before).toBe('一、总体要求\n正文。');
  });

  test('documents made only of headings, or only of punctuation', () => {
    const headings = Array.from({ length: 3000 }, (_, i) => `${i % 2 ? '（一）' : '一、'}标题${i}`).join('\n');
    const punct = '。，、；：！？“”《》（）\n'.repeat(5000);
    for (const text of [headings, punct]) {
      for (const c of [0, Math.floor(text.length / 3), text.length]) {
        const d = buildDigest(text, c);
        expect(JSON.stringify(d).length).toBeLessThanOrEqual(2000);
        checkWindows(text, c, d);
      }
    }
  });

  test('the builder never throws on random edits', () => {
    fc.assert(fc.property(docText, fc.array(fc.tuple(fc.nat(), fc.nat(), docText), { maxLength: 8 }), (text, edits) => {
      const b = new DigestBuilder(text);
      for (const [s, e, ins] of edits) {
        b.applyEdit(s % (b.length + 1), e % (b.length + 1), ins);
        expect(JSON.stringify(b.digest(b.length)).length).toBeLessThanOrEqual(2000);
      }
    }), { numRuns: 200 });
  });
});

describe('small budgets keep what was promised, on every fixture', () => {
  const dir = path.join(__dirname, '../../fixtures/gongwen');
  const docs = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));

  test('docType, title (possibly clipped) and section ordinals survive any budget ≥ 200', () => {
    fc.assert(fc.property(fc.nat({ max: docs.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 200, max: 2500 }),
      (which, where, budget) => {
        const text = docs[which];
        const cursor = Math.floor(where * text.length);
        const full = buildDigest(text, cursor, { budget: 100_000 });
        const json = JSON.stringify(buildDigest(text, cursor, { budget }));
        expect(json.length).toBeLessThanOrEqual(budget);
        const small = JSON.parse(json) as ContextDigest;
        expect(small.docType).toBe(full.docType);
        expect(full.title.startsWith(small.title.replace(/…$/, ''))).toBe(true);
        expect(small.title.length).toBeGreaterThanOrEqual(Math.min(full.title.length, 8));
        // a path of up to three levels always fits whole; a fourth may cost its outermost level at 200
        const ordinals = full.section.map((h) => h.ordinal);
        expect(small.section.map((h) => h.ordinal)).toEqual(ordinals.slice(ordinals.length - small.section.length));
        expect(small.section.length).toBeGreaterThanOrEqual(Math.min(ordinals.length, 3));
        if (full.classification) expect(small.classification).toBe(full.classification);
      }), { numRuns: 300 });
  });
});
