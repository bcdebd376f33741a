// `npm run norms -- FILE... [--json] [--lang zh|en] [--errors-only]`: the 公文 format rules
// (src/norms, docs/NORMS.md) over .txt and .docx files. Offsets are UTF-16 code units of the text
// as read: a .txt's BOM dropped and its line ends made '\n'; a .docx's paragraphs one per line.
// With --json one object is printed last: { files: [ { file, findings: [ { rule, severity, start,
// end, message, fix? } ] } ] }. Exit 2 when a file cannot be read.
import fs from 'node:fs';
import path from 'node:path';
import { checkNorms, type Finding } from '../src/norms';
import { docxText } from '../src/server/corpus/load';

const USAGE = 'usage: npm run norms -- FILE... [--json] [--lang zh|en] [--errors-only]';

function readText(file: string): string {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.docx') return docxText(fs.readFileSync(file));
  if (ext === '.txt' || ext === '.md') return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  throw new Error(`not a .txt or .docx file / 不是 .txt 或 .docx 文件: ${file}`);
}

/** Line and column (1-based) of an offset, for people reading the table. */
function lineCol(text: string, offset: number): string {
  let line = 1;
  let from = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) { line++; from = i + 1; }
  return `${line}:${offset - from + 1}`;
}

function shown(s: string, max = 24): string {
  const t = s.replace(/\n/g, '⏎');
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function main(): void {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const langAt = args.indexOf('--lang');
  const lang = langAt >= 0 ? args[langAt + 1] : 'zh';
  if (lang !== 'zh' && lang !== 'en') { console.error(USAGE); process.exit(2); }
  const files = args.filter((a, i) => !a.startsWith('--') && !(langAt >= 0 && i === langAt + 1));
  if (files.length === 0) { console.error(USAGE); process.exit(2); }
  const advice = !args.includes('--errors-only');

  const out: Array<{ file: string; findings: Array<Pick<Finding, 'rule' | 'severity' | 'start' | 'end' | 'fix'> & { message: string }> }> = [];
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = readText(file);
    } catch (err) {
      console.error(`${file}: 无法读取 / cannot read (${(err as Error).message})`);
      failed = true;
      continue;
    }
    const findings = checkNorms(text, { advice });
    out.push({ file, findings: findings.map((f) => ({ rule: f.rule, severity: f.severity, start: f.start, end: f.end, message: f.message[lang],
      ...(f.fix !== undefined ? { fix: f.fix } : {}) })) });
    if (json) continue;
    const errors = findings.filter((f) => f.severity === 'error').length;
    console.log(lang === 'zh'
      ? `${file}：${errors} 处错误，${findings.length - errors} 条建议`
      : `${file}: ${errors} error(s), ${findings.length - errors} advice`);
    for (const f of findings) {
      const sev = lang === 'zh' ? (f.severity === 'error' ? '错误' : '建议') : f.severity;
      const fix = f.fix === undefined ? '' : lang === 'zh' ? `  修正→「${shown(f.fix)}」` : `  fix→「${shown(f.fix)}」`;
      console.log(`  ${lineCol(text, f.start).padEnd(7)} ${sev.padEnd(6)} ${f.rule.padEnd(22)} 「${shown(text.slice(f.start, f.end))}」 ${f.message[lang]}${fix}`);
    }
  }
  if (json) console.log(JSON.stringify({ files: out }));
  process.exit(failed ? 2 : 0);
}

main();
