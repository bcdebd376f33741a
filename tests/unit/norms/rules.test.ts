// Behaviour of the rules on small documents: the structure decides what an ordinal, a 主送, a
// 成文日期 is — not a regex over the text — and the options switch rules off.
import { checkNorms, formatMessage, RULES, SEARCH_MAX, searchTarget, type Finding } from '../../../src/norms';

const HEAD = '东川县水利局文件\n东水呈〔2025〕6号\n东川县水利局关于申请防汛物资资金的请示\n县人民政府：\n';
const TAIL = '东川县水利局\n2025年4月7日\n';
const spans = (text: string, fs: Finding[]): string[] => fs.map((f) => `${f.rule} ${text.slice(f.start, f.end)}`);

describe('the rule table', () => {
  test('every rule cites a clause and has both messages, placeholders all filled by its checks', () => {
    for (const r of RULES) {
      expect(r.clause).toMatch(/GB\/T|条例|办法/);
      expect(r.message.zh).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.message.en).toMatch(/[a-z]/);
    }
    expect(formatMessage('ordinal-form', 'en', { n: '三', level: '3', expected: '1.', found: '1、' })).toBe('A level-3 ordinal is written 「1.」, not 「1、」');
    expect(formatMessage('ordinal-form', 'zh', { n: '三', level: '3', expected: '1.', found: '1、' })).toBe('第三层序数应写作「1.」，不写「1、」');
  });

  test('a finding carries its message in both languages with the params filled in', () => {
    const text = `${HEAD}一、情况\n三、请示事项\n${TAIL}`;
    const [f] = checkNorms(text);
    expect(f.rule).toBe('ordinal-sequence');
    expect(f.message.zh).toContain('「二、」');
    expect(f.message.en).toContain('「三、」 found');
  });
});

describe('ordinals follow the structure', () => {
  test('numbered lines inside a quotation are not the outline', () => {
    const quoted = `${HEAD}条例规定：“取水单位应当：\n1.每月报送取水量；\n3.每年报送总量。”\n一、情况\n${TAIL}`;
    expect(checkNorms(quoted)).toEqual([]);
    // the same lines unquoted are ordinals, with a gap
    const plain = quoted.replace('“', '').replace('”', '');
    expect(spans(plain, checkNorms(plain))).toContain('ordinal-sequence 3.');
  });

  test('the numbered 附件说明 is not the outline, and attached documents number afresh', () => {
    const text = `${HEAD}一、情况\n二、请示事项\n附件：1.物资清单\n2.资金测算表\n${TAIL}附件1\n物资清单\n一、救生衣\n附件2\n资金测算表\n一、合计\n`;
    expect(checkNorms(text)).toEqual([]);
  });

  test('（一） numbered straight through the parts (国务院 意见 style) is not a gap; a real gap is', () => {
    const through = `${HEAD}一、总体要求\n（一）甲。\n（二）乙。\n二、主要任务\n（三）丙。\n${TAIL}`;
    expect(checkNorms(through)).toEqual([]);
    const gap = through.replace('（三）丙', '（五）丙');
    expect(spans(gap, checkNorms(gap))).toEqual(['ordinal-sequence （五）']);
  });

  test('one level skipped (1. under 一、) is practice; two skipped is advice', () => {
    const one = `${HEAD}一、情况\n1.甲。\n2.乙。\n${TAIL}`;
    expect(checkNorms(one)).toEqual([]);
    const two = `${HEAD}一、情况\n（1）甲。\n（2）乙。\n${TAIL}`;
    const found = checkNorms(two);
    expect(spans(two, found)).toEqual(['ordinal-level-skip （1）']);
    expect(found[0].message.en).toBe('A level is skipped: 「（1）」 is a level-4 ordinal with no level-3 heading above it');
    expect(found[0].severity).toBe('advice');
  });

  test('a table read from a .docx (one cell a line): its 序号 cells are not the outline', () => {
    const text = `${HEAD}一、情况\n序号\n项目\n3.\n道路改造\n1、\n桥梁维修\n二、事项\n${TAIL}`;
    expect(checkNorms(text)).toEqual([]);
  });

  test('a number in the text is not an ordinal: 1.26万人次, 2025年', () => {
    const text = `${HEAD}1.26万人次参加检查。\n2025年全县完成任务。\n${TAIL}`;
    expect(checkNorms(text)).toEqual([]);
  });

  test('第X条 articles are checked for gaps; 第X章 do not restart them', () => {
    const text = `${HEAD}第一章 总则\n第一条 甲。\n第二章 附则\n第二条 乙。\n第四条 丙。\n${TAIL}`;
    expect(spans(text, checkNorms(text))).toEqual(['ordinal-sequence 第四条']);
  });
});

