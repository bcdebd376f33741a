// `npm run bench -- digest --json`: cost of building the context digest on 100k and 1M character
// documents (made by repeating and varying the gongwen fixtures), of a keystroke as production runs it
// (one DigestStage fed the host's successive contexts), and of merely splitting the 100k document into
// lines — the baseline measured in the same run; keystrokes in a 1M document that opens with a 印发
// notice (incrementalCarrier1MMs); and the same 1M keystrokes with a new builder per request.
import fs from 'node:fs';
import path from 'node:path';
import { buildDigest, DigestStage } from '../src/core/digest';
import { DEFAULT_DIGEST_BUDGET } from '../src/core/protocol';

const dir = path.join(__dirname, '../tests/fixtures/gongwen');

/** A document of about `chars` characters: the fixtures one after another (see repeatTo). */
function makeDocument(chars: number, first?: string): string {
  const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort((a, b) => (a === first ? -1 : b === first ? 1 : a.localeCompare(b)))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').trimEnd());
  return repeatTo(sources, chars);
}

/** `sources` one after another up to `chars` characters, their numbers varied per copy so that facts and
 * headings are not all identical (bench/norms.ts builds its long document the same way). */
export function repeatTo(sources: readonly string[], chars: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let copy = 0; length < chars; copy++) {
    const src = sources[copy % sources.length].replace(/\d+/g, (d) => String((Number(d) + copy) % 10000));
    parts.push(src);
    length += src.length + 1;
  }
  return parts.join('\n').slice(0, chars);
}

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** the string as one flat buffer, as text read from a host arrives (V8 keeps a concatenation as a rope) */
const flat = (s: string): string => JSON.parse(JSON.stringify(s)) as string;

const round = (x: number): number => Math.round(x * 1000) / 1000;

export default async function run(args: string[]): Promise<Record<string, unknown>> {
  const reps = Number(args.find((a) => /^\d+$/.test(a)) ?? 31);
  const doc100k = makeDocument(100_000);
  const doc1M = makeDocument(1_000_000);
  let maxDigestChars = 0;
  const note = (json: string): void => { maxDigestChars = Math.max(maxDigestChars, json.length); };

  // warm up the JIT on every path before timing
  for (let i = 0; i < 5; i++) {
    note(JSON.stringify(buildDigest(doc100k, doc100k.length >> 1)));
    note(JSON.stringify(buildDigest(doc1M, doc1M.length >> 1)));
  }

  const split: number[] = [];
  const split1M: number[] = [];
  const full100k: number[] = [];
  const full1M: number[] = [];
  let sink = 0;
  // interleaved, so a burst of load from other processes hits all measurements alike
  for (let r = 0; r < reps; r++) {
    const cursor100k = Math.floor(((r + 1) / (reps + 1)) * doc100k.length);
    const cursor1M = Math.floor(((r + 1) / (reps + 1)) * doc1M.length);
    let t = performance.now();
    sink += doc100k.split('\n').length;
    split.push(performance.now() - t);
    t = performance.now();
    sink += doc1M.split('\n').length;
    split1M.push(performance.now() - t);
    t = performance.now();
    const d100 = buildDigest(doc100k, cursor100k);
    full100k.push(performance.now() - t);
    t = performance.now();
    const d1M = buildDigest(doc1M, cursor1M);
    full1M.push(performance.now() - t);
    note(JSON.stringify(d100));
    note(JSON.stringify(d1M));
  }

  // Keystrokes as production runs them (wirePane → DigestStage): the host's successive contexts, each a
  // whole HostContext; the stage finds the one edit between them and keeps its builder and header cache.
  // Side by side, the path production ran before: a new builder (buildDigest) for every request.
  const typed = '各单位要认真贯彻落实，确保各项工作按时完成。';
  const keystrokes = (doc: string, rounds: number, fresh?: number[]): number[] => {
    const stage = new DigestStage();
    let text = doc;
    let cursor = doc.indexOf('\n', doc.length >> 1);
    stage.digest({ text, cursor, selectionEmpty: true });
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      // a host hands over a flat string (read from Word/WPS), not the rope a concatenation makes here
      text = flat(text.slice(0, cursor) + typed[r % typed.length] + text.slice(cursor));
      cursor += 1;
      const ctx = { text, cursor, selectionEmpty: true };
      const t = performance.now();
      const d = stage.digest(ctx);
      times.push(performance.now() - t);
      note(JSON.stringify(d));
      if (fresh) {
        const t1 = performance.now();
        sink += buildDigest(text, cursor).outline.length;
        fresh.push(performance.now() - t1);
      }
    }
    return times;
  };
  const incremental = keystrokes(doc100k, Math.max(reps * 10, 200));
  // per-keystroke cost must not grow with the text much
  const fresh1M: number[] = [];
  const incremental1M = keystrokes(doc1M, Math.max(reps * 3, 60), fresh1M);
  // a 1M document that opens with a 印发 notice: the digest also looks for where the document it carries
  // begins, which must stay bounded as well
  const carrier1M = makeDocument(1_000_000, '06-tongzhi-lajifenlei.txt');
  const incrementalCarrier1M = keystrokes(carrier1M, Math.max(reps * 3, 60));
  if (sink < 0) console.log(sink);

  const full100kMs = median(full100k);
  const full1MMs = median(full1M);
  return {
    full100kMs: round(full100kMs),
    full1MMs: round(full1MMs),
    ratio1Mto100k: round(full1MMs / full100kMs),
    incrementalMs: round(median(incremental)),
    baselineSplitMs: round(median(split)),
    incremental1MMs: round(median(incremental1M)),
    incrementalCarrier1MMs: round(median(incrementalCarrier1M)),
    // the same keystrokes in the 1M document with a new builder per request (production before issue 32)
    freshPerRequest1MMs: round(median(fresh1M)),
    keptToFresh1M: round(median(incremental1M) / median(fresh1M)),
    // for reading the ratio: the floor any reader of the 1M text pays (GC included)
    baselineSplit1MMs: round(median(split1M)),
    maxDigestChars,
    budget: DEFAULT_DIGEST_BUDGET,
    reps,
    node: process.version,
  };
}
