import fc from 'fast-check';
import { cutGhosts, isCloudUrl, lineStart, normalizeWordText, splitTyped } from '../../../../src/hosts/word/wordText';

describe('WordHost text helpers', () => {
  it('maps Word paragraph marks and line breaks one-for-one', () => {
    expect(normalizeWordText('一、\r二、\u000b三')).toBe('一、\n二、\n三');
  });
  it('cuts ghosts and moves the caret with them', () => {
    // full text 'ab[XY]cd[Z]e', caret after 'cd' (offset 6 in full text)
    expect(cutGhosts('abXYcdZe', 6, [{ at: 2, length: 2 }, { at: 6, length: 1 }])).toEqual({ text: 'abcde', cursor: 4 });
    // caret inside a ghost lands at its start
    expect(cutGhosts('abXYc', 3, [{ at: 2, length: 2 }])).toEqual({ text: 'abc', cursor: 2 });
  });
  it('what the clerk typed into a ghost: the control\'s text less the ghost\'s own prefix and suffix (issue 28 §2)', () => {
    expect(splitTyped('通关于知。', '通知。')).toEqual({ typed: '关于', ghostLeft: 1, ghostRight: 2 }); // typed in the middle
    expect(splitTyped('关于通知。', '通知。')).toEqual({ typed: '关于', ghostLeft: 0, ghostRight: 3 }); // at its start (#2527)
    expect(splitTyped('通知。附', '通知。')).toEqual({ typed: '附', ghostLeft: 3, ghostRight: 0 }); // at its end
    expect(splitTyped('通通知。', '通知。').typed).toBe('通'); // a character equal to the ghost's: the same text stays
    expect(splitTyped('通知。', '通知。').typed).toBe(''); // untouched: nothing of theirs
    expect(splitTyped('知。', '通知。').typed).toBe(''); // part of the ghost deleted: nothing of theirs either
  });
  it('https URLs are cloud documents; local paths and empty are not', () => {
    expect(isCloudUrl('https://contoso-my.sharepoint.com/personal/a/Documents/x.docx')).toBe(true);
    expect(isCloudUrl('C:\\Users\\a\\x.docx')).toBe(false);
    expect(isCloudUrl('')).toBe(false);
    expect(isCloudUrl(null)).toBe(false);
  });
});

describe('lineStart: where the caret\'s paragraph starts in the body\'s text (Word on the web, no expandTo)', () => {
  const para = fc.constantFrom('', '特此通知。', '各单位：', '一、', '附件');
  it('over paragraphs joined by marks: the k-th paragraph with a text is found exactly', () => {
    fc.assert(fc.property(fc.array(para, { minLength: 1, maxLength: 8 }), fc.nat(), (paras, pick) => {
      const i = pick % paras.length;
      const full = paras.join('\n');
      const same = paras.filter((p) => p === paras[i]).length;
      const k = paras.slice(0, i).filter((p) => p === paras[i]).length;
      const offset = paras.slice(0, i).reduce((n, p) => n + p.length + 1, 0);
      expect(lineStart(full, paras[i]!, k, same)).toBe(offset);
    }));
  });

  it('with manual line breaks in paragraphs and table rows between them: the right offset or -1, never a wrong one', () => {
    const withBreak = fc.oneof(para, fc.tuple(para, para).map(([a, b]) => `${a}\n${b}`));
    const row = fc.constantFrom('甲\t乙', '特此通知。\t', '\t');
    fc.assert(fc.property(fc.array(fc.tuple(withBreak, fc.option(row)), { minLength: 1, maxLength: 8 }), fc.nat(), (items, pick) => {
      const i = pick % items.length;
      const paras = items.map(([p]) => p);
      const lines = items.flatMap(([p, r]) => (r === null ? [p] : [p, r]));
      const full = lines.join('\n');
      const offset = items.slice(0, i).reduce((n, [p, r]) => n + p.length + 1 + (r === null ? 0 : r.length + 1), 0);
      const same = paras.filter((p) => p === paras[i]).length;
      const k = paras.slice(0, i).filter((p) => p === paras[i]).length;
      expect([offset, -1]).toContain(lineStart(full, paras[i]!, k, same));
    }));
  });
});
