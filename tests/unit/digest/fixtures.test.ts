// Labelled expectations for the ten shared 公文 fixtures: what a clerk would say each document is.
import fs from 'node:fs';
import path from 'node:path';
import { buildDigest } from '../../../src/core/digest';
import type { Classification, DocType } from '../../../src/core/protocol';

const dir = path.join(__dirname, '../../fixtures/gongwen');
const read = (f: string): string => fs.readFileSync(path.join(dir, f), 'utf8');

interface Label {
  file: string;
  docType: DocType;
  title: string;
  issuer: string;
  docNumber: string;
  recipients: string;
  classification: Classification | null;
  period?: string;
  urgency?: '' | '特急' | '加急';
  signer?: string;
}

const labels: Label[] = [
  { file: '01-tongzhi-anquanshengchan.txt', docType: '通知', urgency: '加急',
    title: '东川县人民政府办公室关于开展2025年安全生产隐患大排查大整治专项行动的通知',
    issuer: '东川县人民政府办公室', docNumber: '东政办发〔2025〕17号',
    recipients: '各乡镇人民政府，县政府各部门，县属各企业', classification: null },
  { file: '02-qingshi-fangxun.txt', docType: '请示', urgency: '特急', signer: '陈立新',
    title: '东川县水利局关于申请安排2025年度防汛抗旱应急物资储备资金的请示',
    issuer: '东川县水利局', docNumber: '东水呈〔2025〕6号', recipients: '县人民政府', classification: null },
  { file: '03-baogao-yingshanghuanjing.txt', docType: '报告', signer: '林海鹏',
    title: '青州市发展和改革委员会关于2025年上半年优化营商环境工作情况的报告',
    issuer: '青州市发展和改革委员会', docNumber: '青发改呈〔2025〕23号', recipients: '市人民政府', classification: null },
  { file: '04-han-shujuanquan.txt', docType: '函', period: '6个月',
    title: '东江省大数据管理局关于商请协助开展全省政务数据安全风险评估工作的函',
    issuer: '东江省大数据管理局', docNumber: '东数函〔2025〕41号', recipients: '东江省通信管理局', classification: '秘密' },
  { file: '05-jiyao-laojiuxiaoqugaizao.txt', docType: '纪要',
    title: '关于推进2025年全市城镇老旧小区改造工作的会议纪要',
    issuer: '青州市人民政府', docNumber: '第14期', recipients: '', classification: null },
  // a 通知 that 印发 a 工作方案, and the cursor in the middle is inside the 工作方案: the digest
  // describes the document the cursor is in, issued by the notice's issuer
  { file: '06-tongzhi-lajifenlei.txt', docType: '工作方案',
    title: '锦华街道生活垃圾分类示范片区创建工作方案',
    issuer: '和平区锦华街道办事处', docNumber: '',
    recipients: '', classification: null },
  { file: '07-pifu-xiangcunzhenxing.txt', docType: '批复',
    title: '东川县人民政府关于柳溪镇2025年乡村振兴示范村建设项目实施方案的批复',
    issuer: '东川县人民政府', docNumber: '东政复〔2025〕11号', recipients: '柳溪镇人民政府', classification: null },
  { file: '08-tongbao-xiaofangjiancha.txt', docType: '通报',
    title: '临江市安全生产委员会办公室关于2025年第一季度消防安全检查情况的通报',
    issuer: '临江市安全生产委员会办公室', docNumber: '临安委办〔2025〕15号',
    recipients: '各区（县）安委会，市安委会各成员单位，各有关单位', classification: null },
  // a 转发 通知 whose title quotes another 通知
  { file: '09-tongzhi-yimiaojiezhong.txt', docType: '通知',
    title: '青州市教育局关于转发《东江省卫生健康委员会 东江省教育厅关于做好2025年入托入学儿童预防接种证查验工作的通知》的通知',
    issuer: '青州市教育局', docNumber: '青教发〔2025〕38号', recipients: '各县（区）教育局，市直各学校、幼儿园', classification: null },
  { file: '10-jueding-jiuyechuangye.txt', docType: '决定',
    title: '南江大学关于表彰2024年度毕业生就业创业工作先进集体和先进个人的决定',
    issuer: '南江大学', docNumber: '南江大发〔2025〕9号', recipients: '校内各单位', classification: null },
];

describe('digest of the gongwen fixtures', () => {
  test('every fixture is labelled', () => {
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()).toEqual(labels.map((l) => l.file));
  });

  describe.each(labels)('$file', (label) => {
    const text = read(label.file);
    // the cursor in the middle of the body: header facts must not depend on where the user is
    const d = buildDigest(text, Math.floor(text.length / 2));

    test('type, title, issuer, number, recipients', () => {
      expect({ docType: d.docType, title: d.title, issuer: d.issuer, docNumber: d.docNumber, recipients: d.recipients })
        .toEqual({ docType: label.docType, title: label.title, issuer: label.issuer, docNumber: label.docNumber, recipients: label.recipients });
    });

    test('classification, urgency, signer', () => {
      expect(d.classification).toBe(label.classification);
      expect(d.classificationPeriod).toBe(label.period ?? '');
      expect(d.urgency).toBe(label.urgency ?? '');
      expect(d.signer).toBe(label.signer ?? '');
    });

    test('fits the default budget and keeps the windows exact', () => {
      expect(JSON.stringify(d).length).toBeLessThanOrEqual(2000);
      const cursor = Math.floor(text.length / 2);
      expect(text.slice(0, cursor).endsWith(d.before)).toBe(true);
      expect(text.slice(cursor).startsWith(d.after)).toBe(true);
      expect(d.before.length).toBeGreaterThan(100);
    });
  });
});

describe('what else the fixtures teach', () => {
  test('attachments listed as 附件：1.… 2.… are facts, not headings', () => {
    const text = read('01-tongzhi-anquanshengchan.txt');
    const d = buildDigest(text, text.length);
    expect(d.facts.attachments).toEqual(['东川县安全生产隐患大排查大整治重点任务分工表', '东川县安全生产隐患排查整治情况统计表']);
    expect(d.outline.map((h) => h.text)).not.toContain('东川县安全生产隐患排查整治情况统计表');
  });

  test('抄送 is read from the 版记', () => {
    const d = buildDigest(read('02-qingshi-fangxun.txt'), 10);
    expect(d.cc).toBe('县财政局，县应急管理局');
  });

  test('section path and next ordinals inside the 工作方案 that 06 issues', () => {
    const text = read('06-tongzhi-lajifenlei.txt');
    const at = text.indexOf('（2）交投可回收物') + '（2）交投'.length;
    const d = buildDigest(text, at);
    expect(d.section.map((h) => h.ordinal)).toEqual(['二、', '（三）', '2.', '（2）']);
    expect(d.section[1].text).toBe('强化宣传动员');
    expect(d.nextOrdinals).toEqual({ '1': '三、', '2': '（四）', '3': '3.', '4': '（3）' });
  });

  test('dates, amounts and quoted names near the cursor are facts', () => {
    const text = read('02-qingshi-fangxun.txt');
    const d = buildDigest(text, text.indexOf('三、保障措施'));
    expect(d.facts.amounts).toEqual(expect.arrayContaining(['186.5万元', '98.2万元']));
    expect(d.facts.dates).toEqual(expect.arrayContaining(['2025年4月1日']));
    expect(d.facts.orgs).toEqual(expect.arrayContaining(['东川县水利局']));
  });
});
