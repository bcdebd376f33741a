// The digest stage as the pane runs it (issue 32 §3): one DigestBuilder kept between requests, fed whole
// HostContexts. Whatever the edits between two requests — typing, deleting, pasting, an edit in the header
// the builder caches, a cursor move — its digest is the one a fresh build of the same context gives; and
// the page header's marking is part of the document.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { HostContext } from '../../../src/core/DocumentHost';
import { DigestStage, digestOf } from '../../../src/core/digest';
import { commonPrefix, commonSuffix } from '../../../src/core/digest/DigestStage';

const doc = (name: string) => fs.readFileSync(path.join(__dirname, '../../fixtures/gongwen', name), 'utf8').trimEnd();
const ctx = (text: string, cursor = text.length, header?: string): HostContext => ({ text, cursor, selectionEmpty: true, ...(header ? { header } : {}) });

test('prefix and suffix of two texts, across the block size and without overlapping', () => {
  const long = '一'.repeat(5000);
  expect(commonPrefix(long + '甲' + long, long + '乙' + long)).toBe(5000);
  expect(commonSuffix(long + '甲' + long, long + '乙' + long, 5000)).toBe(5000);
  // 'aa' → 'aaa': the prefix takes both, the suffix may not reach back into it
  expect(commonPrefix('aa', 'aaa')).toBe(2);
  expect(commonSuffix('aa', 'aaa', 2)).toBe(0);
});

test('the page header\'s marking is read with the body: a body without one is classified by its header', () => {
  const body = doc('01-tongzhi-anquanshengchan.txt');
  expect(digestOf(ctx(body)).classification).toBeNull();
  expect(digestOf(ctx(body, body.length, '机密★5年'))).toMatchObject({ classification: '机密', classificationPeriod: '5年' });
  expect(new DigestStage().digest(ctx(body, body.length, '秘密'))).toMatchObject({ classification: '秘密' });
});

test('a kept stage gives the digest a fresh build gives, after any edits between requests', () => {
  const texts = fs.readdirSync(path.join(__dirname, '../../fixtures/gongwen')).filter((f) => f.endsWith('.txt')).map(doc);
  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    del: fc.nat(40),
    ins: fc.constantFrom('', '。', '\n', '一、', '（二）', '通知', '\n关于做好防汛工作的通知\n', '秘密★1年\n', '各单位：\n', '特此通知。'),
    cursorAt: fc.double({ min: 0, max: 1, noNaN: true }),
  });
  fc.assert(
    fc.property(fc.nat(texts.length - 1), fc.array(edit, { minLength: 1, maxLength: 12 }), (which, edits) => {
      const stage = new DigestStage();
      let text = texts[which]!;
      stage.digest(ctx(text, text.length >> 1));
      for (const e of edits) {
        const at = Math.floor(e.at * text.length);
        text = text.slice(0, at) + e.ins + text.slice(Math.min(text.length, at + e.del));
        const c = ctx(text, Math.floor(e.cursorAt * text.length));
        expect(stage.digest(c)).toEqual(digestOf(c));
      }
    }),
    { numRuns: 60 },
  );
});