describe('header and end matter', () => {
  test('a 字号 quoted in the body is not the header 字号, but its brackets are still checked', () => {
    const text = `${HEAD}根据《关于做好防汛工作的通知》（东政发[2025]3号）要求。\n${TAIL}`;
    const f = checkNorms(text);
    expect(spans(text, f)).toEqual(['docnumber-brackets [2025]']);
    expect(f[0].fix).toBe('〔2025〕');
  });

  test('a title ending with 。 is still found as the title', () => {
    const text = HEAD.replace('的请示\n', '的请示。\n') + `一、情况\n${TAIL}`;
    const f = checkNorms(text);
    expect(spans(text, f)).toEqual(['title-punctuation 。']);
    expect(f[0].fix).toBe('');
  });

  test('a body date standing alone after the 署名 is the 成文日期; one in a sentence is not', () => {
    const text = `${HEAD}二〇二五年三月起实施。\n东川县水利局\n二〇二五年四月七日\n`;
    expect(spans(text, checkNorms(text))).toEqual(['date-arabic 二〇二五年四月七日']);
  });

  test('a 纪要\'s 「机关    日期」 line is a 成文日期 too', () => {
    const text = '青州市人民政府专题会议纪要\n第14期\n青州市人民政府办公室        2025年04月10日\n关于推进改造工作的会议纪要\n会议议定如下：\n一、关于计划\n';
    expect(spans(text, checkNorms(text))).toEqual(['date-no-padding 2025年04月10日']);
  });

  test('attachments not attached to the text (a separate file) are no disagreement', () => {
    const text = `${HEAD}一、情况\n附件：1.物资清单\n2.资金测算表\n${TAIL}抄送：县财政局。\n`;
    expect(checkNorms(text)).toEqual([]);
  });
});

describe('options', () => {
  const text = `${HEAD}妥否,请批示。\n一、情况\n三、事项\n${TAIL}`;
  test('advice can be switched off as a whole', () => {
    expect(checkNorms(text).map((f) => f.rule).sort()).toEqual(['ordinal-sequence', 'punctuation-width']);
    expect(checkNorms(text, { advice: false }).map((f) => f.rule)).toEqual(['ordinal-sequence']);
  });
  test('and any rule by its id', () => {
    expect(checkNorms(text, { disabled: ['ordinal-sequence'] }).map((f) => f.rule)).toEqual(['punctuation-width']);
  });
});

describe('searchTarget: a finding named for a host that searches by text', () => {
  test('the n-th occurrence of the span text is the span', () => {
    const text = `${HEAD}妥否,请批示,谢谢。\n一、情况\n${TAIL}`;
    const found = checkNorms(text).filter((f) => f.rule === 'punctuation-width');
    expect(found).toHaveLength(2);
    const targets = found.map((f) => searchTarget(text, f));
    expect(targets).toEqual([{ needle: ',', occurrence: 0, whole: true }, { needle: ',', occurrence: 1, whole: true }]);
    // replaying the search lands on each finding's start
    for (const [k, t] of targets.entries()) {
      let at = -1;
      for (let n = 0; n <= t.occurrence; n++) at = text.indexOf(t.needle, at + 1);
      expect(at).toBe(found[k].start);
    }
  });
  test('a span longer than Word searches is cut to SEARCH_MAX', () => {
    const text = `${'甲'.repeat(300)}。${'甲'.repeat(300)}`;
    expect(searchTarget(text, { start: 301, end: 601 })).toEqual({ needle: '甲'.repeat(SEARCH_MAX), occurrence: 1, whole: false });
  });
  test('the limit counts the find string: a caret is ^^ and a paragraph mark ^p there', () => {
    const text = `${'^'.repeat(200)}\n${'甲'.repeat(100)}`;
    const t = searchTarget(text, { start: 0, end: text.length });
    // 127 carets (254) fit; the 128th would make 256
    expect(t).toEqual({ needle: '^'.repeat(127), occurrence: 0, whole: false });
    expect(searchTarget('甲^\n乙', { start: 0, end: 4 })).toEqual({ needle: '甲^\n乙', occurrence: 0, whole: true });
  });
  test('a span a left-to-right search never lands on says so', () => {
    expect(searchTarget('xxx', { start: 1, end: 3 })).toEqual({ needle: 'xx', occurrence: -1, whole: true });
  });
});
