// The 公文 format rules: each with the clause it comes from, how sure the standard is about it
// (error where GB/T 9704-2012 or the 条例 says 应, advice where practice varies) and its message.
// Messages are templates: {found} {expected} {n} {m} {level} {parent} are filled from the finding's params.

export type Severity = 'error' | 'advice';

export type RuleId =
  | 'docnumber-brackets' | 'docnumber-year' | 'docnumber-serial'
  | 'title-punctuation'
  | 'recipients-colon'
  | 'ordinal-form' | 'ordinal-sequence' | 'ordinal-level-skip'
  | 'attachment-form' | 'attachment-punctuation' | 'attachment-numbering' | 'attachment-agreement' | 'attachment-name'
  | 'date-arabic' | 'date-full-year' | 'date-no-padding' | 'date-order'
  | 'note-parentheses'
  | 'cc-punctuation'
  | 'punctuation-width'
  | 'number-date-padding'
  | 'citation-order';

export interface Localized {
  zh: string;
  en: string;
}

export interface Rule {
  id: RuleId;
  /** where the rule comes from, as a reader would cite it */
  clause: string;
  severity: Severity;
  /** what the rule is about, for the settings' switch per rule */
  title: Localized;
  message: Localized;
  /** whether findings of this rule carry an exact fix (some findings of a fixable rule may not) */
  fixable: boolean;
}

const GB = 'GB/T 9704-2012';

