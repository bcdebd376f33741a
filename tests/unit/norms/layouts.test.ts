// The digest's 41 layout fixtures (every real layout a clerk meets: printed and published order,
// 印发/转发 notices and what they carry, 纪要, 令, 答复 to a person, drafts with no title): the
// checker finds exactly the form errors these documents really have — the ones their layouts were
// written with (Chinese-numeral dates, `[2025]`, a half-width 意见) — and nothing on the others.
import fs from 'node:fs';
import path from 'node:path';
import { checkNorms } from '../../../src/norms';

const dir = path.join(__dirname, '../../fixtures/digest-layouts');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();

const EXPECTED: Record<string, string[]> = {
  'a04-printed-jueding-chinese-date.txt': ['date-arabic 二〇二四年十一月二十八日'],
  'b05-published-square-brackets.txt': ['docnumber-brackets [2025]'],
  // the 主送 line's comma and colon are both half-width
  'b06-published-yijian-halfwidth.txt': ['docnumber-brackets (2025)', 'punctuation-width ,', 'recipients-colon :',
    'punctuation-width ,', 'punctuation-width ,', 'punctuation-width ,', 'punctuation-width ,'],
  'e02-fuhan-weiyuan.txt': ['date-arabic 二〇二五年六月二十日'],
  'g02-jiyao-number.txt': ['date-arabic 二〇二二年二月十八日'],
  // the 成文日期 and the 印发日期 are both in Chinese numerals
  'h04-tongbao-chinese-date-cc.txt': ['date-arabic 二〇二五年八月二十六日', 'date-arabic 二〇二五年八月二十六日'],
  'j02-untitled-yinfa-yuan.txt': ['date-arabic 二〇二五年四月八日'],
};

test('there are layouts to read', () => {
  expect(files.length).toBeGreaterThanOrEqual(40);
});

test.each(files)('%s', (file) => {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  expect(checkNorms(text).map((f) => `${f.rule} ${text.slice(f.start, f.end)}`)).toEqual(EXPECTED[file] ?? []);
});
