// Fits a digest into its budget. The budget counts JSON.stringify(digest).length — exactly what
// goes over the wire. Priority: docType, title, section path and classification always stay;
// outline and facts shrink first (farthest from the cursor first); the windows get what is
// left, most of it to `before`.
import type { ContextDigest, DigestFacts, Heading } from '../protocol';
import { DEFAULT_DIGEST_BUDGET } from '../protocol';
import { clip, jsonCost } from './chars';
import { cutAfter, cutBefore } from './window';

/** Budgets below this are raised to it: the promise "title, type and section survive" needs room. */
export const MIN_DIGEST_BUDGET = 200;
/** Share of the budget the metadata (outline, facts, header fields) may use before the windows. */
const META_SHARE = 0.5;
/** `after` gets at most this share of what is left for the windows, and at most AFTER_MAX. */
const AFTER_SHARE = 0.2;
const AFTER_MAX = 300;

export interface RankedHeading {
  heading: Heading;
  /** lower is more worth keeping (distance from the cursor, weighted by level) */
  rank: number;
}

/** The digest's header fields as parsed, before the budget decides what of the rest fits. */
export interface DigestParts extends Pick<ContextDigest,
  'docType' | 'title' | 'issuer' | 'recipients' | 'docNumber' | 'signer' | 'cc' | 'urgency' | 'classification' | 'classificationPeriod'> {
  /** in document order */
  outline: RankedHeading[];
  section: Heading[];
  nextOrdinals: Record<string, string>;
  /** each list most-relevant first */
  facts: DigestFacts;
  /** text ending exactly at the cursor (already bounded, longer than any window needs) */
  beforeText: string;
  atDocStart: boolean;
  /** text starting exactly at the cursor (bounded likewise) */
  afterText: string;
  atDocEnd: boolean;
}

/** The budget actually used for a requested one. */
export function effectiveBudget(budget: number | undefined): number {
  if (budget === undefined || !Number.isFinite(budget)) return DEFAULT_DIGEST_BUDGET;
  return Math.max(MIN_DIGEST_BUDGET, Math.floor(budget));
}

const size = (d: ContextDigest): number => JSON.stringify(d).length;
const FACT_KEYS: ReadonlyArray<keyof DigestFacts> = ['attachments', 'dates', 'orgs', 'amounts', 'names'];

export function fitDigest(parts: DigestParts, requestedBudget?: number): ContextDigest {
  const budget = effectiveBudget(requestedBudget);
  const outline = parts.outline.slice();
  const d: ContextDigest = {
    docType: parts.docType,
    title: clip(parts.title, 150),
    issuer: clip(parts.issuer, 60),
    recipients: clip(parts.recipients, 200),
    docNumber: clip(parts.docNumber, 40),
    signer: clip(parts.signer, 40),
    cc: clip(parts.cc, 200),
    urgency: parts.urgency,
    classification: parts.classification,
    classificationPeriod: clip(parts.classificationPeriod, 12),
    outline: outline.map((o) => o.heading),
    section: parts.section.map((h) => ({ ...h })),
    nextOrdinals: { ...parts.nextOrdinals },
    facts: {
      dates: parts.facts.dates.slice(), orgs: parts.facts.orgs.slice(), amounts: parts.facts.amounts.slice(),
      names: parts.facts.names.slice(), attachments: parts.facts.attachments.slice(),
    },
    before: '',
    after: '',
    budgetChars: budget,
  };

  // 1. Metadata lists shrink until the windows have their share.
  let current = size(d);
  const metaLimit = Math.floor(budget * META_SHARE);
  while (current > metaLimit && (d.outline.length > 0 || FACT_KEYS.some((k) => d.facts[k].length > 0))) {
    current -= dropOne(d, outline);
  }

  let compact = false;
  // 2. Still too big (small budgets): header fields go, least useful first; then the long strings shrink.
  if (current > budget) {
    for (const k of ['cc', 'signer', 'docNumber', 'recipients', 'issuer', 'classificationPeriod'] as const) {
      if (current <= budget) break;
      d[k] = '';
      current = size(d);
    }
  }
  if (current > budget) {
    d.nextOrdinals = {};
    d.urgency = '';
    current = size(d);
  }
  if (current > budget) {
    // Keys holding nothing are left out of the JSON (not of the object): readers of the wire form
    // fill them back with `completeDigest`.
    hideEmptyFields(d);
    compact = true;
    current = size(d);
  }
  if (current > budget) {
    for (const h of d.section) h.text = clip(h.text, 6);
    current = size(d);
  }
  if (current > budget) {
    d.title = clip(d.title, Math.max(8, d.title.length - (current - budget)));
    current = size(d);
  }
  if (current > budget) {
    // last resort for the smallest budgets: the path keeps its ordinals, loses its texts, and
    // then its outermost levels
    for (const h of d.section) h.text = '';
    current = size(d);
    while (current > budget && d.section.length > 1) { d.section.shift(); current = size(d); }
  }
  if (current > budget) {
    d.title = clip(d.title, Math.max(2, d.title.length - (current - budget)));
    current = size(d);
  }

  // 3. The windows take what is left, most of it for `before`. In compact form an empty window
  // is not written, so a window's key is paid for only when it holds text.
  const avail = Math.max(0, budget - current);
  const keyCost = (key: string): number => (compact ? `,"${key}":""`.length : 0);
  const afterMax = Math.min(AFTER_MAX, Math.floor(avail * AFTER_SHARE)) - keyCost('after');
  let after = cutAfter(parts.afterText, afterMax, parts.atDocEnd);
  const afterCost = after ? jsonCost(after) + keyCost('after') : 0;
  let before = cutBefore(parts.beforeText, avail - afterCost - keyCost('before'), parts.atDocStart);
  setWindow(d, 'after', after, compact);
  setWindow(d, 'before', before, compact);

  // Re-measure; as a last resort cut the windows down (never the promised fields).
  let over = size(d) - budget;
  if (over > 0 && after) { after = ''; setWindow(d, 'after', after, compact); over = size(d) - budget; }
  if (over > 0 && before) {
    before = cutBefore(parts.beforeText, Math.max(0, jsonCost(before) - over), false);
    setWindow(d, 'before', before, compact);
  }
  return d;
}

