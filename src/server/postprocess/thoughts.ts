// Stage 1 of the pipeline: a model's reasoning is a channel of its own (LiteLLM, Open WebUI), never text.
// `<think>` blocks anywhere (tags split across chunks), a lone `</think>` (DeepSeek-R1 and its distills:
// their chat template opens the block in the prompt, so the output starts inside it —
// https://huggingface.co/deepseek-ai/DeepSeek-R1 "Usage Recommendations", vllm-project/vllm#12999),
// an unclosed block at the end, and `reasoning_content` / `reasoning` fields all count as thoughts.
// Work per chunk is proportional to the chunk: nothing already seen is scanned again.
import { ProviderError, type Piece } from '../providers/types';

export interface ThoughtsOptions {
  /**
   * true: text before a lone `</think>` may be a thought, so no text leaves this stage until a closing
   * tag, a thought field or the end of the stream says what it was (models that may think untagged).
   * false: text streams at once; a lone `</think>` after text was let through is a model thinking
   * though told not to: the request fails (cause thought_leak) rather than leave its thoughts on screen.
   */
  holdUntagged: boolean;
  /** told once, when the first thought arrives (the doctor and the audit want to know a model thinks) */
  onThought?(): void;
}


const OPEN = '<think>';
const CLOSE = '</think>';

/** Length of the longest end of `s` that could begin a tag (`<`, `</th`, …), kept for the next chunk. */
function tagPrefixAtEnd(s: string, tags: readonly string[]): number {
  const from = Math.max(0, s.length - CLOSE.length + 1);
  for (let i = s.indexOf('<', from); i >= 0; i = s.indexOf('<', i + 1)) {
    const tail = s.slice(i);
    if (tags.some((t) => t.startsWith(tail))) return s.length - i;
  }
  return 0;
}

const isBlank = (s: string): boolean => !/\S/.test(s);

export async function* thoughts(source: AsyncIterable<Piece>, opts: ThoughtsOptions): AsyncGenerator<string> {
  let inThink = false;
  /** the end of the last chunk that may be the start of a tag */
  let carry = '';
  /** answer text kept back while it may still turn out to be a thought (holdUntagged) */
  let held = '';
  /** whitespace of the answer not yet let through: dropped when a tag follows it */
  let space = '';
  /** once known, text is answer: after a block, a lone closing tag or a thought field */
  let sure = !opts.holdUntagged;
  let shown = false;
  let thought = false;
  /** right after a closing tag: the blank lines models put there are no part of the answer */
  let afterTag = false;
  const sawThought = (): void => {
    if (!thought) { thought = true; opts.onThought?.(); }
  };

  for await (const piece of source) {
    if (typeof piece !== 'string') {
      if (!piece.thought) continue;
      sawThought();
      space = '';
      if (!held) sure = true;
      continue;
    }
    let buf = carry + piece;
    carry = '';
    let out = '';
    while (buf) {
      if (inThink) {
        const end = buf.indexOf(CLOSE);
        if (end < 0) {
          carry = buf.slice(buf.length - tagPrefixAtEnd(buf, [CLOSE]));
          buf = '';
          break;
        }
        inThink = false;
        sure = true;
        afterTag = true;
        buf = buf.slice(end + CLOSE.length);
        continue;
      }
      if (afterTag) {
        buf = buf.replace(/^\s+/, '');
        if (!buf) break;
        afterTag = false;
      }
      const open = buf.indexOf(OPEN);
      const close = buf.indexOf(CLOSE);
      if (open < 0 && close < 0) {
        const keep = tagPrefixAtEnd(buf, [OPEN, CLOSE]);
        out += buf.slice(0, buf.length - keep);
        carry = buf.slice(buf.length - keep);
        break;
      }
      sawThought();
      if (open >= 0 && (close < 0 || open < close)) {
        // text before an opening tag is answer; the blank just before the tag is not
        const before = (out + buf.slice(0, open)).replace(/\s+$/, '');
        if (before) held += space + before;
        space = '';
        out = '';
        inThink = true;
        buf = buf.slice(open + OPEN.length);
        continue;
      }
      // A lone closing tag: everything before it was thought.
      if (shown) throw new ProviderError('upstream_error', undefined, 'thought_leak');
      space = '';
      held = '';
      out = '';
      sure = true;
      afterTag = true;
      buf = buf.slice(close + CLOSE.length);
    }
    if (out) {
      if (isBlank(out) && !held) { space += out; continue; }
      held += space + out;
      space = '';
    }
    if (sure && held) {
      const t = held;
      held = '';
      shown = true;
      yield t;
    }
  }
  // The end: an unclosed block is all thought; a partial tag that never completed is text.
  if (inThink) return;
  const rest = held + space + carry;
  if (shown ? rest : !isBlank(rest)) yield rest;
}
