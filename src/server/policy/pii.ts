// PII masking for external models: ID numbers, phone numbers, bank cards, e-mail, passports and the
// names after contact labels become placeholders like [PHONE_1], restored in the answer. What a
// 公文 must keep (文号, dates, amounts, article numbers, organisation codes) is never touched.
import type { ContextDigest, PiiKind } from '../../core/protocol';
import { foldWidth } from '../../core/digest/chars';

export type { PiiKind };
export const PII_KINDS: readonly PiiKind[] = ['ID', 'PHONE', 'CARD', 'EMAIL', 'PASSPORT', 'NAME'];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999: an 18-character citizen identity number with a valid check digit and birth date. */
export function isResidentId(s: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i];
  if (ID_CHECK[sum % 11] !== s[17].toUpperCase()) return false;
  return idShaped(s);
}

// GB/T 2260 province codes (first two digits), 71 Taiwan, 81/82 Hong Kong/Macao, 83 residence permits.
const PROVINCE = /^(?:1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[123])/;

/** An ID number as a person types it: a plausible region and birth date. The check digit decides
 * whether the number is valid, not whether it is somebody's, so it is not looked at. */
export function idShaped(digits: string): boolean {
  if (!PROVINCE.test(digits)) return false;
  const long = digits.length === 18;
  if (!long && digits.length !== 15) return false;
  const y = long ? Number(digits.slice(6, 10)) : 1900 + Number(digits.slice(6, 8));
  const m = Number(digits.slice(long ? 10 : 8, long ? 12 : 10));
  const d = Number(digits.slice(long ? 12 : 10, long ? 14 : 12));
  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 && d <= 31;
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

// All patterns run on foldWidth(text), which keeps every offset, so full-width digits match too.
// Linear on any input, by construction: every quantifier is bounded (a gap after a label is at most
// GAP spaces, a value at most a few dozen characters), no two unbounded quantifiers stand side by side
// or nested, and value patterns start only where a run starts (a lookbehind). tests/server/piiLinear
// measures it on adversarial input; `npm run bench -- pii` reports worstCaseMsPer40KB.
/** Spaces and a colon between a label and its value: bounded, so a run of spaces costs nothing. */
const GAP = '\\s{0,8}[:：]?\\s{0,8}';
const EMAIL = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/g;
// A number followed by a unit is a quantity (13500000000元), not a phone or an ID.
const NOT_QUANTITY = '(?!\\s{0,4}(?:元|万|亿|千|百|%|个|人|户|次|吨|米|平方|亩|件|台|辆|份|条|款|项|字|页|kg|km|m²))';
// 18/15-digit IDs (maybe typed in 6-8-4 groups), 16–19-digit cards (maybe in groups of four), mobiles (+86).
const NUMBER_RUN = new RegExp(
  '(?<![\\dA-Za-z.])(?:\\d{6}[ -]?\\d{8}[ -]?\\d{3}[\\dXx]|\\d{4}(?:[ -]\\d{4}){3}(?:[ -]?\\d{1,3})?|(?:\\+?86[ -]?)?1[3-9]\\d(?:[ -]?\\d{4}){2}|\\d{15,19})' +
  `(?![\\dA-Za-z]|\\.\\d)${NOT_QUANTITY}`, 'g');
// A mobile with digits the template left as × (139××××5678) is still a mobile.
const MOBILE_X = /(?<![\dA-Za-z×*])1[3-9][\d×*](?:[ -]?[\d×*]{4}){2}(?![\dA-Za-z×*])/g;
// Landlines with an area code: 010-66012345, (0871)6123456, 0571 8888 6666 转 801; × stands for a digit
// the template left blank (010-6601××××) and is still a number.
const TAIL = '(?:[\\d×*]{7,8}|\\d{3,4}[ -][\\d×*]{4})';
const EXT = '(?:\\s{0,3}(?:转|分机|-|ext\\.?|x)\\s{0,3}\\d{1,6}(?!\\d))?';
// area code: 010-, (010), 0086-10-, +86 10 (the leading 0 goes in the international form)
const AREA = '(?:(?:\\+|00)86[ -]?[(（]?0?[1-9]\\d{1,2}[)）]?[ -]?|[(（]0\\d{2,3}[)）]\\s?|0\\d{2,3}[ -]?)';
const LANDLINE = new RegExp(`(?<![\\dA-Za-z.])${AREA}${TAIL}(?![\\d×*])${EXT}${NOT_QUANTITY}`, 'g');
// After a phone label a local number (66012345), a mobile with ×, or a second number (、66012346) is a phone too.
const PHONE_WORDS = '(?:电\\s{0,2}话|手\\s{0,2}机|传\\s{0,2}真|座机|热线|联系方式|Tel|TEL|Fax|FAX)';
const PHONE_LABEL = new RegExp(`(?:联系|办公|咨询|值班|监督|举报)?${PHONE_WORDS}(?:号码?)?${GAP}`, 'g');
const LABELLED_PHONE = new RegExp(`^(?:(?:\\+?86[ -]?)?1[3-9][\\d×*](?:[ -]?[\\d×*]{4}){2}|${AREA}?${TAIL})(?![\\d×*])${EXT}`);
const PHONE_SEP = /^(?:\s{0,3}[、，,;；/或]\s{0,3}|\s{1,3})/;
// After a card or account label the number is a card whatever its check digit (a typo is still somebody's).
const CARD_WORDS = '(?:银行卡|卡号|银行账号|账号|帐号|账户|收款账户)';
const CARD_LABELLED = new RegExp(`${CARD_WORDS}(?:号码?)?${GAP}(\\d{4}(?:[ -]?\\d{2,4}){2,5})(?!\\d)`, 'g');
const PASSPORT = /(?<![A-Za-z0-9])(?:E[A-Z]?\d{7,8}|G\d{8})(?![A-Za-z0-9])/g;
const PASSPORT_LABELLED = new RegExp(`护照(?:号码?)?${GAP}([A-Za-z]{1,2}\\d{7,8})(?![A-Za-z0-9])`, 'g');
// 联系人：李××，联系电话…  经办人：欧阳小明 13800138000  联系人及电话：张三、李四
const NAME_LABEL = /(?:联系人(?:及(?:联系)?(?:电话|方式))?|经办人|承办人|联系人员|咨询人|负责人|申请人)\s{0,4}[:：]\s{0,4}/g;
const NAME = /^[\u4e00-\u9fa5×*](?:\s{0,2}[\u4e00-\u9fa5×*]){1,3}?(?=同志|女士|先生|老师|电话|手机|联系|传真|[，,、；;。：:）)（(\s\d]|$)/;
// A number after these labels is an organisation's code or a record number, not a person's.
const NOT_PII_LABEL = /(?:信用代码|机构代码|组织代码|注册号|税号|识别号|登记号|代码|编号|单号|订单号|流水号|批次号|文号)\s{0,4}[:：]?\s{0,4}$/;
// In a contact line a second person may follow without a label: `；苏杭，0898-65301235`.
const NAME_BEFORE_PHONE = /[；;、]\s{0,3}([\u4e00-\u9fa5×*]{2,4})[，,：:（(\s]{0,3}(?=(?:\+|00)?\d)/g;
const NOT_A_NAME = /(?:电话|手机|传真|邮箱|方式|号码|地址|单位|部门)$/;

interface Span { start: number; end: number; kind: PiiKind }

function numberKind(run: string): PiiKind | null {
  const digits = run.replace(/[ -]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
  if ((digits.length === 18 || digits.length === 15) && idShaped(digits)) return 'ID';
  if (digits.length === 11 && /^1[3-9]\d{9}$/.test(digits)) return 'PHONE';
  if (/^\d{16,19}$/.test(digits) && luhnValid(digits)) return 'CARD';
  return null;
}

// While a clerk types a number, the pane asks at every pause: the digits before the cursor after a label
// are the number they are becoming (a 10-digit mobile, a 17-digit ID), masked as one. Anchored at the
// cursor ($) on a bounded slice, so each costs the same whatever the text.
const TYPING: ReadonlyArray<[PiiKind, RegExp]> = [
  // (a group separator just typed stays with the number: `010-`, `6222 `)
  ['PHONE', new RegExp(`${PHONE_WORDS}(?:号码?)?${GAP}((?:\\+?86[ -]?)?[\\d×*](?:[ -]?[\\d×*]){0,15}[ -]?)$`)],
  ['ID', new RegExp(`(?:身份证件?|证件|公民身份)(?:号码?)?${GAP}(\\d(?:[ -]?\\d){0,16}[Xx]?)$`)],
  ['CARD', new RegExp(`${CARD_WORDS}(?:号码?)?${GAP}(\\d(?:[ -]?\\d){0,22}[ -]?)$`)],
  ['PASSPORT', new RegExp(`护照(?:号码?)?${GAP}([A-Za-z]{1,2}\\d{0,8}|\\d{1,9})$`)],
];
/** How far before the cursor a label and a number being typed may reach. */
const TYPING_REACH = 64;

/** The number being typed at `cursor` after a label, running on past the cursor when the text after it
 * holds more of its digits; null when there is none. */
function typedAtCursor(t: string, cursor: number): Span | null {
  const head = t.slice(Math.max(0, cursor - TYPING_REACH), cursor);
  for (const [kind, re] of TYPING) {
    const m = re.exec(head);
    if (!m) continue;
    let end = cursor;
    while (end < t.length && end - cursor < 24 && /[\d×*Xx]/.test(t[end])) end++;
    return { start: cursor - m[1].length, end, kind };
  }
  return null;
}

/** Every PII value in `text` as [start, end) spans, not overlapping, in order. With `cursor` (where the
 * clerk types), a number being typed after a label there counts as the number it is becoming. */
export function findPii(text: string, cursor?: number): Span[] {
  const t = foldWidth(text);
  const spans: Span[] = [];
  const add = (start: number, end: number, kind: PiiKind): void => { if (end > start) spans.push({ start, end, kind }); };
  if (t.includes('@')) for (const m of t.matchAll(EMAIL)) add(m.index, m.index + m[0].length, 'EMAIL');
  for (const m of t.matchAll(PHONE_LABEL)) {
    let at = m.index + m[0].length;
    for (let n = 0; n < 4; n++) {
      const p = LABELLED_PHONE.exec(t.slice(at, at + 48));
      if (!p) break;
      add(at, at + p[0].length, 'PHONE');
      at += p[0].length;
      const sep = PHONE_SEP.exec(t.slice(at, at + 8));
      if (!sep) break;
      at += sep[0].length;
    }
  }
  for (const m of t.matchAll(LANDLINE)) add(m.index, m.index + m[0].length, 'PHONE');
  // the rarer patterns run only when their telltale character is there at all
  if (/[×*]/.test(t)) for (const m of t.matchAll(MOBILE_X)) if (/[×*]/.test(m[0])) add(m.index, m.index + m[0].length, 'PHONE');
  for (const m of t.matchAll(NUMBER_RUN)) {
    const kind = numberKind(m[0]);
    if (!kind) continue;
    if (NOT_PII_LABEL.test(t.slice(Math.max(0, m.index - 12), m.index))) continue;
    add(m.index, m.index + m[0].length, kind);
  }
  for (const m of t.matchAll(CARD_LABELLED)) {
    const digits = m[1].replace(/[ -]/g, '').length;
    if (digits >= 12 && digits <= 23) add(m.index + m[0].length - m[1].length, m.index + m[0].length, 'CARD');
  }
  if (t.includes('护照')) for (const m of t.matchAll(PASSPORT_LABELLED)) add(m.index + m[0].length - m[1].length, m.index + m[0].length, 'PASSPORT');
  if (/[EG][A-Z]?\d{7}/.test(t)) for (const m of t.matchAll(PASSPORT)) add(m.index, m.index + m[0].length, 'PASSPORT');
  const nameLabels = [...t.matchAll(NAME_LABEL)];
  nameLabels.forEach((m, i) => {
    let at = m.index + m[0].length;
    for (let n = 0; n < 4; n++) {
      const name = NAME.exec(t.slice(at, at + 12));
      // `邮箱：` after a name is the next label, not a second name
      if (!name || NOT_A_NAME.test(name[0]) || /^\s*[:：]/.test(t.slice(at + name[0].length, at + name[0].length + 3))) break;
      add(at, at + name[0].length, 'NAME');
      at += name[0].length;
      const sep = /^(?:同志|女士|先生|老师)?\s*(?:、|和|及|,|，)\s*/.exec(t.slice(at, at + 8));
      if (!sep || /^\s*(?:电话|手机|联系)/.test(t.slice(at + sep[0].length, at + sep[0].length + 4))) break;
      at += sep[0].length;
    }
    // the rest of this contact line, up to the next label: each character is looked at once
    const line = t.slice(m.index, Math.min(m.index + 120, nameLabels[i + 1]?.index ?? t.length));
    for (const n of line.matchAll(NAME_BEFORE_PHONE)) {
      if (NOT_A_NAME.test(n[1])) continue;
      const start = m.index + n.index + n[0].indexOf(n[1]);
      add(start, start + n[1].length, 'NAME');
    }
  });
  if (cursor !== undefined) {
    const typed = typedAtCursor(t, cursor);
    if (typed) add(typed.start, typed.end, typed.kind);
  }
  // first come (earliest start, then longest) wins an overlap
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) if (!out.length || s.start >= out[out.length - 1].end) out.push(s);
  return out;
}

export interface Masker {
  /** text with every PII value replaced by a stable placeholder like [PHONE_1]; never throws. The text
   *  before or after the cursor of a digest this masker masked comes back exactly as it was sent. */
  mask(text: string): string;
  /** the text around the cursor masked as the model reads it, joined: a value the cursor splits, or one
   *  being typed at the cursor, is one placeholder — on the side before the cursor */
  maskAround(before: string, after: string): { before: string; after: string };
  /** the model's answer with placeholders put back to the original values (unissued ones stay) */
  restore(text: string): string;
  /** how many distinct values were masked */
  readonly count: number;
  /** distinct values masked, by kind (kinds with none left out) */
  counts(): Partial<Record<PiiKind, number>>;
  /** text already holding placeholder-like words ([PHONE_1] typed by a person): those are never
   * issued, so restoring cannot turn them into somebody's number */
  reserve(text: string): void;
}

const PLACEHOLDER = /[[［【]\s{0,2}(ID|PHONE|CARD|EMAIL|PASSPORT|NAME)_(\d{1,6})\s{0,2}[\]］】]/gi;
/** Anything that still looks like a placeholder (or a piece of one) after restoring. */
const PLACEHOLDER_LEFT = /(?:ID|PHONE|CARD|EMAIL|PASSPORT|NAME)_\d|[[［【]\s{0,2}(?:ID|PHONE|CARD|EMAIL|PASSPORT|NAME)\b/i;

/** Whether an answer still holds a placeholder that no masked value stands behind. */
export function hasPlaceholder(text: string): boolean {
  return PLACEHOLDER_LEFT.test(text);
}

export function createMasker(): Masker {
  const byValue = new Map<string, string>();
  const byToken = new Map<string, string>();
  const counters: Record<PiiKind, number> = { ID: 0, PHONE: 0, CARD: 0, EMAIL: 0, PASSPORT: 0, NAME: 0 };
  const issued: Record<PiiKind, number> = { ID: 0, PHONE: 0, CARD: 0, EMAIL: 0, PASSPORT: 0, NAME: 0 };
  const reserved = new Set<string>();
  const reserve = (text: string): void => {
    if (!/_\d/.test(text)) return;
    for (const m of text.matchAll(PLACEHOLDER)) reserved.add(`[${m[1].toUpperCase()}_${Number(m[2])}]`);
  };
  const token = (kind: PiiKind, value: string): string => {
    let t = byValue.get(value);
    if (!t) {
      do t = `[${kind}_${++counters[kind]}]`; while (reserved.has(t));
      issued[kind]++;
      byValue.set(value, t);
      byToken.set(t, value);
    }
    return t;
  };
  // what maskAround sent for each side, so checks on the answer see what the model saw
  const around = new Map<string, string>();
  /** `text` masked, and where `cursor` (if any) lands in it: after the placeholder of a value it was inside. */
  const maskAt = (text: string, cursor?: number): { text: string; cursor: number } => {
    reserve(text);
    let spans: Span[];
    try { spans = findPii(text, cursor); } catch {
      return { text: text.replace(/[\d@]/g, '*'), cursor: cursor ?? text.length }; // cannot happen; never leak if it did
    }
    const c = cursor ?? text.length;
    if (!spans.length) return { text, cursor: c };
    let out = '';
    let last = 0;
    let at = -1;
    for (const s of spans) {
      out += text.slice(last, s.start);
      if (at < 0 && c <= s.start) at = out.length - (s.start - c);
      out += token(s.kind, text.slice(s.start, s.end));
      if (at < 0 && c <= s.end) at = out.length;
      last = s.end;
    }
    if (at < 0) at = out.length + (c - last);
    return { text: out + text.slice(last), cursor: at };
  };
  return {
    mask(text) {
      if (typeof text !== 'string' || !text) return typeof text === 'string' ? text : '';
      const sent = around.get(text);
      if (sent !== undefined) return sent;
      return maskAt(text).text;
    },
    maskAround(before, after) {
      const { text, cursor } = maskAt(before + after, before.length);
      const out = { before: text.slice(0, cursor), after: text.slice(cursor) };
      around.set(before, out.before);
      around.set(after, out.after);
      return out;
    },
    restore(text) {
      if (byToken.size === 0) return text;
      // Models sometimes answer with full-width brackets or another case; accept them.
      return text.replace(PLACEHOLDER, (m, kind: string, n: string) => byToken.get(`[${kind.toUpperCase()}_${Number(n)}]`) ?? m);
    },
    get count() { return byValue.size; },
    counts() {
      const out: Partial<Record<PiiKind, number>> = {};
      for (const k of PII_KINDS) if (issued[k]) out[k] = issued[k];
      return out;
    },
    reserve,
  };
}

/** A copy of the digest with every text field masked; the masker restores the answer. The masked
 * digest is never longer (in characters or UTF-8 bytes) than the one received, so it stays inside
 * the request limits: a placeholder longer than its value costs the oldest text before the cursor. */
export function maskDigest(digest: ContextDigest, masker: Masker = createMasker()): { digest: ContextDigest; masker: Masker } {
  masker.reserve(JSON.stringify(digest));
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
    // the model reads the text around the cursor as one: a number the cursor splits is one value
    ...masker.maskAround(digest.before, digest.after),
  };
  if (masker.count === 0) return { digest: masked, masker };
  return { digest: noLongerThan(masked, digest), masker };
}

function sizes(d: ContextDigest): { chars: number; bytes: number } {
  const json = JSON.stringify(d);
  return { chars: json.length, bytes: Buffer.byteLength(json) };
}

/** Trims the masked digest until it is no larger than the original: the oldest text before the cursor
 * first, then the end of the text after it, then the lists, then the short fields' ends; never leaving
 * half a placeholder behind. */
function noLongerThan(masked: ContextDigest, original: ContextDigest): ContextDigest {
  const limit = sizes(original);
  let d = masked;
  const cutEnd = (v: string, n: number): string => {
    const cut = v.slice(0, Math.max(0, v.length - n));
    const broken = /\[[^[\]]*$/.exec(cut);
    return broken ? cut.slice(0, broken.index) : cut;
  };
  const tail = ['title', 'recipients', 'issuer', 'signer', 'cc', 'docNumber', 'classificationPeriod'] as const;
  for (let i = 0; i < 24; i++) {
    const now = sizes(d);
    const over = Math.max(now.chars - limit.chars, now.bytes - limit.bytes);
    if (over <= 0) return d;
    if (d.before) {
      let before = d.before.slice(Math.min(d.before.length, over));
      const broken = /^[^[\]]*\]/.exec(before); // the tail of a placeholder cut in two
      if (broken && /_\d+\]$/.test(broken[0])) before = before.slice(broken[0].length);
      d = { ...d, before };
    } else if (d.after) {
      d = { ...d, after: cutEnd(d.after, over) };
    } else if (d.outline.length || d.section.length || Object.values(d.facts).some((l) => l.length)) {
      d = { ...d, outline: [], section: [], facts: { dates: [], orgs: [], amounts: [], names: [], attachments: [] } };
    } else {
      const k = tail.find((f) => d[f].length > 0);
      if (!k) return d;
      d = { ...d, [k]: cutEnd(d[k], over) };
    }
  }
  return d;
}
