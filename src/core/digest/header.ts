// The 版头 and 主送 of a 公文 (issuer mark, number, signer, urgency, classification, title,
// recipients) from its first lines, and the 署名 / 抄送 from its last lines. Constant work:
// only a fixed number of lines, each cut short, is ever looked at.
import type { Classification, DocType } from '../protocol';
import { clip, foldWidth } from './chars';
import { detectDocType } from './docType';
import { parseHeading } from './headings';
import { detectClassification, docNumberOnLine, isMarkingLine, signerOnLine, urgencyOnLine } from './markings';

export const HEADER_LINES = 14;
export const FOOTER_LINES = 16;
const LINE_MAX = 300;

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
  /** index of the (last) title line, -1 when none was found */
  titleLine: number;
}

// Endings of an organisation's name, for issuer marks and 署名.
const ORG_END = /(人民政府|政府|办公室|办公厅|委员会|管理局|办事处|局|厅|委|部|署|院|校|大学|学院|中心|公司|集团|协会|联合会|总会|银行|医院|所|站|队|社|街道|社区|镇|乡|处|科|室|组|会)$/;
const DATE_ONLY = /^\s*(\d{4}|[一二三四五六七八九〇零]{4})\s*年.{1,8}日\s*$/;

function looksLikeOrg(line: string): boolean {
  const t = line.trim();
  return t.length >= 2 && t.length <= 40 && !/[，。；：:,;!！？?“”"]/.test(t) && ORG_END.test(t);
}

/** The issuer named by a 发文机关标志 line: `XX文件` → XX, `XX专题会议纪要` → XX, or a bare org. */
function issuerFromMark(line: string): string {
  const t = line.trim().replace(/\s+/g, '');
  if (t.length < 3 || t.length > 50 || /[，。；：:,;]/.test(t)) return '';
  let m = /^(.+?)文件$/.exec(t);
  if (m) return m[1];
  m = /^(.+?)(?:专题会议|常务会议|办公会议|会议)?纪要$/.exec(t);
  if (m && !t.startsWith('关于')) return m[1];
  return looksLikeOrg(t) ? t : '';
}

function isTitleLike(line: string): boolean {
  const t = line.trim();
  if (t.length < 4 || t.length > 150) return false;
  if (/[：:]$/.test(t) || /[。；]$/.test(t)) return false;
  if (/\S\s{2,}\S/.test(t)) return false; // 「机关        日期」 layout lines
  return /关于/.test(t) || detectDocType(t) !== 'unknown';
}

/** Fields of the 版头 and the title/主送 that follow it. `lines` are the document's first lines. */
export function parseHeader(allLines: readonly string[]): HeaderInfo {
  const lines = allLines.slice(0, HEADER_LINES).map((l) => (l.length > LINE_MAX ? l.slice(0, LINE_MAX) : l));
  const info: HeaderInfo = {
    issuer: '', docNumber: '', signer: '', urgency: '', classification: null, classificationPeriod: '',
    title: '', docType: 'unknown', recipients: '', titleLine: -1,
  };
  const mark = detectClassification(lines.join('\n'));
  if (mark) { info.classification = mark.classification; info.classificationPeriod = mark.period; }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    if (!t) continue;
    if (isMarkingLine(t)) {
      info.urgency ||= urgencyOnLine(t);
      continue;
    }
    const num = docNumberOnLine(t);
    if (num) {
      info.docNumber ||= num;
      info.signer ||= signerOnLine(t);
      continue;
    }
    if (!info.signer && signerOnLine(t) && t.length < 60) {
      info.signer = signerOnLine(t);
      continue;
    }
    // `XX文件` / `XX专题会议纪要` is the 发文机关标志, even though `……纪要` also ends like a title
    if (!info.issuer && !/关于/.test(t) && /(文件|纪要)$/.test(t.replace(/\s+/g, ''))) {
      const iss = issuerFromMark(t);
      if (iss) { info.issuer = iss; continue; }
    }
    // a heading means the body has begun: a title never starts with an ordinal
    if (parseHeading(t)) break;
    if (isTitleLike(t)) {
      const [title, used] = joinWrappedTitle(lines, i);
      info.title = title;
      info.titleLine = i + used - 1;
      break;
    }
    if (!info.issuer) {
      const iss = issuerFromMark(t);
      if (iss) { info.issuer = iss; continue; }
    }
    // 第14期, 「机关        日期」: layout lines of a 纪要 or letter: skip
    if (/^第\s*\d+\s*期$/.test(foldWidth(t)) || /\S\s{2,}\S/.test(t) || DATE_ONLY.test(t)) continue;
    // Any other line before a title means this document has no recognisable 版头
    if (i > 0 || t.length > 40) break;
  }

  if (info.titleLine >= 0) {
    info.docType = detectDocType(info.title);
    const next = lines.slice(info.titleLine + 1).find((l) => l.trim() !== '');
    if (next !== undefined) {
      const r = next.trim();
      // `现将有关事项通知如下：` also ends with a colon but opens the body
      if (/[：:]$/.test(r) && r.length <= 200 && !/[。；]|如下[：:]$/.test(r)) info.recipients = r.replace(/[：:]$/, '');
    }
  }
  if (!info.issuer && info.title) {
    // 东川县人民政府办公室关于……的通知: the issuer is what precedes 关于
    const m = /^(.{2,40}?)关于/.exec(info.title.replace(/\s+/g, ''));
    if (m && looksLikeOrg(m[1].replace(/[\s、，]/g, ''))) info.issuer = m[1];
  }
  return info;
}

/** A long title may be broken over two lines; the second line then carries the type word.
 * Returns the title and how many lines it used. */
function joinWrappedTitle(lines: readonly string[], i: number): [string, number] {
  const first = lines[i].trim();
  const next = (lines[i + 1] ?? '').trim();
  if (detectDocType(first) === 'unknown' && next && !/[：:]$/.test(next) && next.length < 60 &&
      detectDocType(next) !== 'unknown' && !/[。，]/.test(next)) {
    return [clip(first + next, 150), 2];
  }
  return [clip(first, 150), 1];
}

export interface FooterInfo {
  /** 署名: the organisation named on the line before the 成文日期 */
  signature: string;
  /** 抄送 list */
  cc: string;
}

/** 署名 and 抄送 from the document's last lines. */
export function parseFooter(lastLines: readonly string[]): FooterInfo {
  const lines = lastLines.map((l) => (l.length > LINE_MAX ? l.slice(0, LINE_MAX) : l));
  const info: FooterInfo = { signature: '', cc: '' };
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].trim();
    const cc = /^(?:抄\s*送|分\s*送)\s*[：:]\s*(.+)$/.exec(t);
    if (cc) info.cc = clip(cc[1].replace(/[。.]$/, ''), 200);
    if (!info.signature && DATE_ONLY.test(t) && i > 0 && looksLikeOrg(lines[i - 1])) {
      info.signature = lines[i - 1].trim();
    }
  }
  return info;
}
