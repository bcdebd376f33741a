// The 版头 and 主送 of a 公文 (issuer mark, number, signer, urgency, classification, title,
// recipients) from its first lines, the 署名 / 抄送 from its last lines, and where a document that
// a 印发/转发 notice carries begins. Constant work: only a fixed number of lines, each cut short,
// is ever looked at.
//
// Layouts read (each has labelled fixtures in tests/fixtures/digest-layouts):
// - GB/T 9704 printed order: 份号, 密级, 紧急程度, 版头 (`XX文件`), 字号 (+ 签发人), title, 主送;
// - the published / draft order: title over one to three lines, then 字号 (bare, in brackets, or
//   `（X发〔2025〕9号）`), then 主送 — or no 字号 at all; an issuer's line may stand above the title;
// - 纪要: `XX常务会议纪要`, `第4期` / `〔2022〕4号`, a `机关    日期` line, an optional title;
// - 令: `XX人民政府令`, then `第15号`.
import type { Classification, DocType } from '../protocol';
import { clip, foldWidth } from './chars';
import { detectDocType } from './docType';
import { parseHeading } from './headings';
import { detectClassification, docNumberOnLine, isMarkingLine, signerOnLine, urgencyOnLine } from './markings';

/** Non-empty lines of the header looked at, and how many lines (blank ones included) may hold them:
 * text copied from web pages puts a blank line between every two. */
export const HEADER_LINES = 14;
export const HEADER_SCAN = 60;
export const FOOTER_LINES = 16;
const LINE_MAX = 300;
/** A title is printed over at most this many lines. */
const TITLE_LINES_MAX = 4;
/** After the title, the 字号, an issuer line and the 主送 come within this many non-empty lines. */
const AFTER_TITLE_LINES = 4;

export interface HeaderInfo {
  issuer: string;
  docNumber: string;
  signer: string;
  urgency: '' | '特急' | '加急';
  classification: Classification | null;
  classificationPeriod: string;
  title: string;
  docType: DocType;
  recipients: string;
  /** index (into the lines given) of the (last) title line, -1 when none was found */
  titleLine: number;
  /** index of the header's last line (title, 字号 or 主送 after it), -1 when there is no header */
  endLine: number;
}

export interface HeaderOptions {
  /** the first line that is not a marking is the title even if its ending names no type: the
   * document a 印发 notice carries (`XX管理办法`) starts with its title */
  firstLineIsTitle?: boolean;
}

// Endings of an organisation's name, for issuer marks and 署名.
const ORG_END = /(人民政府|政府|办公室|办公厅|委员会|管理局|办事处|局|厅|委|部|署|院|校|大学|学院|中心|公司|集团|协会|联合会|总会|银行|医院|所|站|队|社|街道|社区|镇|乡|处|科|室|组|会)$/;
// 成文日期: 2025年3月5日, 二〇二五年三月五日 (also typed with ○, O or 0 for 〇)
const DATE_ONLY = /^\s*(\d{4}|[一二三四五六七八九〇零○OＯ0]{4})\s*年.{1,8}日\s*$/;
// Titles whose ending names no statutory type but that are titles all the same
const OTHER_TITLE_END = /(办法|规定|细则|规则|条例|规划|计划|要点|制度|章程|须知|指南|清单|名单|名录|标准|规范|预案|意见稿|草案)$/;
// A 字号 not filled in yet (`东政办发〔2025〕  号`) or damaged by a web page (`牟政办发〔201746`)
const NUMBER_STUB = /^[\u4e00-\u9fa5]{1,12}\s*[〔\[(【［（]\s*\d{2,4}\s*(?:[〕\])】］）]\s*\d{0,5}\s*号?|\d{0,5})\s*$/;
// A meeting's or an order's own number: 第4期, 〔2022〕4号, 〔2024〕第9期, 第15号
const BARE_NUMBER = /^(?:[〔\[(【]\s*\d{4}\s*[〕\])】]\s*)?第?\s*\d{1,5}\s*[号期]$/;
// The kind of meeting a 纪要 mark names after its organisation
const MEETING_KIND = /\s*(?:[\u4e00-\u9fa5]{0,2}办公会议|党委常委会议|常委会议|常务会议|专题会议|联席会议|工作会议|会议)?纪要$/;
const MEETING_MARK = /^(?:[\u4e00-\u9fa5]{0,2}办公会议|党委常委会议|常委会议|常务会议|专题会议|联席会议|工作会议|会议)纪要$/;
// How a 主送 ends: a body, or a person (王建平代表, 陈国梁副主席)
const ADDRESSEE_END = /(?:人民政府|政府|办公室|办公厅|委员会|管委会|局|厅|委|部|署|院|校|大学|中心|公司|集团|协会|会|所|站|队|社|街道|社区|镇|乡|处|科|室|组|单位|部门|机构|学校|企业|代表|委员|主席|主任|同志)$/;
// A line that opens the body or stands aside: 「（此件公开发布）」
const ASIDE = /^[（(][^）)]{0,40}[）)]$/;

