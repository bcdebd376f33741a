// Character-level helpers for the digest: width folding, Chinese numerals, and the exact
// cost of a string once JSON.stringify has escaped it (the unit the budget is counted in).

/** Fold full-width ASCII (digits, letters, ．，（）etc.) and the ideographic space to their
 * half-width forms, so careless typing matches the same patterns. Length-preserving. */
export function foldWidth(s: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      out += String.fromCharCode(c - 0xfee0);
      changed = true;
    } else if (c === 0x3000) {
      out += ' ';
      changed = true;
    } else {
      out += s[i];
    }
  }
  return changed ? out : s;
}

// index = value; 〇 and 两 are read as 0 and 2 (see cnToInt)
const CN_DIGIT_LOOKUP = '零一二三四五六七八九';

/** 一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105; NaN when it is not a numeral. Runs for every
 * heading of every paragraph, so it avoids iterators and allocations. */
export function cnToInt(s: string): number {
  if (s.length === 0) return NaN;
  let total = 0;
  let current = 0;
  let sawUnit = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    let d = CN_DIGIT_LOOKUP.indexOf(ch);
    if (d < 0) d = ch === '〇' ? 0 : ch === '两' ? 2 : -1;
    if (d >= 0) {
      current = d;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
      sawUnit = true;
    } else if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
      sawUnit = true;
    } else {
      return NaN;
    }
  }
  // "一二" is not a numeral; a run of digits without units only makes sense as one digit
  if (!sawUnit && s.length > 1) return NaN;
  return total + current;
}

const DIGIT_CHARS = '零一二三四五六七八九';

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (1..999). */
export function intToCn(n: number): string {
  if (!Number.isFinite(n) || n <= 0 || n >= 1000) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let out = '';
  if (h) out += DIGIT_CHARS[h] + '百';
  if (t) out += (t === 1 && !h ? '' : DIGIT_CHARS[t]) + '十';
  else if (h && u) out += '零';
  if (u) out += DIGIT_CHARS[u];
  return out;
}

/** How many characters `c` (a UTF-16 code unit at index i of s) adds to JSON.stringify(s). */
function unitCost(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 0x22 || c === 0x5c) return 2; // \" and \\
  if (c < 0x20) return c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = s.charCodeAt(i + 1);
    return d >= 0xdc00 && d <= 0xdfff ? 1 : 6; // pair: 1 here + 1 for the low half
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = s.charCodeAt(i - 1);
    return p >= 0xd800 && p <= 0xdbff ? 1 : 6; // lone surrogates are written as \udxxx
  }
  return 1;
}

/** JSON.stringify(s).length - 2, without allocating. */
export function jsonCost(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) n += unitCost(s, i);
  return n;
}

/** Longest prefix of s whose JSON cost is ≤ max, never splitting a surrogate pair. */
export function prefixWithin(s: string, max: number): string {
  let n = 0;
  let i = 0;
  for (; i < s.length; i++) {
    const u = unitCost(s, i);
    const pair = isHighSurrogatePair(s, i);
    const add = pair ? u + unitCost(s, i + 1) : u;
    if (n + add > max) break;
    n += add;
    if (pair) i++;
  }
  return s.slice(0, i);
}

/** Start index of the longest suffix of s whose JSON cost is ≤ max, never splitting a pair. */
export function suffixStartWithin(s: string, max: number): number {
  let n = 0;
  let i = s.length;
  while (i > 0) {
    const pair = i >= 2 && isHighSurrogatePair(s, i - 2);
    const add = pair ? unitCost(s, i - 2) + unitCost(s, i - 1) : unitCost(s, i - 1);
    if (n + add > max) break;
    n += add;
    i -= pair ? 2 : 1;
  }
  return i;
}

function isHighSurrogatePair(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff) return false;
  const d = s.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff;
}

/** Cut s to at most `max` characters for display, marking the cut with …. */
export function clip(s: string, max: number): string {
  if (s.length <= max) return s;
  if (max <= 1) return '';
  let end = max - 1;
  if (isHighSurrogatePair(s, end - 1)) end--;
  return s.slice(0, end) + '…';
}
