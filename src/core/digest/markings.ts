// The markings of a 公文's header (版头): 份号, 密级和保密期限, 紧急程度, 发文字号, 签发人.
// A marking counts only on a line made of markings alone — the word 秘密 in a sentence is not one.
// One reader for the pane and the server: text is normalised first (NFKC, invisible characters gone,
// traditional forms folded), so what looks like a marking to a person reads as one here.
import type { Classification } from '../protocol';
import { foldWidth } from './chars';

export interface ClassificationMark {
  classification: Classification;
  period: string;
}

/** How many non-blank lines from the top a marking may stand on (blank lines above do not count). */
export const MARKING_LINES = 8;
/** A marking line holds at most this many visible characters, however it is spaced. */
const MARKING_VISIBLE_MAX = 64;

/** Least to most severe: the most severe marking of a document binds it. */
const SEVERITY: Record<Classification, number> = { 内部: 0, 涉密: 1, 秘密: 2, 机密: 3, 绝密: 4 };

/** The more severe of two markings (either may be null). */
export function moreSevere<T extends Classification | null>(a: T, b: T): T {
  if (!a) return b;
  if (!b) return a;
  return SEVERITY[b as Classification] > SEVERITY[a as Classification] ? b : a;
}

/** The more severe of two marks; the first when they are equally severe. */
export function severerMark(a: ClassificationMark | null, b: ClassificationMark | null): ClassificationMark | null {
  if (!a || !b) return a ?? b;
  return SEVERITY[b.classification] > SEVERITY[a.classification] ? b : a;
}

// Characters that show nothing, or nothing a marking is written with: spacing, format characters (\p{Cf}:
// U+200B…U+200F, U+2060…, U+FEFF, soft hyphen, bidi controls), combining marks (\p{Mn}: accents, variation
// selectors, the combining grapheme joiner), Hangul fillers.
// Unicode property escapes and the `u` flag need ES2018: Internet Explorer 11 (the lite pane in Word 2016/2019)
// throws a SyntaxError on them when the module loads, so there the common ones are listed by hand.
const NOTHING_ES5 = '\\s\\u00AD\\u034F\\u061C\\u0300-\\u036F\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u206A-\\u206F\\uFE00-\\uFE0F\\uFE20-\\uFE2F\\uFEFF\\u115F\\u1160\\u3164\\uFFA0';
function invisibleRegExps(): { run: RegExp; blank: RegExp } {
  try {
    const all = '\\s\\p{Cf}\\p{Mn}\\u115F\\u1160\\u3164\\uFFA0';
    return { run: new RegExp(`[${all}]+`, 'gu'), blank: new RegExp(`^[${all}]*$`, 'u') };
  } catch {
    return { run: new RegExp(`[${NOTHING_ES5}]+`, 'g'), blank: new RegExp(`^[${NOTHING_ES5}]*$`) };
  }
}
const { run: SPACE_OR_INVISIBLE, blank: BLANK } = invisibleRegExps();
/** NFKC where the engine has it (not IE11: there full-width forms are folded, the part markings need) */
const nfkc = (s: string): string => (typeof s.normalize === 'function' ? s.normalize('NFKC') : foldWidth(s));
/** Everything a line break may be in text from Word, WPS, a web page or a hand-made request. */
const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;
// Traditional or variant forms of the characters markings are written with.
const VARIANT: Record<string, string> = {
  絕: '绝', 機: '机', 祕: '秘', 內: '内', 資: '资', 級: '级', 緊: '紧', 號: '号', 啟: '启', 啓: '启',
  後: '后', 個: '个', 時: '时', 間: '间', 長: '长', 與: '与', 並: '并',
};
const VARIANTS = new RegExp(`[${Object.keys(VARIANT).join('')}]`, 'g');
// Star-like signs typed for ★ (NFKC already folds ＊ and ﹡ to *).
const STARS = /[☆*⋆∗✦✧✩✪✫✬✭✮✯✰✱✲✳✴✵✶✷✸✹⭐]/g;

/** A marking line as it is read: NFKC (full-width → half-width, ㊙ → 秘), invisible characters
 * and all spacing removed, variants folded, every star ★. */
export function compactMarking(line: string): string {
  return nfkc(line).replace(SPACE_OR_INVISIBLE, '').replace(VARIANTS, (c) => VARIANT[c]).replace(STARS, '★');
}

// The 保密期限 as GB/T 9704-2012 §7.2.3 writes it (秘密★6个月, 机密★10年, 绝密★长期) and as clerks
// type it: 启用前 (until release), a 解密 date (2027年1月1日前 / 解密时间：2027年1月1日), Chinese numerals.
// Every quantifier is bounded: matching is linear whatever the input.
const PERIOD = '长期|启用前|(?:\\d{1,3}|[一二三四五六七八九十两]{1,3})(?:年|个月)' +
  '|(?:解密(?:时间|日期)?:?)?\\d{4}(?:年\\d{1,2}月(?:\\d{1,2}日)?|[./-]\\d{1,2}[./-]\\d{1,2})(?:以?前|后?解密)?';
