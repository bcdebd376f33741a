// The organisation corpus as the service holds it: loaded once (load.ts), indexed once as a suffix
// array (the engine's SuffixArray), cached on disk so that a restart with an unchanged corpus only
// reads two files, and asked for passages similar to the text at the cursor (retrieve.ts).
import crypto from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { corpusText } from '../../engine';
import { SuffixArray } from '../../engine/SuffixArray';
import { listFiles, readCorpus, type CorpusWarn, type SkippedFile } from './load';
import { similarPassages, paragraphStarts } from './retrieve';

export interface CorpusStats {
  documents: number;
  chars: number;
  skipped: SkippedFile[];
  /** true when the index came from the on-disk cache */
  cached: boolean;
  indexMs: number;
}

export class Corpus {
  private readonly paragraphs: Int32Array;

  constructor(readonly index: SuffixArray, readonly stats: CorpusStats) {
    this.paragraphs = paragraphStarts(index.text);
  }

  /** Up to `k` passages most like the end of `query`, together at most `budget` characters. */
  passages(query: string, k: number, budget: number): string[] {
    return similarPassages(this.index, this.paragraphs, query, k, budget);
  }
}

/** Cache format version: bump when the index layout or the text normalisation changes. */
const CACHE_VERSION = 1;

/**
 * Opens the corpus under `dir`. With `cacheDir`, the index is stored there under a key made of every
 * file's name, size and modification time; an unchanged corpus is loaded from it instead of re-read.
 */
export async function openCorpus(dir: string, opts: { cacheDir?: string; warn?: CorpusWarn } = {}): Promise<Corpus | null> {
  const warn = opts.warn ?? ((m: string) => console.warn(m));
  const t0 = performance.now();
  const key = opts.cacheDir ? await cacheKey(dir, warn) : null;
  if (key && opts.cacheDir) {
    const cached = await readCache(opts.cacheDir, key);
    if (cached) return new Corpus(cached.index, { ...cached.stats, cached: true, indexMs: Math.round(performance.now() - t0) });
  }
  const { docs, skipped } = await readCorpus(dir, warn);
  const text = corpusText(docs.map((d) => d.text));
  if (!text) return null;
  const index = new SuffixArray(text);
  const stats: CorpusStats = { documents: docs.length, chars: text.length, skipped, cached: false, indexMs: Math.round(performance.now() - t0) };
  if (key && opts.cacheDir) {
    try {
      await writeCache(opts.cacheDir, key, index, stats);
    } catch (err) {
      warn(`corpus: index cache not written: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  return new Corpus(index, stats);
}

async function cacheKey(dir: string, warn: CorpusWarn): Promise<string> {
  const h = crypto.createHash('sha256').update(`v${CACHE_VERSION}\n`);
  for (const f of (await listFiles(dir, () => { /* reported when read */ })).sort()) {
    try {
      const st = await fs.stat(f);
      h.update(`${path.relative(dir, f)}\0${st.size}\0${st.mtimeMs}\n`);
    } catch {
      warn(`corpus: cannot stat ${path.relative(dir, f)}`);
    }
  }
  return h.digest('hex').slice(0, 32);
}

// Two files per key: the text (UTF-16LE, as JS holds it) and the suffix array plus stats.
async function writeCache(cacheDir: string, key: string, index: SuffixArray, stats: CorpusStats): Promise<void> {
  await fs.mkdir(cacheDir, { recursive: true });
  const base = path.join(cacheDir, `corpus-${key}`);
  await fs.writeFile(`${base}.text`, Buffer.from(index.text, 'utf16le'));
  await fs.writeFile(`${base}.sa`, Buffer.from(index.sa.buffer, index.sa.byteOffset, index.sa.byteLength));
  await fs.writeFile(`${base}.json`, JSON.stringify({ documents: stats.documents, chars: stats.chars, skipped: stats.skipped }));
}

async function readCache(cacheDir: string, key: string): Promise<{ index: SuffixArray; stats: Omit<CorpusStats, 'cached' | 'indexMs'> } | null> {
  const base = path.join(cacheDir, `corpus-${key}`);
  try {
    const [textBuf, saBuf, meta] = await Promise.all([fs.readFile(`${base}.text`), fs.readFile(`${base}.sa`), fs.readFile(`${base}.json`, 'utf8')]);
    const text = textBuf.toString('utf16le');
    // A pooled (small) Buffer may start at an offset an Int32Array cannot view: copy then.
    const sa = saBuf.byteOffset % 4 === 0 ? new Int32Array(saBuf.buffer, saBuf.byteOffset, saBuf.byteLength / 4) : new Int32Array(new Uint8Array(saBuf).buffer);
    if (sa.length !== text.length) return null;
    return { index: new SuffixArray(text, sa), stats: JSON.parse(meta) as Omit<CorpusStats, 'cached' | 'indexMs'> };
  } catch {
    return null;
  }
}
