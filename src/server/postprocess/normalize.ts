// What "the same words" means when an answer is compared with the document.

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