export const RULES: readonly Rule[] = [
  { id: 'docnumber-brackets', title: { zh: '发文字号：年份用六角括号', en: 'Document number: year in 〔〕' }, clause: `${GB} §7.2.5`, severity: 'error', fixable: true,
    message: { zh: '发文字号的年份应用六角括号〔〕括入，不用「{found}」', en: 'The year of a document number goes in 〔〕 brackets, not 「{found}」' } },
  { id: 'docnumber-year', title: { zh: '发文字号：年份标全称', en: 'Document number: year in full' }, clause: `${GB} §7.2.5`, severity: 'error', fixable: false,
    message: { zh: '发文字号的年份应标全称（四位数字），不写「{found}」', en: 'The year of a document number is written in full (four digits), not 「{found}」' } },
  { id: 'docnumber-serial', title: { zh: '发文字号：序号不加“第”、不编虚位', en: 'Document number: serial without 第 or leading zeros' }, clause: `${GB} §7.2.5`, severity: 'error', fixable: true,
    message: { zh: '发文顺序号不加「第」字、不编虚位：应为「{expected}」', en: 'The serial number takes no 第 and no leading zeros: 「{expected}」' } },
  { id: 'title-punctuation', title: { zh: '标题末尾不加标点', en: 'No punctuation at the end of the title' }, clause: `${GB} §7.3.1; GB/T 15834`, severity: 'error', fixable: true,
    message: { zh: '标题末尾不加标点符号「{found}」', en: 'A title does not end with punctuation 「{found}」' } },
  { id: 'recipients-colon', title: { zh: '主送机关后标全角冒号', en: 'Full-width colon after the addressees' }, clause: `${GB} §7.3.2`, severity: 'error', fixable: true,
    message: { zh: '主送机关最后一个名称后应标全角冒号「：」', en: 'The last addressee of the 主送 line is followed by a full-width colon 「：」' } },
  { id: 'ordinal-form', title: { zh: '结构层次序数的写法', en: 'Form of the heading ordinals' }, clause: `${GB} §7.3.3`, severity: 'error', fixable: true,
    message: { zh: '第{n}层序数应写作「{expected}」，不写「{found}」', en: 'A level-{level} ordinal is written 「{expected}」, not 「{found}」' } },
  { id: 'ordinal-sequence', title: { zh: '序数连续', en: 'Ordinals in sequence' }, clause: `${GB} §7.3.3`, severity: 'error', fixable: false,
    message: { zh: '序数不连续：此处应为「{expected}」，却是「{found}」', en: 'Ordinals out of sequence: 「{expected}」 expected here, 「{found}」 found' } },
  { id: 'ordinal-level-skip', title: { zh: '结构层次跳级', en: 'Heading levels skipped' }, clause: `${GB} §7.3.3`, severity: 'advice', fixable: false,
    message: { zh: '结构层次跳级：「{found}」是第{n}层序数，上面没有第{m}层', en: 'A level is skipped: 「{found}」 is a level-{level} ordinal with no level-{parent} heading above it' } },
  { id: 'attachment-form', title: { zh: '附件说明的写法', en: 'Form of the attachment note' }, clause: `${GB} §7.3.4`, severity: 'error', fixable: true,
    message: { zh: '附件说明应写作「{expected}」，不写「{found}」', en: 'The attachment note is written 「{expected}」, not 「{found}」' } },
  { id: 'attachment-punctuation', title: { zh: '附件名称后不加标点', en: 'No punctuation after attachment names' }, clause: `${GB} §7.3.4`, severity: 'error', fixable: true,
    message: { zh: '附件名称后不加标点符号「{found}」', en: 'An attachment name is not followed by punctuation 「{found}」' } },
  { id: 'attachment-numbering', title: { zh: '多个附件依次编号', en: 'Several attachments numbered in order' }, clause: `${GB} §7.3.4`, severity: 'error', fixable: false,
    message: { zh: '有多个附件时应用阿拉伯数字依次标注附件顺序号：此处应为「{expected}」', en: 'Several attachments are numbered 1. 2. 3. in order: 「{expected}」 expected here' } },
  { id: 'attachment-agreement', title: { zh: '附件说明与所附附件一致', en: 'Attachment note agrees with the attachments' }, clause: `${GB} §7.3.4, §7.3.7`, severity: 'error', fixable: false,
    message: { zh: '附件说明列出{n}个附件，文后附有{m}个', en: 'The attachment note lists {n} attachment(s); {m} are attached' } },
  { id: 'attachment-name', title: { zh: '附件标题与附件说明一致', en: 'Attachment titles match the note' }, clause: `${GB} §7.3.4`, severity: 'advice', fixable: false,
    message: { zh: '附件{n}的标题「{found}」与附件说明中的名称「{expected}」不一致', en: 'The title of attachment {n} 「{found}」 differs from its name in the attachment note 「{expected}」' } },
  { id: 'date-arabic', title: { zh: '日期用阿拉伯数字', en: 'Dates in Arabic numerals' }, clause: `${GB} §7.3.5.4, §7.4.3`, severity: 'error', fixable: true,
    message: { zh: '日期应用阿拉伯数字将年、月、日标全：「{expected}」', en: 'The date is written in Arabic numerals: 「{expected}」' } },
  { id: 'date-full-year', title: { zh: '日期年份标全称', en: 'Dates: year in full' }, clause: `${GB} §7.3.5.4, §7.4.3`, severity: 'error', fixable: false,
    message: { zh: '日期的年份应标全称，不写「{found}」', en: 'The year of the date is written in full, not 「{found}」' } },
  { id: 'date-no-padding', title: { zh: '日期月、日不编虚位', en: 'Dates: no leading zeros' }, clause: `${GB} §7.3.5.4, §7.4.3`, severity: 'error', fixable: true,
    message: { zh: '日期的月、日不编虚位（1不编为01）：「{expected}」', en: 'Month and day take no leading zero (1, not 01): 「{expected}」' } },
  { id: 'date-order', title: { zh: '印发日期不早于成文日期', en: 'Printing date not before the document date' }, clause: `${GB} §7.4.3`, severity: 'error', fixable: false,
    message: { zh: '印发日期「{found}」早于成文日期「{expected}」', en: 'The printing date 「{found}」 is before the date of the document 「{expected}」' } },
  { id: 'note-parentheses', title: { zh: '附注加圆括号', en: 'Notes in parentheses' }, clause: `${GB} §7.3.6`, severity: 'error', fixable: true,
    message: { zh: '附注应加全角圆括号：「{expected}」', en: 'A note (附注) goes in full-width parentheses: 「{expected}」' } },
  { id: 'cc-punctuation', title: { zh: '抄送机关的标点', en: 'Punctuation of the 抄送 line' }, clause: `${GB} §7.4.2`, severity: 'error', fixable: true,
    message: { zh: '抄送机关：冒号用全角「：」，最后一个机关名称后标句号「。」', en: 'Copies to (抄送): a full-width colon 「：」, and a full stop 「。」 after the last body' } },
  { id: 'punctuation-width', title: { zh: '中文中用全角标点', en: 'Full-width punctuation in Chinese text' }, clause: `${GB} §9; GB/T 15834`, severity: 'advice', fixable: true,
    message: { zh: '中文中用了半角标点「{found}」，应为「{expected}」', en: 'Half-width 「{found}」 in Chinese text: 「{expected}」' } },
  { id: 'number-date-padding', title: { zh: '正文日期不加前导零', en: 'Dates in the text without leading zeros' }, clause: `${GB} §9; GB/T 15835`, severity: 'advice', fixable: true,
    message: { zh: '日期中的月、日一般不加前导零：「{expected}」', en: 'Dates in the text take no leading zeros: 「{expected}」' } },
  { id: 'citation-order', title: { zh: '引用公文先引标题后引字号', en: 'Cite the title before the number' }, clause: '《党政机关公文处理工作条例》 / 《国家行政机关公文处理办法》(2000) 第二十三条', severity: 'error', fixable: false,
    message: { zh: '引用公文应当先引标题，后引发文字号：《标题》（{found}）', en: 'Cite a document by its title first, then its number: 《title》（{found}）' } },
];

export const RULE_BY_ID: Readonly<Record<RuleId, Rule>> = Object.fromEntries(RULES.map((r) => [r.id, r])) as Record<RuleId, Rule>;

// Templates split once into literal text and param names (even indices literal, odd names):
// a long document can have thousands of findings, each formatted in two languages.
const TEMPLATES = new Map<string, string[]>();
for (const r of RULES) for (const lang of ['zh', 'en'] as const) TEMPLATES.set(`${r.id}:${lang}`, r.message[lang].split(/\{(\w+)\}/));

/** A rule's message with its params filled in. */
export function formatMessage(rule: RuleId, lang: 'zh' | 'en', params: Readonly<Record<string, string>> = {}): string {
  const parts = TEMPLATES.get(`${rule}:${lang}`) ?? [];
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) out += (params[parts[i]] ?? `{${parts[i]}}`) + parts[i + 1];
  return out;
}
