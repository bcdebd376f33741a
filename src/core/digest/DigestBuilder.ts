// Keeps a document as paragraphs with lazily computed parse results, so that an edit re-parses
// only the paragraphs it touches, and builds the budgeted ContextDigest at any cursor by looking
// at the header, the footer and the cursor's neighbourhood — never the whole text.
import type { ContextDigest, DigestFacts, Heading } from '../protocol';
import { DEFAULT_DIGEST_BUDGET } from '../protocol';
import { attachmentContinuation, attachmentsOnLine, extractFacts, type ParagraphFacts } from './facts';
import { effectiveBudget, fitDigest, type RankedHeading } from './fit';
import { CARRIED_SCAN, findCarriedStart, FOOTER_LINES, HEADER_SCAN, parseFooter, parseHeader, type CarriedStart, type HeaderInfo } from './header';
import { headMarking, severerMark, type ClassificationMark } from './markings';
import { formatOrdinal, parseHeading, type ParsedHeading } from './headings';

/** What one paragraph parses to; computed on first use and dropped when an edit touches it. */
interface Paragraph {
  heading: ParsedHeading | null;
  /** names listed when this paragraph is an `附件：` line */
  attachments: string[] | null;
  /** the name if this paragraph would continue an attachment list (`2.XXX表`) */
  attachmentItem: string | null;
  /** computed on first use: most paragraphs are never asked for their facts */
  facts: ParagraphFacts | null;
}

interface HeadCache {
  cover: HeaderInfo;
  /** where the document a 印发/转发 notice carries begins (a paragraph index), and the notice's 署名 */
  carried: CarriedStart | null;
  carriedHeader: HeaderInfo | null;
  /** the document's binding marking: the most severe at its top (below any number of blank lines) or
   *  at the top of the document it carries */
  marking: ClassificationMark | null;
  /** paragraphs [0, readUpTo) were read to find these */
  readUpTo: number;
}

export interface DigestOptions {
  /** max JSON.stringify(digest).length; default DEFAULT_DIGEST_BUDGET, at least MIN_DIGEST_BUDGET */
  budget?: number;
}

/** The digest looks at the neighbourhood of the cursor, not the whole document: these bound the
 * walks (in paragraphs), so a keystroke costs the same in a 1M document as in a 10k one. */
const OUTLINE_SCAN_BACK = 4000;
const OUTLINE_SCAN_AHEAD = 400;
/** 附件说明 sits after the body, before the 署名 and any attached documents. */
const ATTACHMENT_TAIL = 400;
const ATTACHMENT_NEAR_CURSOR = 60;
/** Facts kept per kind before the budget trims further. */
const FACTS_PER_KIND = 10;
/** How far (in paragraphs) from the cursor facts are looked for: bounded work on huge documents. */
const FACT_SCAN_PARAGRAPHS = 80;
/** Outline headings considered around the cursor before the budget trims further. */
const OUTLINE_BEFORE = 24;
const OUTLINE_AFTER = 12;

function parseParagraph(text: string): Paragraph {
  return {
    heading: parseHeading(text),
    attachments: attachmentsOnLine(text),
    attachmentItem: attachmentContinuation(text),
    facts: null,
  };
}

export class DigestBuilder {
  private texts: string[];
  /** parse results, filled on first use; `undefined` = not parsed yet */
  private parsed: Array<Paragraph | undefined>;
  /** offset of each paragraph's first character in the document text */
  private starts: number[];
  private totalLength: number;
  /** the headers read from the top of the text; dropped by an edit above `readUpTo` */
  private head: HeadCache | null = null;

  constructor(text: string) {
    this.texts = text.split('\n');
    this.parsed = new Array<Paragraph | undefined>(this.texts.length);
    this.starts = new Array<number>(this.texts.length);
    this.totalLength = text.length;
    this.reindexFrom(0);
  }

  /** Length of the document text. */
  get length(): number {
    return this.totalLength;
  }

  /** The document text (joins all paragraphs: for tests and debugging, not the hot path). */
  get text(): string {
    return this.texts.join('\n');
  }

