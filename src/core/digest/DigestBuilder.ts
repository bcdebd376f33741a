// Keeps a document as parsed paragraphs so that an edit re-parses only the paragraphs it
// touches, and builds the budgeted ContextDigest at any cursor from those parse results.
import type { ContextDigest, DigestFacts, Heading } from '../protocol';
import { DEFAULT_DIGEST_BUDGET } from '../protocol';
import { attachmentContinuation, attachmentsOnLine, extractFacts, type ParagraphFacts } from './facts';
import { effectiveBudget, fitDigest, type RankedHeading } from './fit';
import { FOOTER_LINES, HEADER_LINES, parseFooter, parseHeader } from './header';
import { formatOrdinal, parseHeading, type ParsedHeading } from './headings';

interface Paragraph {
  text: string;
  heading: ParsedHeading | null;
  /** names listed when this paragraph is an `附件：` line */
  attachments: string[] | null;
  /** the name if this paragraph would continue an attachment list (`2.XXX表`) */
  attachmentItem: string | null;
  /** computed on first use: most paragraphs are never asked for their facts */
  facts: ParagraphFacts | null;
}

export interface DigestOptions {
  /** max JSON.stringify(digest).length; default DEFAULT_DIGEST_BUDGET, at least MIN_DIGEST_BUDGET */
  budget?: number;
}

/** Facts kept per kind before the budget trims further. */
const FACTS_PER_KIND = 10;
/** How far (in paragraphs) from the cursor facts are looked for: bounded work on huge documents. */
const FACT_SCAN_PARAGRAPHS = 240;
/** Outline headings considered around the cursor before the budget trims further. */
const OUTLINE_BEFORE = 24;
const OUTLINE_AFTER = 12;

function parseParagraph(text: string): Paragraph {
  return {
    text,
    heading: parseHeading(text),
    attachments: attachmentsOnLine(text),
    attachmentItem: attachmentContinuation(text),
    facts: null,
  };
}

export class DigestBuilder {
  private paragraphs: Paragraph[];
  /** offset of each paragraph's first character in the document text */
  private starts: number[];
  private totalLength: number;

  constructor(text: string) {
    this.paragraphs = text.split('\n').map(parseParagraph);
    this.starts = new Array<number>(this.paragraphs.length);
    this.totalLength = text.length;
    this.reindexFrom(0);
  }

  /** Length of the document text. */
  get length(): number {
    return this.totalLength;
  }

  /** The document text (joins all paragraphs: for tests and debugging, not the hot path). */
  get text(): string {
    return this.paragraphs.map((p) => p.text).join('\n');
  }

  /** Replace text[start, end) with `inserted`; offsets are clamped to the document. Only the
   * paragraphs the edit touches are re-parsed. */
  applyEdit(start: number, end: number, inserted: string): void {
    const a = clampInt(start, 0, this.totalLength);
    const b = clampInt(end, a, this.totalLength);
    const i = this.paragraphAt(a);
    const j = this.paragraphAt(b);
    const merged =
      this.paragraphs[i].text.slice(0, a - this.starts[i]) + inserted + this.paragraphs[j].text.slice(b - this.starts[j]);
    const replacement = merged.split('\n').map(parseParagraph);
    this.paragraphs.splice(i, j - i + 1, ...replacement);
    this.starts.length = this.paragraphs.length;
    this.totalLength += inserted.length - (b - a);
    this.reindexFrom(i);
  }

