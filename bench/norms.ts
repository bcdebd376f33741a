// `npm run bench -- norms --json`: the format rules over the labelled set of tests/fixtures/norms
// (recall and precision on the planted errors, false alarms on the correct documents — ours and
// the ten gongwen), and the time to check a 100,000-character document, beside two baselines
// measured in the same run: splitting it into lines, and building the digest once.
import fs from 'node:fs';
import path from 'node:path';
import { buildDigest } from '../src/core/digest';
import { checkNorms } from '../src/norms';
import { repeatTo } from './digest';

const dir = path.join(__dirname, '../tests/fixtures/norms');
const gongwen = path.join(__dirname, '../tests/fixtures/gongwen');

interface Label { file: string; rule: string; start: number; end: number }

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}
const round = (x: number): number => Math.round(x * 1000) / 1000;

export default async function run(args: string[]): Promise<Record<string, unknown>> {
  const reps = Number(args.find((a) => /^\d+$/.test(a)) ?? 31);
  const labels: Label[] = JSON.parse(fs.readFileSync(path.join(dir, 'labels.json'), 'utf8'));
  const correct = [
    ...fs.readdirSync(path.join(dir, 'correct')).map((f) => path.join(dir, 'correct', f)),
    ...fs.readdirSync(gongwen).filter((f) => f.endsWith('.txt')).map((f) => path.join(gongwen, f)),
  ].map((p) => fs.readFileSync(p, 'utf8'));

  let truePositives = 0;
  let reported = 0;
  const missed: string[] = [];
  for (const l of labels) {
    const found = checkNorms(fs.readFileSync(path.join(dir, 'planted', l.file), 'utf8'));
    reported += found.length;
    const hit = found.some((f) => f.rule === l.rule && f.start === l.start && f.end === l.end);
    if (hit) truePositives++;
    else missed.push(l.file);
  }
  let falseAlarms = 0;
  for (const t of correct) {
    const n = checkNorms(t).length;
    falseAlarms += n;
    reported += n;
  }

  const texts = [...correct, ...labels.map((l) => fs.readFileSync(path.join(dir, 'planted', l.file), 'utf8'))];
  const doc100k = repeatTo(texts, 100_000);
  // one huge paragraph full of half-width punctuation: the worst case for the text rules
  const oneLine = '各单位要认真贯彻落实,确保各项工作按时完成;'.repeat(5000).slice(0, 100_000);
  for (let i = 0; i < 5; i++) { checkNorms(doc100k); checkNorms(oneLine); buildDigest(doc100k, doc100k.length >> 1); }
  const split: number[] = [];
  const digest: number[] = [];
  const norms: number[] = [];
  const normsOneLine: number[] = [];
  let sink = 0;
  // interleaved, so a burst of load from other processes hits all measurements alike
  for (let r = 0; r < reps; r++) {
    let t = performance.now();
    sink += doc100k.split('\n').length;
    split.push(performance.now() - t);
    t = performance.now();
    sink += buildDigest(doc100k, doc100k.length >> 1).outline.length;
    digest.push(performance.now() - t);
    t = performance.now();
    sink += checkNorms(doc100k).length;
    norms.push(performance.now() - t);
    t = performance.now();
    sink += checkNorms(oneLine).length;
    normsOneLine.push(performance.now() - t);
  }
  if (sink < 0) console.log(sink);
  const ms100k = median(norms);
  return {
    recall: round(truePositives / labels.length),
    precision: round(reported ? truePositives / reported : 1),
    falseAlarmsPerDoc: round(falseAlarms / correct.length),
    ms100k: round(ms100k),
    baselineSplitMs: round(median(split)),
    baselineDigestMs: round(median(digest)),
    ratioToDigest: round(ms100k / median(digest)),
    ms100kOneParagraph: round(median(normsOneLine)),
    planted: labels.length,
    correctDocs: correct.length,
    findings: reported,
    missed,
    reps,
    node: process.version,
  };
}
