// The incremental builder must give exactly what a full rebuild of the edited text gives.
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { buildDigest, DigestBuilder } from '../../../src/core/digest';

const fixture = fs.readFileSync(path.join(__dirname, '../../fixtures/gongwen/01-tongzhi-anquanshengchan.txt'), 'utf8');
const inserts = fc.oneof(
  fc.constantFrom('', '\n', '四、', '（三）', '2.', '\n五、新的要求\n', '秘密★1年\n', '的请示', '附件：1.表\n2.单', '。'),
  fc.string({ maxLength: 20 }),
);

describe('DigestBuilder', () => {
  test('after random edits, equals a full rebuild of the edited text at any cursor', () => {
    fc.assert(fc.property(
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 40 }), inserts), { minLength: 1, maxLength: 12 }),
      fc.nat(), fc.integer({ min: 200, max: 3000 }),
      (edits, rawCursor, budget) => {
        let text = fixture;
        const b = new DigestBuilder(fixture);
        for (const [at, len, ins] of edits) {
          const s = at % (text.length + 1);
          const e = Math.min(text.length, s + len);
          text = text.slice(0, s) + ins + text.slice(e);
          b.applyEdit(s, e, ins);
        }
        expect(b.text).toBe(text);
        expect(b.length).toBe(text.length);
        const cursor = rawCursor % (text.length + 1);
        expect(JSON.stringify(b.digest(cursor, { budget }))).toBe(JSON.stringify(buildDigest(text, cursor, { budget })));
      },
    ), { numRuns: 150 });
  });

  test('typing a new heading updates the section path and next ordinal', () => {
    const text = '关于做好防汛工作的通知\n各乡镇：\n一、总体要求\n正文。\n二、重点任务\n';
    const b = new DigestBuilder(text);
    expect(b.digest(text.length).nextOrdinals['1']).toBe('三、');
    b.applyEdit(text.length, text.length, '三、保障措施\n（一）');
    const d = b.digest(b.length);
    expect(d.section.map((h) => h.ordinal)).toEqual(['三、', '（一）']);
    expect(d.nextOrdinals).toMatchObject({ '1': '四、', '2': '（二）' });
  });

  test('an edit that changes the title changes the type', () => {
    const text = '关于做好防汛工作的通知\n各乡镇：\n';
    const b = new DigestBuilder(text);
    b.applyEdit(text.indexOf('通知'), text.indexOf('通知') + 2, '请示');
    expect(b.digest(0).docType).toBe('请示');
  });
});
