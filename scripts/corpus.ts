// `npm run corpus -- stats DIR [--json]`: what the service would read from an organisation corpus —
// documents and characters per format, and every skipped file by name with the reason (never its
// content) — and how long indexing takes.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { corpusIndex } from '../src/engine';
import { readCorpus, READ_FORMATS, UNREAD_FORMATS } from '../src/server/corpus/load';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const [command, dir] = args.filter((a) => !a.startsWith('--'));
  if (command !== 'stats' || !dir) {
    console.error('usage: npm run corpus -- stats DIR [--json]');
    process.exit(2);
  }
  const t0 = performance.now();
  const { docs, skipped } = await readCorpus(dir, () => undefined);
  const readMs = performance.now() - t0;
  const byFormat: Record<string, { documents: number; chars: number }> = {};
  for (const d of docs) {
    const ext = path.extname(d.name).toLowerCase();
    byFormat[ext] ??= { documents: 0, chars: 0 };
    byFormat[ext].documents++;
    byFormat[ext].chars += d.text.length;
  }
  const t1 = performance.now();
  corpusIndex(docs.map((d) => d.text));
  const indexMs = performance.now() - t1;
  const result = {
    folder: path.resolve(dir), documents: docs.length, chars: docs.reduce((a, d) => a + d.text.length, 0), byFormat,
    skipped, readMs: Math.round(readMs), indexMs: Math.round(indexMs), formatsRead: READ_FORMATS, formatsNotRead: UNREAD_FORMATS,
  };
  if (args.includes('--json')) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`语料 / corpus: ${result.folder}`);
  console.log(`已读取 / read: ${result.documents} 份 documents, ${result.chars} 字 chars (${result.readMs} ms); 索引 / index ${result.indexMs} ms`);
  for (const [ext, s] of Object.entries(byFormat)) console.log(`  ${ext.padEnd(6)} ${String(s.documents).padStart(6)} 份  ${s.chars} 字`);
  console.log(`跳过 / skipped: ${skipped.length}`);
  for (const s of skipped) console.log(`  ${s.name}  (${s.reason})`);
}

main().catch((err) => { console.error(err); process.exit(1); });
