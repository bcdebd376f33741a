// Facts worth repeating, found in one paragraph: dates and deadlines, amounts, organisation
// names, named documents/projects/meetings, and attachment names from `附件：1.……`.
import { clip } from './chars';

export interface ParagraphFacts {
  dates: string[];
  orgs: string[];
  amounts: string[];
  names: string[];
}

/** Per paragraph and kind: a huge paragraph must not yield thousands of facts. */
const PER_PARAGRAPH = 12;
const NAME_MAX = 40;

const DATE = /(?:\d{4}\s*年\s*)?\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:\s*(?:以前|之前|前))?|\d{4}\s*年(?:底|初|上半年|下半年|年底)/g;
const FW_DATE = /[０-９]{4}年[０-９]{1,2}月(?:[０-９]{1,2}日)?/g;
const AMOUNT = /\d+(?:\.\d+)?\s*(?:万|亿|千)?元/g;
const BOOK = /《([^《》\n]{2,60})》/g;
const MEETING_OR_PROJECT = /[\u4e00-\u9fa50-9]{2,24}?(推进会|工作会议|座谈会|专题会议|常务会议|联席会议|建设项目|专项行动)/g;
// Verbs and particles that end the words before a name: 召开全市……推进会 → 全市……推进会
const NAME_DELIMS = /的|关于|开展|召开|主持|组织|实施|参加|出席|纳入|列入|申请|审批|按照|根据|为|在|对|将|要|由|和|与|及/;
// A run of Han characters ending with an organisation word, after a delimiter.
const ORG = /[\u4e00-\u9fa5]{1,18}?(?:人民政府办公室|人民政府|委员会办公室|委员会|管理局|办事处|办公室|局(?![部面势限域])|厅|供电公司|公司|集团|大学|学院|中心|支队)/g;
// Words that end whatever precedes an organisation's name (verbs, prepositions, particles).
// 和 is not one: 发展和改革委员会, 和平区 contain it.
const ORG_DELIMS = /[，。、；：:,;（）()“”"《》\s]|的|与|及|由|向|在|对|将|要|请|经|据|按|从|把|以|于|给|是|作为|会同|协调|根据|组织|指导|联合|报送|报|配合|督促|商请|纳入|列入|授予|决定|发挥|反馈|全部/;
// Not organisations although they end like one: 布局, 大局 …
const NOT_ORG = /(布局|大局|格局|全局|时局|结局|开局|僵局|残局|局面|中心)$/;
const ORG_LEADING = /^(?:各|全|本|该|我|你|贵|其|有关|相关|同级|上级|下级|所属|市直|县直)/;

function collect(re: RegExp, text: string, into: string[], map?: (m: RegExpExecArray) => string): void {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (into.length < PER_PARAGRAPH && (m = re.exec(text))) {
    const v = (map ? map(m) : m[0]).replace(/\s+/g, '');
    if (v && !into.includes(v)) into.push(v);
    if (m[0].length === 0) re.lastIndex++;
  }
}

export function extractFacts(paragraph: string): ParagraphFacts {
  const facts: ParagraphFacts = { dates: [], orgs: [], amounts: [], names: [] };
  if (!paragraph) return facts;
  collect(DATE, paragraph, facts.dates);
  collect(FW_DATE, paragraph, facts.dates);
  collect(AMOUNT, paragraph, facts.amounts);
  collect(BOOK, paragraph, facts.names, (m) => clip(`《${m[1]}》`, NAME_MAX));
  collect(MEETING_OR_PROJECT, paragraph, facts.names, (m) => {
    const stem = m[0].slice(0, m[0].length - m[1].length).split(NAME_DELIMS).pop() ?? '';
    return stem.length >= 2 ? clip(stem + m[1], NAME_MAX) : '';
  });
  // Organisations: match within delimiter-bounded chunks so a verb before the name is not glued on
  ORG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (facts.orgs.length < PER_PARAGRAPH && (m = ORG.exec(paragraph))) {
    const org = trimOrg(m[0]);
    if (org.length >= 3 && org.length <= 24 && !NOT_ORG.test(org) && !facts.orgs.includes(org)) facts.orgs.push(org);
  }
  return facts;
}

function trimOrg(s: string): string {
  // keep what follows the last delimiter inside the match
  const parts = s.split(ORG_DELIMS);
  const last = parts[parts.length - 1] ?? '';
  return last.replace(ORG_LEADING, '');
}

/** Attachment names listed on an `附件：1.……` line, or null if this is not one. */
export function attachmentsOnLine(paragraph: string): string[] | null {
  // cheap rejection first: this runs on every paragraph
  const at = (paragraph.length > 9 ? paragraph.slice(0, 9) : paragraph).indexOf('附');
  if (at < 0 || at > 8) return null;
  const m = /^\s*附\s*件\s*[：:]\s*(.*)$/.exec(paragraph.length > 400 ? paragraph.slice(0, 400) : paragraph);
  if (!m) return null;
  const rest = m[1].trim();
  if (!rest) return [];
  return [clip(stripItemNumber(rest), NAME_MAX)];
}

/** `2.XXX表` following an attachment line continues the list. */
export function attachmentContinuation(paragraph: string): string | null {
  const c = paragraph.charCodeAt(0);
  if (!((c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19) || c === 0x20)) return null;
  const head = paragraph.length > 200 ? paragraph.slice(0, 200) : paragraph;
  if (!/^\s*[0-9０-９]{1,2}\s*[.．、]/.test(head)) return null;
  return clip(stripItemNumber(head.trim()), NAME_MAX);
}

function stripItemNumber(s: string): string {
  return s.replace(/^[0-9０-９]{1,2}\s*[.．、]\s*/, '').replace(/[。；;]$/, '');
}
