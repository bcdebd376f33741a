// Turns what a model said into what may be shown as a suggestion. Pure functions, no I/O:
// strip chatter and markup, cut at a clause boundary, and drop answers that add nothing.
import type { FinishReason } from '../../core/protocol';

const PREAMBLE_LINE = /^\s*(?:好的|好|当然|可以|没问题|以下是|下面是|续写|续写内容|续写如下|建议|输出|sure|okay|ok|here(?:'s| is)|certainly)[^\n]{0,30}?[：:，,。!！]?\s*$/i;
const PREAMBLE_INLINE = /^\s*(?:(?:好的|当然|可以)[，,。！!]\s*)?(?:以下是|下面是)?(?:续写(?:内容|的内容|部分)?|继续写|接续内容)(?:如下)?[：:]\s*/;
const ACK_INLINE = /^\s*(?:好的|当然|没问题|可以)[，,。！!]\s*/;
const QUOTE_PAIRS: Array<[string, string]> = [['“', '”'], ['"', '"'], ['「', '」'], ['『', '』'], ["'", "'"], ['‘', '’']];

/** Removes what a chat model wraps around a continuation: acknowledgements, labels, fences, markdown, quotes. */
export function stripChatter(raw: string): string {
  let t = raw.replace(/\r\n?/g, '\n');
  // code fences: keep the inside
  t = t.replace(/^\s*```[^\n]*\n?/, '').replace(/\n?```\s*$/, '');
  // a first line that is only a preamble ("好的，以下是续写内容：")
  const nl = t.indexOf('\n');
  if (nl >= 0 && PREAMBLE_LINE.test(t.slice(0, nl))) t = t.slice(nl + 1);
  t = t.replace(PREAMBLE_INLINE, '').replace(ACK_INLINE, '');
  // markdown emphasis and heading/list markers at line starts
  t = t.replace(/\*\*([^*\n]+)\*\*/g, '$1').replace(/__([^_\n]+)__/g, '$1');
  t = t.replace(/^[ \t]*#{1,6}[ \t]+/gm, '').replace(/^[ \t]*[-*+][ \t]+/gm, '').replace(/^[ \t]*>[ \t]?/gm, '');
  t = t.replace(/^\n+/, '');
  const trimmed = t.trim();
  for (const [open, close] of QUOTE_PAIRS) {
    if (trimmed.length >= 2 && trimmed.startsWith(open) && trimmed.endsWith(close)) {
      const inner = trimmed.slice(open.length, -close.length);
      // only a wrapping pair: “a”和“b” is two quotations, not one wrapper
      if (!inner.includes(open) && !inner.includes(close)) { t = inner; break; }
    }
  }
  return t.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').replace(/\s+$/, '');
}

/** Drops the part of `text` that repeats the end of `before` (models often restate the last words). */
export function dropEchoOfBefore(text: string, before: string): string {
  const max = Math.min(text.length, before.length, 200);
  for (let n = max; n >= 4; n--) {
    if (before.endsWith(text.slice(0, n))) return text.slice(n);
  }
  return text;
}

const CLAUSE_END = /[。；！？;!?\n]/;
const CLAUSE_SOFT = /[，、：:,）)”’」』]/;

/** The longest prefix of `chars[0..limit)` ending on a sentence end, else on a comma-level pause, else ''. */
function cutToBoundary(chars: string[], limit: number): string {
  let hard = -1;
  let soft = -1;
  for (let i = 0; i < Math.min(limit, chars.length); i++) {
    if (CLAUSE_END.test(chars[i])) hard = i;
    else if (CLAUSE_SOFT.test(chars[i])) soft = i;
  }
  const end = hard >= 0 ? hard : soft;
  return end < 0 ? '' : chars.slice(0, end + 1).join('').replace(/\n+$/, '');
}

/**
 * Cuts `text` to at most `maxChars` characters (code points), ending on a clause boundary:
 * a sentence end if one is in range, else a comma-level pause. No boundary in range → ''.
 */
export function cutAtClause(text: string, maxChars: number): { text: string; cut: boolean } {
  const chars = Array.from(text);
  if (chars.length <= maxChars) return { text, cut: false };
  return { text: cutToBoundary(chars, maxChars), cut: true };
}

/** Only the whole clauses of text that broke off mid-way. */
export function wholeClauses(text: string): string {
  const chars = Array.from(text);
  return cutToBoundary(chars, chars.length);
}

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]+$/u;

/**
 * Letters and digits only, full-width ASCII folded, lower-cased one code point at a time: what
 * "the same words" means when comparing. A loop, because a Unicode-class regex over a whole digest
 * cost ~40 µs a request; Chinese text takes the fast branch, anything unusual the regex per code point.
 */
export function normalizeForCompare(s: string): string {
  let out = '';
  let run = -1; // start of a run of characters kept as they are
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // CJK unified ideographs (all \p{Lo}), a-z and 0-9 stay as they are
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0) { out += s.slice(run, i); run = -1; }
    if (c < 0x80) { if (c >= 0x41 && c <= 0x5a) out += String.fromCharCode(c + 0x20); continue; }
    if (c >= 0xff01 && c <= 0xff5e) { // full-width ASCII: fold, then the ASCII rules
      const a = c - 0xfee0;
      if ((a >= 0x61 && a <= 0x7a) || (a >= 0x30 && a <= 0x39)) out += String.fromCharCode(a);
      else if (a >= 0x41 && a <= 0x5a) out += String.fromCharCode(a + 0x20);
      continue;
    }
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    for (const ch of String.fromCodePoint(cp).toLowerCase()) if (LETTER_OR_NUMBER.test(ch)) out += ch;
  }
  return run >= 0 ? out + s.slice(run) : out;
}