  /** The digest at `cursor` (an offset into the text, clamped). */
  digest(cursor: number, options: DigestOptions = {}): ContextDigest {
    const budget = effectiveBudget(options.budget ?? DEFAULT_DIGEST_BUDGET);
    const pos = clampInt(cursor, 0, this.totalLength);
    const ci = this.paragraphAt(pos);
    const inPara = pos - this.starts[ci];
    const paras = this.paragraphs;

    const header = parseHeader(paras.slice(0, HEADER_LINES).map((p) => p.text));
    const footer = parseFooter(paras.slice(Math.max(0, paras.length - FOOTER_LINES)).map((p) => p.text));
    const bodyStart = header.titleLine + 1;

    // One pass over the parse results: attachment lists, the outline, the heading path at the cursor.
    const attachments: string[] = [];
    const outlineAt: number[] = []; // paragraph indices of outline headings
    let cursorSlot = 0; // how many outline headings stand before the cursor
    const stack: ParsedHeading[] = [];
    let inAttachmentList = false;
    for (let k = bodyStart; k < paras.length; k++) {
      const p = paras[k];
      if (p.attachments) {
        for (const a of p.attachments) if (a && attachments.length < FACTS_PER_KIND && !attachments.includes(a)) attachments.push(a);
        inAttachmentList = true;
        continue;
      }
      if (inAttachmentList && p.attachmentItem !== null) {
        if (attachments.length < FACTS_PER_KIND && !attachments.includes(p.attachmentItem)) attachments.push(p.attachmentItem);
        continue;
      }
      inAttachmentList = false;
      const h = p.heading;
      if (!h) continue;
      const beforeCursor = k < ci || (k === ci && inPara > 0);
      if (h.level <= 2) {
        outlineAt.push(k);
        if (beforeCursor) cursorSlot = outlineAt.length;
      }
      if (beforeCursor) {
        while (stack.length > 0 && stack[stack.length - 1].level >= h.level) stack.pop();
        stack.push(h);
      }
    }

    const outline: RankedHeading[] = [];
    const from = Math.max(0, cursorSlot - OUTLINE_BEFORE);
    const to = Math.min(outlineAt.length, cursorSlot + OUTLINE_AFTER);
    for (let s = from; s < to; s++) {
      const h = paras[outlineAt[s]].heading as ParsedHeading;
      // keep headings near the cursor; a top-level heading is worth three of a lower one
      const distance = s < cursorSlot ? cursorSlot - s : s - cursorSlot + 1;
      outline.push({ heading: plainHeading(h), rank: distance * (h.level <= 1 ? 1 : 3) });
    }

    const beforeSpan = budget; // each character costs ≥ 1, so this is more than any window needs
    const afterSpan = Math.min(budget, 600);
    return fitDigest(
      {
        docType: header.docType,
        title: header.title,
        issuer: header.issuer || footer.signature,
        recipients: header.recipients,
        docNumber: header.docNumber,
        signer: header.signer,
        cc: footer.cc,
        urgency: header.urgency,
        classification: header.classification,
        classificationPeriod: header.classificationPeriod,
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

  /** Facts from the title and the paragraphs nearest the cursor (two before for one after). */
  private factsAround(ci: number, titleLine: number): Omit<DigestFacts, 'attachments'> {
    const out: Omit<DigestFacts, 'attachments'> = { dates: [], orgs: [], amounts: [], names: [] };
    const take = (k: number): void => {
      const p = this.paragraphs[k];
      p.facts ??= extractFacts(p.text);
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
    for (let n = 0; n < FACT_SCAN_PARAGRAPHS && !full() && (back >= 0 || ahead < this.paragraphs.length); n++) {
      if (back >= 0 && (n % 3 !== 2 || ahead >= this.paragraphs.length)) take(back--);
      else if (ahead < this.paragraphs.length) take(ahead++);
    }
    return out;
  }

  /** text[start, end) assembled from the paragraphs it spans. */
  private slice(start: number, end: number): string {
    if (end <= start) return '';
    const i = this.paragraphAt(start);
    const j = this.paragraphAt(end);
    if (i === j) return this.paragraphs[i].text.slice(start - this.starts[i], end - this.starts[i]);
    const parts = [this.paragraphs[i].text.slice(start - this.starts[i])];
    for (let k = i + 1; k < j; k++) parts.push(this.paragraphs[k].text);
    parts.push(this.paragraphs[j].text.slice(0, end - this.starts[j]));
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
    let at = i === 0 ? 0 : this.starts[i - 1] + this.paragraphs[i - 1].text.length + 1;
    for (let k = i; k < this.paragraphs.length; k++) {
      this.starts[k] = at;
      at += this.paragraphs[k].text.length + 1;
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
