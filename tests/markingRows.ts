// The marking table of docs/PRIVACY.md, read by the pane's and the server's tests so that every row
// of the documentation is a test case (the doc cannot list a form that is not tested).
import fs from 'node:fs';
import path from 'node:path';
import type { Classification } from '../src/core/protocol';

export interface MarkingRow {
  id: string;
  form: string;
  /** the document's first lines (or the page header's text when inHeader) */
  example: string;
  /** null: not a marking */
  expected: Classification | null;
  /** the example stands in the first section's page header, not in the body */
  inHeader: boolean;
}

const ROW = /^\| ([MN]\d+) \| (.+?) \| `(.+?)` \| (.+?) \|$/;

/** `↵` is a line break, `↵×70` seventy of them, `\u200b` the character it names (invisible in the doc). */
function unescape(example: string): string {
  return example
    .replace(/↵×(\d+)/g, (_m, n: string) => '\n'.repeat(Number(n)))
    .replace(/↵/g, '\n')
    .replace(/\\u([0-9a-fA-F]{4})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The rows of the marking table in the Chinese ('zh') or English ('en') half of docs/PRIVACY.md. */
export function markingRows(lang: 'zh' | 'en'): MarkingRow[] {
  const doc = fs.readFileSync(path.join(__dirname, '..', 'docs', 'PRIVACY.md'), 'utf8');
  const at = doc.indexOf('## English');
  const half = lang === 'zh' ? doc.slice(0, at) : doc.slice(at);
  const rows: MarkingRow[] = [];
  for (const line of half.split('\n')) {
    const m = ROW.exec(line.trim());
    if (!m) continue;
    const header = /^页眉[:：]/.exec(m[3]);
    rows.push({
      id: m[1],
      form: m[2],
      example: unescape(header ? m[3].slice(header[0].length) : m[3]),
      expected: m[4] === '无' || m[4] === 'none' ? null : (m[4] as Classification),
      inHeader: !!header,
    });
  }
  return rows;
}

/** A plain notice to put under a marking: nothing in it is a marking. */
export const NOTICE_BODY = '关于开展安全生产检查的通知\n各科室：\n为做好有关工作，现将有关事项通知如下：\n一、检查范围\n';