function collapse(s: string): string {
  return s.trim().replace(/\s+/g, ' ');
}

function looksLikeOrg(line: string): boolean {
  const t = line.trim();
  return t.length >= 2 && t.length <= 40 && !/[，。；：:,;!！？?“”"]/.test(t) && ORG_END.test(t);
}

/** The issuer named by a 发文机关标志 line: `XX文件` → XX, `XX专题会议纪要` → XX, or a bare org. */
function issuerFromMark(line: string): string {
  const t = collapse(line);
  const bare = t.replace(/\s+/g, '');
  if (bare.length < 3 || bare.length > 50 || /[，。；：:,;]/.test(t)) return '';
  // an organisation's name has Han characters: `!文件` or `2025文件` (a page's debris) names no one
  let m = /^(.+?)\s*文件$/.exec(t);
  if (m) return /[\u4e00-\u9fa5]{2}/.test(m[1]) ? m[1] : '';
  if (bare.endsWith('纪要') && !bare.startsWith('关于')) {
    // the leftmost meeting kind goes: 南江大学校长办公会议纪要 → 南江大学; 专题会议纪要 alone names no one
    return t.replace(MEETING_KIND, '').trim();
  }
  return looksLikeOrg(bare) ? t : '';
}

/** Ends like a title of a kind that is no statutory type: `XX管理办法`, `XX应急预案（试行）`. */
function endsAsTitle(s: string): boolean {
  return OTHER_TITLE_END.test(foldWidth(s).replace(/\s+/g, '').replace(/\([^()]{1,16}\)$/, ''));
}

function isTitleLike(line: string): boolean {
  const t = line.trim();
  if (t.length < 4 || t.length > 150) return false;
  if (/[：:]$/.test(t) || /[。；]$/.test(t)) return false;
  if (/\S\s{2,}\S/.test(t)) return false; // 「机关        日期」 layout lines
  return /关于/.test(t) || detectDocType(t) !== 'unknown' || endsAsTitle(t);
}

/** The 字号 on a line of its own, also when printed in brackets: `（江政发〔2025〕9号）`. */
function numberOnLine(t: string): string {
  const inner = /^[（(]\s*(.*?)\s*[）)]$/.exec(t);
  return docNumberOnLine(inner ? inner[1] : t);
}

/** A meeting's or an order's number as printed, brackets normalised: 第4期, 〔2022〕4号. */
function bareNumberOnLine(t: string): string {
  const f = foldWidth(t).replace(/\s+/g, '');
  if (!BARE_NUMBER.test(f)) return '';
  return f.replace(/^[[(【]/, '〔').replace(/^(〔\d{4})[\])】]/, '$1〕');
}

/** The 主送 line that may follow the title: ends with a colon (`王建平代表：`), or — when a page
 * lost the colon — is a list of bodies ending with one. `现将有关事项通知如下：` opens the body. */
function recipientsOnLine(t: string): string {
  if (t.length > 200 || /[。；;！？!?]/.test(t) || /如下[：:]$/.test(t)) return '';
  if (/[：:]$/.test(t)) return t.replace(/[：:]$/, '').trim();
  const bodies = /^各|[，,、]/.test(t) && /(?:单位|部门|机构|学校|企业)$|(?:人民政府|办公室|委员会|局|厅|委|会)$/.test(t);
  return bodies && !/\S\s{2,}\S/.test(t) ? t : '';
}

function emptyHeader(): HeaderInfo {
  return {
    issuer: '', docNumber: '', signer: '', urgency: '', classification: null, classificationPeriod: '',
    title: '', docType: 'unknown', recipients: '', titleLine: -1, endLine: -1,
  };
}

/** Fields of the 版头 and the title/主送 that follow it. `allLines` are the document's first
 * lines (HEADER_SCAN of them is enough); indices in the result refer to them. */
export function parseHeader(allLines: readonly string[], options: HeaderOptions = {}): HeaderInfo {
  // the first HEADER_LINES non-empty lines, each cut short, with their indices
  const at: number[] = [];
  const lines: string[] = [];
  for (let i = 0; i < allLines.length && i < HEADER_SCAN && lines.length < HEADER_LINES; i++) {
    const t = (allLines[i].length > LINE_MAX ? allLines[i].slice(0, LINE_MAX) : allLines[i]).trim();
    if (t) { lines.push(t); at.push(i); }
  }
  const info = emptyHeader();
  const mark = detectClassification(allLines.slice(0, HEADER_SCAN).join('\n'));
  if (mark) { info.classification = mark.classification; info.classificationPeriod = mark.period; }

  let markTitle = '';
  let titleEnd = -1; // index into `lines`
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i];
    if (isMarkingLine(t)) {
      info.urgency ||= urgencyOnLine(t);
      continue;
    }
    const num = numberOnLine(t);
    if (num) {
      info.docNumber ||= num;
      info.signer ||= signerOnLine(t);
      continue;
    }
    if (NUMBER_STUB.test(foldWidth(t))) continue;
    const bare = bareNumberOnLine(t);
    if (bare) { info.docNumber ||= bare; continue; }
    if (signerOnLine(t) && t.length < 60) {
      info.signer ||= signerOnLine(t);
      continue;
    }
    const flat = t.replace(/\s+/g, '');
    // `XX文件` / `XX专题会议纪要` is the 发文机关标志, even though `……纪要` also ends like a title;
    // a joint 版头 puts the other issuers on the lines above it
    if (!/关于/.test(t) && /(文件|纪要)$/.test(flat)) {
      const iss = issuerFromMark(t);
      if (iss) {
        info.issuer = info.issuer ? `${info.issuer} ${iss}` : iss;
        if (flat.endsWith('纪要')) markTitle = t;
        continue;
      }
      // 「桐城区人民政府」 over 「专题会议纪要」: the mark is printed over two lines — the organisation's own
      // line right above, not an issuer read from an `XX文件` mark (that would make a title not in the text)
      const above = i > 0 ? lines[i - 1].replace(/\s+/g, '') : '';
      if (above && info.issuer.replace(/\s+/g, '').endsWith(above) && MEETING_MARK.test(flat)) {
        markTitle = info.issuer + flat;
        continue;
      }
    }
    // a heading means the body has begun: a title never starts with an ordinal
    if (parseHeading(t)) break;
    const firstLine = options.firstLineIsTitle && !info.title && i === 0;
    if (isTitleLike(t) || (firstLine && t.length <= 80 && !/[。；：:，,]/.test(t) && /[\u4e00-\u9fa5]{4}/.test(t))) {
      titleEnd = joinWrappedTitle(lines, i, info);
      break;
    }
    const iss = issuerFromMark(t);
    if (iss) { info.issuer = info.issuer ? `${info.issuer} ${iss}` : iss; continue; }
    // 「机关        日期」, a date, 「（此件公开发布）」: layout lines of a 纪要 or letter: skip
    // and a line without a Han character (`{ 2017 6 23`, a page's debris)
    if (/\S\s{2,}\S/.test(t) || DATE_ONLY.test(t) || ASIDE.test(t) || !/[\u4e00-\u9fa5]/.test(t)) continue;
    // A draft begun at its 主送 (`县水务局：` with no title above it)
    const to = recipientsOnLine(t);
    if (to && /[：:]$/.test(t) && ADDRESSEE_END.test(to)) {
      info.recipients = to;
      info.endLine = at[i];
      break;
    }
    // Any other line before a title means this document has no recognisable 版头
    if (i > 0 || t.length > 40) break;
  }

  if (titleEnd < 0 && markTitle) {
    // a 纪要 whose 版头 is its only title: `XX常务会议纪要`
    info.title = collapse(markTitle);
    info.docType = '纪要';
    return info;
  }
  if (titleEnd < 0) {
    // no title: the statutory closing words say what the document is (现批复如下, 特此报告, 现予印发)
    info.docType = docTypeFromWording(lines);
    return info;
  }
  info.titleLine = at[titleEnd];
  info.endLine = at[titleEnd];
  info.docType = detectDocType(info.title);

  // After the title: the 字号 (published order), an issuer's line, the 主送.
  for (let i = titleEnd + 1; i < lines.length && i <= titleEnd + AFTER_TITLE_LINES; i++) {
    const t = lines[i];
    const num = numberOnLine(t) || bareNumberOnLine(t);
    info.endLine = at[i];
    if (num) {
      info.docNumber ||= num;
      info.signer ||= signerOnLine(t);
      continue;
    }
    if (signerOnLine(t) && t.length < 60) { info.signer ||= signerOnLine(t); continue; }
    if (ASIDE.test(t) || NUMBER_STUB.test(foldWidth(t))) continue;
    if (looksLikeOrg(t.replace(/\s+/g, ''))) {
      // 「财政部、司法部」 under the title names the issuers
      info.issuer ||= collapse(t);
      continue;
    }
    // a 纪要 has no 主送: its colon lines are 出席： 列席： or `……纪要如下：`
    if (info.docType !== '纪要') info.recipients = recipientsOnLine(t);
    if (!info.recipients) info.endLine = at[i - 1];
    break;
  }
  info.issuer ||= issuerFromTitle(info.title);
  return info;
}

