// The masker is linear on any input: no request can buy seconds of CPU with a run of spaces after a
// label (the card and passport labels were quadratic: 1.1–1.9 s for 40 KB). A property over
// adversarial 40 KB inputs — a label, a gap, a near-value, repeated or stretched — measures the time.
import fc from 'fast-check';
import { createMasker, findPii, maskDigest } from '../../src/server/policy/pii';
import { makeDigest } from './helpers';

const SIZE = 40 * 1024;
/** Generous for a loaded 2-core machine: linear code takes a few ms here, the quadratic took > 1000. */
const LIMIT_MS = 150;

const LABELS = ['卡号', '银行卡', '账号', '护照', '护照号码', '电话', '电 话', '手机', '联系人', '经办人', '身份证号', '传真', '信用代码', '[', '［', '@', '；张三'];
const FILL = [' ', '　', '\t', ':', '：', '0', '1', '9', 'X', '×', '-', '.', 'a', 'E', '，', '、', '\n', '转'];

/** 40 KB made of one unit: a few labels and fillers, some stretched into long runs. */
const adversarial = fc.tuple(
  fc.array(fc.oneof(fc.constantFrom(...LABELS), fc.constantFrom(...FILL), fc.tuple(fc.constantFrom(...FILL), fc.integer({ min: 1, max: 400 })).map(([c, n]) => c.repeat(n))), { minLength: 1, maxLength: 8 }),
  fc.boolean(),
).map(([parts, stretchLast]) => {
  const unit = parts.join('');
  const text = stretchLast ? unit + FILL[0].repeat(SIZE) : unit.repeat(Math.ceil(SIZE / unit.length));
  return text.slice(0, SIZE);
});

function bestOf3(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    fn();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

test('40 KB of adversarial text is masked in linear time, with or without a cursor (property)', () => {
  fc.assert(fc.property(adversarial, fc.nat(SIZE), (text, cursor) => {
    const ms = bestOf3(() => { findPii(text); findPii(text, cursor); });
    return ms < LIMIT_MS;
  }), { numRuns: 60 });
});

test('the cases that were quadratic: a label then a long run of spaces and no value', () => {
  for (const label of ['卡号', '护照', '银行账号：', '护照号码 ']) {
    const text = label + ' '.repeat(SIZE);
    expect(bestOf3(() => createMasker().mask(text))).toBeLessThan(LIMIT_MS);
  }
});

test('a whole digest of adversarial fields is masked in linear time', () => {
  const run = '卡号' + ' '.repeat(SIZE / 2);
  const digest = makeDigest({ before: run, after: run.slice(0, 10_000), title: run.slice(0, 500), recipients: run.slice(0, 500) });
  expect(bestOf3(() => maskDigest(digest))).toBeLessThan(LIMIT_MS);
});
