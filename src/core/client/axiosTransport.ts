// Node's transport, in tests and benchmarks: axios, whose XHR and http adapters behave alike in a browser and
// in Node. The panes use xhrTransport (axios cost the full pane's bundle 21 KB gzipped).
import axios, { AxiosError } from 'axios';
import { aborted, CompletionError, MAX_RESPONSE_BYTES, timedOut, unreachable, type HttpTransport } from './transport';

const http = axios.create({
  // We read error bodies ourselves; axios must not throw before we see them.
  validateStatus: () => true,
  maxContentLength: MAX_RESPONSE_BYTES,
});

export const axiosTransport: HttpTransport = async ({ method, url, headers, body, signal, timeoutMs }) => {
  try {
    const res = await http.request({ method, url, data: body, headers, signal, timeout: timeoutMs });
    return { status: res.status, data: res.data };
  } catch (err) {
    if (signal?.aborted || axios.isCancel(err)) throw aborted();
    if (err instanceof AxiosError) {
      if (err.code === AxiosError.ECONNABORTED || err.code === AxiosError.ETIMEDOUT) throw timedOut();
      if (err.code === AxiosError.ERR_BAD_RESPONSE || err.response) throw new CompletionError('bad_response', err.message, err.response?.status);
    }
    throw unreachable();
  }
};
