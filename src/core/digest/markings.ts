// The markings of a 公文's header (版头): 份号, 密级和保密期限, 紧急程度, 发文字号, 签发人.
// Each is recognised only as a line (or a whitespace-separated token) of its own — the word
// 秘密 in a sentence of the body is not a marking.
import type { Classification } from '../protocol';
import { foldWidth } from './chars';

export interface ClassificationMark {
  classification: Classification;
  period: string;
}

/** How many lines from the top a marking may stand on. */
export const MARKING_LINES = 8;
/** A marking line is short; a longer line is body text even when it starts with 秘密. */
const MARKING_LINE_MAX = 40;

// The 保密期限 as GB/T 9704-2012 §7.2.3 writes it (秘密★6个月, 机密★10年, 绝密★长期) and as clerks
// type it: 启用前 (until release), a 解密 date (2027年1月1日前 / 解密时间：2027年1月1日), Chinese numerals.
const PERIOD = '长期|启用前|(?:\\d{1,3}|[一二三四五六七八九十两]{1,3})(?:年|个月)' +
  '|(?:解密(?:时间|日期)?[:：]?)?\\d{4}(?:年\\d{1,2}月(?:\\d{1,2}日)?|[./-]\\d{1,2}[./-]\\d{1,2})(?:以?前|后?解密)?';
// 绝密/机密/秘密 (classified), 内部/内部资料 (restricted: the admin decides), 涉密; the star may be
// ★ ☆ or * (＊ folds to *), or missing: 秘密★6个月  机密*长期  绝密★启用前  秘密6个月  内部★
const CLASS_TOKEN = new RegExp(`^(绝密|机密|秘密|内部(?:资料)?|涉密)(?:[★☆*]?(${PERIOD}))?[★☆*]?$`);
const PERIOD_TOKEN = new RegExp(`^[★☆*]?(${PERIOD})$`);
const COPY_NO = /^\d{6}$|^\d{1,6}号?$/;
const URGENCY = /^(特急|加急|特提|平急)$/;

/** Tokens of a header line, with the spacing people type folded away: `秘 密 ★ 6 个月`, `密级：机密`,
 * `保密期限：10年` and `解密时间： 2027年1月1日` read as the printed forms. */
function tokens(line: string): string[] {
  return foldWidth(line).trim()
    .replace(/密\s*级\s*[:：]\s*/g, '')
    .replace(/保\s*密\s*期\s*限\s*[:：]?\s*/g, '')
    .replace(/([绝机秘内])\s+([密部])/g, '$1$2')
    .replace(/\s*([★☆*])\s*/g, '$1')
    .replace(/(\d)\s+(?=年|个月|月|日)|(年|月)\s+(?=\d)/g, '$1$2')
    .replace(/(解密(?:时间|日期)?[:：]?)\s+/g, '$1')
    .split(/\s+/).filter(Boolean);
}

/** 内部资料 is read as 内部: one restricted marking, whatever the words. */
function classOf(word: string): Classification {
  return (word.startsWith('内部') ? '内部' : word) as Classification;
}

/** A classification marking on one line made only of markings (份号, 密级, 紧急程度). */
function markOnLine(line: string): ClassificationMark | null {
  if (line.length > MARKING_LINE_MAX) return null;
  const parts = tokens(line);
  let found: ClassificationMark | null = null;
  for (let i = 0; i < parts.length; i++) {
    const m = CLASS_TOKEN.exec(parts[i]);
    if (m && !found) {
      found = { classification: classOf(m[1]), period: m[2] ?? '' };
      const next = parts[i + 1];
      const p = next !== undefined ? PERIOD_TOKEN.exec(next) : null;
      if (p && !found.period) { found.period = p[1]; i++; }
      continue;
    }
    if (COPY_NO.test(parts[i]) || URGENCY.test(parts[i])) continue;
    return null; // anything else makes this a line of text, not a marking line
  }
  return found;
}

/** The classification marking near the top of `text`, or null. Only a line of markings among
 * the first lines counts; the same words in a sentence never do. */
export function detectClassification(text: string): ClassificationMark | null {
  let start = 0;
  for (let line = 0; line < MARKING_LINES && start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    // never copy a huge line: a marking line is short
    const l = end - start > MARKING_LINE_MAX ? '' : text.slice(start, end);
    const m = l ? markOnLine(l) : null;
    if (m) return m;
    start = end + 1;
  }
  return null;
}

/** 特急/加急 standing as a marking on a header line. */
export function urgencyOnLine(line: string): '' | '特急' | '加急' {
  if (line.length > MARKING_LINE_MAX) return '';
  const parts = tokens(line);
  if (!parts.every((p) => URGENCY.test(p) || COPY_NO.test(p) || CLASS_TOKEN.test(p) || PERIOD_TOKEN.test(p))) return '';
  for (const p of parts) if (p === '特急' || p === '加急') return p;
  return '';
}

/** A line made only of markings (份号, 密级, 紧急程度): not a title, not an issuer. */
export function isMarkingLine(line: string): boolean {
  if (line.length > MARKING_LINE_MAX) return false;
  const parts = tokens(line);
  // a period stands only next to its 密级: a lone date line is a 成文日期, not a marking
  return parts.length > 0 &&
    parts.every((p) => URGENCY.test(p) || COPY_NO.test(p) || CLASS_TOKEN.test(p) || PERIOD_TOKEN.test(p)) &&
    (!parts.some((p) => PERIOD_TOKEN.test(p)) || parts.some((p) => CLASS_TOKEN.test(p)));
}

// 东政办发〔2025〕17号, with 〔〕 [] () ［］ （） 【】 typed, stray spaces, or the brackets missing
// (东政办发2025年17号, 东政办发 2025 17号). The prefix is the issuer's abbreviation + kind.
const DOC_NUMBER = /([\u4e00-\u9fa5A-Za-z]{1,16}?)\s*(?:[〔\[(【{]\s*(\d{4})\s*[〕\])】}]|(\d{4})\s*年?)\s*第?\s*(\d{1,5})\s*号/;

/** The document number on a header line, normalised to 〔〕 brackets, or ''. */
export function docNumberOnLine(line: string): string {
  if (line.length > 80) return '';
  const m = DOC_NUMBER.exec(foldWidth(line));
  if (!m) return '';
  // the number must open the line (a 签发人 may follow it): not be quoted inside a sentence
  if (foldWidth(line).slice(0, m.index).trim() !== '') return '';
  return `${m[1]}〔${m[2] ?? m[3]}〕${Number(m[4])}号`;
}

/** The signer(s) after 签发人： on a header line, or ''. */
export function signerOnLine(line: string): string {
  if (line.length > 120) return '';
  const m = /签\s*发\s*人\s*[:：]\s*(.+)$/.exec(foldWidth(line));
  if (!m) return '';
  return m[1].trim().replace(/\s+/g, ' ');
}