/** The organisation a title starts with: `XX关于……`, `XX印发《……》的通知`, `XX2025年工作总结`,
 * `XX人民政府令`. */
function issuerFromTitle(title: string): string {
  // spacing kept: a joint issuer reads 「东江省财政厅 东江省农业农村厅」
  const t = collapse(title);
  const m = /^(.{2,160}?)\s*(?:关于|印发|转发|批转)/.exec(t) ?? /^([\u4e00-\u9fa5]{2,30}?)(?=\d{4}\s*年)/.exec(t) ??
    /^([\u4e00-\u9fa5]{2,30}?)令$/.exec(t);
  if (!m) return '';
  const name = m[1].trim();
  // one organisation, or several each named in full (成都市发展和改革委员会 中共成都市委社会工作部 …)
  const names = name.split(/[\s、，,]+/).filter(Boolean);
  return looksLikeOrg(name.replace(/[\s、，]/g, '')) || (names.length > 1 && names.every(looksLikeOrg)) ? name : '';
}

// The statutory closing or opening words of a document with no title, and the type they belong to.
const WORDING: ReadonlyArray<readonly [RegExp, DocType]> = [
  [/现批复如下|特此批复|^此复[。.]?$/, '批复'],
  [/妥否.{0,6}请.{0,3}(?:批示|批复|审批|示)|特此请示/, '请示'],
  [/特此报告|现将.{0,30}报告如下/, '报告'],
  [/特此通报|现将.{0,30}通报如下/, '通报'],
  [/特此通告|现将.{0,30}通告如下/, '通告'],
  [/特此公告/, '公告'],
  [/特此函[告复达]|请予函复|^此函[。.]?$|函告如下/, '函'],
  [/印发给你们|现予印发|现印发你们|转发给你们|特此通知|通知如下/, '通知'],
];

