// Document type from the title: the 15 statutory types of 《党政机关公文处理工作条例》 plus
// common non-statutory kinds. The title's ending decides (印发/转发《……》的通知 is a 通知).
import type { DocType } from '../protocol';
import { foldWidth } from './chars';

// Longest endings first, so 会议纪要 wins over 纪要 and 实施方案 over 方案.
const ENDINGS: ReadonlyArray<readonly [string, DocType]> = [
  ['会议纪要', '纪要'], ['纪要', '纪要'],
  ['批复', '批复'], ['请示', '请示'], ['报告', '报告'],
  ['通知', '通知'], ['通报', '通报'], ['通告', '通告'], ['公告', '公告'], ['公报', '公报'],
  ['决议', '决议'], ['决定', '决定'], ['命令', '命令'], ['意见', '意见'], ['议案', '议案'],
  // 对……建议的答复 is a 函 (答复函) to a deputy or a member
  ['复函', '函'], ['答复', '函'], ['函', '函'],
  ['实施方案', '实施方案'], ['工作方案', '工作方案'], ['方案', '工作方案'],
  ['工作总结', '总结'], ['总结', '总结'],
  ['讲话稿', '讲话稿'], ['讲话', '讲话稿'], ['致辞', '讲话稿'],
  // 嘉奖令, 主席令, 通缉令: a 命令 named by its kind
  ['令', '命令'],
];

/** The type a title announces; 'unknown' when its ending names none. */
export function detectDocType(title: string): DocType {
  let t = foldWidth(title).replace(/\s+/g, '');
  // trailing qualifiers do not change the type: （草案） （试行） （征求意见稿） （2025—2027年）, and stray punctuation
  for (let i = 0; i < 3; i++) {
    const before = t;
    t = t.replace(/\([^()]{1,16}\)$/, '').replace(/[。.;；:：,，、"”'’》>]+$/, '');
    if (t === before) break;
  }
  if (t.length < 2) return 'unknown';
  for (const [ending, type] of ENDINGS) {
    if (t.endsWith(ending)) {
      // a bare 令 must follow a name (嘉奖令), not be a word like 法令 in running text
      if (ending === '令' && t.length < 3) return 'unknown';
      return type;
    }
  }
  return 'unknown';
}
