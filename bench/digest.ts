// `npm run bench -- digest --json`: cost of building the context digest on 100k and 1M character
// documents (made by repeating and varying the gongwen fixtures), of an incremental edit, and of
// merely splitting the 100k document into lines — the baseline measured in the same run; and
// keystrokes in a 1M document that opens with a 印发 notice (incrementalCarrier1MMs).
import fs from 'node:fs';
import path from 'node:path';
import { buildDigest, DigestBuilder } from '../src/core/digest';
import { DEFAULT_DIGEST_BUDGET } from '../src/core/protocol';

const dir = path.join(__dirname, '../tests/fixtures/gongwen');

/** A document of about `chars` characters: the fixtures one after another, with their numbers
 * varied per copy so that facts and headings are not all identical. */
function makeDocument(chars: number, first?: string): string {
  const sources = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort((a, b) => (a === first ? -1 : b === first ? 1 : a.localeCompare(b)))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8').trimEnd());
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

  // Incremental: the user types in one paragraph of the 100k document; each keystroke is one
  // applyEdit plus one digest at the new cursor.
  const builder = new DigestBuilder(doc100k);
  let cursor = doc100k.indexOf('\n', doc100k.length >> 1);
  const typed = '各单位要认真贯彻落实，确保各项工作按时完成。';
  const incremental: number[] = [];
  for (let r = 0; r < Math.max(reps * 10, 200); r++) {
    const ch = typed[r % typed.length];
    const t = performance.now();
    builder.applyEdit(cursor, cursor, ch);
    cursor += 1;
    const d = builder.digest(cursor);
    incremental.push(performance.now() - t);
    note(JSON.stringify(d));
  }
  // The same keystrokes in the 1M document: per-keystroke cost must not grow with the text much
  const builder1M = new DigestBuilder(doc1M);
  let cursor1M = doc1M.indexOf('\n', doc1M.length >> 1);
  const incremental1M: number[] = [];
  for (let r = 0; r < Math.max(reps * 3, 60); r++) {
    const t = performance.now();
    builder1M.applyEdit(cursor1M, cursor1M, typed[r % typed.length]);
    cursor1M += 1;
    const d = builder1M.digest(cursor1M);
    incremental1M.push(performance.now() - t);
    note(JSON.stringify(d));
  }
  // The same in a 1M document that opens with a 印发 notice: the digest also looks for where the
  // document it carries begins, which must stay bounded as well
  const carrier1M = makeDocument(1_000_000, '06-tongzhi-lajifenlei.txt');
  const builderCarrier = new DigestBuilder(carrier1M);
  let cursorCarrier = carrier1M.indexOf('\n', carrier1M.length >> 1);
  const incrementalCarrier1M: number[] = [];
  for (let r = 0; r < Math.max(reps * 3, 60); r++) {
    const t = performance.now();
    builderCarrier.applyEdit(cursorCarrier, cursorCarrier, typed[r % typed.length]);
    cursorCarrier += 1;
    const d = builderCarrier.digest(cursorCarrier);
    incrementalCarrier1M.push(performance.now() - t);
    note(JSON.stringify(d));
  }
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
    // for reading the ratio: the floor any reader of the 1M text pays (GC included)
    baselineSplit1MMs: round(median(split1M)),
    maxDigestChars,
    budget: DEFAULT_DIGEST_BUDGET,
    reps,
    node: process.version,
  };
}