function setWindow(d: ContextDigest, key: 'before' | 'after', value: string, compact: boolean): void {
  Object.defineProperty(d, key, { value, enumerable: !compact || value !== '', writable: true, configurable: true });
}

/** Removes the least valuable outline entry or fact; returns how many JSON chars it saved. */
function dropOne(d: ContextDigest, ranked: RankedHeading[]): number {
  // facts first while they outnumber the outline, then the farthest heading
  let longest: keyof DigestFacts | null = null;
  for (const k of FACT_KEYS) if (!longest || d.facts[k].length > d.facts[longest].length) longest = k;
  const factCount = longest ? d.facts[longest].length : 0;
  if (longest && factCount > 0 && (factCount >= d.outline.length / 2 || d.outline.length === 0)) {
    const list = d.facts[longest];
    const item = list.pop() as string;
    return jsonCost(item) + 2 + (list.length > 0 ? 1 : 0);
  }
  let worst = 0;
  for (let i = 1; i < ranked.length; i++) if (ranked[i].rank > ranked[worst].rank) worst = i;
  const [gone] = ranked.splice(worst, 1);
  d.outline.splice(worst, 1);
  return JSON.stringify(gone.heading).length + (d.outline.length > 0 ? 1 : 0);
}

const ALWAYS_SHOWN: readonly string[] = ['docType', 'title', 'section', 'budgetChars'];

function isEmptyValue(v: unknown): boolean {
  if (v === '' || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object' && v !== null) return Object.values(v).every(isEmptyValue);
  return false;
}

function hideEmptyFields(d: ContextDigest): void {
  for (const key of Object.keys(d)) {
    if (ALWAYS_SHOWN.includes(key)) continue;
    const value = (d as unknown as Record<string, unknown>)[key];
    if (isEmptyValue(value)) Object.defineProperty(d, key, { value, enumerable: false, writable: true, configurable: true });
  }
}

/** A digest as read from the wire, with any key a tight budget left out filled with its empty value. */
export function completeDigest(wire: Partial<ContextDigest> & Pick<ContextDigest, 'docType'>): ContextDigest {
  return {
    title: '', issuer: '', recipients: '', docNumber: '', signer: '', cc: '', urgency: '',
    classification: null, classificationPeriod: '', outline: [], section: [], nextOrdinals: {},
    before: '', after: '', budgetChars: DEFAULT_DIGEST_BUDGET,
    ...wire,
    facts: { dates: [], orgs: [], amounts: [], names: [], attachments: [], ...(wire.facts ?? {}) },
  };
}
