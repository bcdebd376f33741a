// A completion as the route's SSE stream: `delta` events carry whole clauses (the text so far goes to
// onText), `done` the final answer (authoritative), `error` an error body. Only the full pane loads this.
import { badResponse, CompletionError, fromErrorStatus, type CompletionStreamer } from './CompletionClient';
import { SseParser } from './sse';
import type { HttpStreamTransport } from './transport';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function sseCompletions(transport: HttpStreamTransport): CompletionStreamer {
  return async (req, onText) => {
    let soFar = '';
    let done: unknown = null;
    let failed: CompletionError | null = null;
    const parser = new SseParser((e) => {
      if (failed || done !== null) return;
      let data: unknown;
      try {
        data = JSON.parse(e.data);
      } catch {
        failed = badResponse('stream event');
        return;
      }
      if (e.event === 'delta' && isRecord(data) && typeof data.text === 'string') {
        soFar += data.text;
        onText(soFar);
      } else if (e.event === 'done') done = data;
      else if (e.event === 'error') failed = fromErrorStatus(200, data);
    });
    const res = await transport({ ...req, onText: (chunk) => parser.push(chunk) });
    // an HTTP error before the stream, or a service that answered JSON after all: as a transport would
    if (res.data !== null) return res;
    parser.end();
    if (failed) throw failed;
    if (done === null) throw badResponse('stream ended without an answer');
    return { status: res.status, data: done };
  };
}
