// A fake completion service for session and host scenario tests: fetchSuggestion is the
// service boundary, so faking it here keeps these tests about the document and the state.
import type { HostContext } from '../../src/core/DocumentHost';
import type { Suggestion } from '../../src/core/session';

/** a plain string is an answer from an unknown model; a Suggestion names its model and request */
type Answer = string | Suggestion;

/** A fake completion service: answers by a function, or holds answers until released. */
export class FakeService {
  readonly requests: {
    ctx: HostContext;
    signal: AbortSignal;
    resolve: (t: Answer) => void;
    reject: (e: Error) => void;
    /** the session's callback for a streaming answer's first clauses (absent when it asked for a whole answer) */
    partial?: (p: { text: string; model: string; requestId: string }) => void;
  }[] = [];
  /** when set, answers at once with this; when null, requests wait for release() */
  reply: ((ctx: HostContext) => Answer) | null = null;

  readonly fetch = (ctx: HostContext, signal: AbortSignal, partial?: (p: Suggestion) => void): Promise<Answer> =>
    new Promise<Answer>((resolve, reject) => {
      this.requests.push({ ctx, signal, resolve, reject, ...(partial ? { partial } : {}) });
      if (this.reply) resolve(this.reply(ctx));
    });

  /** answer the n-th request (default: the last one) */
  release(text: Answer, n = this.requests.length - 1): void {
    this.requests[n]!.resolve(text);
  }

  /** stream the first clauses of the n-th request (default: the last one) */
  stream(p: Suggestion, n = this.requests.length - 1): void {
    this.requests[n]!.partial?.(p);
  }

  fail(code: string, n = this.requests.length - 1): void {
    this.requests[n]!.reject(Object.assign(new Error(code), { code }));
  }

  get count(): number {
    return this.requests.length;
  }
}
