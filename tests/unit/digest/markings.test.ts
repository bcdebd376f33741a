// Every row of the marking table in docs/PRIVACY.md, read by the pane's digest: a marking is found
// with its level, the words in a sentence never are. The table is the test list.
import fc from 'fast-check';
import { buildDigest, detectClassification } from '../../../src/core/digest';
import { compactMarking } from '../../../src/core/digest/markings';
import { markingRows, NOTICE_BODY } from '../../markingRows';

const rows = markingRows('zh');

test('the zh and en tables list the same rows with the same examples and readings', () => {
  const key = (r: ReturnType<typeof markingRows>[number]) => [r.id, r.example, r.expected, r.inHeader];
  expect(rows.length).toBeGreaterThanOrEqual(30);
  expect(markingRows('en').map(key)).toEqual(rows.map(key));
});

describe.each(rows.filter((r) => !r.inHeader).map((r) => [r.id, r.form, r] as const))('%s %s', (_id, _form, row) => {
  test('the digest reads the document\'s first lines as the table says', () => {
    const doc = `${row.example}\n${NOTICE_BODY}`;
    expect(buildDigest(doc, doc.length).classification).toBe(row.expected);
  });
});

describe.each(rows.filter((r) => r.inHeader).map((r) => [r.id, r.form, r] as const))('%s %s', (_id, _form, row) => {
  test('the page header\'s text is read as a marking; the body alone has none', () => {
    expect(detectClassification(row.example)?.classification ?? null).toBe(row.expected);
    expect(buildDigest(NOTICE_BODY, NOTICE_BODY.length).classification).toBeNull();
  });
});

test('a period or a date line alone is not a marking line, so the header still finds the title', () => {
  const d = buildDigest(`2027年12月31日\n${NOTICE_BODY}`, 10);
  expect(d.classification).toBeNull();
  expect(d.title).toBe('关于开展安全生产检查的通知');
});

test('any string: detection never throws, and a marking it reports stands on one of the first 8 non-blank lines, short once its spacing and invisible characters are gone (property)', () => {
  const piece = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom('秘密', '机密', '绝密', '内部', '★', '☆', '*', '＊', ' ', '　', '\n', '\r\n', '\u2028', '\u200b', '\u00ad', '1年', '６个月',
      '启用前', '2027年1月1日前', '解密时间：', '密级：', '保密期限：', '份号：', '紧急程度：', '000123', '特急', '機密'),
  );
  fc.assert(fc.property(fc.array(piece, { maxLength: 30 }).map((xs) => xs.join('')), (text) => {
    const mark = detectClassification(text);
    if (!mark) return true;
    const lines = text.split(/[\n\r\v\f\u0085\u2028\u2029]/).map(compactMarking).filter(Boolean).slice(0, 8);
    return lines.some((l) => l.length <= 64 && l.includes(mark.classification === '内部' ? '内' : mark.classification[0]));
  }), { numRuns: 3000 });
});

test('the most severe marking among the first lines binds, whatever its place', () => {
  expect(detectClassification('内部\n机密★10年\n')?.classification).toBe('机密');
  expect(detectClassification('绝密★长期\n内部\n')?.classification).toBe('绝密');
  expect(detectClassification('000123 内部 秘密★1年\n')).toEqual({ classification: '秘密', period: '1年' });
});

test('a marking line is judged by what it shows, not by its length: a long body line is never one', () => {
  expect(detectClassification(`秘密★1年${' '.repeat(5000)}特急`)?.classification).toBe('秘密');
  expect(detectClassification(`秘密★1年，${'各单位要严守纪律。'.repeat(20)}`)).toBeNull();
});

test('the digest finds a marking below any number of blank paragraphs (templates start with empty ones)', () => {
  const doc = `${'\n'.repeat(200)}机密★10年\n${NOTICE_BODY}`;
  expect(buildDigest(doc, doc.length).classification).toBe('机密');
});

test('a 保密期限 on a line of its own, above or below its 密级, is the period of that level (forms print them apart)', () => {
  expect(detectClassification('密级：机密\n保密期限：10年\n')).toEqual({ classification: '机密', period: '10年' });
  expect(detectClassification('份号：000123\n保密期限：5年\n密级：秘密\n')).toEqual({ classification: '秘密', period: '5年' });
  expect(detectClassification('机密★20年\n保密期限：5年\n')).toEqual({ classification: '机密', period: '20年' });
  // a date line alone is a 成文日期, not a period: it gives a level nothing
  expect(detectClassification('密级：机密\n2027年1月1日\n')).toEqual({ classification: '机密', period: '' });
});
