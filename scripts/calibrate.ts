// The data behind the engine's calibrated confidences, and the fit.
// `npx tsx scripts/calibrate.ts --corpus DIR [--chars N] [--retrieval]` — each corpus document in
// turn is typed (as scripts/eval.ts types) with the others as its corpus, so no document is scored
// on text it is part of. Every proposal of the pooled vote (or, with --retrieval, of the retrieved
// continuation) is shown; each distinct one is written as a JSON line with its evidence and whether
// the clerk took some of it (y).
// `npx tsx scripts/calibrate.ts --fit FILE.jsonl` — fits the retrieval confidence's logistic weights
// on such lines (L2-regularised, gradient descent) and prints them for src/engine/retrieval.ts.
import fs from 'node:fs';
import type { ContextDigest } from '../src/core/protocol';
import { corpusIndex } from '../src/engine';
import { pooledProposal } from '../src/engine/pooled';
import { retrievalFeatures, retrievalProposal, type RetrievalEvidence } from '../src/engine/retrieval';
import { trimToUnits } from '../src/engine/units';
import { simulate } from './eval';

type BuildDigest = (text: string, cursor: number, opts?: { budget?: number }) => ContextDigest;

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function dump(dir: string, limit: number, retrieval: boolean): Promise<void> {
  const { loadCorpus } = await import('../src/server/corpus/load');
  const { buildDigest } = (await import('../src/core/digest/index')) as { buildDigest: BuildDigest };
  const docs = await loadCorpus(dir);
  for (let i = 0; i < docs.length; i++) {
    const sa = corpusIndex(docs.filter((_, j) => j !== i));
    let last: object | null = null;
    let open: { y: number } | null = null;
    const flush = (): void => { if (open) process.stdout.write(JSON.stringify({ ...open, doc: i }) + '\n'); open = null; };
    await simulate(docs[i].slice(0, limit), buildDigest, async (d, maxChars) => {
      const p = retrieval ? retrievalProposal(sa, d) : pooledProposal(sa, d);
      last = p ? p.ev : null;
      return p ? trimToUnits(d.before, p.text, maxChars) : '';
    }, 40, '', undefined, {
      shown: () => { flush(); if (last) open = { ...last, y: 0 }; },
      accepted: () => { if (open) open.y = 1; },
    });
    flush();
  }
}

/** Logistic regression on standardised features; weights are returned on the raw scale. */
export function fitLogistic(x: number[][], y: number[], steps = 3000, rate = 0.5, l2 = 1e-4): number[] {
  const n = x.length;
  const k = x[0].length;
  const mean = new Array<number>(k).fill(0);
  const sd = new Array<number>(k).fill(1);
  // Column 0 is the bias: left as it is.
  for (let j = 1; j < k; j++) {
    let s = 0;
    for (const r of x) s += r[j];
    mean[j] = s / n;
    let v = 0;
    for (const r of x) v += (r[j] - mean[j]) ** 2;
    sd[j] = Math.sqrt(v / n) || 1;
  }
  const z = x.map((r) => r.map((v, j) => (j === 0 ? 1 : (v - mean[j]) / sd[j])));
  const w = new Array<number>(k).fill(0);
  for (let step = 0; step < steps; step++) {
    const g = new Array<number>(k).fill(0);
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += w[j] * z[i][j];
      const err = 1 / (1 + Math.exp(-s)) - y[i];
      for (let j = 0; j < k; j++) g[j] += err * z[i][j];
    }
    for (let j = 0; j < k; j++) w[j] -= rate * (g[j] / n + l2 * w[j]);
  }
  const raw = w.map((v, j) => (j === 0 ? v : v / sd[j]));
  for (let j = 1; j < k; j++) raw[0] -= raw[j] * mean[j];
  return raw.map((v) => Math.round(v * 1000) / 1000);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const fit = arg(args, '--fit');
  if (fit) {
    const rows = fs.readFileSync(fit, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RetrievalEvidence & { y: number });
    console.log(JSON.stringify(fitLogistic(rows.map(retrievalFeatures), rows.map((r) => r.y))));
    return;
  }
  const dir = arg(args, '--corpus');
  if (!dir) {
    console.error('usage: npx tsx scripts/calibrate.ts --corpus DIR [--chars N] [--retrieval] | --fit FILE.jsonl');
    process.exit(2);
  }
  await dump(dir, Number(arg(args, '--chars') ?? 2500), args.includes('--retrieval'));
}

if (require.main === module) main().catch((err) => { console.error(err); process.exit(1); });
