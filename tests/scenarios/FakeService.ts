// A fake completion service for session and host scenario tests: fetchSuggestion is the
// service boundary, so faking it here keeps these tests about the document and the state.
import type { HostContext } from '../../src/core/DocumentHost';

/** A fake completion service: answers by a function, or holds answers until released. */
export class FakeService {
  readonly requests: { ctx: HostContext; signal: AbortSignal; resolve: (t: string) => void; reject: (e: Error) => void }[] = [];
  /** when set, answers at once with this; when null, requests wait for release() */
  reply: ((ctx: HostContext) => string) | null = null;

  readonly fetch = (ctx: HostContext, signal: AbortSignal): Promise<string> =>
    new Promise<string>((resolve, reject) => {
      this.requests.push({ ctx, signal, resolve, reject });
      if (this.reply) resolve(this.reply(ctx));
    });

  /** answer the n-th request (default: the last one) */
  release(text: string, n = this.requests.length - 1): void {
    this.requests[n]!.resolve(text);
  }

  fail(code: string, n = this.requests.length - 1): void {
    this.requests[n]!.reject(Object.assign(new Error(code), { code }));
  }

  get count(): number {
    return this.requests.length;
  }
}
