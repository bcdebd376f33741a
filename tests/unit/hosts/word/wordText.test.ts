import { cutGhosts, isCloudUrl, normalizeWordText, splitTyped } from '../../../../src/hosts/word/wordText';

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
