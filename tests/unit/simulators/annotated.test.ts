import { formatAnnotated, parseAnnotated } from '../../../src/simulators/annotated';

describe('annotated strings', () => {
  it('reads caret and ghost', () => {
    expect(parseAnnotated('特此通知|[。]')).toEqual({ text: '特此通知', cursor: 4, ghost: '。' });
  });
  it('puts the caret at the ghost when no | is written', () => {
    expect(parseAnnotated('特此[通知]。')).toEqual({ text: '特此。', cursor: 2, ghost: '通知' });
  });
  it('puts the caret at the end when neither is written', () => {
    expect(parseAnnotated('一、总体要求\n二、')).toEqual({ text: '一、总体要求\n二、', cursor: 9, ghost: '' });
  });
  it('keeps paragraphs and escaped specials', () => {
    const p = parseAnnotated('a\\|b\n|[x\\]]c');
    expect(p).toEqual({ text: 'a|b\nc', cursor: 4, ghost: 'x]' });
  });
  it('rejects a ghost that does not follow the caret, and malformed input', () => {
    expect(() => parseAnnotated('ab|c[d]')).toThrow(/follow the caret/);
    expect(() => parseAnnotated('a|b|')).toThrow(/more than one caret/);
    expect(() => parseAnnotated('a|[b')).toThrow(/unclosed/);
    expect(() => parseAnnotated('a]')).toThrow(/without/);
  });
  it('formats back to the same string', () => {
    for (const s of ['特此通知|[。]', '|', 'a\\[b\n|[c\\\\]d', '现将有关事项通知如下：|']) {
      const p = parseAnnotated(s);
      expect(formatAnnotated(p.text, p.cursor, p.ghost)).toBe(s);
    }
    expect(formatAnnotated('ab', 1)).toBe('a|b');
    expect(() => formatAnnotated('ab', 3)).toThrow(RangeError);
  });
});
