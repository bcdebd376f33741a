// Properties of the header reading over the labelled layouts and over random header-like text:
// never throws, fits the budget, header fields are text of the document, blank lines and the
// cursor's place in the body do not change them, and the incremental builder (which keeps the
// headers until an edit reaches them) equals a full rebuild — also on 印发 notices.
import fc from 'fast-check';
import path from 'node:path';
import { buildDigest, DigestBuilder } from '../../../src/core/digest';
import { foldWidth } from '../../../src/core/digest/chars';
import { cursorFor, loadLabels, readDocument } from '../../../scripts/digestLabels';

const dir = path.join(__dirname, '../../fixtures/digest-layouts');
const docs = loadLabels(dir);
const HEADER_FIELDS = ['docType', 'title', 'docNumber', 'recipients', 'issuer', 'signer'] as const;
const headerOf = (text: string, cursor: number): Record<string, string> => {
  const d = buildDigest(text, cursor);
  return Object.fromEntries(HEADER_FIELDS.map((f) => [f, d[f]]));
};
// spacing aside, and width folded as 签发人 is read (签发人：张三 → 签发人:张三)
const flat = (s: string): string => foldWidth(s).replace(/\s+/g, '');

// files that hold one document only: any cursor in their body is in the same document
const carriers = new Set(docs.filter((d) => d.layout === 'cover' || d.layout === 'carried').map((d) => d.file));
const single = docs.filter((d) => !carriers.has(d.file));
const texts = new Map(docs.map((d) => [d.file, readDocument(path.join(dir, d.file))]));

// Header-like lines: organisations, marks, numbers, titles over several lines, 主送, blank lines
const headerPieces = ['东川县人民政府', '办公室', '文件', '专题会议纪要', '第4期', '〔2022〕4号', '东政办发〔2025〕17号', '（江政发[2025]9号）',
  '签发人：张三', '关于', '开展', '工作的', '通知', '印发《', '》的', '各乡镇：', '各部门,', '2025年3月5日', '二〇二五年三月五日',
  '（此件公开发布）', '附件', '抄送：', '一、', '\n', '\n', '\n', '  ', '。', '：'];
const headerText = fc.array(fc.oneof(fc.constantFrom(...headerPieces), fc.string({ maxLength: 6 })), { maxLength: 50 }).map((p) => p.join(''));

describe('header reading: properties', () => {
  test('random header-like text: never throws, fits the budget, title/主送/signer/issuer are its text', () => {
    fc.assert(fc.property(headerText, fc.nat(), fc.integer({ min: 200, max: 3000 }), (text, rawCursor, budget) => {
      const cursor = rawCursor % (text.length + 1);
      const d = buildDigest(text, cursor, { budget });
      expect(JSON.stringify(d).length).toBeLessThanOrEqual(budget);
      const all = flat(text);
      for (const v of [d.title, d.recipients, d.signer]) expect(all.includes(flat(v).replace(/…$/, ''))).toBe(true);
      // a joint 版头 (`A文件` over `B文件`) names its issuers apart: each is its text
      for (const v of d.issuer.split(' ')) expect(all.includes(flat(v).replace(/…$/, ''))).toBe(true);
    }), { numRuns: 500 });
  });

  test('blank lines anywhere in the header do not change the header fields', () => {
    fc.assert(fc.property(fc.constantFrom(...docs), fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 6 }), (doc, where) => {
      const text = texts.get(doc.file) as string;
      const lines = text.split('\n');
      // the cursor's paragraph and its offset in it stay the same
      const cursor = cursorFor(text, doc);
      const ci = text.slice(0, cursor).split('\n').length - 1;
      const inPara = cursor - (text.lastIndexOf('\n', cursor - 1) + 1);
      const spread = lines.slice();
      let shift = 0;
      for (const w of [...new Set(where)].sort((a, b) => b - a)) {
        if (w < Math.min(ci, 12)) { spread.splice(w, 0, ''); shift++; }
      }
      const spreadText = spread.join('\n');
      const spreadCursor = spread.slice(0, ci + shift).join('\n').length + (ci + shift > 0 ? 1 : 0) + inPara;
      expect(headerOf(spreadText, spreadCursor)).toEqual(headerOf(text, cursor));
    }), { numRuns: 200 });
  });

  test('moving the cursor within the body of a one-document file does not change the header fields', () => {
    fc.assert(fc.property(fc.constantFrom(...single), fc.double({ min: 0, max: 1, noNaN: true }), (doc, where) => {
      const text = texts.get(doc.file) as string;
      const from = cursorFor(text, doc);
      const cursor = from + Math.floor(where * (text.length - from));
      expect(headerOf(text, cursor)).toEqual(headerOf(text, from));
    }), { numRuns: 300 });
  });

  test('in a 印发/转发 file the digest changes document exactly once, where the carried one begins', () => {
    for (const file of carriers) {
      const text = texts.get(file) as string;
      const titles: string[] = [];
      for (let c = 0; c <= text.length; c += 7) {
        const t = buildDigest(text, c).title;
        if (titles[titles.length - 1] !== t) titles.push(t);
      }
      expect(titles.length).toBe(2);
    }
  });

  test('incremental edits on 印发/转发 notices equal a full rebuild (the kept headers are dropped when an edit reaches them)', () => {
    const sources = [...carriers].map((f) => texts.get(f) as string);
    const inserts = fc.oneof(fc.constantFrom('', '\n', '2025年5月1日\n', '关于印发《办法》的通知\n', '（此件公开发布）\n', '附件\n', '各单位：\n', '。'),
      fc.string({ maxLength: 12 }));
    fc.assert(fc.property(fc.nat({ max: sources.length - 1 }),
      fc.array(fc.tuple(fc.nat(), fc.nat({ max: 30 }), inserts), { minLength: 1, maxLength: 10 }), fc.nat(),
      (which, edits, rawCursor) => {
        let text = sources[which];
        const b = new DigestBuilder(text);
        b.digest(text.length); // fill the kept headers first
        for (const [at, len, ins] of edits) {
          const s = at % (text.length + 1);
          const e = Math.min(text.length, s + len);
          text = text.slice(0, s) + ins + text.slice(e);
          b.applyEdit(s, e, ins);
          const cursor = rawCursor % (text.length + 1);
          expect(JSON.stringify(b.digest(cursor))).toBe(JSON.stringify(buildDigest(text, cursor)));
        }
      }), { numRuns: 150 });
  });
});
