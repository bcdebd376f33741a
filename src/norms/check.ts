// checkNorms(text): every rule over the document as readDocument sees it. Each check reads one
// part of the structure (header lines, body lines, the 附件说明, the dates, 版记), never a regex
// over the whole text where the structure says which lines are which.
import { cnToInt, foldWidth, intToCn } from '../core/digest/chars';
import { parseHeading, type ParsedHeading } from '../core/digest/headings';
import { readDocument, type DateSpan, type NormsDocument } from './document';
import { formatMessage, RULE_BY_ID, type Localized, type RuleId, type Severity } from './rules';

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** the characters the finding is about: UTF-16 offsets into the text as read ('\n' line ends) */
  start: number;
  end: number;
  message: Localized;
  /** an exact fix: the text that replaces [start, end) */
  fix?: string;
  params: Record<string, string>;
}

export interface NormsOptions {
  /** rules switched off */
  disabled?: readonly RuleId[];
  /** false: advice is not reported at all (errors only) */
  advice?: boolean;
}

type Emit = (rule: RuleId, start: number, end: number, params?: Record<string, string>, fix?: string) => void;

/** The format findings of a 公文, in text order. Never throws; spans stay inside the text. */
export function checkNorms(text: string, options: NormsOptions = {}): Finding[] {
  const doc = readDocument(text);
  const out: Finding[] = [];
  const off = options.disabled ?? [];
  const emit: Emit = (rule, start, end, params = {}, fix) => {
    const def = RULE_BY_ID[rule];
    if (off.includes(rule) || (options.advice === false && def.severity === 'advice')) return;
    const s = Math.max(0, Math.min(start, text.length));
    const e = Math.max(s, Math.min(end, text.length));
    const f: Finding = { rule, severity: def.severity, start: s, end: e, params,
      message: { zh: formatMessage(rule, 'zh', params), en: formatMessage(rule, 'en', params) } };
    if (fix !== undefined && e > s) f.fix = fix;
    out.push(f);
  };
  checkDocNumber(doc, emit);
  checkTitle(doc, emit);
  checkRecipients(doc, emit);
  const headings = checkOrdinals(doc, emit);
  checkAttachments(doc, emit);
  checkDates(doc, emit);
  checkNotes(doc, emit);
  checkCc(doc, emit);
  checkBodyText(doc, headings, emit);
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

// ── 发文字号 §7.2.5 ──────────────────────────────────────────────────────────────────────────
// groups: 1 open bracket, 2 year, 3 close bracket, 4 第, 5 serial; a 纪要's number has no prefix: 〔2025〕7号
const DOC_NUMBER_PARTS = /^\s*[（(]?\s*[\u4e00-\u9fa5A-Za-z]{0,16}?\s*([〔\[【［（({｛])\s*([0-9０-９]{2,4})\s*([〕\]】］）)}｝])\s*(第?)\s*([0-9０-９]{1,5})\s*号/;

function numberParts(line: string, lineStart: number, m: RegExpExecArray, emit: Emit, at: number): void {
  const open = m[1];
  const year = foldWidth(m[2]);
  const close = m[3];
  const openAt = line.indexOf(open, at);
  const closeAt = line.indexOf(close, openAt + 1);
  if (open !== '〔' || close !== '〕') {
    emit('docnumber-brackets', lineStart + openAt, lineStart + closeAt + 1, { found: `${open}${close}` },
      year.length === 4 ? `〔${year}〕` : undefined);
  }
  if (year.length !== 4) {
    const y = line.indexOf(m[2], openAt);
    emit('docnumber-year', lineStart + y, lineStart + y + m[2].length, { found: m[2] });
  }
  const serial = foldWidth(m[5]);
  // a 纪要's own number (no issuer's prefix: 〔2025〕第7号) follows no fixed form
  const prefixed = /[\u4e00-\u9fa5A-Za-z]/.test(line.slice(0, openAt));
  if (prefixed && (m[4] || /^0/.test(serial))) {
    const from = m[4] ? line.indexOf('第', closeAt) : line.indexOf(m[5], closeAt);
    const to = line.indexOf(m[5], closeAt) + m[5].length;
    const fixed = String(Number(serial));
    emit('docnumber-serial', lineStart + from, lineStart + to, { found: line.slice(from, to), expected: `${fixed}号` }, fixed);
  }
}

function checkDocNumber(doc: NormsDocument, emit: Emit): void {
  const i = doc.docNumberLine;
  if (i < 0) return;
  const line = doc.lines[i];
  const m = DOC_NUMBER_PARTS.exec(line);
  if (m) numberParts(line, doc.starts[i], m, emit, m.index);
}

// ── 标题 §7.3.1 ────────────────────────────────────────────────────────────────────────────
function checkTitle(doc: NormsDocument, emit: Emit): void {
  const i = doc.header.titleLine;
  if (i < 0) return;
  const line = doc.lines[i].replace(/\s+$/, '');
  const m = /[。．.，,；;：:！!？?、]+$/.exec(line);
  if (!m) return;
  emit('title-punctuation', doc.starts[i] + m.index, doc.starts[i] + line.length, { found: m[0] }, '');
}

// ── 主送机关 §7.3.2 ─────────────────────────────────────────────────────────────────────────
function checkRecipients(doc: NormsDocument, emit: Emit): void {
  if (!doc.header.recipients || doc.header.endLine < 0) return;
  const i = doc.header.endLine;
  const line = doc.lines[i].replace(/\s+$/, '');
  const at = doc.starts[i];
  if (line.endsWith('：')) return;
  if (/[:︰∶]$/.test(line)) {
    emit('recipients-colon', at + line.length - 1, at + line.length, {}, '：');
    return;
  }
  // no colon at all: the fix adds it after the last character
  emit('recipients-colon', at + line.length - 1, at + line.length, {}, line.charAt(line.length - 1) + '：');
}

// ── 结构层次序数 §7.3.3 ─────────────────────────────────────────────────────────────────────
function canonical(level: number, n: number): string {
  switch (level) {
    case 1: return `${intToCn(n)}、`;
    case 2: return `（${intToCn(n)}）`;
    case 3: return `${n}.`;
    default: return `（${n}）`;
  }
}

const LEVEL_NAMES = ['', '一', '二', '三', '四'];

/** Checks the outline; returns each body line's heading (the text rules skip its ordinal). */
function checkOrdinals(doc: NormsDocument, emit: Emit): Array<ParsedHeading | null | undefined> {
  const headings = new Array<ParsedHeading | null | undefined>(doc.lines.length);
  // one numbering per part: a 成文日期, an attachment's label or the 附件说明 starts another
  let last: number[] = [];
  let run: number[] = [];
  let articles = false;
  let skipReported = false;
  let lastArticle = 0;
  let lastChapter = 0;
  const reset = (): void => { last = []; run = []; articles = false; skipReported = false; lastArticle = 0; lastChapter = 0; };
  reset();
  for (let i = doc.bodyStart; i < doc.lines.length; i++) {
    const kind = doc.kinds[i];
    if (kind === 'date' || kind === 'attachment-label' || kind === 'attachment-note') { reset(); continue; }
    if (kind !== 'body') continue;
    const line = doc.lines[i];
    const h = parseHeading(line);
    headings[i] = h;
    // an ordinal standing alone is a table's 序号 cell (a .docx's cells are read one a line), not a heading
    if (!h || (!h.text && line.trim() === h.ordinal)) continue;
    const lead = line.length - line.trimStart().length;
    const start = doc.starts[i] + lead;
    const end = start + h.ordinal.length;
    if (h.article) {
      articles = true;
      if (h.level === 0) {
        if (h.n !== lastChapter + 1) emit('ordinal-sequence', start, end, { expected: `第${intToCn(lastChapter + 1)}章`, found: h.ordinal });
        lastChapter = h.n;
        last = [];
      } else {
        if (h.n !== lastArticle + 1) emit('ordinal-sequence', start, end, { expected: `第${intToCn(lastArticle + 1)}条`, found: h.ordinal });
        lastArticle = h.n;
        last = [];
      }
      continue;
    }
    const level = h.level;
    const want = canonical(level, h.n);
    const compact = h.ordinal.replace(/\s+/g, '');
    const ok = compact === want || (level === 3 && compact === `${h.n}．`);
    if (!ok) emit('ordinal-form', start, end, { n: LEVEL_NAMES[level], level: String(level), expected: want, found: h.ordinal }, want);
    // a level's numbers restart under each new parent, or run on through the parts (国务院 意见
    // number their （一） … （二十） straight through the 一、 二、 above them)
    const restart = last[level] === undefined;
    const okN = restart ? h.n === 1 || (run[level] !== undefined && h.n === run[level] + 1) : h.n === last[level] + 1;
    if (!okN) {
      const expectedN = restart ? 1 : last[level] + 1;
      emit('ordinal-sequence', start, end, { expected: canonical(level, expectedN), found: h.ordinal });
    }
    if (!articles && !skipReported) {
      // skipping one level (1. straight under 一、) is common practice; skipping two is not
      let parent = 0;
      for (let l = level - 1; l >= 1; l--) if (last[l] !== undefined) { parent = l; break; }
      if (level - parent - 1 >= 2) {
        emit('ordinal-level-skip', start, end, { found: h.ordinal, n: LEVEL_NAMES[level], m: LEVEL_NAMES[level - 1], level: String(level), parent: String(level - 1) });
        skipReported = true;
      }
    }
    run[level] = h.n;
    last[level] = h.n;
    last.length = level + 1;
  }
  return headings;
}

// ── 附件说明 §7.3.4, 附件 §7.3.7 ────────────────────────────────────────────────────────────
interface Item { line: number; n: number | null; numberStart: number; numberEnd: number; numberText: string; name: string; nameEnd: number }

function attachmentItems(doc: NormsDocument, emit: Emit): Item[] {
  const items: Item[] = [];
  for (const i of doc.attachmentList) {
    const line = doc.lines[i];
    let pos = 0;
    if (i === doc.attachmentNote) {
      const m = /^(\s*)附(\s*)件(\s*)([：:]?)(\s*)/.exec(line);
      if (!m) continue;
      const labelStart = m[1].length;
      const labelEnd = labelStart + 1 + m[2].length + 1 + m[3].length + m[4].length;
      if (m[2] || m[4] !== '：' || (m[3] && !m[4])) {
        emit('attachment-form', doc.starts[i] + labelStart, doc.starts[i] + labelEnd,
          { expected: '附件：', found: line.slice(labelStart, labelEnd) }, '附件：');
      }
      pos = m[0].length;
    } else {
      pos = line.length - line.trimStart().length;
    }
    const rest = line.slice(pos);
    const num = /^([0-9０-９]{1,2})(\s*)([.．、,，]?)(\s*)/.exec(rest);
    let n: number | null = null;
    let numberText = '';
    let nameFrom = pos;
    if (num && (num[3] || num[2])) {
      n = Number(foldWidth(num[1]));
      numberText = num[1] + num[2] + num[3];
      nameFrom = pos + num[0].length;
    }
    const body = line.slice(nameFrom).replace(/\s+$/, '');
    const trail = /[。．.，,；;、！!？?：:]+$/.exec(body);
    const nameEnd = nameFrom + (trail ? trail.index : body.length);
    if (trail) {
      emit('attachment-punctuation', doc.starts[i] + nameFrom + trail.index, doc.starts[i] + nameFrom + body.length, { found: trail[0] }, '');
    }
    items.push({ line: i, n, numberStart: doc.starts[i] + pos, numberEnd: doc.starts[i] + pos + numberText.length,
      numberText, name: line.slice(nameFrom, nameEnd).trim(), nameEnd: doc.starts[i] + nameEnd });
  }
  return items;
}

function checkAttachments(doc: NormsDocument, emit: Emit): void {
  const items = doc.attachmentNote >= 0 ? attachmentItems(doc, emit) : [];
  if (items.length > 1) {
    items.forEach((it, k) => {
      const want = `${k + 1}.`;
      if (it.n === null) {
        const at = doc.starts[it.line] + (doc.lines[it.line].length - doc.lines[it.line].trimStart().length);
        const from = it.line === doc.attachmentNote ? it.numberStart : at;
        emit('attachment-numbering', from, Math.max(from + 1, it.nameEnd), { expected: want });
      } else if (it.n !== k + 1) {
        emit('attachment-numbering', it.numberStart, it.numberEnd, { expected: want });
      } else if (!/^[0-9０-９]{1,2}[.．]$/.test(it.numberText)) {
        emit('attachment-form', it.numberStart, it.numberEnd, { expected: want, found: it.numberText }, want);
      }
    });
  }
  // what is attached after the 成文日期 agrees with the list
  const labels = doc.attachmentLabels;
  const carrying = /印发|转发|批转/.test(doc.header.title);
  if (labels.length > 0 && (items.length > 0 || !carrying)) {
    const numbers = labels.map((l) => l.n);
    const agrees = numbers.length === items.length && numbers.every((n, k) => n === k + 1);
    if (!agrees) {
      const from = items.length ? doc.starts[items[0].line] : doc.starts[labels[0].line];
      const lineText = items.length ? doc.lines[items[0].line] : doc.lines[labels[0].line];
      emit('attachment-agreement', from, from + lineText.replace(/\s+$/, '').length, { n: String(items.length), m: String(labels.length) });
      return;
    }
    labels.forEach((l, k) => {
      const it = items[k];
      let t = l.line + 1;
      while (t < doc.lines.length && !doc.lines[t].trim()) t++;
      if (t >= doc.lines.length || !it.name) return;
      const title = doc.lines[t].trim();
      const norm = (s: string): string => foldWidth(s).replace(/[\s《》“”"]/g, '').replace(/[。.；;，,]+$/, '');
      if (title.length <= 80 && norm(title) !== norm(it.name)) {
        const lead = doc.lines[t].length - doc.lines[t].trimStart().length;
        emit('attachment-name', doc.starts[t] + lead, doc.starts[t] + lead + title.length, { n: String(k + 1), found: title, expected: it.name });
      }
    });
  }
}

// ── 成文日期 §7.3.5.4, 印发日期 §7.4.3 ────────────────────────────────────────────────────
const CN_YEAR_DIGIT: Record<string, string> = { 〇: '0', 零: '0', '○': '0', O: '0', '0': '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };

function dateValue(d: DateSpan): { y: number; m: number; d: number } | null {
  const year = /^\d+$/.test(d.year) ? Number(d.year) : Number(d.year.split('').map((c) => CN_YEAR_DIGIT[c] ?? 'x').join(''));
  const month = /^\d+$/.test(d.month) ? Number(d.month) : cnToInt(d.month.replace(/[〇○]/g, '零'));
  const day = /^\d+$/.test(d.day) ? Number(d.day) : cnToInt(d.day.replace(/[〇○]/g, '零'));
  if (!Number.isFinite(year) || !Number.isFinite(month) || !Number.isFinite(day)) return null;
  return { y: year, m: month, d: day };
}

function checkDate(d: DateSpan, emit: Emit): void {
  const arabic = /^\d+$/.test(d.year) && /^\d+$/.test(d.month) && /^\d+$/.test(d.day);
  const v = dateValue(d);
  if (!arabic) {
    const fix = v && String(v.y).length === 4 ? `${v.y}年${v.m}月${v.d}日` : undefined;
    emit('date-arabic', d.start, d.end, { expected: fix ?? 'YYYY年M月D日' }, fix);
    return;
  }
  if (d.year.length !== 4) {
    emit('date-full-year', d.start, d.end, { found: `${d.year}年` });
    return;
  }
  if (/^0/.test(d.month) || /^0/.test(d.day)) {
    const fix = `${d.year}年${Number(d.month)}月${Number(d.day)}日`;
    emit('date-no-padding', d.start, d.end, { expected: fix }, fix);
  }
}

function checkDates(doc: NormsDocument, emit: Emit): void {
  for (const d of doc.dates) checkDate(d, emit);
  if (doc.issued) checkDate(doc.issued, emit);
  if (doc.issued && doc.mainDate) {
    const a = dateValue(doc.mainDate);
    const b = dateValue(doc.issued);
    if (a && b && (b.y * 10000 + b.m * 100 + b.d) < (a.y * 10000 + a.m * 100 + a.d)) {
      emit('date-order', doc.issued.start, doc.issued.end, {
        found: doc.text.slice(doc.issued.start, doc.issued.end), expected: doc.text.slice(doc.mainDate.start, doc.mainDate.end) });
    }
  }
}

// ── 附注 §7.3.6 ────────────────────────────────────────────────────────────────────────────
function checkNotes(doc: NormsDocument, emit: Emit): void {
  for (let i = 0; i < doc.lines.length; i++) {
    if (doc.kinds[i] !== 'note') continue;
    const line = doc.lines[i];
    const lead = line.length - line.trimStart().length;
    const t = line.trim();
    if (t.startsWith('（') && t.endsWith('）')) continue;
    const inner = t.replace(/^[（(]\s*/, '').replace(/\s*[）)]$/, '');
    const fix = `（${inner}）`;
    emit('note-parentheses', doc.starts[i] + lead, doc.starts[i] + lead + t.length, { expected: fix }, fix);
  }
}

// ── 抄送机关 §7.4.2 ────────────────────────────────────────────────────────────────────────
function checkCc(doc: NormsDocument, emit: Emit): void {
  for (let i = 0; i < doc.lines.length; i++) {
    if (doc.kinds[i] !== 'cc') continue;
    const line = doc.lines[i].replace(/\s+$/, '');
    const at = doc.starts[i];
    const colon = /^(\s*(?:抄\s*送|分\s*送)\s*)([：:]?)/.exec(line);
    if (colon && colon[2] !== '：') {
      if (colon[2] === ':') emit('cc-punctuation', at + colon[1].length, at + colon[1].length + 1, {}, '：');
      else emit('cc-punctuation', at + colon[1].length - 1, at + colon[1].length, {}, line.charAt(colon[1].length - 1) + '：');
    }
    const lastChar = line.charAt(line.length - 1);
    if (lastChar === '。' || line.length === (colon?.[0].length ?? 0)) continue;
    const fix = /[.．，,；;、]/.test(lastChar) ? '。' : lastChar + '。';
    emit('cc-punctuation', at + line.length - 1, at + line.length, {}, fix);
  }
}

// ── 正文: 标点 (§9, GB/T 15834), 数字 (§9, GB/T 15835), 引用公文 (条例) ─────────────────────
const HAN = /[\u4e00-\u9fa5]/;
const HAN_OR_CLOSE = /[\u4e00-\u9fa5”》）]/;
const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '.': '。' };
// cheap tests before the full patterns: a padded month or day, a bracketed year
const PADDED = /0\d[月日]/;
const BRACKETED_YEAR = /[〔\[【［(（]\s*\d{4}\s*[〕\]】］)）]/;
const BODY_DATE = /(\d{4}年)?(\d{1,2})月(?:(\d{1,2})日)?/g;
const CITED_NUMBER = /([\u4e00-\u9fa5]{1,8}[发字函办呈复])\s*([\[【［(（])\s*(\d{4})\s*([\]】］)）])\s*(第?)\s*(\d{1,5})\s*号/g;
// 字号 right before the 《title》 it belongs to: 根据东政办发〔2024〕5号《关于……的通知》
const NUMBER_BEFORE_TITLE = /[〔\[【［(（]\s*\d{4}\s*[〕\]】］)）]\s*第?\s*\d{1,5}\s*号\s*[）)]?\s*(?:文件)?\s*(?:的)?\s*《/g;
// Words (and the endings of an organisation's full name) that end whatever precedes an issuer's
// abbreviation in a sentence: 省农业农村厅东农发〔2025〕7号 → 东农发
const CITE_DELIMS = /(?:厅|局|政府|办公室|委员会|根据|依据|按照|按|据|对|将|和|与|及|、|，|,|的|经|在|于|以|印发|转发|关于|贯彻|落实|执行|（|\()/g;

function checkBodyText(doc: NormsDocument, headings: ReadonlyArray<ParsedHeading | null | undefined>, emit: Emit): void {
  // the title and the 主送 are Chinese text too; their last mark is the title and 主送 rules' business
  const { titleLine, endLine, recipients } = doc.header;
  const own = recipients && endLine >= 0 && endLine !== titleLine ? [titleLine, endLine] : [titleLine];
  for (const i of own) {
    if (i < 0) continue;
    const line = doc.lines[i].replace(/[\s。．.，,；;：:！!？?、]+$/, '');
    punctuationWidth(line, doc.starts[i], 0, emit);
  }
  for (let i = doc.bodyStart; i < doc.lines.length; i++) {
    const kind = doc.kinds[i];
    if (kind !== 'body' && kind !== 'quoted' && kind !== 'signature') continue;
    const line = doc.lines[i];
    const at = doc.starts[i];
    if (line.length === 0) continue;
    // the ordinal is the outline rules' business
    const h = kind === 'body' ? headings[i] : null;
    const from = h ? line.indexOf(h.ordinal) + h.ordinal.length : 0;
    punctuationWidth(line, at, from, emit);
    if (line.indexOf('月') >= 0 && PADDED.test(line)) bodyDates(line, at, emit);
    if (line.indexOf('号') >= 0 && BRACKETED_YEAR.test(line)) citations(line, at, emit);
  }
}

const HALF_WIDTH = /[,;:?!.(]/g;

function punctuationWidth(line: string, at: number, from: number, emit: Emit): void {
  HALF_WIDTH.lastIndex = Math.max(from, 1);
  let hit: RegExpExecArray | null;
  while ((hit = HALF_WIDTH.exec(line))) {
    let k = hit.index;
    const c = hit[0];
    if (c === '(') {
      const close = line.indexOf(')', k + 1);
      if (close > k && close - k <= 60 && HAN.test(line.slice(k + 1, close)) && (HAN.test(line.charAt(k - 1)) || HAN.test(line.charAt(k + 1)))) {
        const inner = line.slice(k + 1, close);
        if (inner.indexOf('(') < 0) {
          emit('punctuation-width', at + k, at + close + 1, { found: '()', expected: '（）' }, `（${inner}）`);
          k = close;
          HALF_WIDTH.lastIndex = close + 1;
        }
      }
      continue;
    }
    const full = FULL[c];
    if (!full || !HAN_OR_CLOSE.test(line.charAt(k - 1))) continue;
    const next = k + 1 < line.length ? line.charAt(k + 1) : '';
    const ok = c === '.'
      ? next === '' || next === '“' || /\s/.test(next)
      : next === '' || HAN.test(next) || /[“《（\s]/.test(next) || (c !== '?' && c !== '!' && /\d/.test(next) && c !== '.');
    if (ok) emit('punctuation-width', at + k, at + k + 1, { found: c, expected: full }, full);
  }
}

function bodyDates(line: string, at: number, emit: Emit): void {
  BODY_DATE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BODY_DATE.exec(line))) {
    const before = m.index > 0 ? line.charAt(m.index - 1) : '';
    if (/\d/.test(before)) continue;
    const month = m[2];
    const day = m[3];
    if (!(month.length === 2 && month.startsWith('0')) && !(day && day.length === 2 && day.startsWith('0'))) continue;
    const fix = `${m[1] ?? ''}${Number(month)}月${day !== undefined ? `${Number(day)}日` : ''}`;
    emit('number-date-padding', at + m.index, at + m.index + m[0].length, { expected: fix }, fix);
  }
}

function citations(line: string, at: number, emit: Emit): void {
  CITED_NUMBER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = CITED_NUMBER.exec(line))) {
    const openAt = m.index + m[0].indexOf(m[2], m[1].length);
    const closeAt = line.indexOf(m[4], openAt + 1 + m[3].length);
    if (m[2] !== '〔' || m[4] !== '〕') {
      emit('docnumber-brackets', at + openAt, at + closeAt + 1, { found: `${m[2]}${m[4]}` }, `〔${m[3]}〕`);
    }
  }
  NUMBER_BEFORE_TITLE.lastIndex = 0;
  while ((m = NUMBER_BEFORE_TITLE.exec(line))) {
    // the issuer's abbreviation before the bracket: back to the nearest delimiter, at most 10 characters
    const bracket = m.index;
    let s = bracket;
    while (s > 0 && bracket - s < 10 && HAN.test(line.charAt(s - 1))) s--;
    const lead = line.slice(s, bracket);
    CITE_DELIMS.lastIndex = 0;
    let cut = 0;
    let d: RegExpExecArray | null;
    while ((d = CITE_DELIMS.exec(lead))) cut = d.index + d[0].length;
    s += cut;
    // 《A》（东农发〔2025〕7号）《B》: the number belongs to the title before it
    if (bracket - s < 1 || line.charAt(s - 1) === '《' || /》\s*[（(]$/.test(line.slice(Math.max(0, s - 3), s))) continue;
    const numEnd = line.indexOf('号', bracket) + 1;
    emit('citation-order', at + s, at + numEnd, { found: line.slice(s, numEnd) });
  }
}