  /** Replace text[start, end) with `inserted`; offsets are clamped to the document. Only the
   * paragraphs the edit touches are re-parsed. */
  applyEdit(start: number, end: number, inserted: string): void {
    const a = clampInt(start, 0, this.totalLength);
    const b = clampInt(end, a, this.totalLength);
    const i = this.paragraphAt(a);
    const j = this.paragraphAt(b);
    const merged = this.texts[i].slice(0, a - this.starts[i]) + inserted + this.texts[j].slice(b - this.starts[j]);
    const replacement = merged.split('\n');
    this.texts.splice(i, j - i + 1, ...replacement);
    this.parsed.splice(i, j - i + 1, ...new Array<Paragraph | undefined>(replacement.length));
    this.starts.length = this.texts.length;
    this.totalLength += inserted.length - (b - a);
    this.reindexFrom(i);
    if (this.head && i < this.head.readUpTo) this.head = null;
  }

  private para(k: number): Paragraph {
    let p = this.parsed[k];
    if (!p) {
      p = parseParagraph(this.texts[k]);
      this.parsed[k] = p;
    }
    return p;
  }

  /** Is paragraph k an item of an attachment list (`附件：1.…` then `2.…`), not a heading?
   * `run` remembers the answer for the whole run of numbered paragraphs, so that walking back
   * through a long numbered list does not re-walk it for every item. */
  private isAttachmentItem(k: number, bodyStart: number, run: { from: number; to: number; value: boolean }): boolean {
    if (run.from <= k && k <= run.to) return run.value;
    if (this.para(k).attachmentItem === null) return false;
    let m = k;
    while (m > bodyStart && this.para(m).attachmentItem !== null) m--;
    run.from = m + 1;
    run.to = k;
    run.value = this.para(m).attachments !== null;
    return run.value;
  }

  /** The digest at `cursor` (an offset into the text, clamped). */
  digest(cursor: number, options: DigestOptions = {}): ContextDigest {
    const budget = effectiveBudget(options.budget ?? DEFAULT_DIGEST_BUDGET);
    const pos = clampInt(cursor, 0, this.totalLength);
    const ci = this.paragraphAt(pos);
    const inPara = pos - this.starts[ci];
    const count = this.texts.length;

    const footer = parseFooter(this.texts.slice(Math.max(0, count - FOOTER_LINES)));
    const { header, issuer } = this.documentAt(ci, footer.signature);
    const bodyStart = header.titleLine + 1;

    // Heading path at the cursor and the outline before it, walking back from the cursor. A
    // heading belongs to the path when every heading after it (up to the cursor) is deeper —
    // the same result as replaying all headings from the top, without reading them all.
    const stack: ParsedHeading[] = [];
    const before: RankedHeading[] = [];
    let minLevel = Infinity;
    const backLimit = Math.max(bodyStart, ci - OUTLINE_SCAN_BACK);
    const run = { from: 1, to: 0, value: false };
    for (let k = ci; k >= backLimit; k--) {
      if (k === ci && inPara === 0) continue; // the cursor stands before this paragraph
      const h = this.para(k).heading;
      // only a numbered (level 3) line can be an attachment item
      if (!h || (h.level === 3 && this.isAttachmentItem(k, bodyStart, run))) continue;
      if (h.level < minLevel) {
        stack.unshift(h);
        minLevel = h.level;
      }
      if (h.level <= 2 && before.length < OUTLINE_BEFORE) before.unshift({ heading: plainHeading(h), rank: 0 });
      // the path is complete at a top-level heading (for 第X条, only at its 第X章)
      const pathDone = minLevel === 0 || (minLevel === 1 && !stack[0].article);
      if (pathDone && before.length >= OUTLINE_BEFORE) break;
    }
    const after: RankedHeading[] = [];
    const aheadLimit = Math.min(count - 1, ci + OUTLINE_SCAN_AHEAD);
    for (let k = inPara === 0 ? ci : ci + 1; k <= aheadLimit && after.length < OUTLINE_AFTER; k++) {
      if (k < bodyStart) continue;
      const h = this.para(k).heading;
      if (h && h.level <= 2) after.push({ heading: plainHeading(h), rank: 0 });
    }
    // keep headings near the cursor; a top-level heading is worth three of a lower one
    before.forEach((o, idx) => { o.rank = (before.length - idx) * (o.heading.level <= 1 ? 1 : 3); });
    after.forEach((o, idx) => { o.rank = (idx + 1) * (o.heading.level <= 1 ? 1 : 3); });
    const outline = before.concat(after);

    const attachments = this.attachmentsNear(ci, bodyStart);

    const beforeSpan = budget; // each character costs ≥ 1, so this is more than any window needs
    const afterSpan = Math.min(budget, 600);
    return fitDigest(
      {
        docType: header.docType,
        title: header.title,
        issuer,
        recipients: header.recipients,
        docNumber: header.docNumber,
        signer: header.signer,
        cc: footer.cc,
        urgency: header.urgency,
        classification: this.headers().marking?.classification ?? null,
        classificationPeriod: this.headers().marking?.period ?? '',
        outline,
        section: stack.map(plainHeading),
        nextOrdinals: nextOrdinals(stack),
        facts: { ...this.factsAround(ci, header.titleLine), attachments },
        beforeText: this.slice(Math.max(0, pos - beforeSpan), pos),
        atDocStart: pos - beforeSpan <= 0,
        afterText: this.slice(pos, Math.min(this.totalLength, pos + afterSpan)),
        atDocEnd: pos + afterSpan >= this.totalLength,
      },
      budget,
    );
  }

