// Whole words of 公文 that a word segmenter cuts: ICU splits 人民政府办公室 as 人民政府|办公|室 and
// 农业农村局 as 农业|农村|局, so accept-next would take half a name. A term list matched before the segmenter;
// the official words themselves are officialWords.ts (data only: the panes load it as a chunk of its own).

/** A set of whole words, indexed by first character, longest first: the cutter tries them before the segmenter. */
export interface Terms {
  readonly byFirst: ReadonlyMap<string, readonly string[]>;
}

/** Terms from a list of words (two characters or more; shorter ones add nothing the segmenter lacks). */
export function termsOf(words: readonly string[]): Terms {
  const byFirst = new Map<string, string[]>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w.length < 2) continue;
    const list = byFirst.get(w[0]!) ?? [];
    if (list.indexOf(w) < 0) list.push(w);
    byFirst.set(w[0]!, list);
  }
  byFirst.forEach((list) => list.sort((a, b) => b.length - a.length));
  return { byFirst };
}

/** No terms: the segmenter alone (the default, and the pane's until the official words have loaded). */
export const NO_TERMS: Terms = /*#__PURE__*/ termsOf([]);

/** The longest term of `terms` that `text` has at `at`, or ''. */
export function termAt(terms: Terms, text: string, at: number): string {
  const list = terms.byFirst.get(text[at] ?? '');
  if (!list) return '';
  for (let i = 0; i < list.length; i++) if (text.slice(at, at + list[i]!.length) === list[i]) return list[i]!;
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
export function termsFromNames(names: readonly string[], base: Terms): Terms {
  const words: string[] = [];
  base.byFirst.forEach((list) => {
    for (let i = 0; i < list.length; i++) words.push(list[i]!);
  });
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!.replace(/\s+/g, '');
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
