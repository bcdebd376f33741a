// Turns what a model sends into what may be shown as a suggestion, as one pipeline of stream stages
// (Continue's autocomplete filters; LiteLLM's reasoning channel): provider pieces → thoughts →
// first-answer deadline → leading chatter → trailing chatter → whole clauses → drop rules → PII restored.
// Each stage is an async generator, testable alone; `collect` is the one consumer, for JSON replies
// and (with onDelta) for the SSE writer, so both show exactly the same text.
import type { FinishReason } from '../../core/protocol';
import { hasPlaceholder, type Masker } from '../policy/pii';
import { FIRST_ANSWER_LATE, ProviderError, type Piece } from '../providers/types';
import { thoughts } from './thoughts';
import { emphasis, leadingChatter, trailingChatter } from './chatter';
import { clauses } from './clauses';
import { drops, type DropContext, type DropReason } from './drops';

export { thoughts } from './thoughts';
export { decideHead, emphasis, leadingChatter, trailingChatter } from './chatter';
export { clauses, CLAUSE_END, CLAUSE_SOFT } from './clauses';
export { drops, whyDrop, type DropContext, type DropReason } from './drops';
export { normalizeForCompare } from './normalize';

export interface PipelineOptions extends DropContext {
  maxChars: number;
  /** the model may think without an opening tag: hold text until its thoughts are over (thinking: auto) */
  holdUntagged: boolean;
  /** ms from now by which the first answer character must have arrived; none when absent */
  firstAnswerMs?: number;
  /** the controller whose signal the provider watches: the deadline aborts it */
  control?: AbortController;
  /** restores PII placeholders in what is shown (external models) */
  masker?: Masker | null;
}

/** What the stages learnt on the way, read once the stream is over. */
export interface PipelineRun {
  cut: boolean;
  dropped: DropReason | null;
  /** the model thought (tags or a reasoning field), whether or not it answered */
  thought: boolean;
  /** the model made up a placeholder we never issued: nothing of it may be shown */
  madeUp: boolean;
}

export interface Pipeline {
  text: AsyncIterable<string>;
  run: PipelineRun;
}

export function pipeline(source: AsyncIterable<Piece>, opts: PipelineOptions): Pipeline {
  const run: PipelineRun = { cut: false, dropped: null, thought: false, madeUp: false };
  let s: AsyncIterable<string> = thoughts(source, { holdUntagged: opts.holdUntagged, onThought: () => { run.thought = true; } });
  if (opts.firstAnswerMs && opts.control) s = firstAnswerBy(s, opts.firstAnswerMs, opts.control, () => run.thought);
  s = leadingChatter(emphasis(s), { before: opts.before, maxChars: opts.maxChars });
  s = trailingChatter(s);
  s = clauses(s, opts.maxChars, run);
  s = drops(s, opts, run);
  if (opts.masker) s = restore(s, opts.masker, run);
  return { text: s, run };
}

/**
 * Ends the stream with a failure when no answer text came within `ms`: a model still thinking then
 * (cause `thinking`), or one that has not started (queued, loading: cause `timeout`), will not answer
 * while the clerk waits. The upstream is aborted with FIRST_ANSWER_LATE.
 */
export async function* firstAnswerBy(
  source: AsyncIterable<string>, ms: number, control: AbortController, thinking: () => boolean = () => true,
): AsyncGenerator<string> {
  const it = source[Symbol.asyncIterator]();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => { timer = setTimeout(() => resolve('late'), ms); });
  let first: IteratorResult<string> | 'late';
  try {
    const next = it.next();
    first = await Promise.race([next, late]);
    if (first === 'late') {
      next.catch(() => undefined); // settles once the abort reached the provider
      control.abort(FIRST_ANSWER_LATE);
      throw new ProviderError('upstream_timeout', undefined, thinking() ? 'thinking' : 'timeout');
    }
  } finally {
    clearTimeout(timer);
  }
  if (first.done) return;
  yield first.value;
  yield* { [Symbol.asyncIterator]: () => it };
}

/** Masked values back into the text; a placeholder the model made up ends the answer as filtered. */
async function* restore(source: AsyncIterable<string>, masker: Masker, run: PipelineRun): AsyncGenerator<string> {
  for await (const t of source) {
    const r = masker.restore(t);
    if (hasPlaceholder(r)) { run.madeUp = true; return; }
    yield r;
  }
}

export interface Answer {
  text: string;
  finishReason: FinishReason;
  /** the upstream broke off after whole clauses had come: they are the answer */
  partial: boolean;
  dropped?: DropReason;
  thought: boolean;
}

/**
 * Runs a pipeline to its end. `onDelta` sees each piece of text as it is let through (the SSE writer).
 * A provider failure before any text is thrown (the caller may fall back); after text, the whole clauses
 * that came are the (partial) answer.
 */
export async function collect(p: Pipeline, onDelta?: (text: string) => void): Promise<Answer> {
  let text = '';
  let partial = false;
  try {
    for await (const t of p.text) {
      text += t;
      onDelta?.(t);
    }
  } catch (err) {
    // A thought that was let through is no answer, however much of it came.
    if (!(err instanceof ProviderError) || !text || err.why === 'thought_leak') throw err;
    partial = true;
  }
  const { run } = p;
  if (run.madeUp) return { text: '', finishReason: 'filtered', partial, thought: run.thought };
  if (run.dropped) return { text: '', finishReason: run.dropped === 'blank' ? 'empty' : 'filtered', partial, dropped: run.dropped, thought: run.thought };
  return { text, finishReason: run.cut || partial ? 'length' : 'stop', partial, thought: run.thought };
}

/** The pipeline over a whole answer at once: what a JSON reply of `raw` shows (tests, doctor). */
export async function finishText(raw: string | Piece[], opts: Omit<PipelineOptions, 'holdUntagged'> & { holdUntagged?: boolean }): Promise<Answer> {
  const pieces = typeof raw === 'string' ? [raw] : raw;
  async function* one(): AsyncGenerator<Piece> { yield* pieces; }
  return collect(pipeline(one(), { holdUntagged: false, ...opts }));
}
