// Whole words of 公文 that a word segmenter cuts: ICU splits 人民政府办公室 as 人民政府|办公|室 and
// 农业农村局 as 农业|农村|局, so accept-next would take half a name. A term list matched before the segmenter.

/**
 * Organisation words of 公文, as they follow a place name (市/县/区…): the 人民政府 and its offices, and the
 * government departments named in the 2018 institutional reform at provincial, city and county level.
 * Each is one word for a clerk; a compound like 人民政府办公室 is two (人民政府, then 办公室), as it is
 * spoken. Frequent fixed phrases of the genre follow.
 */
const OFFICIAL_WORDS = [
  '人民政府', '人民代表大会', '常务委员会', '人大常委会', '政协', '委员会', '办公室', '办公厅', '办事处', '街道办事处',
  '管理委员会', '居民委员会', '村民委员会', '领导小组', '指挥部', '人民法院', '人民检察院', '纪律检查委员会', '监察委员会',
  '组织部', '宣传部', '统战部', '政法委员会', '机构编制委员会',
  '发展和改革委员会', '发展和改革局', '教育局', '教育和体育局', '科学技术局', '科技局', '工业和信息化局', '民族宗教事务局',
  '公安局', '民政局', '司法局', '财政局', '人力资源和社会保障局', '自然资源局', '自然资源和规划局', '生态环境局',
  '住房和城乡建设局', '住房和城乡建设委员会', '交通运输局', '水利局', '水务局', '农业农村局', '商务局', '文化和旅游局',
  '文化广电和旅游局', '卫生健康委员会', '卫生健康局', '退役军人事务局', '应急管理局', '审计局', '国有资产监督管理委员会',
  '市场监督管理局', '广播电视局', '体育局', '统计局', '医疗保障局', '林业局', '林业和草原局', '乡村振兴局', '城市管理局',
  '综合行政执法局', '信访局', '数据局', '政务服务管理局', '行政审批局', '机关事务管理局', '供销合作社', '税务局',
  '特此通知', '特此报告', '特此函告', '特此批复', '特此通报', '有关事项', '有关单位', '实施方案', '工作方案',
  '高质量发展', '乡村振兴', '安全生产', '请批示', '妥否',
];

/** A set of whole words, indexed by first character, longest first: the cutter tries them before the segmenter. */
export interface Terms {
  readonly byFirst: ReadonlyMap<string, readonly string[]>;
}

/** Terms from a list of words (two characters or more; shorter ones add nothing the segmenter lacks). */
export function termsOf(words: Iterable<string>): Terms {
  const byFirst = new Map<string, string[]>();
  for (const w of words) {
    if (w.length < 2) continue;
    const list = byFirst.get(w[0]!) ?? [];
    if (!list.includes(w)) list.push(w);
    byFirst.set(w[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length);
  return { byFirst };
}

export const OFFICIAL_TERMS: Terms = termsOf(OFFICIAL_WORDS);

/** The longest term of `terms` that `text` has at `at`, or ''. */
export function termAt(terms: Terms, text: string, at: number): string {
  const list = terms.byFirst.get(text[at] ?? '');
  if (!list) return '';
  for (const t of list) if (text.startsWith(t, at)) return t;
  return '';
}

/** A place name at the start of an organisation's name: 西岭市 in 西岭市农业农村局 (as entities.ts reads it). */
const PLACE = /^[\u4e00-\u9fa5]{1,8}?(?:省|自治区|市|自治州|州|盟|县|区|旗|镇|乡|街道)(?=[\u4e00-\u9fa5]{2,})/;
const HAN_ONLY = /^[\u4e00-\u9fa5]+$/;

/**
 * The words the document's own names give (issuer, recipients, organisations the digest found), on top of
 * the official ones: a place name (西岭市, which ICU cuts 西|岭|市) is one word, and so is the rest of a name
 * when the official words do not already cut it (西岭市林草中心 → 西岭市, 林草中心). A name the official
 * words cover (西岭市人民政府办公室) adds only its place: 人民政府 and 办公室 stay two words.
 */
export function termsFromNames(names: Iterable<string>, base: Terms = OFFICIAL_TERMS): Terms {
  const words: string[] = [];
  for (const list of base.byFirst.values()) words.push(...list);
  for (const raw of names) {
    const name = raw.replace(/\s+/g, '');
    if (!HAN_ONLY.test(name) || name.length > 24) continue;
    const place = PLACE.exec(name)?.[0] ?? '';
    if (place) words.push(place);
    const rest = name.slice(place.length);
    if (rest.length >= 2 && !coveredBy(base, rest)) words.push(rest);
  }
  return termsOf(words);
}

/** True when `text` is a run of `terms` end to end. */
function coveredBy(terms: Terms, text: string): boolean {
  let at = 0;
  while (at < text.length) {
    const t = termAt(terms, text, at);
    if (!t) return false;
    at += t.length;
  }
  return true;
}
