import fc from 'fast-check';
import { cutAtClause, finish, hasEnough, normalizeForCompare, stripChatter, whyDrop, wholeClauses } from '../../src/server/postprocess';

describe('stripChatter', () => {
  it.each([
    ['好的，以下是续写内容：\n请各单位认真落实。', '请各单位认真落实。'],
    ['续写：请各单位认真落实。', '请各单位认真落实。'],
    ['好的，续写如下：请各单位认真落实。', '请各单位认真落实。'],
    ['“请各单位认真落实。”', '请各单位认真落实。'],
    ['```\n请各单位认真落实。\n```', '请各单位认真落实。'],
    ['**请各单位**认真落实。', '请各单位认真落实。'],
    ['## 二、工作要求', '二、工作要求'],
    ['Sure, here is the continuation:\n请各单位认真落实。', '请各单位认真落实。'],
  ])('%j -> %j', (raw, expected) => {
    expect(stripChatter(raw)).toBe(expected);
  });

  it('keeps quotations that are not a wrapper', () => {
    expect(stripChatter('“放管服”改革和“互联网+政务服务”')).toBe('“放管服”改革和“互联网+政务服务”');
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string(), (s) => stripChatter(stripChatter(s)) === stripChatter(s) || stripChatter(s).length < s.length));
  });
});

describe('cutAtClause', () => {
  it('leaves short text alone', () => {
    expect(cutAtClause('请认真落实。', 10)).toEqual({ text: '请认真落实。', cut: false });
  });
  it('prefers a sentence end to a comma', () => {
    expect(cutAtClause('请认真落实。各单位要加强领导，明确责任', 16).text).toBe('请认真落实。');
  });
  it('falls back to a comma-level pause', () => {
    expect(cutAtClause('各单位要加强组织领导，明确工作责任，确保取得实效', 15).text).toBe('各单位要加强组织领导，');
  });
  it('returns nothing when no boundary is in range', () => {
    expect(cutAtClause('各单位要加强组织领导明确工作责任', 8)).toEqual({ text: '', cut: true });
  });
  it('never exceeds maxChars and always ends on a boundary (property)', () => {
    fc.assert(fc.property(
      fc.array(fc.constantFrom('各', '单', '位', '，', '。', '；', '、', 'a', '𠀀', '\n')), fc.integer({ min: 1, max: 30 }),
      (chars, max) => {
        const { text, cut } = cutAtClause(chars.join(''), max);
        const n = Array.from(text).length;
        if (n > max || !chars.join('').startsWith(text)) return false;
        // a cut ends on punctuation, or just before the line break it stopped at
        if (cut && text) return /[。；！？;!?，、：:,）)”’」』]$/.test(text) || chars[n] === '\n';
        return true;
      },
    ));
  });
  it('counts astral characters as one', () => {
    expect(cutAtClause('𠀀𠀀。𠀀𠀀', 3).text).toBe('𠀀𠀀。');
  });
});

describe('wholeClauses', () => {
  it('drops the unfinished tail of a broken-off answer', () => {
    expect(wholeClauses('请各单位高度重视，认真组')).toBe('请各单位高度重视，');
    expect(wholeClauses('认真组')).toBe('');
  });
});

describe('normalizeForCompare', () => {
  // The definition the fast loop must keep: fold full-width ASCII, lower-case each code point, keep letters and numbers.
  const reference = (s: string): string => Array.from(s)
    .map((ch) => { const c = ch.codePointAt(0)!; return c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : ch; })
    .map((ch) => ch.toLowerCase())
    .join('')
    .replace(/[^\p{L}\p{N}]/gu, '');

  it('keeps words and drops punctuation, case and width', () => {
    expect(normalizeForCompare('一、总体要求：ＡＢＣ１２３，Abc。')).toBe('一总体要求abc123abc');
    expect(normalizeForCompare('〇々 “引号” 𠀀x')).toBe('〇々引号𠀀x');
  });

  it('agrees with its definition on every BMP character', () => {
    const diffs: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue; // lone surrogates are not text
      const ch = String.fromCharCode(c);
      if (normalizeForCompare(ch) !== reference(ch)) diffs.push(c.toString(16));
    }
    expect(diffs).toEqual([]);
  });

  it('agrees with its definition on any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (s) => normalizeForCompare(s) === reference(s)));
    fc.assert(fc.property(fc.array(fc.constantFrom('各', '，', 'Ａ', 'a', 'Z', '𠀀', ' ', 'İ', '〇', '9')).map((a) => a.join('')), (s) => normalizeForCompare(s) === reference(s)));
  });
});

