// The post-processing pipeline, stage by stage on hand-made streams, and whole (finishText = what a JSON
// reply shows). The same stages serve SSE, so a property checks that any chunking gives the same answer.
import fc from 'fast-check';
import {
  clauses, collect, decideHead, drops, finishText, firstAnswerBy, normalizeForCompare, pipeline, trailingChatter, whyDrop,
} from '../../src/server/postprocess';
import { ProviderError, type Piece } from '../../src/server/providers/types';

async function* chunks<T>(...parts: T[]): AsyncGenerator<T> { for (const p of parts) yield p; }
async function all(s: AsyncIterable<string>): Promise<string[]> { const out: string[] = []; for await (const t of s) out.push(t); return out; }
const loose = { before: '', after: '', maxChars: 100 };
const text = async (raw: string, ctx: Partial<typeof loose> & { title?: string } = {}): Promise<string> => (await finishText(raw, { ...loose, ...ctx })).text;

describe('chatter around the answer', () => {
  it.each([
    ['好的，以下是续写内容：\n请各单位认真落实。', '请各单位认真落实。'],
    ['续写：请各单位认真落实。', '请各单位认真落实。'],
    ['好的，续写如下：请各单位认真落实。', '请各单位认真落实。'],
    ['“请各单位认真落实。”', '请各单位认真落实。'],
    ['```\n请各单位认真落实。\n```', '请各单位认真落实。'],
    ['**请各单位**认真落实。', '请各单位认真落实。'],
    ['## 二、工作要求', '二、工作要求'],
    ['Sure, here is the continuation:\n请各单位认真落实。', '请各单位认真落实。'],
    // trailing chatter is cut like leading chatter
    ['请各单位认真落实。希望以上内容对您有所帮助！', '请各单位认真落实。'],
    ['请各单位认真落实。\n\n如需进一步修改，请告诉我。', '请各单位认真落实。'],
    ['请各单位认真落实。如果您需要更正式的表述，我可以继续调整。', '请各单位认真落实。'],
    ['请各单位认真落实。\n注：以上续写参考了常见通知格式。', '请各单位认真落实。'],
    ['请各单位认真落实。\n（注：可根据实际情况调整）', '请各单位认真落实。'],
    ['请各单位认真落实。\n---\n说明：这是续写。', '请各单位认真落实。'],
  ])('%j -> %j', async (raw, expected) => {
    expect(await text(raw)).toBe(expected);
  });

  it('keeps the document\'s own sentences that start like chatter', async () => {
    expect(await text('请认真落实。如有疑问，请与我局联系。')).toBe('请认真落实。如有疑问，请与我局联系。');
    expect(await text('以上请示，请予审批。')).toBe('以上请示，请予审批。');
    expect(await text('以上工作，希望各单位认真落实。如有变化，请随时报告。')).toBe('以上工作，希望各单位认真落实。如有变化，请随时报告。');
  });

  it('keeps quotations that are not a wrapper', async () => {
    expect(await text('“放管服”改革和“互联网+政务服务”')).toBe('“放管服”改革和“互联网+政务服务”');
  });

  it('keeps "__" (blanks to fill in a 公文) and single stars', async () => {
    expect(await text('于____年前完成。')).toBe('于____年前完成。');
  });

  it('lets a head that cannot be chatter through at once, holds one that may be', () => {
    const ctx = { before: '现将有关事项通知如下：', maxChars: 40 };
    expect(decideHead('请各', ctx, false)).toBe('请各');
    expect(decideHead('好的', ctx, false)).toBeNull();
    expect(decideHead('好的，续写如下：\n', ctx, false)).toBeNull(); // the next line has not started
    expect(decideHead('好的，续写如下：\n一、', ctx, false)).toBe('一、');
  });

  it('ends the stream where trailing chatter starts, so the upstream stops', async () => {
    let pulled = 0;
    async function* src(): AsyncGenerator<string> {
      for (const t of ['请认真落实。', '希望以上', '内容对您有帮助。', '（以下为更多说明……）']) { pulled++; yield t; }
    }
    expect((await all(trailingChatter(src()))).join('')).toBe('请认真落实。');
    expect(pulled).toBe(2); // decided at 希望以上: the rest is never asked for
  });
});