function docTypeFromWording(lines: readonly string[]): DocType {
  for (const [re, type] of WORDING) if (lines.some((l) => re.test(l))) return type;
  return 'unknown';
}

/** A long title is printed over up to TITLE_LINES_MAX lines: join lines while the title is not
 * finished (its ending names no type yet, a 《 is still open, or it ends right after the name a
 * 印发/转发 carries). Sets info.title; returns the index of the title's last line. */
function joinWrappedTitle(lines: readonly string[], i: number, info: HeaderInfo): number {
  let title = lines[i];
  let end = i;
  const unfinished = (s: string): boolean => {
    const f = s.replace(/\s+/g, '');
    return detectDocType(f) === 'unknown' && !endsAsTitle(f) ||
      (f.split('《').length > f.split('》').length) || /(?:印发|转发|批转)《[^》]*》$/.test(f);
  };
  while (end + 1 < lines.length && end - i + 1 < TITLE_LINES_MAX && unfinished(title)) {
    const next = lines[end + 1];
    if (next.length > 60 || /[。；;：:，,]/.test(next) || /\S\s{2,}\S/.test(next) || parseHeading(next) ||
        numberOnLine(next) || ASIDE.test(next) || /^目\s*录$/.test(next)) break;
    title += next;
    end++;
  }
  // a number printed after the title in brackets: `……的通知(岳办发〔2017〕2号)`
  const tail = /[（(]\s*([^（）()]{2,30}?)\s*[）)]$/.exec(title);
  const num = tail ? docNumberOnLine(tail[1]) : '';
  if (num && tail) {
    info.docNumber ||= num;
    title = title.slice(0, tail.index);
  }
  // a page's heading quotes the whole title: 《XX关于……的通知》
  const quoted = /^《([^《》]+(?:〈[^〈〉]*〉[^《》]*)*)》$/.exec(title.trim());
  if (quoted && detectDocType(quoted[1]) !== 'unknown') title = quoted[1];
  info.title = clip(collapse(title), 150);
  return end;
}

