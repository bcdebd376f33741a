import { BuiltinEngine } from '../../../src/engine';
import { digestOf } from './digestOf';

const engine = new BuiltinEngine();

describe('closing formula by document type', () => {
  it.each([
    ['通知', '特', '此通知。'],
    ['请示', '妥', '否，请批示。'],
    ['报告', '特此', '报告。'],
    ['批复', '此', '复。'],
    ['通报', '特', '此通报。'],
  ] as const)('%s: "%s[…]"', (docType, typed, expected) => {
    const d = digestOf({ docType, before: `……请认真抓好落实。\n${typed}` });
    expect(engine.suggest(d, 20)).toBe(expected);
  });

  it('函 that asks for an answer vs a 复函', () => {
    expect(engine.suggest(digestOf({ docType: '函', title: '关于商请支持的函', before: '正文。\n请' }), 20)).toBe('予函复。');
    expect(engine.suggest(digestOf({ docType: '函', title: '关于同意使用场地的复函', before: '正文。\n特' }), 20)).toBe('此函复。');
  });

  it('takes the type from the title when the digest does not know it', () => {
    expect(engine.suggest(digestOf({ title: '某局关于某事的报告', before: '正文。\n特' }), 20)).toBe('此报告。');
  });

  it('does not offer a closing in the middle of a line', () => {
    expect(engine.suggest(digestOf({ docType: '通知', before: '正文。\n各单位要特' }), 20)).not.toBe('此通知。');
  });
});

describe('next heading ordinal', () => {
  it('completes "（" with the next level-2 ordinal', () => {
    const d = digestOf({
      before: '二、工作要求\n（一）加强领导。内容。\n（',
      section: [{ level: 1, ordinal: '二、', text: '工作要求' }, { level: 2, ordinal: '（一）', text: '加强领导' }],
      nextOrdinals: { '1': '三、', '2': '（二）', '3': '1.', '4': '（1）' },
    });
    expect(engine.suggest(d, 20)).toBe('二）');
  });

  it('uses level 4 inside a numbered item', () => {
    const d = digestOf({
      before: '1.企业自查。\n（1）第一项。\n（',
      section: [{ level: 1, ordinal: '一、', text: 'a' }, { level: 3, ordinal: '1.', text: '企业自查' }, { level: 4, ordinal: '（1）', text: '第一项' }],
      nextOrdinals: { '2': '（一）', '4': '（2）' },
    });
    expect(engine.suggest(d, 20)).toBe('2）');
  });
});

describe('limits', () => {
  it('never exceeds maxChars and shows nothing when asked for nothing', () => {
    const d = digestOf({ docType: '请示', before: '正文。\n妥' });
    expect(engine.suggest(d, 0)).toBe('');
    expect(engine.suggest(d, 3).length).toBeLessThanOrEqual(3);
  });
});
