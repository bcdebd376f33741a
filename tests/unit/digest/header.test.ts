// Header markings and the document type, including documents typed carelessly.
import { buildDigest, detectClassification, detectDocType } from '../../../src/core/digest';

const body = '为做好有关工作，现将有关事项通知如下。\n一、总体要求\n（一）提高认识。\n';

describe('detectClassification', () => {
  test.each([
    ['秘密★6个月\n关于x的通知', '秘密', '6个月'],
    ['000015\n机密★10年\n', '机密', '10年'],
    ['绝密\n', '绝密', ''],
    ['内部\n关于x的通知', '内部', ''],
    ['000138  秘密 ★ 6个月  特急\n', '秘密', '6个月'],
    ['东江省大数据管理局\n000015\n秘密★6个月\n东数函〔2025〕41号', '秘密', '6个月'],
    ['机密*长期\n', '机密', '长期'],
  ])('marking line %j', (text, classification, period) => {
    expect(detectClassification(text)).toEqual({ classification, period });
  });

  test.each([
    '关于做好保密工作的通知\n各单位要严守国家秘密，涉密文件不得外传。',
    '本文件不含秘密信息\n',
    '一、秘密载体管理\n',
    '秘密文件的管理要求如下：\n',
  ])('the word in text is not a marking: %j', (text) => {
    expect(detectClassification(text)).toBeNull();
  });

  test('a marking far below the top is not the document\'s marking', () => {
    expect(detectClassification('关于x的通知\n' + '正文。\n'.repeat(20) + '秘密★6个月\n')).toBeNull();
  });
});

describe('detectDocType', () => {
  test.each([
    ['东川县人民政府办公室关于开展专项行动的通知', '通知'],
    ['关于印发《锦华街道示范片区创建工作方案》的通知', '通知'],
    ['关于转发《省卫生健康委关于做好查验工作的通知》的通知', '通知'],
    ['关于柳溪镇示范村建设项目实施方案的批复', '批复'],
    ['关于同意设立某某中心的批复（草案）', '批复'],
    ['关于申请安排资金的请示', '请示'],
    ['关于上半年工作情况的报告', '报告'],
    ['关于商请协助开展评估工作的函', '函'],
    ['关于同意借用场地的复函', '函'],
    ['关于推进老旧小区改造工作的会议纪要', '纪要'],
    ['关于表彰先进集体的决定', '决定'],
    ['关于加强基层治理的意见（试行）', '意见'],
    ['关于第一季度检查情况的通报', '通报'],
    ['关于禁止燃放烟花爆竹的通告', '通告'],
    ['关于招聘工作人员的公告', '公告'],
    ['第十四届人民代表大会第一次会议公报', '公报'],
    ['关于批准预算的决议', '决议'],
    ['关于提请审议某某条例草案的议案', '议案'],
    ['嘉奖令', '命令'],
    ['锦华街道生活垃圾分类示范片区创建工作方案', '工作方案'],
    ['某某项目实施方案', '实施方案'],
    ['2024年度工作总结', '总结'],
    ['在全县安全生产工作会议上的讲话', '讲话稿'],
    ['关于 开展 检查的 通知 ', '通知'],
    ['', 'unknown'],
    ['今天天气很好', 'unknown'],
  ])('%j → %s', (title, type) => {
    expect(detectDocType(title)).toBe(type);
  });
});

