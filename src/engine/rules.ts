// Structural rules of 公文 (GB/T 9704-2012 and the 党政机关公文处理工作条例 conventions):
// closing formula per document type, next heading ordinal, signature date, the 印发 line.
import type { ContextDigest, DocType } from '../core/protocol';

export interface Candidate {
  text: string;
  /** 0..1; the engine shows only candidates above its threshold */
  confidence: number;
  source: string;
}

/** Closing formulas by document type, most usual first. */
export const CLOSINGS: Partial<Record<DocType, string[]>> = {
  通知: ['特此通知。'],
  请示: ['妥否，请批示。', '以上请示妥否，请批示。'],
  报告: ['特此报告。'],
  函: ['特此函告。', '请予函复。', '特此函复。'],
  批复: ['此复。'],
  通报: ['特此通报。'],
  通告: ['特此通告。'],
  公告: ['特此公告。'],
  决定: ['特此决定。'],
};

/** The doc type as the digest says, else guessed from the title's last words. */
export function docTypeOf(d: ContextDigest): DocType {
  if (d.docType && d.docType !== 'unknown') return d.docType;
  const t = d.title.trim();
  for (const k of Object.keys(CLOSINGS) as DocType[]) if (t.endsWith(k)) return k;
  return 'unknown';
}

/** The line the cursor is on, up to the cursor. */
export function currentLine(before: string): string {
  return before.slice(before.lastIndexOf('\n') + 1);
}

/** Previous full line (the paragraph just ended), or '' at the top. */
export function previousLine(before: string): string {
  const end = before.lastIndexOf('\n');
  if (end < 0) return '';
  return before.slice(before.lastIndexOf('\n', end - 1) + 1, end);
}

// Characters a closing formula may start with that rarely start a body paragraph.
const CLOSING_STARTERS = new Set(['特', '妥', '此', '以']);

export function closingFormula(d: ContextDigest): Candidate | null {
  const line = currentLine(d.before);
  if (!line) return null;
  const type = docTypeOf(d);
  let options = CLOSINGS[type] ?? [];
  // 复函 answers a letter, so it closes with 特此函复 rather than asking for a reply.
  // A letter that asks for something (商请, 征求) ends by asking for a reply.
  const asks = type === '函' && /商请|征求|请求|恳请/.test(d.title);
  if (type === '函') options = /复函/.test(d.title) ? ['特此函复。', '此复。'] : asks ? ['请予函复。', '特此函告。'] : options;
  const hits = options.filter((f) => f.startsWith(line) && f.length > line.length);
  if (hits.length === 0) return null;
  if (line.length === 1 && !CLOSING_STARTERS.has(line) && !(asks && line === '请')) return null;
  const text = hits[0].slice(line.length);
  return { text, confidence: hits.length === 1 || line.length >= 2 ? 0.95 : 0.8, source: 'closing' };
}

const HEADING_OPEN: Record<string, string[]> = { '（': ['2', '4'], '(': ['2', '4'] };

/**
 * The rest of the next heading ordinal once the clerk has started it: "（" → "二）" at level 2,
 * or at level 4 when the cursor is inside a numbered item (level 3).
 */
export function headingOrdinal(d: ContextDigest): Candidate | null {
  const line = currentLine(d.before);
  const levels = HEADING_OPEN[line];
  if (!levels) return null;
  const depth = d.section.length ? Math.max(...d.section.map((h) => h.level)) : 0;
  const level = depth >= 3 && d.nextOrdinals['4'] ? '4' : '2';
  const next = d.nextOrdinals[level];
  if (!next || !next.startsWith('（')) return null;
  return { text: next.slice(1), confidence: 0.85, source: 'ordinal' };
}

/** All rule candidates for this digest, best first. */
export function ruleCandidates(d: ContextDigest): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of [closingFormula, headingOrdinal]) {
    const c = rule(d);
    if (c && c.text) out.push(c);
  }
  return out.sort((a, b) => b.confidence - a.confidence);
}
