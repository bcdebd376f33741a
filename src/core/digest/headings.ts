// Heading ordinals of a 公文 body: 一、 （一） 1. （1）, 第X章 and 第X条. Parses one paragraph
// (tolerating careless typing such as `1、` `1．` `(一)` `（一)`) and formats the next ordinal.
import type { Heading } from '../protocol';
import { clip, cnToInt, foldWidth, intToCn } from './chars';

export interface ParsedHeading extends Heading {
  /** the ordinal's value: 二、 → 2 */
  n: number;
  /** 第X条 / 第X章 style rather than 一、 style */
  article: boolean;
}

const CN = '[一二三四五六七八九十百零〇两]+';
// Both widths are written into the patterns (rather than folding the text first) because this
// runs on every paragraph: （一） (一) （一) 1. 1． 1、 all parse.
const LEVEL1 = new RegExp(`^\\s*(${CN})\\s*[、，,.．]\\s*`);
const LEVEL2 = new RegExp(`^\\s*[（(]\\s*(${CN})\\s*[）)]\\s*`);
// `1.26万人次` is a number, not a heading: the ordinal must not run into more digits
const LEVEL3 = /^\s*([0-9０-９]{1,3})\s*[.．、](?![0-9０-９])\s*/;
const LEVEL4 = /^\s*[（(]\s*([0-9０-９]{1,3})\s*[）)]\s*/;
const ARTICLE = new RegExp(`^\\s*第\\s*(${CN}|[0-9０-９]{1,3})\\s*(章|条)\\s*`);

const DIGIT_START = /^[0-9０-９]$/;
const ORDINAL_START = /^[一二三四五六七八九十百零〇两（(第0-9０-９]$/;

/** Heading text longer than this is the first clause of a run-in heading: cut it. */
const HEADING_TEXT_MAX = 30;

/** The heading this paragraph starts with, or null. Looks only at the paragraph's start. */
export function parseHeading(paragraph: string): ParsedHeading | null {
  // Most paragraphs are body text: reject them on their first character before any folding
  let i = 0;
  while (i < paragraph.length && i < 8 && /\s/.test(paragraph.charAt(i))) i++;
  if (!ORDINAL_START.test(paragraph.charAt(i))) return null;
  const head = paragraph.length > 40 ? paragraph.slice(0, 40) : paragraph;
  const first = head.charAt(i);
  let m: RegExpExecArray | null = null;
  let level = 0;
  let n = NaN;
  let article = false;
  if (first === '（' || first === '(') {
    if ((m = LEVEL2.exec(head))) { level = 2; n = cnToInt(m[1]); }
    else if ((m = LEVEL4.exec(head))) { level = 4; n = Number(foldWidth(m[1])); }
  } else if (first === '第') {
    if ((m = ARTICLE.exec(head))) {
      article = true;
      level = m[2] === '章' ? 0 : 1;
      n = /[0-9０-９]/.test(m[1]) ? Number(foldWidth(m[1])) : cnToInt(m[1]);
    }
  } else if (DIGIT_START.test(first)) {
    if ((m = LEVEL3.exec(head))) { level = 3; n = Number(foldWidth(m[1])); }
  } else if ((m = LEVEL1.exec(head))) {
    level = 1;
    n = cnToInt(m[1]);
  }
  if (!m || !Number.isFinite(n) || n <= 0) return null;
  const ordinal = head.slice(0, m[0].length).trim();
  const rest = paragraph.slice(m[0].length, m[0].length + 200);
  return { level, ordinal, text: headingText(rest), n, article };
}

/** A run-in heading (`（一）道路交通运输。重点整治……`) keeps only its first sentence. */
function headingText(rest: string): string {
  const stop = rest.search(/[。；;！？!?]/);
  const text = (stop >= 0 ? rest.slice(0, stop) : rest).trim();
  return clip(text, HEADING_TEXT_MAX);
}

/** The canonical ordinal with value n at a level: 1 → 一、 2 → （一） 3 → 1. 4 → （1）;
 * article style gives 第N条 (level 1) and 第N章 (level 0). */
export function formatOrdinal(level: number, n: number, article = false): string {
  if (article) return `第${intToCn(n)}${level === 0 ? '章' : '条'}`;
  switch (level) {
    case 0: return `第${intToCn(n)}章`;
    case 1: return `${intToCn(n)}、`;
    case 2: return `（${intToCn(n)}）`;
    case 3: return `${n}.`;
    default: return `（${n}）`;
  }
}
