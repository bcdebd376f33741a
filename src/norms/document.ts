// The parts of a 公文 the rules are about, read once from the text: the digest's own reading of
// the header (版头, 字号, 标题, 主送) and its heading parser, plus what the digest does not keep —
// where each part stands (line indices, offsets) and the end matter (成文日期, 附注, 附件, 版记).
import { detectDocType } from '../core/digest';
import { foldWidth } from '../core/digest/chars';
import { HEADER_SCAN, parseHeader, type HeaderInfo } from '../core/digest/header';

export type LineKind =
  | 'blank' | 'header' | 'body' | 'quoted'
  | 'attachment-note' | 'attachment-item' | 'signature' | 'date' | 'note' | 'attachment-label'
  | 'cc' | 'issued';

/** A date in the text: offsets into the whole text, and its parts as written. */
export interface DateSpan {
  line: number;
  start: number;
  end: number;
  year: string;
  month: string;
  day: string;
}

export interface NormsDocument {
  text: string;
  lines: string[];
  /** offset of each line's first character */
  starts: number[];
  kinds: LineKind[];
  header: HeaderInfo;
  /** lines whose trailing punctuation was set aside to find the title (`……的通知。`) */
  probedTitle: boolean;
  bodyStart: number;
  /** the 字号 line among the header lines, -1 when none */
  docNumberLine: number;
  /** 成文日期 lines (a date alone, or after a 署名 on the same line), in order */
  dates: DateSpan[];
  /** the document's own 成文日期: the first date after the header */
  mainDate: DateSpan | null;
  issued: DateSpan | null;
  issuedLine: number;
  attachmentNote: number;
  /** the 附件说明's lines, the note line first */
  attachmentList: number[];
  attachmentLabels: Array<{ line: number; n: number }>;
}

