// The panes' transport: plain XMLHttpRequest, which every webview Word uses has (Internet Explorer 11
// included, where neither fetch nor a native Promise exists; core-js brings the Promise). The full pane took it
// over from axios (issue 27): the same contract, about 12 KB gzipped less; Node (tests, benches) keeps axios.
import { aborted, CompletionError, MAX_RESPONSE_BYTES, timedOut, unreachable, type HttpTransport } from './transport';

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text; // a proxy's HTML error page: the client maps the status
  }
}

export const xhrTransport: HttpTransport = ({ method, url, headers, body, signal, timeoutMs }) =>
  new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(aborted());
    const xhr = new XMLHttpRequest();
    let done = false;
    const finish = (settle: () => void): void => {
      if (done) return;
      done = true;
      if (signal) signal.removeEventListener('abort', onAbort);
      settle();
    };
    const onAbort = (): void => {
      finish(() => reject(aborted()));
      xhr.abort();
    };
    xhr.open(method, url, true);
    // withCredentials stays false: same-origin requests carry the sign-on cookie anyway, others none
    // IE11 throws on setting timeout before open(); after open() it is fine.
    xhr.timeout = timeoutMs;
    for (const name of Object.keys(headers)) xhr.setRequestHeader(name, headers[name]!);
    if (body !== undefined) xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.onload = () =>
      finish(() => {
        const text = xhr.responseText || '';
        if (text.length > MAX_RESPONSE_BYTES) reject(new CompletionError('bad_response', 'The service sent an answer too large to be a suggestion.', xhr.status));
        else resolve({ status: xhr.status, data: text ? parse(text) : '' });
      });
    // A refused connection, DNS failure or CORS refusal all surface as status 0 / onerror.
    xhr.onerror = () => finish(() => reject(unreachable()));
    xhr.ontimeout = () => finish(() => reject(timedOut()));
    xhr.onabort = () => finish(() => reject(aborted()));
    if (signal) signal.addEventListener('abort', onAbort);
    xhr.send(body === undefined ? null : JSON.stringify(body));
  });