describe('whyDrop', () => {
  const ctx = { before: '为切实做好安全生产工作，现将有关事项通知如下：', after: '二、工作要求' };
  it('drops blank and punctuation-only answers', () => {
    expect(whyDrop('   ', ctx)).toBe('blank');
    expect(whyDrop('。，', ctx)).toBe('blank');
  });
  it('drops an answer that repeats the text after the cursor', () => {
    expect(whyDrop('二、工作要求', ctx)).toBe('repeats_after');
    expect(whyDrop('二、', ctx)).toBe('repeats_after');
  });
  it('drops an answer the document already says', () => {
    expect(whyDrop('现将有关事项通知如下', { before: ctx.before, after: '' })).toBe('repeats_document');
  });
  it('keeps a new clause', () => {
    expect(whyDrop('一、总体要求', ctx)).toBeNull();
  });
  it('keeps a short formula even if it occurred before', () => {
    expect(whyDrop('特此通知。', { before: '特此通知。\n附件：', after: '' })).toBeNull();
  });
});

describe('finish', () => {
  const ctx = { before: '现将有关事项通知如下：', after: '', maxChars: 12 };
  it('strips, drops the echo of the text before the cursor, and cuts', () => {
    expect(finish('好的，续写如下：通知如下：一、总体要求。二、工作任务。', ctx)).toEqual({ text: '一、总体要求。', finishReason: 'length' });
  });
  it('says stop when the whole answer fits', () => {
    expect(finish('一、总体要求。', ctx)).toEqual({ text: '一、总体要求。', finishReason: 'stop' });
  });
  it('marks dropped answers', () => {
    expect(finish('', ctx)).toMatchObject({ text: '', finishReason: 'empty' });
    expect(finish('现将有关事项通知如下', { ...ctx, before: '现将有关事项通知如下：' })).toMatchObject({ text: '' });
  });
  it('keeps only whole clauses of a partial answer', () => {
    expect(finish('一、总体要求。二、工作', { ...ctx, maxChars: 40 }, true)).toEqual({ text: '一、总体要求。', finishReason: 'length' });
  });
  it('never returns more than maxChars (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), fc.integer({ min: 1, max: 50 }), (raw, maxChars) => {
      return Array.from(finish(raw, { before: '', after: '', maxChars }).text).length <= maxChars;
    }));
  });
});

describe('hasEnough', () => {
  it('is false until the usable text passes maxChars', () => {
    expect(hasEnough('好的，续写如下：一二三', '', 5)).toBe(false);
    expect(hasEnough('一二三四五六', '', 5)).toBe(true);
  });
});

describe('an answer that opens the next paragraph', () => {
  const ctx = { before: '现将有关事项通知如下：', after: '', maxChars: 20 };
  it('keeps one leading paragraph break after a lead-in', () => {
    expect(finish('\n一、', ctx).text).toBe('\n一、');
    expect(finish('\n\n一、总体要求\n', ctx).text).toBe('\n一、总体要求');
  });
  it('drops the break when the cursor already starts an empty line', () => {
    expect(finish('\n一、', { ...ctx, before: ctx.before + '\n' }).text).toBe('一、');
  });
  it('never returns a lone paragraph break', () => {
    expect(finish('\n', ctx).text).toBe('');
  });
});

describe('repeating the document', () => {
  const ctx = { before: '东川县人民政府办公室关于开展检查的通知\n各乡镇：\n请东川县人民政府办公室', after: '' };
  it('drops a model answer that repeats a long run of the document (a loop)', () => {
    expect(whyDrop('东川县人民政府办公室', ctx)).toBe('repeats_document');
  });
  it('keeps it from the built-in engine, which repeats the document\'s names on purpose', () => {
    expect(whyDrop('东川县人民政府办公室', { ...ctx, repeatsWanted: true })).toBeNull();
  });
});