// A date as a 成文日期 or 印发日期 is written, right or wrong (on width-folded text):
// 2025年3月5日, 25年03月05日, 二〇二五年三月五日 (〇 also typed ○ O 0 零)
const DATE_PART = '(\\d{2,4}|[一二三四五六七八九〇零○O0]{2,4})\\s*年\\s*(\\d{1,2}|[一二三四五六七八九十〇○]{1,3})\\s*月\\s*(\\d{1,2}|[一二三四五六七八九十〇○]{1,4})\\s*日';
const DATE_ALONE = new RegExp(`^\\s*${DATE_PART}\\s*$`);
// 「青州市人民政府办公室        2025年4月10日」: a 纪要's or a joint signature's line
const DATE_AFTER_NAME = new RegExp(`^\\s*[\\u4e00-\\u9fa5（）()、]{2,60}\\s{2,}${DATE_PART}\\s*$`);
const ISSUED = new RegExp(`${DATE_PART}\\s*印\\s*发\\s*$`);
const CC = /^\s*(?:抄\s*送|分\s*送)\s*[：:]?/;
const ATTACHMENT_LABEL = /^\s*附\s*件\s*([0-9０-９]{1,2})?\s*$/;
// 附件：1.XXX — also typed 附件:, 附件 1.XXX, 附件1.XXX (the form rule then asks for the colon)
const ATTACHMENT_NOTE = /^\s*附\s*件\s*(?:[：:]|\s+|(?=[0-9０-９]{1,2}\s*[.．、]\s*\S))\s*\S/;
const NUMBERED_ITEM = /^\s*[0-9０-９]{1,2}\s*[.．、,，]/;
// 附注 after the 成文日期: （此件公开发布） （联系人：……）, with or without their parentheses
const NOTE = /^\s*[（(]?\s*(?:此件|本件|此文|联系人|联系电话|联系方式)/;
const TITLE_TRAILING = /[。．.，,；;：:！!？?、]+$/;

/** Lines of `text` (split at '\n') with their offsets. */
function splitLines(text: string): { lines: string[]; starts: number[] } {
  const lines = text.split('\n');
  const starts = new Array<number>(lines.length);
  let at = 0;
  for (let i = 0; i < lines.length; i++) {
    starts[i] = at;
    at += lines[i].length + 1;
  }
  return { lines, starts };
}

const DATE_TAIL = new RegExp(`${DATE_PART}\\s*(?:印\\s*发)?\\s*$`);

/** The date on line i when `re` says the line is a date line: offsets of the date itself. */
function dateIn(re: RegExp, lines: readonly string[], starts: readonly number[], i: number): DateSpan | null {
  const line = lines[i];
  if (line.length > 120) return null;
  const folded = foldWidth(line); // keeps offsets: folding is one unit for one unit
  if (!re.test(folded)) return null;
  const m = DATE_TAIL.exec(folded);
  if (!m) return null;
  const end = folded.indexOf('日', m.index) + 1;
  return { line: i, start: starts[i] + m.index, end: starts[i] + end, year: m[1], month: m[2], day: m[3] };
}

/** A title line ending in punctuation is not taken for a title by the digest: find it with the
 * punctuation set aside (only for lines that read as a title without it). */
function probeLines(lines: readonly string[]): { probe: string[]; changed: boolean } {
  const probe = lines.slice(0, HEADER_SCAN);
  let changed = false;
  for (let i = 0; i < probe.length; i++) {
    const t = probe[i].trim();
    if (!TITLE_TRAILING.test(t) || t.length > 150) continue;
    const bare = t.replace(TITLE_TRAILING, '');
    if (/关于|印发|转发|批转/.test(bare) && detectDocType(bare) !== 'unknown' && !/[。；;，,：:]/.test(bare)) {
      probe[i] = bare;
      changed = true;
    }
  }
  return { probe, changed };
}

const DOC_NUMBER_LOOSE = /^\s*[（(]?\s*[\u4e00-\u9fa5A-Za-z]{0,16}?\s*[〔\[【［（({｛]\s*[0-9０-９]{2,4}\s*[〕\]】］）)}｝]\s*第?\s*[0-9０-９]{1,5}\s*号/;

export function readDocument(text: string): NormsDocument {
  const { lines, starts } = splitLines(text);
  const { probe, changed } = probeLines(lines);
  const header = parseHeader(probe);
  const probedTitle = changed && header.titleLine >= 0 && probe[header.titleLine] !== lines[header.titleLine];
  const last = Math.max(header.titleLine, header.endLine);
  const bodyStart = last >= 0 ? last + 1 : 0;

  let docNumberLine = -1;
  for (let i = 0, seen = 0; i < lines.length && i < HEADER_SCAN && (i < bodyStart || seen < 8); i++) {
    if (!lines[i].trim()) continue;
    seen++;
    if (DOC_NUMBER_LOOSE.test(lines[i].length > 80 ? lines[i].slice(0, 80) : lines[i])) { docNumberLine = i; break; }
  }

  const kinds = new Array<LineKind>(lines.length);
  for (let i = 0; i < bodyStart && i < lines.length; i++) kinds[i] = lines[i].trim() ? 'header' : 'blank';

  const dates: DateSpan[] = [];
  let issued: DateSpan | null = null;
  let issuedLine = -1;
  // header dates (a 纪要's 「机关    日期」 line) are 成文日期 too
  for (let i = 0; i < bodyStart && i < lines.length; i++) {
    const d = dateIn(DATE_ALONE, lines, starts, i) ?? dateIn(DATE_AFTER_NAME, lines, starts, i);
    if (d) dates.push(d);
  }
  let mainDate: DateSpan | null = null;
  let attachmentNote = -1;
  const attachmentList: number[] = [];
  const attachmentLabels: Array<{ line: number; n: number }> = [];
  let quoteOpen = false;
  let inNotes = false;
  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    if (!t) { kinds[i] = 'blank'; continue; }
    if (quoteOpen) {
      kinds[i] = 'quoted';
      if (closesQuote(t)) quoteOpen = false;
      continue;
    }
    // cheap tests first: this runs on every line
    const last = t.charCodeAt(t.length - 1);
    const d = t.length <= 80 && last === 0x65e5 /* 日 */ && t.indexOf('年') >= 0
      ? (dateIn(DATE_ALONE, lines, starts, i) ?? dateIn(DATE_AFTER_NAME, lines, starts, i)) : null;
    if (d) {
      kinds[i] = 'date';
      dates.push(d);
      mainDate ??= d;
      // the 署名 on the line above
      for (let k = i - 1; k >= bodyStart; k--) {
        if (kinds[k] === 'blank') continue;
        if (kinds[k] === 'body' && lines[k].trim().length <= 60 && !/[。；;，,：:]/.test(lines[k])) kinds[k] = 'signature';
        break;
      }
      inNotes = true;
      continue;
    }
    if (inNotes && t.length < 200 && NOTE.test(t)) { kinds[i] = 'note'; continue; }
    inNotes = false;
    const first = t.charCodeAt(0);
    if ((first === 0x6284 /* 抄 */ || first === 0x5206 /* 分 */) && CC.test(t)) { kinds[i] = 'cc'; continue; }
    if (t.length <= 120 && last === 0x53d1 /* 发 */ && ISSUED.test(foldWidth(t))) {
      kinds[i] = 'issued';
      issuedLine = i;
      issued = dateIn(ISSUED, lines, starts, i);
      continue;
    }
    const label = first === 0x9644 /* 附 */ ? ATTACHMENT_LABEL.exec(t) : null;
    if (label && mainDate) {
      kinds[i] = 'attachment-label';
      attachmentLabels.push({ line: i, n: label[1] ? Number(foldWidth(label[1])) : 1 });
      continue;
    }
    if (first === 0x9644 && attachmentNote < 0 && !mainDate && ATTACHMENT_NOTE.test(t) && !ATTACHMENT_LABEL.test(t)) {
      kinds[i] = 'attachment-note';
      attachmentNote = i;
      attachmentList.push(i);
      // the list goes on with numbered lines, or unnumbered names up to the 署名
      for (let j = i + 1; j < lines.length && j <= i + 30; j++) {
        const u = lines[j].trim();
        // text copied from a web page has a blank line between every two
        if (!u) { kinds[j] = 'blank'; continue; }
        if (u.length > 80) break;
        if (!NUMBERED_ITEM.test(u)) {
          const next = nextNonBlank(lines, j + 1);
          const beforeSignature = next >= 0 && dateLike(lines[next]);
          if (beforeSignature || dateLike(u) || CC.test(u) || /[。；;，,：:]/.test(u.slice(0, -1)) || j > i + 6) break;
        }
        kinds[j] = 'attachment-item';
        attachmentList.push(j);
        i = j;
      }
      continue;
    }
    kinds[i] = 'body';
    if (opensQuote(t)) quoteOpen = true;
  }
  return { text, lines, starts, kinds, header, probedTitle, bodyStart, docNumberLine, dates, mainDate, issued, issuedLine,
    attachmentNote, attachmentList, attachmentLabels };
}

function nextNonBlank(lines: readonly string[], from: number): number {
  for (let k = from; k < lines.length && k < from + 4; k++) if (lines[k].trim()) return k;
  return -1;
}

function dateLike(line: string): boolean {
  const t = line.trim();
  return t.length <= 80 && (DATE_ALONE.test(foldWidth(t)) || DATE_AFTER_NAME.test(foldWidth(t)));
}

/** A paragraph that opens a quotation it does not close: the lines after it, up to the closing
 * mark, are quoted text (a law's articles, another document's items), not this document's outline. */
function opensQuote(t: string): boolean {
  const open = t.lastIndexOf('“');
  return open >= 0 && t.indexOf('”', open) < 0;
}

function closesQuote(t: string): boolean {
  const close = t.lastIndexOf('”');
  return close >= 0 && t.indexOf('“', close) < 0;
}