// The labels real forms print before the values, in any order: 份号：000123 密级：机密 保密期限：10年 紧急程度：特急
const LABEL = '[\\[【(]?(?:份号|密级(?:[和及与]保密期限)?|保密期限|紧急程度|缓急(?:程度)?)[\\]】)]?:?';
// One item of a marking line, read from where the previous one ended: a label, a level with its period, a
// period alone, an urgency, a copy number, or a separator. Sticky by hand ('g' and the match's index), as IE11
// (the lite pane) has no 'y' flag.
const ITEM = new RegExp(
  `(${LABEL})|(绝密|机密|秘密|涉密|内部(?:资料)?)(?:★?(${PERIOD}))?★?|★?(${PERIOD})|(特急|加急|特提|平急)|(\\d{1,6})号?|[,、;|/]`,
  'g',
);

/** What a line made only of markings says; null when it is not such a line. */
interface MarkingLine {
  classification: Classification | null;
  period: string;
  urgency: '' | '特急' | '加急';
}

/** What `line` shows, if that is at most `max` characters; null as soon as it is more. Read in chunks,
 * so a long line of text costs one chunk, and a long run of spacing one quick pass. */
function visibleWithin(line: string, max: number): string | null {
  let out = '';
  for (let at = 0; at < line.length;) {
    let end = Math.min(line.length, at + 1024);
    const c = line.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff && end < line.length) end++; // never split a surrogate pair
    out += line.slice(at, end).replace(SPACE_OR_INVISIBLE, '');
    if (out.length > max) return null;
    at = end;
  }
  return out;
}

function readLine(line: string): MarkingLine | null {
  // spacing goes first; NFKC shrinks text at most threefold
  const visible = visibleWithin(line, MARKING_VISIBLE_MAX * 3);
  if (visible === null) return null;
  const c = compactMarking(visible);
  if (!c || c.length > MARKING_VISIBLE_MAX) return null;
  const out: MarkingLine = { classification: null, period: '', urgency: '' };
  let values = 0;
  let labelled = false; // a 保密期限 label makes a period alone a marking
  let lonePeriod = false;
  ITEM.lastIndex = 0;
  while (ITEM.lastIndex < c.length) {
    const at = ITEM.lastIndex;
    const m = ITEM.exec(c);
    if (!m || m.index !== at || ITEM.lastIndex === at) return null; // anything else makes this a line of text
    if (m[1]) { labelled ||= /期限/.test(m[1]); continue; }
    if (m[2]) {
      values++;
      const level = (m[2].startsWith('内部') ? '内部' : m[2]) as Classification;
      if (!out.classification || SEVERITY[level] > SEVERITY[out.classification]) {
        out.period = m[3] ?? (out.classification ? '' : out.period); // a labelled period may come first
        out.classification = level;
      } else if (level === out.classification && !out.period && m[3]) out.period = m[3];
    } else if (m[4]) {
      values++;
      if (!m[4].startsWith('解密')) lonePeriod = true;
      if (!out.period) out.period = m[4];
    } else if (m[5]) {
      values++;
      if (m[5] === '特急' || (m[5] === '加急' && !out.urgency)) out.urgency = m[5];
    } else if (m[6]) {
      values++;
    }
  }
  // a period stands only next to its 密级 or its label: a lone date line is a 成文日期, not a marking
  if (!values || (lonePeriod && !out.classification && !labelled)) return null;
  return out;
}

function isBlank(line: string): boolean {
  return BLANK.test(line);
}

/** The lines of `text`, split at every kind of line break. */
function* linesOf(text: string): Generator<string> {
  const breaks = new RegExp(LINE_BREAK, 'g'); // its own lastIndex: callers may stop half-way
  let start = 0;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
    yield text.slice(start, m.index);
    start = breaks.lastIndex;
  }
  yield text.slice(start);
}

/** The most severe marking on the first MARKING_LINES non-blank lines, and how many of `lines` were read
 * (so a cache of them knows which edits may change the answer). Blank lines are skipped, however many. */
export function headMarking(lines: readonly string[]): { mark: ClassificationMark | null; linesRead: number } {
  let mark: ClassificationMark | null = null;
  // forms print 密级：机密 and 保密期限：10年 on lines of their own, in either order: a period on a marking line
  // without a level belongs to the level next to it
  let loosePeriod = '';
  let seen = 0;
  let read = 0;
  for (const paragraph of lines) {
    read++;
    // next() by hand: the lite pane compiles for…of as an index loop over arrays (webpack.config.js LITE_ASSUMPTIONS)
    const paragraphLines = linesOf(paragraph);
    for (let step = paragraphLines.next(); !step.done; step = paragraphLines.next()) {
      const line = step.value;
      if (isBlank(line)) continue;
      const m = readLine(line);
      if (m?.classification) mark = severerMark(mark, { classification: m.classification, period: m.period || loosePeriod });
      else if (m?.period) {
        if (mark && !mark.period) mark = { classification: mark.classification, period: m.period };
        else loosePeriod = loosePeriod || m.period;
      }
      if (++seen >= MARKING_LINES) return { mark, linesRead: read };
    }
  }
  return { mark, linesRead: read };
}

/** The classification marking at the top of `text`, or null: the most severe one standing on a line of
 * markings among the first non-blank lines. The same words in a sentence never count. */
export function detectClassification(text: string): ClassificationMark | null {
  return headMarking([text]).mark;
}

/** 特急/加急 standing as a marking on a header line. */
export function urgencyOnLine(line: string): '' | '特急' | '加急' {
  return readLine(line)?.urgency ?? '';
}

/** A line made only of markings (份号, 密级, 保密期限, 紧急程度): not a title, not an issuer. */
export function isMarkingLine(line: string): boolean {
  return readLine(line) !== null;
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
