// `npm run bench -- NAME [--json] [args]`: runs bench/NAME.ts and prints its result object.
// Every benchmark exports `default async (args: string[]) => Record<string, unknown>` and measures
// against a baseline in the same run, since these machines are noisy. The JSON object is printed last.
import path from 'node:path';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith('-'));
  const json = args.includes('--json');
  const available = fs.readdirSync(__dirname).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.replace(/\.ts$/, ''));
  if (!name || !available.includes(name)) {
    console.error(`usage: npm run bench -- NAME [--json]\navailable: ${available.join(', ')}`);
    process.exit(2);
  }
  const mod = await import(pathToFileURL(path.join(__dirname, `${name}.ts`)).href);
  const run = (mod.default?.default ?? mod.default) as (a: string[]) => Promise<Record<string, unknown>>;
  const rest = args.filter((a) => a !== name && a !== '--json');
  const result = await run(rest);
  if (!json) {
    for (const [k, v] of Object.entries(result)) console.log(`${k.padEnd(24)} ${typeof v === 'object' ? JSON.stringify(v) : v}`);
  }
  console.log(JSON.stringify(result));
  process.exit(0);
}
main().catch((err) => { console.error(err); process.exit(1); });
