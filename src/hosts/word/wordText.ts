// Pure helpers for WordHost: turning Word's Range.text into our plain text, cutting ghost
// text out of it, what the clerk typed into a ghost, and whether a URL is the cloud. No Office.js here, so they are unit-testable.

/** Word reports paragraph marks as '\r' and manual line breaks as '\v' [UNCONFIRMED per
 *  platform]; map each to '\n' one-for-one so offsets stay valid. */
export function normalizeWordText(s: string): string {
  return s.replace(/[\r\u000b]/g, '\n');
}

/**
 * Where the `ordinal`-th (0-based) occurrence of `line` standing as whole lines starts in `full` ('\n' or an end on
 * either side; `line` may hold a manual line break), when `full` holds exactly `count` of them (the paragraphs known
 * to have that text); -1 otherwise, e.g. when a table cell repeats a paragraph's text and they no longer map
 * one-to-one.
 */
export function lineStart(full: string, line: string, ordinal: number, count: number): number {
  const starts: number[] = [];
  for (let at = full.indexOf(line); at >= 0; at = at < full.length ? full.indexOf(line, at + 1) : -1) {
    const end = at + line.length;
    if ((at === 0 || full[at - 1] === '\n') && (end === full.length || full[end] === '\n')) starts.push(at);
  }
  return starts.length === count && ordinal < count ? starts[ordinal]! : -1;
}

export interface Cut {
  /** offset of the ghost in the full text (ghost included) */
  at: number;
  length: number;
}

/** remove ghost spans from `full`, moving `cursor` with them */
export function cutGhosts(full: string, cursor: number, cuts: Cut[]): { text: string; cursor: number } {
  const sorted = [...cuts].filter((c) => c.length > 0).sort((a, b) => b.at - a.at);
  let text = full;
  let cur = cursor;
  for (const c of sorted) {
    const end = Math.min(c.at + c.length, text.length);
    if (c.at >= end) continue;
    text = text.slice(0, c.at) + text.slice(end);
    if (cur > c.at) cur -= Math.min(cur, end) - c.at;
  }
  return { text, cursor: cur };
}

/** Office.context.document.url of a document stored in OneDrive/SharePoint (DESIGN "Cloud documents") */
export function isCloudUrl(url: string | undefined | null): boolean {
  return typeof url === 'string' && /^https:\/\//i.test(url.trim());
}

/**
 * What the clerk typed into the ghost's control (issue 28 §2): the control's text compared with the text
 * the host wrote. The ghost's own characters are the longest common prefix and suffix; what lies between
 * is the clerk's. `ghostLeft`/`ghostRight` count the ghost characters before and after the clerk's text.
 * Where a typed character equals the ghost's, which copy is "theirs" cannot be told and does not matter:
 * the text that stays is the same.
 */
export function splitTyped(controlText: string, ghost: string): { typed: string; ghostLeft: number; ghostRight: number } {
  let left = 0;
  while (left < controlText.length && left < ghost.length && controlText[left] === ghost[left]) left++;
  let right = 0;
  while (right < controlText.length - left && right < ghost.length - left && controlText[controlText.length - 1 - right] === ghost[ghost.length - 1 - right]) right++;
  return { typed: controlText.slice(left, controlText.length - right), ghostLeft: left, ghostRight: right };
}
