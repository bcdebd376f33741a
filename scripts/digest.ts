// `npm run digest -- FILE [--cursor N] [--budget N]`: prints the ContextDigest of a .txt file as
// JSON, so anyone can see what the model is told. The cursor defaults to the end of the text.
// `npm run digest -- --labelled DIR [--json]`: per-field accuracy over DIR/labels.json (see
// scripts/digestLabels.ts); the misses are listed by file and field, the JSON object comes last.
import { buildDigest } from '../src/core/digest';
import { LABELLED_FIELDS, readDocument, scoreLabelled } from './digestLabels';

const USAGE = 'usage: npm run digest -- FILE [--cursor N] [--budget N]\n       npm run digest -- --labelled DIR [--json]';

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function valueAfter(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) usage(`${flag} needs a value`);
  return v;
}

function numberAfter(args: string[], flag: string): number | undefined {
  const raw = valueAfter(args, flag);
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isFinite(v)) usage(`${flag} needs a number`);
  return v;
}

function reportLabelled(dir: string, json: boolean): void {
  let report;
  try {
    report = scoreLabelled(dir);
  } catch (err) {
    usage(`cannot score ${dir}: ${(err as Error).message}`);
  }
  if (!json) {
    for (const m of report.misses) {
      console.log(`miss  ${m.file}  ${m.field}: got ${JSON.stringify(m.got)}, expected ${JSON.stringify(m.expected.length === 1 ? m.expected[0] : m.expected)}`);
    }
    console.log(`\n${report.docs} labelled documents`);
    console.log('field        accuracy  (when the label is not empty)');
    for (const f of LABELLED_FIELDS) {
      console.log(`${f.padEnd(12)} ${report.accuracy[f].toFixed(3).padStart(8)}  (${report.accuracyWhenPresent[f].toFixed(3)})`);
    }
    return;
  }
  for (const m of report.misses) console.error(`miss  ${m.file}  ${m.field}: got ${JSON.stringify(m.got)}`);
  console.log(JSON.stringify({ docs: report.docs, accuracy: report.accuracy, accuracyWhenPresent: report.accuracyWhenPresent, misses: report.misses.length }));
}

const args = process.argv.slice(2);
const labelled = valueAfter(args, '--labelled');
if (labelled !== undefined) {
  reportLabelled(labelled, args.includes('--json'));
} else {
  const flagsWithValue = ['--cursor', '--budget'];
  const file = args.find((a, i) => !a.startsWith('--') && !flagsWithValue.includes(args[i - 1] ?? ''));
  if (!file) usage('no file given');
  let text = '';
  try {
    text = readDocument(file);
  } catch (err) {
    usage(`cannot read ${file}: ${(err as Error).message}`);
  }
  const cursor = numberAfter(args, '--cursor') ?? text.length;
  const budget = numberAfter(args, '--budget');
  console.log(JSON.stringify(buildDigest(text, cursor, budget === undefined ? {} : { budget }), null, 2));
}
