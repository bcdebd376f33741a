// The full pane's way to read a completion as a stream: fetch and its body reader (WebView2, EdgeHTML 18,
// WKWebView and browsers have both; the lite pane's IE11 has neither and keeps whole answers).
import { aborted, CompletionError, MAX_RESPONSE_BYTES, timedOut, unreachable, type HttpStreamTransport } from './transport';

export const fetchStreamTransport: HttpStreamTransport = async ({ method, url, headers, body, signal, timeoutMs, onText }) => {
  const ctrl = new AbortController();
  const onAbort = (): void => ctrl.abort();
  signal?.addEventListener('abort', onAbort);
  let timedOutFlag = false;
  // the timeout bounds the wait for the answer to start; a stream that has begun runs to its end
  const timer = setTimeout(() => {
    timedOutFlag = true;
    ctrl.abort();
  }, timeoutMs);
  try {
    let res: Response;
    try {
      // same-origin credentials: the sign-on gateway's cookie (or Windows authentication) in front of the
      // service that served the pane goes along; a service elsewhere gets no cookies (docs/DEPLOY.md, Sign-on)
      res = await fetch(url, { method, headers: { ...headers, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body), signal: ctrl.signal, credentials: 'same-origin' });
    } finally {
      clearTimeout(timer);
    }
    const type = res.headers.get('content-type') || '';
    if (!/text\/event-stream/i.test(type) || !res.body) {
      const text = await res.text();
      let data: unknown = text;
      try {
        data = JSON.parse(text);
      } catch {
        /* not JSON: the client reports the status */
      }
      return { status: res.status, data };
    }
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes > MAX_RESPONSE_BYTES) {
        ctrl.abort();
        throw new CompletionError('bad_response', 'The service sent too much.');
      }
      onText(decoder.decode(value, { stream: true }));
    }
    onText(decoder.decode());
    return { status: res.status, data: null };
  } catch (err) {
    if (err instanceof CompletionError) throw err;
    if (signal?.aborted) throw aborted();
    if (timedOutFlag) throw timedOut();
    throw unreachable();
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
};
