// The digest stage as the pane runs it: one DigestBuilder kept between requests, fed the host's successive
// contexts. Each new text is turned into the one edit that separates it from the last (common prefix and
// suffix), so a keystroke re-parses one paragraph and the header read stays cached; the page header's
// marking (HostContext.header) is part of the document like the body's.
import type { HostContext } from '../DocumentHost';
import type { ContextDigest } from '../protocol';
import { DigestBuilder, type DigestOptions } from './DigestBuilder';
import { detectClassification } from './markings';

/** Block size for the prefix/suffix scan: equal blocks are compared as substrings (memcmp), not char by char. */
const BLOCK = 2048;

/** Length of the common prefix of a and b. */
export function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + BLOCK <= n && a.slice(i, i + BLOCK) === b.slice(i, i + BLOCK)) i += BLOCK;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** Length of the common suffix of a and b, not reaching into their first `floor` characters. */
export function commonSuffix(a: string, b: string, floor: number): number {
  const n = Math.min(a.length, b.length) - floor;
  let i = 0;
  while (i + BLOCK <= n && a.slice(a.length - i - BLOCK, a.length - i) === b.slice(b.length - i - BLOCK, b.length - i)) i += BLOCK;
  while (i < n && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** The page header's marking (some templates print the 密级 there) when the body has none: the digest
 * carries it, so the service applies the same rule. */
export function withHeaderMarking(digest: ContextDigest, header: string | undefined): ContextDigest {
  if (digest.classification || !header) return digest;
  const mark = detectClassification(header);
  return mark ? { ...digest, classification: mark.classification, classificationPeriod: mark.period } : digest;
}

export class DigestStage {
  private builder: DigestBuilder | null = null;
  private text = '';

  constructor(private readonly options: DigestOptions = {}) {}

  /** The digest of the whole context — body, cursor and page header — at its cursor. */
  digest(ctx: HostContext): ContextDigest {
    return withHeaderMarking(this.follow(ctx.text).digest(ctx.cursor, this.options), ctx.header);
  }

  /** The builder brought up to `text` by one edit (a new one for the first text). */
  private follow(text: string): DigestBuilder {
    const old = this.text;
    if (!this.builder) this.builder = new DigestBuilder(text);
    else if (text !== old) {
      const start = commonPrefix(old, text);
      const tail = commonSuffix(old, text, start);
      this.builder.applyEdit(start, old.length - tail, text.slice(start, text.length - tail));
    }
    this.text = text;
    return this.builder;
  }
}
