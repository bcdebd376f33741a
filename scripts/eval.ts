// `npm run eval -- --docs DIR --json [--model ID --server URL] [--max-chars N] [--corpus DIR] [--leave-one-out]`
// Simulates a clerk typing every .txt in DIR from the start and measures what the suggestions save.
// `--model baseline` is the reference suggester (longestMatch below); every in-process run of the
// built-in engine also runs it on the same documents and corpus and reports it alongside.
//
// How it counts (one definition, used for every figure):
// - The clerk types the document character by character ('\n' is a keystroke too). Before each
//   keystroke the engine is asked for a suggestion from the typed prefix only (cursor at its end;
//   the rest of the document is never visible to it).
// - If a suggestion is shown, the clerk takes its longest prefix that (a) is made of whole units
//   (Intl.Segmenter words of the suggestion, segmented with the typed text before it) and (b) equals
//   what they were going to type next. If that prefix has ≥ 2 characters they accept it with ONE
//   keystroke and continue after it (and are asked again at once); accepting a single character
//   would save nothing, so they type on instead.
// - keystrokes = typed characters + accepts; saved = chars - keystrokes;
//   keystrokeSavings = saved / chars.
// - shown counts distinct suggestions: a suggestion that is just the rest of the previous one after
//   the clerk typed through its first character (the ghost staying in place), or that is the very
//   same text as the one shown before the last keystroke (the ghost did not change), is not
//   counted again.
//   partlyAccepted counts distinct suggestions of which the clerk accepted something;
//   precision = partlyAccepted / shown.
import fs from 'node:fs';
import path from 'node:path';
import type { ContextDigest } from '../src/core/protocol';
import { BuiltinEngine } from '../src/engine';
import { continuationAt } from '../src/engine/predict';
import { findInText, SEP } from '../src/engine/NgramIndex';
import { SuffixArray } from '../src/engine/SuffixArray';
import { documentText } from '../src/engine/sources';
import { words } from '../src/engine/units';

type Suggest = (digest: ContextDigest, maxChars: number) => Promise<string>;
type PerDoc = (docIndex: number) => Suggest;
type BuildDigest = (text: string, cursor: number, opts?: { budget?: number }) => ContextDigest;

interface DocResult {
  file: string; chars: number; keystrokes: number; saved: number; keystrokeSavings: number;
  shown: number; partlyAccepted: number; precision: number; acceptedChars: number;
}

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Longest whole-unit prefix of `suggestion` that the clerk was about to type anyway. */
export function acceptable(typed: string, suggestion: string, upcoming: string): string {
  const ctx = typed.slice(-8);
  let pos = -ctx.length;
  let best = 0;
  for (const w of words(ctx + suggestion)) {
    const end = pos + w.length;
    pos = end;
    if (end <= 0) continue;
    if (end > suggestion.length) break;
    if (upcoming.startsWith(suggestion.slice(0, end))) best = end;
    else break;
  }
  return suggestion.slice(0, best);
}

/** Told of each distinct suggestion shown and of the first time the clerk takes some of it. */
export interface SimulationHooks {
  shown?(suggestion: string): void;
  accepted?(): void;
}

export async function simulate(text: string, build: BuildDigest, suggest: Suggest, maxChars: number, file = '', budget?: number, hooks: SimulationHooks = {}): Promise<DocResult> {
  let pos = 0;
  let keystrokes = 0;
  let shown = 0;
  let partlyAccepted = 0;
  let acceptedChars = 0;
  // What is left of the suggestion on screen after the clerk typed through its start.
  let live: string | null = null;
  let liveCounted = false;
  let previous = '';
  while (pos < text.length) {
    const typed = text.slice(0, pos);
    const s = await suggest(build(typed, pos, budget ? { budget } : undefined), maxChars);
    if (s) {
      const same = (live !== null && live.length > 0 && live.startsWith(s)) || s === previous;
      if (!same) { shown++; liveCounted = false; hooks.shown?.(s); }
      const take = acceptable(typed, s, text.slice(pos));
      if (take.length >= 2) {
        keystrokes++;
        pos += take.length;
        acceptedChars += take.length;
        if (!liveCounted) { partlyAccepted++; liveCounted = true; hooks.accepted?.(); }
        live = null;
        previous = '';
        continue;
      }
      live = s;
    }
    previous = s;
    const c = text[pos];
    live = live !== null && live.startsWith(c) ? live.slice(1) : null;
    if (live === '') live = null;
    keystrokes++;
    pos++;
  }
  const chars = text.length;
  return {
    file, chars, keystrokes, saved: chars - keystrokes, keystrokeSavings: round((chars - keystrokes) / chars),
    shown, partlyAccepted, precision: round(shown ? partlyAccepted / shown : 0), acceptedChars,
  };
}

