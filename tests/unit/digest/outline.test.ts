// The heading path and next ordinals at the cursor, against a reference that replays every
// heading from the top (the digest itself walks back from the cursor instead).
import fc from 'fast-check';
import { buildDigest } from '../../../src/core/digest';
import { formatOrdinal } from '../../../src/core/digest/headings';

type Line = { level: 0 | 1 | 2 | 3 | 4; n: number };
const line = fc.record({ level: fc.constantFrom(0, 1, 2, 3, 4) as fc.Arbitrary<Line['level']>, n: fc.integer({ min: 1, max: 30 }) });

function render(l: Line, i: number): string {
  return l.level === 0 ? `正文第${i}段，内容。` : `${formatOrdinal(l.level, l.n)}标题${i}`;
}

describe('section path', () => {
  test('equals replaying all headings from the top, at any paragraph', () => {
    fc.assert(fc.property(fc.array(line, { maxLength: 80 }), fc.nat(), (lines, at) => {
      const paragraphs = ['关于x的通知', '各单位：', ...lines.map(render)];
      const text = paragraphs.join('\n');
      const upto = lines.length === 0 ? 0 : at % (lines.length + 1); // cursor at the end of line `upto`
      const cursor = paragraphs.slice(0, 2 + upto).join('\n').length;
      const stack: Line[] = [];
      for (const l of lines.slice(0, upto)) {
        if (l.level === 0) continue;
        while (stack.length && stack[stack.length - 1].level >= l.level) stack.pop();
        stack.push(l);
      }
      const d = buildDigest(text, cursor, { budget: 100_000 });
      expect(d.section.map((h) => h.ordinal)).toEqual(stack.map((l) => formatOrdinal(l.level, l.n)));
      for (let level = 1; level <= 4; level++) {
        const s = stack.find((l) => l.level === level);
        expect(d.nextOrdinals[String(level)]).toBe(formatOrdinal(level, s ? s.n + 1 : 1));
      }
    }), { numRuns: 300 });
  });

  test('a long numbered list is walked once, and a numbered attachment list is not an outline', () => {
    const list = Array.from({ length: 3000 }, (_, i) => `${(i % 999) + 1}.事项${i}`).join('\n');
    const d = buildDigest(`关于x的通知\n各单位：\n一、事项\n${list}\n`, 1e9);
    expect(d.section.map((h) => h.ordinal)).toEqual(['一、', '3.']);
    const e = buildDigest('关于x的通知\n各单位：\n一、事项\n附件：1.甲表\n2.乙表\n3.丙表\n', 1e9);
    expect(e.section.map((h) => h.ordinal)).toEqual(['一、']);
    expect(e.facts.attachments).toEqual(['甲表', '乙表', '丙表']);
  });

  test('the outline lists the top-level headings around the cursor in order', () => {
    const text = '关于x的通知\n各单位：\n一、甲\n（一）子\n二、乙\n三、丙\n四、丁';
    const d = buildDigest(text, text.indexOf('三、'));
    expect(d.outline.map((h) => h.ordinal)).toEqual(['一、', '（一）', '二、', '三、', '四、']);
    expect(d.section.map((h) => h.text)).toEqual(['乙']);
  });
});