  /** The header of the document the cursor is in — a 印发/转发 notice, or the document it carries
   * once the cursor is past the notice's 成文日期 — with its title line as an index into the whole
   * text, and its issuer (the 署名 when the header names none; a document that a 印发 notice
   * carries is issued by the notice's issuer). Bounded: the notice's first CARRIED_SCAN lines. */
  private documentAt(ci: number, footerSignature: string): { header: HeaderInfo; issuer: string } {
    const head = this.headers();
    const { cover, carried } = head;
    if (!carried) return { header: cover, issuer: cover.issuer || footerSignature };
    const coverIssuer = cover.issuer || carried.coverSignature;
    const own = head.carriedHeader;
    if (ci >= carried.line && own && (own.titleLine >= 0 || own.title)) {
      const inherited = /转发|批转/.test(cover.title) ? '' : coverIssuer;
      return { header: own, issuer: own.issuer || inherited || footerSignature };
    }
    return { header: cover, issuer: coverIssuer };
  }

  /** The headers at the top of the text, kept until an edit touches the paragraphs they were read
   * from: a keystroke in the body does not read them again. */
  private headers(): HeadCache {
    if (this.head) return this.head;
    const cover = parseHeader(this.texts.slice(0, HEADER_SCAN));
    // after the title, or after the 主送 of a notice with no title
    const from = (cover.titleLine >= 0 ? cover.titleLine : cover.endLine) + 1;
    const found = from > 0 ? findCarriedStart(cover.title, this.texts.slice(from, from + CARRIED_SCAN)) : null;
    const top = headMarking(this.texts);
    let head: HeadCache = { cover, carried: null, carriedHeader: null, marking: top.mark,
      readUpTo: Math.max(HEADER_SCAN, from + CARRIED_SCAN, top.linesRead) };
    if (found) {
      const start = from + found.line;
      const own = parseHeader(this.texts.slice(start, start + HEADER_SCAN), { firstLineIsTitle: true });
      if (own.titleLine >= 0) own.titleLine += start;
      const carriedMark = own.classification ? { classification: own.classification, period: own.classificationPeriod } : null;
      const marking = severerMark(top.mark, carriedMark);
      head = { cover, carried: { line: start, coverSignature: found.coverSignature }, carriedHeader: own, marking,
        readUpTo: Math.max(head.readUpTo, start + HEADER_SCAN) };
    }
    this.head = head;
    return head;
  }