describe('careless typing still parses', () => {
  test.each([
    ['东政办发[2025]17号', '东政办发〔2025〕17号'],
    ['东政办发(2025)17号', '东政办发〔2025〕17号'],
    ['东政办发（2025）17号', '东政办发〔2025〕17号'],
    ['东政办发［2025］17号', '东政办发〔2025〕17号'],
    ['东政办发 〔 2025 〕 17 号', '东政办发〔2025〕17号'],
    ['东政办发2025年17号', '东政办发〔2025〕17号'],
    ['东政办发２０２５〔１７〕号'.replace('〔１７〕', '１７'), '东政办发〔2025〕17号'],
  ])('document number %j', (line, expected) => {
    const d = buildDigest(`东川县人民政府办公室文件\n${line}\n东川县人民政府办公室关于开展检查的通知\n各乡镇：\n${body}`, 10);
    expect(d.docNumber).toBe(expected);
    expect(d.docType).toBe('通知');
    expect(d.issuer).toBe('东川县人民政府办公室');
    expect(d.recipients).toBe('各乡镇');
  });

  test('签发人 with a half-width colon and stray spaces; urgency with spaces', () => {
    const d = buildDigest(`特 急\n东川县水利局文件\n东水呈[2025]6号    签发人: 陈立新\n东川县水利局关于申请资金的请示\n县人民政府:\n${body}`, 5);
    expect(d).toMatchObject({ signer: '陈立新', docNumber: '东水呈〔2025〕6号', recipients: '县人民政府', docType: '请示' });
  });

  test.each([
    ['1、', 3], ['1．', 3], ['1.', 3], ['１.', 3], ['(一)', 2], ['（一)', 2], ['(一）', 2], ['（ 一 ）', 2],
    ['(1)', 4], ['（1)', 4], ['一.', 1], ['一，', 1], ['  一、', 1], ['　一、', 1], ['第三条', 1], ['第二章', 0],
  ])('heading ordinal %j is level %d', (ordinal, level) => {
    const text = `关于x的通知\n各单位：\n${ordinal}标题\n正文`;
    const d = buildDigest(text, text.length);
    expect(d.section.map((h) => h.level)).toEqual([level]);
    expect(d.section[0].text).toBe('标题');
  });

  test.each(['1.26万人次参加', '2025年4月1日起', '一是加强领导', '12345', '（注：略）'])('%j is not a heading', (line) => {
    const d = buildDigest(`关于x的通知\n各单位：\n${line}\n`, 100);
    expect(d.section).toEqual([]);
  });

  test('next ordinals follow 第X条 style and count past ten', () => {
    const articles = Array.from({ length: 11 }, (_, i) => `第${['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一'][i]}条 内容。`).join('\n');
    const d = buildDigest(`某某管理办法\n第一章 总则\n${articles}\n`, 10_000);
    expect(d.nextOrdinals['1']).toBe('第十二条');
    expect(d.nextOrdinals['0']).toBe('第二章');
    const e = buildDigest(`关于x的通知\n各单位：\n九、甲\n十、乙\n`, 100);
    expect(e.nextOrdinals['1']).toBe('十一、');
  });

  test('a document with no 版头 at all: a title and recipients typed straight away', () => {
    const d = buildDigest('关于做好2025年防汛工作的通知\n各乡镇人民政府：\n为', 30);
    expect(d).toMatchObject({ title: '关于做好2025年防汛工作的通知', docType: '通知', recipients: '各乡镇人民政府', issuer: '' });
  });

  test('a title wrapped over two lines', () => {
    const d = buildDigest('东川县人民政府办公室文件\n东政办发〔2025〕17号\n东川县人民政府办公室关于开展2025年安全生产隐患\n大排查大整治专项行动的通知\n各乡镇：\n', 0);
    expect(d.title).toBe('东川县人民政府办公室关于开展2025年安全生产隐患大排查大整治专项行动的通知');
    expect(d.recipients).toBe('各乡镇');
  });
});

describe('windows', () => {
  const text = '关于x的通知\n各单位：\n第一句话很长很长。第二句话，带有分句；第三句话在这里继续写';
  test('before ends at the cursor and starts after a sentence end when cut', () => {
    const d = buildDigest(text.repeat(200), text.length * 200, { budget: 400 });
    expect(d.before.endsWith('第三句话在这里继续写')).toBe(true);
    expect(/^[第各关]/.test(d.before)).toBe(true);
  });
  test('after starts at the cursor and ends on a boundary', () => {
    const doc = text.repeat(200);
    const d = buildDigest(doc, 100);
    expect(doc.slice(100).startsWith(d.after)).toBe(true);
    expect(/[。；，：\n]$/.test(d.after)).toBe(true);
  });
  test('most of the window budget goes to before', () => {
    const doc = text.repeat(200);
    const d = buildDigest(doc, doc.length / 2);
    expect(d.before.length).toBeGreaterThan(3 * d.after.length);
  });
});

describe('what is not a title or recipients', () => {
  test('a first heading is not a title even when it contains 关于', () => {
    const d = buildDigest('一、关于年度改造计划\n正文。', 5);
    expect(d.title).toBe('');
    expect(d.docType).toBe('unknown');
    expect(d.section.map((h) => h.ordinal)).toEqual(['一、']);
  });

  test('an opening sentence ending in 如下： is not the 主送', () => {
    const d = buildDigest('关于做好防汛工作的通知\n现将有关事项通知如下：\n一、总体要求', 0);
    expect(d.recipients).toBe('');
  });

  test('a meeting mark over two lines joins the organisation\'s own line above it, not an issuer read from `XX文件`', () => {
    expect(buildDigest('东川县人民政府\n专题会议纪要\n', 0).title).toBe('东川县人民政府专题会议纪要');
    expect(buildDigest('东川县人民政府文件\n专题会议纪要\n', 0).title).not.toBe('东川县人民政府专题会议纪要');
  });

  test('a joint 版头 names each issuer; a `文件` line without an organisation\'s name (page debris) names no one', () => {
    const body = '\n关于开展检查的通知\n各乡镇：\n现将有关事项通知如下。';
    expect(buildDigest(`东川县人民政府文件\n东川县财政局文件${body}`, 0).issuer).toBe('东川县人民政府 东川县财政局');
    expect(buildDigest(`东川县人民政府文件\n!文件${body}`, 0).issuer).toBe('东川县人民政府');
    expect(buildDigest(`2025文件\n东川县人民政府文件${body}`, 0).issuer).toBe('东川县人民政府');
  });

  test('the 署名 names the issuer when there is no 版头 and the title does not', () => {
    const d = buildDigest('关于申请资金的请示\n县人民政府：\n妥否，请批示。\n东川县水利局\n2025年4月7日\n', 0);
    expect(d.issuer).toBe('东川县水利局');
  });
});