export interface FooterInfo {
  /** 署名: the organisation named on the line before the 成文日期 */
  signature: string;
  /** 抄送 list */
  cc: string;
}

/** The 署名 standing on the non-empty line before the 成文日期 at `dateLine`, or ''. */
function signatureBefore(lines: readonly string[], dateLine: number): string {
  for (let k = dateLine - 1; k >= 0 && k >= dateLine - 4; k--) {
    const t = lines[k].trim();
    if (!t) continue;
    // two signatures on one line: 「北川县农业农村局        北川县财政局」
    return t.split(/\s{2,}/).every(looksLikeOrg) ? collapse(t) : '';
  }
  return '';
}

/** 署名 and 抄送 from the document's last lines. */
export function parseFooter(lastLines: readonly string[]): FooterInfo {
  const lines = lastLines.map((l) => (l.length > LINE_MAX ? l.slice(0, LINE_MAX) : l));
  const info: FooterInfo = { signature: '', cc: '' };
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    const cc = /^(?:抄\s*送|分\s*送)\s*[：:]\s*(.+)$/.exec(t);
    if (cc) info.cc = clip(cc[1].replace(/[。.]$/, ''), 200);
    if (!info.signature && DATE_ONLY.test(t)) info.signature = signatureBefore(lines, i);
  }
  return info;
}

/** How far after the cover's title its 成文日期 may stand: a cover notice is short. */
export const CARRIED_SCAN = 200;

export interface CarriedStart {
  /** index of the carried document's first line */
  line: number;
  /** the cover's 署名, when it has one */
  coverSignature: string;
}

/** A title that carries another document, and the words that say so in a notice with no title. */
const CARRYING_TITLE = /印发|转发|批转|颁发|发布/;
const CARRYING_WORDS = /印发给你们|现予印发|现印发你们|转发给你们|现予发布/;

/** Where the document that a 印发/转发/批转 notice carries begins: the first line after the notice's
 * 成文日期 (or its `（此件公开发布）`) that is not an aside (`（联系人：……）`), an `附件` label or a
 * page's debris. `lines` start right after the notice's header; null when the notice carries
 * nothing or no such line follows. */
export function findCarriedStart(coverTitle: string, lines: readonly string[]): CarriedStart | null {
  if (coverTitle && !CARRYING_TITLE.test(coverTitle)) return null;
  let said = coverTitle !== '';
  const n = Math.min(lines.length, CARRIED_SCAN);
  for (let k = 0; k < n; k++) {
    if (!said && CARRYING_WORDS.test(lines[k].length > 300 ? lines[k].slice(0, 300) : lines[k])) said = true;
    const t = lines[k].length > 40 ? '' : lines[k].trim();
    if (!t || !(DATE_ONLY.test(t) || /^[（(]此件.{0,8}[）)]$/.test(t))) continue;
    if (!said) return null;
    const coverSignature = signatureBefore(lines, k);
    for (let j = k + 1; j < n; j++) {
      const u = lines[j].length > 120 ? lines[j].slice(0, 120) : lines[j].trim();
      if (!u || ASIDE.test(u) || /^[（(]?(?:联系人|此件|本件)/.test(u) || /^附\s*件\s*\d*$/.test(u) ||
          !/[\u4e00-\u9fa5]/.test(u)) continue;
      // 抄送 / 版记 lines end the notice without a carried document
      if (/^(?:抄\s*送|分\s*送)|印发$/.test(u.replace(/\s+/g, ''))) return null;
      return { line: j, coverSignature };
    }
    return null;
  }
  return null;
}
