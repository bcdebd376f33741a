import { cutGhosts, fingerprintOf, isCloudUrl, normalizeWordText } from '../../../../src/hosts/word/wordText';

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
  it('fingerprint changes with text or caret, not otherwise', () => {
    expect(fingerprintOf('特此通知', 4, true)).toBe(fingerprintOf('特此通知', 4, true));
    expect(fingerprintOf('特此通知', 4, true)).not.toBe(fingerprintOf('特此通告', 4, true));
    expect(fingerprintOf('特此通知', 4, true)).not.toBe(fingerprintOf('特此通知', 3, true));
  });
  it('https URLs are cloud documents; local paths and empty are not', () => {
    expect(isCloudUrl('https://contoso-my.sharepoint.com/personal/a/Documents/x.docx')).toBe(true);
    expect(isCloudUrl('C:\\Users\\a\\x.docx')).toBe(false);
    expect(isCloudUrl('')).toBe(false);
    expect(isCloudUrl(null)).toBe(false);
  });
});
