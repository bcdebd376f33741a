// `npm run calibrate -- --corpus DIR [--chars N]` — the data behind pooledConfidence's weights.
// Each corpus document in turn is typed as a new document with the others as its corpus (so no
// document is scored on text it is part of); at every keystroke the pooled vote's evidence is
// written with whether the clerk would have taken its first unit. Prints JSON lines; fit offline.
import fs from 'node:fs';
import type { ContextDigest } from '../src/core/protocol';
import { corpusIndex } from '../src/engine';
import { pooledProposal } from '../src/engine/pooled';
import { acceptable } from './eval';

type BuildDigest = (text: string, cursor: number, opts?: { budget?: number }) => ContextDigest;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = args[args.indexOf('--corpus') + 1];
  const limit = Number(args.includes('--chars') ? args[args.indexOf('--chars') + 1] : 2500);
  const every = Number(args.includes('--every') ? args[args.indexOf('--every') + 1] : 3);
  const { loadCorpus } = await import('../src/server/providers/builtin/corpus');
  const { buildDigest } = (await import('../src/core/digest/index')) as { buildDigest: BuildDigest };
  const docs = await loadCorpus(dir);
  for (let i = 0; i < docs.length; i++) {
    const sa = corpusIndex(docs.filter((_, j) => j !== i));
    const text = docs[i].slice(0, limit);
    for (let pos = 2; pos < text.length; pos += every) {
      const d = buildDigest(text.slice(0, pos), pos);
      const p = pooledProposal(sa, d);
      if (!p) continue;
      const take = acceptable(d.before, p.text, text.slice(pos));
      process.stdout.write(JSON.stringify({ ...p.ev, y: take.length >= 2 ? 1 : 0, doc: i }) + '\n');
    }
  }
}

main().catch((err) => { console.error(err); process.exit(1); });
