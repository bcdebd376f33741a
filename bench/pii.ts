// `npm run bench -- pii --json`: the PII masker on the team's labelled snippets
// (tests/fixtures/pii/labelled.txt): recall and precision (a masked span counts when it is exactly a
// labelled value), and its speed in µs per KB of UTF-8 input, on the snippets and on plain 公文 text.
// Baselines in the same run: a naive regex set (18 digits, 11-digit mobiles, 16–19 digits, e-mail) and
// the masker on main before issue 15 (read with `git show`, skipped when git cannot).
// worstCaseMsPer40KB: the slowest of a set of adversarial 40 KB inputs (a label then a long run of
// spaces, dense labels, digit runs, brackets …), with and without a cursor; target ≤ 20 ms.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMasker, findPii } from '../src/server/policy/pii';
import { labelledSnippets, score, type Labelled } from '../tests/fixtures/pii';

type Find = (text: string) => { start: number; end: number; kind: string }[];

const NAIVE: [string, RegExp][] = [
  ['EMAIL', /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g],
  ['ID', /\d{17}[\dXx]/g],
  ['CARD', /\d{16,19}/g],
  ['PHONE', /1[3-9]\d{9}/g],
];
const naive: Find = (text) => {
  const spans: { start: number; end: number; kind: string }[] = [];
  for (const [kind, re] of NAIVE) for (const m of text.matchAll(re)) {
    if (!spans.some((s) => m.index < s.end && s.start < m.index + m[0].length)) spans.push({ start: m.index, end: m.index + m[0].length, kind });
  }
  return spans.sort((a, b) => a.start - b.start);
};

interface AnyMasker { mask(t: string): string; restore(t: string): string }

/** Spans of a masker that only offers mask/restore: walk its output, token by token. */
function spansOf(make: () => AnyMasker): Find {
  return (text) => {
    const m = make();
    const masked = m.mask(text);
    const spans: { start: number; end: number; kind: string }[] = [];
    let pos = 0;
    for (const part of masked.split(/(\[[A-Z]+_\d+\])/)) {
      const value = /^\[[A-Z]+_\d+\]$/.test(part) ? m.restore(part) : part;
      if (value !== part) spans.push({ start: pos, end: pos + value.length, kind: part.slice(1, part.indexOf('_')) });
      pos += value.length;
    }
    return spans;
  };
}

