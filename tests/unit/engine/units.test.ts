import fc from 'fast-check';
import { trimToUnits, words } from '../../../src/engine/units';

describe('trimToUnits', () => {
  it('keeps a suggestion that fits and ends a clause', () => {
    expect(trimToUnits('特', '此通知。', 20)).toBe('此通知。');
  });

  it('cuts on a word boundary, never inside a word', () => {
    // 东川县人民政府办公室 cut at 6 must not end inside 人民政府 or 办公室
    const out = trimToUnits('\n', '东川县人民政府办公室', 6);
    expect(['东川县', '东川']).toContain(out);
  });

  it('stops at a line break', () => {
    expect(trimToUnits('特此通知。', '\n附件：', 20)).toBe('');
    expect(trimToUnits('', '东川县水利局\n2025年', 20)).toBe('东川县水利局');
  });

  it('is never longer than maxChars and always a prefix ending on a boundary', () => {
    const zh = fc.constantFrom('安全', '生产', '工作', '，', '。', '人民政府', '办公室', '县', '要', '贯彻落实', '2025', '年');
    fc.assert(fc.property(fc.array(zh, { maxLength: 12 }), fc.integer({ min: 0, max: 30 }), (parts, max) => {
      const s = parts.join('');
      const out = trimToUnits('各单位', s, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(s.startsWith(out)).toBe(true);
      if (out) {
        // a boundary of the segmentation of the whole context
        const ends = new Set<number>();
        let pos = -3;
        for (const w of words('各单位' + s)) { pos += w.length; ends.add(pos); }
        expect(ends.has(out.length)).toBe(true);
      }
    }));
  });
});
