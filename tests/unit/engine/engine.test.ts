import { BuiltinEngine } from '../../../src/engine';
import { buildDigest } from '../../../src/core/digest';
import { digestOf } from './digestOf';

const engine = new BuiltinEngine();

describe('continuing from the document itself', () => {
  it('completes a name the document has used the same way each time', () => {
    const d = digestOf({
      before: '报名表报送县农业农村局。\n（二）认真组织培训。由县农业农村局统一组织，县农业农村局负责考核。\n（三）各单位将总结报送县农',
    });
    expect(engine.suggest(d, 20)).toMatch(/^业农村局/);
  });

  it('says nothing when the document finished the same start two different ways', () => {
    const d = digestOf({ before: '由区卫生健康局负责。\n新建社区卫生服务站3个。\n据区卫' });
    expect(engine.suggest(d, 20)).toBe('');
  });

  it('does not copy figures from earlier sentences', () => {
    const d = digestOf({ before: '共投入资金2380万元，建成站点12个。\n下半年计划投入资金23' });
    expect(engine.suggest(d, 20)).toBe('');
  });

  it('completes the issuer at the start of the signature line from the digest', () => {
    const d = digestOf({ docType: '通知', issuer: '北岭市住房和城乡建设局', before: '特此通知。\n北岭市住房和城' });
    expect(engine.suggest(d, 20)).toBe('乡建设局');
  });

  it('completes the title topic when the body repeats it, and the issuer without its place', () => {
    const d = digestOf({ docType: '通知', title: '北岭市住房和城乡建设局关于开展城镇燃气安全专项检查的通知', issuer: '北岭市住房和城乡建设局', before: '为切实防范事故，决定在全市开展城镇燃' });
    expect(engine.suggest(d, 30)).toBe('气安全专项检查');
    const e = digestOf({ docType: '通知', title: 'x', issuer: '北岭市住房和城乡建设局', before: '各单位于5月前报送市住房和城' });
    expect(engine.suggest(e, 30)).toBe('乡建设局');
  });
});

describe('layout rules', () => {
  it('completes the signature from its first character below the closing formula, not elsewhere', () => {
    const closed = digestOf({ docType: '通知', issuer: '北岭市民政局', before: '特此通知。\n附件：养老服务补贴发放名册\n北' });
    expect(engine.suggest(closed, 20)).toBe('岭市民政局');
    const body = digestOf({ docType: '通知', issuer: '北岭市民政局', before: '一、工作要求\n北' });
    expect(engine.suggest(body, 20)).not.toBe('岭市民政局');
  });

  it('finishes a layout label begun at the start of a line', () => {
    expect(engine.suggest(digestOf({ docType: '通知', before: '2026年4月3日\n抄' }), 20)).toBe('送：');
  });

  it('dates the signature with the year of the document number', () => {
    const d = digestOf({ docType: '通知', issuer: '北岭市民政局', docNumber: '北民发〔2026〕3号', before: '特此通知。\n北岭市民政局\n' });
    expect(engine.suggest(d, 20)).toBe('2026年');
  });

  it('fills the 印发 line once the clerk has spaced to the date', () => {
    const d = digestOf({ issuer: '北岭市民政局', before: '北岭市民政局\n2026年4月3日\n抄送：市财政局。\n北岭市民政局办公室      ' });
    expect(engine.suggest(d, 20)).toBe('2026年4月3日印发');
  });

  it('repeats an attachment title from the 附件说明 on the attachment page', () => {
    const d = digestOf({ before: '特此通知。\n附件：1.养老服务补贴发放名册\n2.养老服务机构检查记录表\n北岭市民政局\n2026年4月3日\n附件2\n' });
    expect(engine.suggest(d, 30)).toBe('养老服务机构检查记录表');
  });

  it('finishes a set frame once begun, with the verb of the document type', () => {
    const d = digestOf({ docType: '请示', before: '为保障工作顺利开展，现将有关事' });
    expect(engine.suggest(d, 30)).toBe('项请示如下：');
  });
});

describe('organisation corpus', () => {
  // Every year's training notice says it again (the confidence is calibrated on real documents,
  // where three agreeing places are not yet enough).
  const yearly = [
    '本次培训由市档案馆承办，参训人员须按时签到，培训期间实行考勤管理。',
    '请参训人员按时签到，培训期间实行考勤管理，不得无故缺席。',
    '新任职干部培训期间实行考勤管理，由组织人事科负责。',
  ];
  const corpusEngine = new BuiltinEngine({ corpus: [
    ...yearly, ...yearly, ...yearly, ...yearly, ...yearly, ...yearly,
    '各单位要按照档案管理规定，做好文件材料的收集、整理、归档工作。',
  ] });

  it('continues with what the organisation writes again and again', () => {
    const d = digestOf({ before: '二、有关要求\n参训人员须按时签到，培训期间实行考' });
    expect(engine.suggest(d, 20)).toBe('');
    expect(corpusEngine.suggest(d, 20)).toMatch(/^勤管理/);
  });

  it('ignores what the corpus says only once', () => {
    const d = digestOf({ before: '二、有关要求\n本次培训由市档' });
    expect(corpusEngine.suggest(d, 20)).toBe('');
  });
});

describe('with the real digest', () => {
  it('works end to end on a short notice', () => {
    const text = [
      '北岭市民政局关于做好2026年养老服务补贴发放工作的通知',
      '各区县民政局：',
      '为做好2026年养老服务补贴发放工作，现将有关事项通知如下：',
      '一、发放对象',
      '全市80周岁以上老年人。',
      '二、工作要求',
      '各区县民政局要于3月31日前完成核查。',
      '特',
    ].join('\n');
    expect(engine.suggest(buildDigest(text, text.length), 20)).toBe('此通知。');
  });

  it('never exceeds maxChars', () => {
    const text = '北岭市民政局关于做好2026年养老服务补贴发放工作的通知\n各区县民政局：\n为做好2026年养老服务补贴发放';
    for (let max = 0; max < 8; max++) expect(engine.suggest(buildDigest(text, text.length), max).length).toBeLessThanOrEqual(max);
  });
});
