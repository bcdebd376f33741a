// `npx tsx scripts/calibrate.ts --corpus DIR [--chars N]` — the data behind pooledConfidence's weights.
// Each corpus document in turn is typed (as scripts/eval.ts types) with the others as its corpus, so
// no document is scored on text it is part of. Every proposal of the pooled vote is shown; each
// distinct one is written as a JSON line with its evidence and whether the clerk took some of it.
// Fit a logistic model on those lines offline and copy the weights into src/engine/pooled.ts.
import type { ContextDigest } from '../src/core/protocol';
import { corpusIndex } from '../src/engine';
import { pooledProposal, type PooledEvidence } from '../src/engine/pooled';
import { trimToUnits } from '../src/engine/units';
import { simulate } from './eval';

type BuildDigest = (text: string, cursor: number, opts?: { budget?: number }) => ContextDigest;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args[args.indexOf('--corpus') + 1];
  const limit = Number(args.includes('--chars') ? args[args.indexOf('--chars') + 1] : 2500);
  const { loadCorpus } = await import('../src/server/corpus/load');
  const { buildDigest } = (await import('../src/core/digest/index')) as { buildDigest: BuildDigest };
  const docs = await loadCorpus(dir);
  for (let i = 0; i < docs.length; i++) {
    const sa = corpusIndex(docs.filter((_, j) => j !== i));
    let last: PooledEvidence | null = null;
    let open: (PooledEvidence & { y: number }) | null = null;
    const flush = (): void => { if (open) process.stdout.write(JSON.stringify({ ...open, doc: i }) + '\n'); open = null; };
    await simulate(docs[i].slice(0, limit), buildDigest, async (d, maxChars) => {
      const p = pooledProposal(sa, d);
      last = p ? p.ev : null;
      return p ? trimToUnits(d.before, p.text, maxChars) : '';
    }, 40, '', undefined, {
      shown: () => { flush(); if (last) open = { ...last, y: 0 }; },
      accepted: () => { if (open) open.y = 1; },
    });
    flush();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