export type DropReason = 'blank' | 'repeats_after' | 'repeats_document';

export interface PostContext {
  before: string;
  after: string;
  title?: string;
  /** the built-in engine repeats the document's own names and phrases on purpose: not a loop */
  repeatsWanted?: boolean;
}

/** Why this suggestion adds nothing to the document, or null when it is worth showing. */
export function whyDrop(text: string, ctx: PostContext): DropReason | null {
  const t = normalizeForCompare(text);
  if (!t) return 'blank';
  const after = normalizeForCompare(ctx.after);
  if (after && (after.startsWith(t) || (t.length >= 4 && t.startsWith(after.slice(0, Math.min(after.length, t.length)))))) {
    return 'repeats_after';
  }
  // Short answers ("特此通知。") legitimately recur; a longer one already in the text is a loop.
  if (!ctx.repeatsWanted && t.length >= 6 && (normalizeForCompare(ctx.before).includes(t) || normalizeForCompare(ctx.title ?? '') === t)) {
    return 'repeats_document';
  }
  return null;
}

export interface Finished {
  text: string;
  finishReason: FinishReason;
  dropped?: DropReason;
}

/** The whole post-processing of a complete (or deliberately stopped) answer. */
export function finish(
  raw: string,
  ctx: PostContext & { maxChars: number },
  /** the upstream broke off: keep only whole clauses of what arrived */
  partial = false,
): Finished {
  // An answer may open the next paragraph (……如下： → "\n一、"): keep that one break, unless the
  // cursor already stands at the start of an empty line.
  if (/^[ \t]*\n/.test(raw) && ctx.before !== '' && !ctx.before.endsWith('\n') && ctx.maxChars > 1) {
    const rest = finishParagraph(raw.replace(/^\s+/, ''), { ...ctx, before: ctx.before + '\n', maxChars: ctx.maxChars - 1 }, partial);
    return rest.text ? { ...rest, text: '\n' + rest.text } : rest;
  }
  return finishParagraph(raw, ctx, partial);
}

function finishParagraph(
  raw: string,
  ctx: PostContext & { maxChars: number },
  partial: boolean,
): Finished {
  const cleaned = dropEchoOfBefore(stripChatter(raw), ctx.before).replace(/^[ \t]+/, '');
  let { text, cut } = cutAtClause(cleaned, ctx.maxChars);
  if (partial && !cut) {
    text = wholeClauses(text);
    cut = true;
  }
  const dropped = whyDrop(text, ctx);
  if (dropped) return { text: '', finishReason: dropped === 'blank' ? 'empty' : 'filtered', dropped };
  return { text, finishReason: cut ? 'length' : 'stop' };
}

/** True once `raw` holds more usable text than `maxChars`, so the upstream can be stopped. */
export function hasEnough(raw: string, before: string, maxChars: number): boolean {
  // Cheap guard first: chatter cannot make short text long.
  if (raw.length <= maxChars) return false;
  return Array.from(dropEchoOfBefore(stripChatter(raw), before)).length > maxChars;
}
