// A rule that fires on a real, correct document is a bug (issue 26 §4): the playground's sample documents and the
// gongwen fixtures raise no error-level finding (and, being correct, no advice either).
import fs from 'node:fs';
import path from 'node:path';
import { checkNorms } from '../../../src/norms';
import { SAMPLES } from '../../../src/playground/samples';

const dir = path.join(__dirname, '../../fixtures/gongwen');
const docs: Array<[string, string]> = [
  ...Object.entries(SAMPLES).map(([name, text]): [string, string] => [`playground ${name}`, text]),
  ...fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f): [string, string] => [f, fs.readFileSync(path.join(dir, f), 'utf8').replace(/\r\n?/g, '\n')]),
];

test.each(docs)('%s: no findings', (_name, text) => {
  expect(checkNorms(text).map((f) => `${f.rule} 「${text.slice(f.start, f.end)}」`)).toEqual([]);
});
