// PII masking for external models: resident ID numbers (GB 11643 check digit), mobile numbers,
// bank card numbers (Luhn) and e-mail addresses become placeholders, restored in the answer.
import type { ContextDigest } from '../../core/protocol';

export type PiiKind = 'ID' | 'PHONE' | 'CARD' | 'EMAIL';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999: an 18-character citizen identity number with a valid check digit and birth date. */
export function isResidentId(s: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i];
  if (ID_CHECK[sum % 11] !== s[17].toUpperCase()) return false;
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14));
  return y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let n = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) { n *= 2; if (n > 9) n -= 9; }
    sum += n;
  }
  return sum % 10 === 0;
}

// Digit runs not glued to other digits/letters; cards may be written in groups of four.
const NUMBER_RUN = /(?<![\dA-Za-z])(?:\d{4}[ -]\d{4}[ -]\d{4}[ -]\d{4}(?:[ -]\d{1,3})?|\d{17}[\dXx]|\d{11,19})(?![\dA-Za-z])/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const MOBILE = /^1[3-9]\d{9}$/;

function classify(run: string): PiiKind | null {
  const digits = run.replace(/[ -]/g, '');
  if (digits.length === 18 && isResidentId(digits)) return 'ID';
  if (digits.length === 11 && MOBILE.test(digits)) return 'PHONE';
  if (/^\d{16,19}$/.test(digits) && luhnValid(digits)) return 'CARD';
  return null;
}

export interface Masker {
  /** text with every PII value replaced by a stable placeholder like [PHONE_1] */
  mask(text: string): string;
  /** the model's answer with placeholders put back to the original values */
  restore(text: string): string;
  /** how many distinct values were masked */
  readonly count: number;
}

export function createMasker(): Masker {
  const byValue = new Map<string, string>();
  const byToken = new Map<string, string>();
  const counters: Record<PiiKind, number> = { ID: 0, PHONE: 0, CARD: 0, EMAIL: 0 };
  const token = (kind: PiiKind, value: string): string => {
    let t = byValue.get(value);
    if (!t) {
      t = `[${kind}_${++counters[kind]}]`;
      byValue.set(value, t);
      byToken.set(t, value);
    }
    return t;
  };
  return {
    mask(text) {
      return text
        .replace(EMAIL, (m) => token('EMAIL', m))
        .replace(NUMBER_RUN, (m) => {
          const kind = classify(m);
          return kind ? token(kind, m) : m;
        });
    },
    restore(text) {
      if (byToken.size === 0) return text;
      // Models sometimes answer with full-width brackets; accept both.
      return text.replace(/[[［](ID|PHONE|CARD|EMAIL)_(\d+)[\]］]/g, (m, kind: string, n: string) => byToken.get(`[${kind}_${n}]`) ?? m);
    },
    get count() { return byValue.size; },
  };
}

/** A copy of the digest with every text field masked; the masker restores the answer. */
export function maskDigest(digest: ContextDigest, masker: Masker = createMasker()): { digest: ContextDigest; masker: Masker } {
  const m = (s: string): string => masker.mask(s);
  const masked: ContextDigest = {
    ...digest,
    title: m(digest.title),
    issuer: m(digest.issuer),
    recipients: m(digest.recipients),
    docNumber: m(digest.docNumber),
    signer: m(digest.signer),
    cc: m(digest.cc),
    classificationPeriod: m(digest.classificationPeriod),
    outline: digest.outline.map((h) => ({ ...h, ordinal: m(h.ordinal), text: m(h.text) })),
    section: digest.section.map((h) => ({ ...h, ordinal: m(h.ordinal), text: m(h.text) })),
    nextOrdinals: Object.fromEntries(Object.entries(digest.nextOrdinals).map(([k, v]) => [k, m(v)])),
    facts: {
      dates: digest.facts.dates.map(m),
      orgs: digest.facts.orgs.map(m),
      amounts: digest.facts.amounts.map(m),
      names: digest.facts.names.map(m),
      attachments: digest.facts.attachments.map(m),
    },
    before: m(digest.before),
    after: m(digest.after),
  };
  return { digest: masked, masker };
}
