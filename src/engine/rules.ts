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

/** The first ordinal one level below a heading of level N (0 = above any heading). */
const FIRST_ORDINAL_BELOW = ['一、', '（一）', '1.', '（1）'];
const ORDINAL_AT_START: [RegExp, number][] = [
  [/^[一二三四五六七八九十]+、/, 1], [/^[（(][一二三四五六七八九十]+[）)]/, 2], [/^\d{1,2}[.．]/, 3], [/^[（(]\d{1,2}[）)]/, 4],
];

/**
 * At the start of a new line in the body: after a bare heading comes the first ordinal one level
 * down; after a run-in heading paragraph (（一）加强领导。……) the next one at its level.
 */
export function headingAtLineStart(d: ContextDigest): Candidate | null {
  if (currentLine(d.before) !== '') return null;
  const prev = previousLine(d.before).trim();
  const hit = ORDINAL_AT_START.find(([re]) => re.test(prev));
  if (!hit) return null;
  const level = hit[1];
  const bare = !/[。；]/.test(prev) && prev.length <= 30;
  if (bare) {
    const first = FIRST_ORDINAL_BELOW[level];
    return first ? { text: first, confidence: 0.62, source: 'ordinal-line' } : null;
  }
  const next = d.nextOrdinals[String(level)];
  return next ? { text: next, confidence: 0.62, source: 'ordinal-line' } : null;
}

const DATE_LINE = /^\d{4}年\d{1,2}月\d{1,2}日$/;

/** The year the document is written in: from its number 〔2025〕, else the dates it mentions. */
export function documentYear(d: ContextDigest): string {
  const m = /[〔\[［(（](\d{4})[〕\]］)）]/.exec(d.docNumber) ?? /(\d{4})年/.exec(d.facts.dates.join(' ')) ?? /(\d{4})年/.exec(d.before);
  return m ? m[1] : '';
}

function lines(before: string): string[] {
  return before.split('\n');
}

/** After the signature (the issuer's name on its own line, below the body) comes the date: 2025年… */
export function signatureDate(d: ContextDigest): Candidate | null {
  const line = currentLine(d.before);
  const prev = previousLine(d.before).trim();
  const issuer = d.issuer.trim();
  if (!issuer || prev !== issuer || /抄送/.test(d.before.slice(-200))) return null;
  const year = documentYear(d);
  if (!year) return null;
  const full = `${year}年`;
  if (!full.startsWith(line) || full === line) return null;
  return { text: full.slice(line.length), confidence: 0.8, source: 'date' };
}

/** The 印发 line of the 版记: "<机关>        <date>印发", once the clerk has typed the spaces. */
export function printLine(d: ContextDigest): Candidate | null {
  const line = currentLine(d.before);
  if (!/^\S+\s{2,}$/.test(line) || !/(^|\n)抄送[:：]/.test(d.before)) return null;
  const date = lines(d.before).reverse().find((l) => DATE_LINE.test(l.trim()));
  if (!date) return null;
  return { text: `${date.trim()}印发`, confidence: 0.85, source: 'print' };
}

/** The attachments named in the 附件说明 ("附件：1.… / 2.…"), in order. */
export function attachmentList(before: string): string[] {
  const ls = lines(before);
  const start = ls.findIndex((l) => /^附件[:：]/.test(l));
  if (start < 0) return [];
  const first = ls[start].replace(/^附件[:：]\s*/, '');
  const numbered = /^1[.．、]/.test(first);
  if (!numbered) return first ? [first] : [];
  const out = [first.replace(/^\d+[.．、]\s*/, '')];
  for (let i = start + 1; i < ls.length && /^\d+[.．、]/.test(ls[i]); i++) out.push(ls[i].replace(/^\d+[.．、]\s*/, ''));
  return out;
}

/** An attachment's own page starts with "附件2" then its title, which the 附件说明 already gave. */
export function attachmentTitle(d: ContextDigest): Candidate | null {
  const m = /^附件\s*(\d*)$/.exec(previousLine(d.before).trim());
  if (!m) return null;
  const list = attachmentList(d.before);
  const title = list[(m[1] ? Number(m[1]) : 1) - 1];
  const line = currentLine(d.before);
  if (!title || !title.startsWith(line) || title === line) return null;
  return { text: title.slice(line.length), confidence: 0.85, source: 'attachment' };
}

/** The next number of a numbered 附件说明 list once the clerk starts the next line. */
export function attachmentNumber(d: ContextDigest): Candidate | null {
  if (currentLine(d.before) !== '') return null;
  const prev = previousLine(d.before);
  const m = /^(?:附件[:：]\s*)?(\d+)([.．、])/.exec(prev);
  if (!m) return null;
  const inBlock = lines(d.before).slice(-12).some((l) => /^附件[:：]\s*1[.．、]/.test(l));
  if (!inBlock) return null;
  return { text: `${Number(m[1]) + 1}${m[2]}`, confidence: 0.6, source: 'attachment' };
}

/** Right after the closing formula: the 附件说明 when the body named attachments, else the signature. */
export function afterClosing(d: ContextDigest): Candidate | null {
  if (currentLine(d.before) !== '') return null;
  const prev = previousLine(d.before).trim();
  const all = Object.values(CLOSINGS).flat();
  if (!all.includes(prev)) return null;
  if (d.facts.attachments.length > 0) return { text: '附件：', confidence: 0.7, source: 'layout' };
  if (d.issuer.trim().length >= 2) return { text: d.issuer.trim(), confidence: 0.65, source: 'layout' };
  return null;
}

/**
 * The signature (署名) line: below the closing formula and the 附件说明, a line the clerk starts
 * with the issuer's first character is the issuer's name.
 */
export function signatureLine(d: ContextDigest): Candidate | null {
  const line = currentLine(d.before);
  const issuer = d.issuer.trim();
  if (!line || !issuer || line.length >= issuer.length || !issuer.startsWith(line)) return null;
  const tail = d.before.slice(-400);
  const closings = Object.values(CLOSINGS).flat();
  const closed = tail.split('\n').some((l) => closings.includes(l.trim()));
  if (!closed || /(^|\n)(抄送|印发)/.test(tail)) return null;
  return { text: issuer.slice(line.length), confidence: 0.85, source: 'signature' };
}

const LEAD_IN = /(如下|以下[^，。；]{0,8})[:：]$/;

/**
 * A lead-in that announces a list (……通知如下： / 现提出以下意见：) ends its paragraph; what follows is a
 * new paragraph opening with the first heading one level below where the cursor stands.
 */
export function leadInHeading(d: ContextDigest): Candidate | null {
  const line = currentLine(d.before);
  const atLineStart = line === '';
  const lead = (atLineStart ? previousLine(d.before) : line).trim();
  // the 主送 line also ends with ：, but it is short and announces nothing
  if (!LEAD_IN.test(lead) || lead.length < 6) return null;
  const depth = d.section.reduce((m, h) => Math.max(m, h.level), 0);
  const first = FIRST_ORDINAL_BELOW[Math.min(depth, 3)];
  return { text: (atLineStart ? '' : '\n') + first, confidence: 0.8, source: 'lead-in' };
}

/** All rule candidates for this digest, best first. */
export function ruleCandidates(d: ContextDigest): Candidate[] {
  const out: Candidate[] = [];
  for (const rule of [closingFormula, leadInHeading, headingOrdinal, headingAtLineStart, signatureLine, signatureDate, printLine, attachmentTitle, attachmentNumber, afterClosing]) {
    const c = rule(d);
    if (c && c.text) out.push(c);
  }
  return out.sort((a, b) => b.confidence - a.confidence);
}
