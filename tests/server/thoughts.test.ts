// The thoughts stage on hand-made streams: every way a model server sends thoughts, tags split anywhere,
// and a property — no input stream ever yields a think tag or any of the thoughts.
import fc from 'fast-check';
import { thoughts } from '../../src/server/postprocess';
import { ProviderError, type Piece } from '../../src/server/providers/types';

async function* chunks(...parts: Piece[]): AsyncGenerator<Piece> { for (const p of parts) yield p; }
async function run(parts: Piece[], holdUntagged = false): Promise<string> {
  let out = '';
  for await (const t of thoughts(chunks(...parts), { holdUntagged })) out += t;
  return out;
}
/** every way to cut `s` in two, and into single characters */
const splits = (s: string): string[][] => [...Array.from({ length: s.length + 1 }, (_, i) => [s.slice(0, i), s.slice(i)]), Array.from(s)];

describe('thoughts', () => {
  it('drops a <think> block at the start, however the tags are cut', async () => {
    for (const parts of splits('<think>\n嗯，用户要续写。\n</think>\n\n请认真落实。')) expect(await run(parts)).toBe('请认真落实。');
  });
  it('drops a block anywhere, and a second one', async () => {
    expect(await run(['请认真', '<think>想</think>', '落实。<think>再想</think>'])).toBe('请认真落实。');
    expect(await run(['a', ' ', 'b <think>想</think>c'])).toBe('a bc');
  });
  it('drops the empty block of a non-thinking Qwen3', async () => {
    for (const parts of splits('<think>\n\n</think>\n\n请认真落实。')) expect(await run(parts)).toBe('请认真落实。');
  });
  it('shows nothing of an unclosed block (cut off mid-thought)', async () => {
    expect(await run(['<think>\n嗯，用户', '要续写一份通'])).toBe('');
    expect(await run(['<think>\n嗯</thi'])).toBe('');
  });
  it('treats everything before a lone </think> as thought when it may think untagged (R1 distills)', async () => {
    for (const parts of splits('嗯，用户让我续写。\n</think>\n\n请认真落实。')) expect(await run(parts, true)).toBe('请认真落实。');
  });
  it('when told not to think, fails rather than leave a thought shown before a lone </think>', async () => {
    const err = await run(['嗯，用户让我续写。', '</think>请认真落实。']).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect((err as ProviderError).why).toBe('thought_leak');
    // caught before anything was let through: just the answer
    expect(await run(['嗯，用户让我续写。</think>请认真落实。'])).toBe('请认真落实。');
  });
  it('never shows reasoning_content / reasoning fields', async () => {
    expect(await run([{ thought: '嗯，用户' }, { thought: '要续写' }, '请认真', '落实。'])).toBe('请认真落实。');
    expect(await run([{ thought: '嗯' }, '请认真落实。'], true)).toBe('请认真落实。'); // a field says the thought is over
  });
  it('keeps text that only looks like the start of a tag', async () => {
    expect(await run(['a <', 'b 请认真落实。'])).toBe('a <b 请认真落实。');
    expect(await run(['请认真落实<'])).toBe('请认真落实<');
  });
  it('streams at once when told not to think; holds until the end when it may think untagged', async () => {
    const first = async (hold: boolean): Promise<string | undefined> => {
      const it = thoughts((async function* () { yield '请认真'; await new Promise(() => undefined); })(), { holdUntagged: hold })[Symbol.asyncIterator]();
      return Promise.race([it.next().then((r) => r.value as string), new Promise<undefined>((r) => setTimeout(r, 30))]);
    };
    expect(await first(false)).toBe('请认真');
    expect(await first(true)).toBeUndefined();
  });
  it('does not re-scan what it has seen: a flood of one-character chunks stays linear', async () => {
    const n = 200_000;
    async function* flood(): AsyncGenerator<Piece> { yield '<think>'; for (let i = 0; i < n; i++) yield '想'; yield '</think>'; for (let i = 0; i < n; i++) yield '落'; }
    const t0 = performance.now();
    let len = 0;
    for await (const t of thoughts(flood(), { holdUntagged: true })) len += t.length;
    expect(len).toBe(n);
    expect(performance.now() - t0).toBeLessThan(3000);
  });
});

describe('no stream ever yields a tag or a thought (property)', () => {
  // Thoughts and answers from disjoint alphabets, so any thought character in the output is a leak.
  const thoughtText = fc.array(fc.constantFrom('嗯', '想', '思', '考', ' ', '\n', '<', '/'), { minLength: 1, maxLength: 20 }).map((a) => a.join(''));
  const answerText = fc.array(fc.constantFrom('请', '各', '单', '位', '，', '。', ' ', '\n', '<', 'a'), { maxLength: 20 }).map((a) => a.join(''));
  // What servers send: a block first, a block anywhere, a lone closing tag, an unclosed block, fields, an empty block.
  const shaped = fc.oneof(
    fc.tuple(thoughtText, answerText).map(([t, a]) => ({ raw: [`<think>${t}</think>${a}`], lone: false })),
    fc.tuple(answerText, thoughtText, answerText).map(([a, t, b]) => ({ raw: [`${a}<think>${t}</think>${b}`], lone: false })),
    fc.tuple(thoughtText, answerText).map(([t, a]) => ({ raw: [`${t}</think>${a}`], lone: true })),
    fc.tuple(answerText, thoughtText).map(([a, t]) => ({ raw: [`${a}<think>${t}`], lone: false })),
    fc.tuple(thoughtText, answerText).map(([t, a]) => ({ raw: [{ thought: t }, a], lone: false })),
    answerText.map((a) => ({ raw: [`<think>\n\n</think>\n\n${a}`], lone: false })),
  );
  const cutUp = (raw: Piece[], cuts: number[]): Piece[] => raw.flatMap((p): Piece[] => {
    if (typeof p !== 'string') return [p];
    const out: string[] = [];
    let i = 0;
    for (const n of cuts) { if (i >= p.length) break; out.push(p.slice(i, i + n)); i += n; }
    if (i < p.length) out.push(p.slice(i));
    return out;
  });
  const clean = (out: string): boolean => !/<\/?think>/.test(out) && !/[嗯想思考/]/.test(out);

  it('when it may think untagged (thinking: auto): never', async () => {
    await fc.assert(fc.asyncProperty(shaped, fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 30 }), async ({ raw }, cuts) =>
      clean(await run(cutUp(raw, cuts), true))), { numRuns: 1000 });
  });

  it('when told not to think (thinking: off): never, or the request fails', async () => {
    await fc.assert(fc.asyncProperty(shaped, fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 30 }), async ({ raw, lone }, cuts) => {
      try {
        return clean(await run(cutUp(raw, cuts), false));
      } catch (err) {
        return lone && err instanceof ProviderError && err.why === 'thought_leak';
      }
    }), { numRuns: 1000 });
  });
});
