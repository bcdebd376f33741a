// Pure helpers for WordHost: turning Word's Range.text into our plain text, cutting ghost
// text out of it, and a cheap fingerprint. No Office.js here, so they are unit-testable.

/** Word reports paragraph marks as '\r' and manual line breaks as '\v' [UNCONFIRMED per
 *  platform]; map each to '\n' one-for-one so offsets stay valid. */
export function normalizeWordText(s: string): string {
  return s.replace(/[\r\u000b]/g, '\n');
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

/** FNV-1a over text + caret: cheap to compare, changes with any edit or caret move */
export function fingerprintOf(text: string, cursor: number, selectionEmpty: boolean): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${text.length}:${cursor}:${selectionEmpty ? 1 : 0}:${h.toString(36)}`;
}

/** Office.context.document.url of a document stored in OneDrive/SharePoint (DESIGN "Cloud documents") */
export function isCloudUrl(url: string | undefined | null): boolean {
  return typeof url === 'string' && /^https:\/\//i.test(url.trim());
}