/**
 * The reference suggester: no model. The longest earlier occurrence of the typed tail (at least
 * two characters) in the document as the digest gives it and in the corpus — the document's most
 * recent place on a tie —, continued to the end of its clause.
 */
export function longestMatch(corpus: string[]): (d: ContextDigest, maxChars: number) => string {
  const sa = corpus.length ? new SuffixArray(corpus.join(SEP) + SEP) : null;
  return (d, maxChars) => {
    const text = documentText(d);
    const hits = findInText(text, d.before, 2).filter((h) => h.at < text.length);
    let best = { len: 0, cont: '' };
    for (const h of hits) {
      const cont = continuationAt(text, h.at, maxChars);
      if (h.len > best.len && cont) best = { len: h.len, cont };
    }
    if (sa) {
      const { len, range } = sa.longestTail(d.before, 40);
      if (len >= 2 && len > best.len) {
        for (let i = range.lo; i < range.hi; i++) {
          const cont = continuationAt(sa.text, sa.sa[i] + len, maxChars);
          if (cont) { best = { len, cont }; break; }
        }
      }
    }
    return best.cont;
  };
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

async function loadBuildDigest(): Promise<BuildDigest> {
  const mod = (await import('../src/core/digest/index')) as { buildDigest: BuildDigest };
  return mod.buildDigest;
}

function serverSuggest(server: string, model: string): Suggest {
  let n = 0;
  return async (digest, maxChars) => {
    const res = await fetch(`${server.replace(/\/$/, '')}/v1/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ requestId: `eval-${++n}`, model, digest, maxChars, consent: null }),
    });
    if (!res.ok) throw new Error(`server answered ${res.status}: ${await res.text()}`);
    const body = (await res.json()) as { text?: string };
    return typeof body.text === 'string' ? body.text : '';
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dir = arg(args, '--docs');
  if (!dir) {
    console.error('usage: npm run eval -- --docs DIR [--json] [--model ID --server URL] [--max-chars N] [--budget N] [--corpus DIR] [--threshold X] [--corpus-threshold X] [--retrieval-threshold X] [--leave-one-out] [--model baseline] [--no-baseline]');
    process.exit(2);
  }
  const json = args.includes('--json');
  const maxChars = Number(arg(args, '--max-chars') ?? 40);
  // The digest budget the task pane sends; default is the client's (DEFAULT_DIGEST_BUDGET).
  const budget = arg(args, '--budget') ? Number(arg(args, '--budget')) : undefined;
  const server = arg(args, '--server');
  const model = arg(args, '--model') ?? 'builtin';
  const build = await loadBuildDigest();
  // The suggester for the i-th document (a document's own corpus with --leave-one-out).
  let suggest: PerDoc;
  // The reference suggester on the same documents and corpus, reported next to the engine.
  let reference: PerDoc | null = null;
  if (server) { const s = serverSuggest(server, model); suggest = () => s; }
  else {
    const corpusDir = arg(args, '--corpus');
    let corpus: string[] = [];
    if (corpusDir) corpus = await (await import('../src/server/corpus/load')).loadCorpus(corpusDir);
    const threshold = arg(args, '--threshold') ? Number(arg(args, '--threshold')) : undefined;
    const corpusThreshold = arg(args, '--corpus-threshold') ? Number(arg(args, '--corpus-threshold')) : undefined;
    const retrievalThreshold = arg(args, '--retrieval-threshold') ? Number(arg(args, '--retrieval-threshold')) : undefined;
    // --leave-one-out: each document is typed with the other documents of --docs (and --corpus, if
    // given) as its corpus, so a set of related documents needs no separate corpus.
    const looTexts = args.includes('--leave-one-out') ? docFiles(dir).map((f) => readDoc(dir, f)) : null;
    const corpusFor = (i: number): string[] => (looTexts ? [...looTexts.filter((_, j) => j !== i), ...corpus] : corpus);
    const engines = new Map<number, Suggest>();
    const baselines = new Map<number, Suggest>();
    const once = (cache: Map<number, Suggest>, make: (c: string[]) => Suggest): PerDoc => (i) => {
      const key = looTexts ? i : -1;
      if (!cache.has(key)) { cache.clear(); cache.set(key, make(corpusFor(i))); }
      return cache.get(key)!;
    };
    const baselineFor = once(baselines, (c) => { const b = longestMatch(c); return async (d, m) => b(d, m); });
    const engineFor = once(engines, (c) => { const e = new BuiltinEngine({ corpus: c, threshold, corpusThreshold, retrievalThreshold }); return async (d, m) => e.suggest(d, m); });
    reference = baselineFor;
    if (model === 'baseline') {
      suggest = baselineFor;
      reference = null;
    } else suggest = engineFor;
  }
  const files = docFiles(dir);
  const t0 = Date.now();
  const run = async (fn: PerDoc, log: boolean): Promise<{ summary: Record<string, number>; perDoc: DocResult[] }> => {
    const perDoc: DocResult[] = [];
    for (const [i, f] of files.entries()) {
      const text = readDoc(dir, f);
      const r = await simulate(text, build, fn(i), maxChars, f, budget);
      perDoc.push(r);
      if (log) console.log(`${f.padEnd(40)} savings ${r.keystrokeSavings}  shown ${r.shown}  precision ${r.precision}`);
    }
    return { summary: summarise(perDoc), perDoc };
  };
  const main = await run(suggest, !json);
  const ref = reference && !args.includes('--no-baseline') ? (await run(reference, false)).summary : null;
  const result = {
    docs: files.length, ...main.summary, model: server ? model : model === 'baseline' ? 'baseline' : 'builtin', maxChars,
    budget: budget ?? 'default', leaveOneOut: args.includes('--leave-one-out'), ...(ref ? { baseline: ref } : {}),
    seconds: round((Date.now() - t0) / 1000), perDoc: main.perDoc,
  };
  if (!json) {
    console.log(`${'model'.padEnd(10)} savings  precision  shown`);
    console.log(`${result.model.padEnd(10)} ${String(main.summary.keystrokeSavings).padEnd(8)} ${String(main.summary.precision).padEnd(10)} ${main.summary.shown}`);
    if (ref) console.log(`${'baseline'.padEnd(10)} ${String(ref.keystrokeSavings).padEnd(8)} ${String(ref.precision).padEnd(10)} ${ref.shown}`);
  }
  console.log(JSON.stringify(result));
}

/** The documents typed: the .txt files of `dir`, in name order. */
function docFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
}

function readDoc(dir: string, file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8').replace(/\r\n?/g, '\n');
}

function summarise(perDoc: DocResult[]): Record<string, number> {
  const chars = perDoc.reduce((a, r) => a + r.chars, 0);
  const saved = perDoc.reduce((a, r) => a + r.saved, 0);
  const shown = perDoc.reduce((a, r) => a + r.shown, 0);
  const partlyAccepted = perDoc.reduce((a, r) => a + r.partlyAccepted, 0);
  return { chars, keystrokeSavings: round(chars ? saved / chars : 0), shown, partlyAccepted, precision: round(shown ? partlyAccepted / shown : 0) };
}

if (require.main === module) main().catch((err) => { console.error(err); process.exit(1); });