describe('clauses', () => {
  const cut = async (raw: string, max: number) => { const st = { cut: false }; return { text: (await all(clauses(chunks(raw), max, st))).join(''), cut: st.cut }; };
  it('leaves short text alone', async () => {
    expect(await cut('请认真落实。', 10)).toEqual({ text: '请认真落实。', cut: false });
  });
  it('keeps every whole clause that fits (streaming has shown them already)', async () => {
    expect(await cut('请认真落实。各单位要加强领导，明确责任', 16)).toEqual({ text: '请认真落实。各单位要加强领导，', cut: true });
    expect((await cut('各单位要加强组织领导，明确工作责任，确保取得实效', 15)).text).toBe('各单位要加强组织领导，');
  });
  it('returns nothing when no boundary is in range', async () => {
    expect(await cut('各单位要加强组织领导明确工作责任', 8)).toEqual({ text: '', cut: true });
  });
  it('counts astral characters as one', async () => {
    expect((await cut('𠀀𠀀。𠀀𠀀', 3)).text).toBe('𠀀𠀀。');
  });
  it('lets whole clauses out as they complete, before the stream ends', async () => {
    const st = { cut: false };
    const it = clauses(chunks('请各单位', '高度重视，认', '真组织实施。'), 40, st)[Symbol.asyncIterator]();
    expect((await it.next()).value).toBe('请各单位高度重视，');
    expect((await it.next()).value).toBe('认真组织实施。');
  });
  it('keeps the whole clauses of a stream that broke off, then passes the failure on', async () => {
    async function* broken(): AsyncGenerator<string> { yield '请各单位高度重视，认真组'; throw new ProviderError('upstream_error'); }
    const got: string[] = [];
    await expect((async () => { for await (const t of clauses(broken(), 40, { cut: false })) got.push(t); })()).rejects.toBeInstanceOf(ProviderError);
    expect(got.join('')).toBe('请各单位高度重视，');
  });
  it('never exceeds maxChars and, when cut, ends on a boundary (property)', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.constantFrom('各', '单', '位', '，', '。', '；', '、', 'a', '𠀀', '\n')), fc.integer({ min: 1, max: 30 }),
      async (chars, max) => {
        const r = await cut(chars.join(''), max);
        if (Array.from(r.text).length > max || !chars.join('').startsWith(r.text)) return false;
        // a cut ends on punctuation, or just before the line break it stopped at
        return !(r.cut && r.text) || /[。；！？;!?，、：:,）)”’」』]$/.test(r.text) || chars[Array.from(r.text).length] === '\n';
      },
    ));
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
  });
});

describe('drop rules', () => {
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
  it('keeps a new clause, and a short formula even if it occurred before', () => {
    expect(whyDrop('一、总体要求', ctx)).toBeNull();
    expect(whyDrop('特此通知。', { before: '特此通知。\n附件：', after: '' })).toBeNull();
  });
  it('holds text only while it could still be dropped, then streams', async () => {
    const st = { dropped: null };
    const it = drops(chunks('二、', '工作安排。', '请认真落实。'), ctx, st)[Symbol.asyncIterator]();
    expect((await it.next()).value).toBe('二、工作安排。'); // '二、' alone still repeats the text after the cursor
    expect((await it.next()).value).toBe('请认真落实。');
  });
  it('drops a loop of the document with the built-in engine exempt', () => {
    const c = { before: '东川县人民政府办公室关于开展检查的通知\n各乡镇：\n请东川县人民政府办公室', after: '' };
    expect(whyDrop('东川县人民政府办公室', c)).toBe('repeats_document');
    expect(whyDrop('东川县人民政府办公室', { ...c, repeatsWanted: true })).toBeNull();
  });
});

