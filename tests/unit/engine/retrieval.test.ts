// Retrieval first: a passage the organisation wrote before is continued once the clerk is clearly
// copying it; a short, ambiguous match is not; the document's own wording beats the corpus's.
import fc from 'fast-check';
import { BuiltinEngine, corpusIndex, corpusText } from '../../../src/engine';
import { SEP } from '../../../src/engine/NgramIndex';
import { fromRetrieval, retrievalConfidence, retrievalProposal } from '../../../src/engine/retrieval';
import { documentText } from '../../../src/engine/sources';
import { digestOf } from './digestOf';

// The team's own text (synthetic, no third-party documents): a standard requirements paragraph
// that several past notices of one office repeat word for word around different topics.
const REQUIREMENTS = '各单位要高度重视，加强组织领导，明确责任分工，细化工作措施，确保各项任务按时保质完成。';
const past = (topic: string, extra: string): string =>
  `清河区人民政府办公室关于做好${topic}工作的通知\n各镇人民政府，各街道办事处，区政府各部门：\n为做好${topic}工作，${extra}现将有关事项通知如下。\n一、工作要求\n${REQUIREMENTS}\n清河区人民政府办公室\n`;
const CORPUS = [
  past('防汛抗旱', '切实保障人民群众生命财产安全，'),
  past('秋冬季森林防火', '有效预防和遏制森林火灾发生，'),
  past('安全生产大检查', '坚决遏制重特大事故，'),
  past('消防安全', '全面排查整治火灾隐患，'),
];

describe('retrieval: continuing an earlier copy', () => {
  const engine = new BuiltinEngine({ corpus: CORPUS });

  it('continues a boilerplate paragraph the corpus repeats, to its sentence end', () => {
    const before = '清河区人民政府办公室关于做好冬季供暖保障工作的通知\n各镇人民政府，各街道办事处，区政府各部门：\n为做好冬季供暖保障工作，现将有关事项通知如下。\n一、工作要求\n各单位要高度重视，加强组织';
    const s = engine.suggest(digestOf({ before }), 40);
    expect(s.startsWith('领导，明确责任分工')).toBe(true);
    expect(REQUIREMENTS).toContain(s);
  });

  it('shows no retrieved continuation after a short match the corpus continues many ways', () => {
    const corpus = ['要加强监督检查。', '要加强宣传引导。', '要加强队伍建设。', '要加强应急值守。', '要加强部门协作。'];
    const d = digestOf({ before: '今年全区各单位要加强' });
    const r = retrievalProposal(corpusIndex(corpus), d);
    expect(r).not.toBeNull();
    expect(retrievalConfidence(r!.ev)).toBeLessThan(0.65);
    const s = new BuiltinEngine({ corpus }).suggest(d, 40);
    for (const c of corpus) expect(c.endsWith(s + '。') && s.length > 0).toBe(false);
  });

  it('follows the document where it and the corpus disagree: it knows this year’s names', () => {
    const corpus = [
      '请各单位于每月5日前将统计报表报送区应急管理局综合科。',
      '请各单位于每月5日前将统计报表报送区应急管理局综合科。',
    ];
    const before = '一、报送要求\n请各单位于每月5日前将统计报表报送区应急管理局风险监测科。\n二、其他\n汛期请各单位于每月5日前将统计报表报送区应急管理局风险监测科，逢节假日顺延。\n三、请各单位于每月5日前将统计报表报送区应急管理局';
    const d = digestOf({ before });
    const r = retrievalProposal(corpusIndex(corpus), d);
    expect(r!.text.startsWith('风险监测科')).toBe(true);
    // Shown or not (a long name the document repeats is often followed by something new), the
    // corpus's wording never is.
    for (const typed of [before, before + '风险']) {
      const s = new BuiltinEngine({ corpus }).suggest(digestOf({ before: typed }), 40);
      expect(s).not.toContain('综合科');
    }
  });

  it('proposes nothing with nothing typed, and no copied figures after a figure', () => {
    const sa = corpusIndex(['截至2023年底，全区共有社区卫生服务站45个。']);
    expect(retrievalProposal(sa, digestOf({ before: '' }))).toBeNull();
    expect(fromRetrieval(sa, digestOf({ before: '截至2024年底，全区共有社区卫生服务站4' }))).toBeNull();
  });
});

describe('continuing a suggestion to its clause end', () => {
  // (continuing running prose is shown by the boilerplate test above)
  const engine = new BuiltinEngine();

  it('does not run a name from the header on into the header’s next words', () => {
    const d = digestOf({ docType: '通知', title: '北岭市住房和城乡建设局关于开展城镇燃气安全专项检查的通知', before: '为切实防范事故，决定在全市开展城镇燃' });
    expect(engine.suggest(d, 30)).not.toContain('的通知');
  });
});

describe('retrieval: properties', () => {
  // Texts over a small alphabet, so that repeats (and so proposals) are frequent.
  const piece = fc.constantFrom('各单位', '要', '加强', '组织领导', '，', '。', '应急', '管理局', '\n', '工作');
  const text = fc.array(piece, { minLength: 1, maxLength: 30 }).map((a) => a.join(''));

  it('proposes only a continuation found after the typed tail, within one clause and line', () => {
    fc.assert(fc.property(fc.array(text, { maxLength: 4 }), text, (corpus, before) => {
      const sa = corpusIndex(corpus);
      const d = digestOf({ before });
      const r = retrievalProposal(sa, d);
      if (!r) return;
      expect(r.ev.len).toBeGreaterThanOrEqual(2);
      expect(r.text).not.toMatch(/[\n\u0001]/);
      expect(r.text.slice(0, -1)).not.toMatch(/[。；！？]/);
      const where = documentText(d) + SEP + corpusText(corpus);
      // (a match may begin at a field boundary, so only the last typed character is certain)
      expect(where).toContain(before.slice(-1) + r.text);
      const p = retrievalConfidence(r.ev);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }), { numRuns: 300 });
  });
});