  /** Attachment names from the 附件说明: looked for in the document's tail and near the cursor. */
  private attachmentsNear(ci: number, bodyStart: number): string[] {
    const out: string[] = [];
    const count = this.texts.length;
    const ranges: Array<[number, number]> = [
      [Math.max(bodyStart, ci - ATTACHMENT_NEAR_CURSOR), Math.min(count, ci + ATTACHMENT_NEAR_CURSOR)],
      [Math.max(bodyStart, count - ATTACHMENT_TAIL, ci + ATTACHMENT_NEAR_CURSOR), count],
    ];
    for (const [from, to] of ranges) {
      let inList = false;
      for (let k = Math.max(0, from); k < to; k++) {
        const p = this.para(k);
        const items: string[] | null = p.attachments ?? (inList && p.attachmentItem !== null ? [p.attachmentItem] : null);
        inList = items !== null;
        for (const a of items ?? []) if (a && out.length < FACTS_PER_KIND && !out.includes(a)) out.push(a);
      }
    }
    return out;
  }

  /** Facts from the title and the paragraphs nearest the cursor (two before for one after). */
  private factsAround(ci: number, titleLine: number): Omit<DigestFacts, 'attachments'> {
    const out: Omit<DigestFacts, 'attachments'> = { dates: [], orgs: [], amounts: [], names: [] };
    const take = (k: number): void => {
      const p = this.para(k);
      p.facts ??= extractFacts(this.texts[k]);
      for (const key of ['dates', 'orgs', 'amounts', 'names'] as const) {
        for (const v of p.facts[key]) {
          if (out[key].length >= FACTS_PER_KIND) break;
          if (!out[key].includes(v)) out[key].push(v);
        }
      }
    };
    const full = (): boolean => out.dates.length >= FACTS_PER_KIND && out.orgs.length >= FACTS_PER_KIND &&
      out.amounts.length >= FACTS_PER_KIND && out.names.length >= FACTS_PER_KIND;
    if (titleLine >= 0) take(titleLine);
    let back = ci;
    let ahead = ci + 1;
    for (let n = 0; n < FACT_SCAN_PARAGRAPHS && !full() && (back >= 0 || ahead < this.texts.length); n++) {
      if (back >= 0 && (n % 3 !== 2 || ahead >= this.texts.length)) take(back--);
      else if (ahead < this.texts.length) take(ahead++);
    }
    return out;
  }

  /** text[start, end) assembled from the paragraphs it spans. */
  private slice(start: number, end: number): string {
    if (end <= start) return '';
    const i = this.paragraphAt(start);
    const j = this.paragraphAt(end);
    if (i === j) return this.texts[i].slice(start - this.starts[i], end - this.starts[i]);
    const parts = [this.texts[i].slice(start - this.starts[i])];
    for (let k = i + 1; k < j; k++) parts.push(this.texts[k]);
    parts.push(this.texts[j].slice(0, end - this.starts[j]));
    return parts.join('\n');
  }

  /** Index of the paragraph holding offset `pos` (a '\n' belongs to the paragraph it ends). */
  private paragraphAt(pos: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  private reindexFrom(i: number): void {
    let at = i === 0 ? 0 : this.starts[i - 1] + this.texts[i - 1].length + 1;
    for (let k = i; k < this.texts.length; k++) {
      this.starts[k] = at;
      at += this.texts[k].length + 1;
    }
  }
}

function plainHeading(h: ParsedHeading): Heading {
  return { level: h.level, ordinal: h.ordinal, text: h.text };
}

/** The ordinal that would come next at each level, given the heading path at the cursor. */
function nextOrdinals(stack: readonly ParsedHeading[]): Record<string, string> {
  const out: Record<string, string> = {};
  const chapter = stack.find((h) => h.level === 0);
  if (chapter) out['0'] = formatOrdinal(0, chapter.n + 1, true);
  for (let level = 1; level <= 4; level++) {
    const at = stack.find((h) => h.level === level);
    out[String(level)] = at ? formatOrdinal(level, at.n + 1, at.article) : formatOrdinal(level, 1);
  }
  return out;
}

function clampInt(v: number, lo: number, hi: number): number {
  if (!Number.isFinite(v)) return v === Infinity ? hi : lo;
  return Math.min(hi, Math.max(lo, Math.floor(v)));
}