async function mainMasker(): Promise<(() => AnyMasker) | null> {
  try {
    const src = execFileSync('git', ['show', 'main:src/server/policy/pii.ts'], { cwd: path.join(__dirname, '..'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-pii-main-')), 'pii.ts');
    fs.writeFileSync(file, src);
    const mod = (await import(pathToFileURL(file).href)) as { createMasker?: () => AnyMasker; default?: { createMasker?: () => AnyMasker } };
    return mod.createMasker ?? mod.default?.createMasker ?? null;
  } catch {
    return null;
  }
}

/** µs per KB of UTF-8 input for `fn` over `text`, the median of `reps` timed rounds. */
function usPerKB(fn: (t: string) => unknown, text: string, reps: number): number {
  const kb = Buffer.byteLength(text) / 1024;
  for (let i = 0; i < 20; i++) fn(text);
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let i = 0; i < 10; i++) fn(text);
    times.push(((performance.now() - t0) * 1000) / 10 / kb);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

const KB40 = 40 * 1024;
const fill40 = (unit: string): string => unit.repeat(Math.ceil(KB40 / unit.length)).slice(0, KB40);
/** Inputs built to make a regex backtrack: each is what one request may hold (the body limit is 64 KB). */
const ADVERSARIAL: Record<string, string> = {
  cardLabelThenSpaces: '卡号' + ' '.repeat(KB40),
  passportLabelThenSpaces: '护照' + ' '.repeat(KB40),
  accountLabelColonSpaces: '银行账号：' + ' '.repeat(KB40),
  phoneLabelThenSpaces: '联系电话' + ' '.repeat(KB40),
  nameLabelThenSpaces: '联系人' + ' '.repeat(KB40),
  spacedPhoneLabels: fill40('电' + ' '.repeat(50)),
  denseContactLines: fill40('联系人：；张三' + ' '.repeat(100)),
  labelsBackToBack: fill40('联系人：电话：卡号：护照：身份证号：'),
  bracketThenSpaces: '[' + ' '.repeat(KB40),
  digits: '1'.repeat(KB40),
  digitsSpaced: fill40('1 '),
  digitsDashed: fill40('12-'),
  landlines: fill40('010-66012345 转 '),
  atSigns: fill40('a@'),
  longLocalParts: fill40('a'.repeat(70) + '.'),
  timesSigns: fill40('1×'),
};

/** The slowest adversarial input, in ms (median of `reps`), with its name. */
function worstCase(reps: number): { ms: number; input: string } {
  let worst = { ms: 0, input: '' };
  for (const [name, text] of Object.entries(ADVERSARIAL)) {
    for (const cursor of [undefined, text.length, text.length >> 1]) {
      const times: number[] = [];
      for (let r = 0; r < reps; r++) {
        const t0 = performance.now();
        findPii(text, cursor);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const ms = times[Math.floor(times.length / 2)];
      if (ms > worst.ms) worst = { ms, input: cursor === undefined ? name : `${name} (cursor at ${cursor})` };
    }
  }
  return worst;
}

function quality(snippets: Labelled[], find: Find) {
  const s = score(snippets, find);
  return { recall: r3(s.recall), precision: r3(s.precision), missed: s.missed.length, wronglyMasked: s.extra.length };
}

export default async function run(args: string[]): Promise<Record<string, unknown>> {
  const reps = Number(args.find((a) => /^\d+$/.test(a)) ?? 31);
  const snippets = labelledSnippets();
  const s = score(snippets, findPii);
  const labelledText = snippets.map((x) => x.text).join('\n');
  const gongwenDir = path.join(__dirname, '../tests/fixtures/gongwen');
  const plain = fs.readdirSync(gongwenDir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(gongwenDir, f), 'utf8')).join('\n').slice(0, 4500);

  const ours = (t: string) => createMasker().mask(t);
  const naiveMask = (t: string) => naive(t).length;
  const makeMain = await mainMasker();
  const mainMask = makeMain ? (t: string) => makeMain().mask(t) : null;

  // interleaved rounds so load from other processes hits all alike
  const usLabelled = usPerKB(ours, labelledText, reps);
  const usPlain = usPerKB(ours, plain, reps);
  const usNaive = usPerKB(naiveMask, labelledText, reps);
  const usMain = mainMask ? usPerKB(mainMask, labelledText, reps) : null;
  const worst = worstCase(Math.max(3, Math.min(reps, 7)));

  return {
    recall: r3(s.recall),
    precision: r3(s.precision),
    usPerKB: Math.round(usLabelled),
    worstCaseMsPer40KB: Math.round(worst.ms * 10) / 10,
    // for information
    worstCaseInput: worst.input,
    targets: { recall: 1, precision: 0.98, worstCaseMsPer40KB: 20 },
    snippets: snippets.length,
    positiveSnippets: snippets.filter((x) => x.values.length).length,
    negativeSnippets: snippets.filter((x) => !x.values.length).length,
    labelledValues: s.expected,
    missed: s.missed,
    wronglyMasked: s.extra,
    maskedAsAnotherKind: s.wrongKind,
    usPerKBPlainGongwen: Math.round(usPlain),
    baseline: {
      naiveRegex: { ...quality(snippets, naive), usPerKB: Math.round(usNaive) },
      ...(makeMain ? { mainBeforeIssue15: { ...quality(snippets, spansOf(makeMain)), usPerKB: Math.round(usMain!) } } : {}),
    },
    ratios: {
      usPerKBVsNaiveRegex: r3(usLabelled / usNaive),
      ...(usMain ? { usPerKBVsMain: r3(usLabelled / usMain) } : {}),
    },
    measured: `${snippets.length} snippets (${Buffer.byteLength(labelledText)} bytes), plain text ${Buffer.byteLength(plain)} bytes; median of ${reps} rounds of 10 after 20 warm-up runs; a span counts when it is exactly a labelled value`,
  };
}
