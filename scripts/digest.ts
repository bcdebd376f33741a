// `npm run digest -- FILE [--cursor N] [--budget N]`: prints the ContextDigest of a .txt file as
// JSON, so anyone can see what the model is told. The cursor defaults to the end of the text.
import fs from 'node:fs';
import { buildDigest } from '../src/core/digest';

function usage(message: string): never {
  console.error(`${message}\nusage: npm run digest -- FILE [--cursor N] [--budget N]`);
  process.exit(2);
}

function numberAfter(args: string[], flag: string): number | undefined {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const v = Number(args[i + 1]);
  if (!Number.isFinite(v)) usage(`${flag} needs a number`);
  return v;
}

const args = process.argv.slice(2);
const file = args.find((a, i) => !a.startsWith('--') && !['--cursor', '--budget'].includes(args[i - 1] ?? ''));
if (!file) usage('no file given');
let text: string;
try {
  // Word and Windows editors may save \r\n and a BOM; the digest expects '\n' paragraphs
  text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
} catch (err) {
  usage(`cannot read ${file}: ${(err as Error).message}`);
}
const cursor = numberAfter(args, '--cursor') ?? text.length;
const budget = numberAfter(args, '--budget');
console.log(JSON.stringify(buildDigest(text, cursor, budget === undefined ? {} : { budget }), null, 2));
