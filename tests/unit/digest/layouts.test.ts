// The labelled layouts (tests/fixtures/digest-layouts/labels.json): every field right on every
// document — GB/T 9704 printed order, published/draft order, no 字号, 印发/转发 notices and the
// documents they carry, 答复/复函, 批复, 纪要, 附件/抄送/印发 lines, 落款 in either numerals.
import fs from 'node:fs';
import path from 'node:path';
import { LABELLED_FIELDS, cursorFor, digestOfLabelled, loadLabels, readDocument, sameField, scoreLabelled } from '../../../scripts/digestLabels';

const dir = path.join(__dirname, '../../fixtures/digest-layouts');
const docs = loadLabels(dir);

describe('labelled layouts', () => {
  test('at least 40 documents, every layout of issue 14 among them', () => {
    expect(docs.length).toBeGreaterThanOrEqual(40);
    const layouts = new Set(docs.map((d) => d.layout));
    for (const l of ['printed', 'published', 'no-number', 'cover', 'carried', 'reply', 'pifu', 'jiyao', 'footer', 'no-title']) {
      expect(layouts).toContain(l);
    }
  });

  test('every file of the folder is labelled', () => {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt'));
    const labelled = new Set(docs.map((d) => d.file));
    expect(files.filter((f) => !labelled.has(f))).toEqual([]);
  });

  describe.each(docs.map((d) => [`${d.file} (${d.layout})`, d] as const))('%s', (_name, doc) => {
    test('type, title, 字号, 主送, issuer, signer', () => {
      const d = digestOfLabelled(dir, doc);
      for (const field of LABELLED_FIELDS) {
        const expected = ([] as string[]).concat(doc.expect[field]);
        const got = String(d[field]);
        if (!expected.some((e) => sameField(e, got))) {
          throw new Error(`${field}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
        }
      }
    });

    test('header fields are text of the document (up to spacing and the 〔〕 of a 字号)', () => {
      const text = readDocument(path.join(dir, doc.file));
      const flat = text.replace(/\s+/g, '');
      const d = digestOfLabelled(dir, doc);
      for (const v of [d.title, d.recipients, d.signer.replace(/\s+/g, '')]) {
        expect(flat.includes(v.replace(/\s+/g, ''))).toBe(true);
      }
      expect(cursorFor(text, doc)).toBeLessThanOrEqual(text.length);
    });
  });

  test('the report the CLI prints says the same', () => {
    const report = scoreLabelled(dir, docs);
    expect(report.misses).toEqual([]);
    for (const f of LABELLED_FIELDS) expect(report.accuracy[f]).toBe(1);
  });
});