describe('the whole pipeline (what a reply shows)', () => {
  const ctx = { before: '现将有关事项通知如下：', after: '', maxChars: 12 };
  it('strips, drops the echo of the text before the cursor, and cuts', async () => {
    expect(await finishText('好的，续写如下：通知如下：一、总体要求。二、工作任务。', ctx)).toMatchObject({ text: '一、总体要求。二、', finishReason: 'length' });
  });
  it('says stop when the whole answer fits', async () => {
    expect(await finishText('一、总体要求。', ctx)).toMatchObject({ text: '一、总体要求。', finishReason: 'stop' });
  });
  it('marks dropped answers', async () => {
    expect(await finishText('', ctx)).toMatchObject({ text: '', finishReason: 'empty' });
    expect(await finishText('现将有关事项通知如下', { ...ctx, before: '现将有关事项通知如下：' })).toMatchObject({ text: '' });
  });
  it('keeps one leading paragraph break after a lead-in, never a lone one', async () => {
    const c = { before: '现将有关事项通知如下：', after: '', maxChars: 20 };
    expect((await finishText('\n一、', c)).text).toBe('\n一、');
    expect((await finishText('\n\n一、总体要求\n', c)).text).toBe('\n一、总体要求');
    expect((await finishText('\n一、', { ...c, before: c.before + '\n' })).text).toBe('一、');
    expect((await finishText('\n', c)).text).toBe('');
  });
  it('never returns more than maxChars (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 200 }), fc.integer({ min: 1, max: 50 }), async (raw, maxChars) =>
      Array.from((await finishText(raw, { before: '', after: '', maxChars })).text).length <= maxChars));
  });

  // What was two pipelines in the route (JSON's finish() and SSE's own onText) is one: any chunking of
  // an answer gives the JSON reply's text, and the deltas add up to it.
  it('gives the same answer however the upstream chunks it (property)', async () => {
    const words = ['好的，', '续写如下：', '\n', '一、', '总体要求', '。', '请各单位', '高度重视，', '希望以上内容对您有所帮助！', '“', '”', '**', '二、工作要求', '现将有关事项通知如下：', ' '];
    await fc.assert(fc.asyncProperty(
      fc.array(fc.constantFrom(...words), { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 5 }), { maxLength: 40 }), fc.integer({ min: 4, max: 40 }),
      async (parts, cuts, maxChars) => {
        const raw = parts.join('');
        const c = { before: '现将有关事项通知如下：', after: '二、工作要求', maxChars };
        const whole = await finishText(raw, c);
        const pieces: string[] = [];
        let i = 0;
        for (const n of cuts) { if (i >= raw.length) break; pieces.push(raw.slice(i, i + n)); i += n; }
        if (i < raw.length) pieces.push(raw.slice(i));
        const deltas: string[] = [];
        const streamed = await collect(pipeline(chunks<Piece>(...pieces), { ...c, holdUntagged: false }), (d) => deltas.push(d));
        return streamed.text === whole.text && streamed.finishReason === whole.finishReason && (whole.text === '' || deltas.join('') === whole.text);
      },
    ), { numRuns: 300 });
  });
});

describe('first-answer deadline', () => {
  it('stops a source with no answer by the deadline and fails it as thinking', async () => {
    const control = new AbortController();
    async function* thinking(): AsyncGenerator<string> {
      await new Promise<void>((resolve) => control.signal.addEventListener('abort', () => resolve()));
    }
    const t0 = Date.now();
    const err = await all(firstAnswerBy(thinking(), 50, control)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).why).toBe('thinking');
    expect(control.signal.reason).toBe('first_answer_late');
    expect(Date.now() - t0).toBeLessThan(500);
  });
  it('lets an answer that started in time run past the deadline', async () => {
    async function* slow(): AsyncGenerator<string> { yield '请'; await new Promise((r) => setTimeout(r, 80)); yield '认真落实。'; }
    expect((await all(firstAnswerBy(slow(), 40, new AbortController()))).join('')).toBe('请认真落实。');
  });
});
