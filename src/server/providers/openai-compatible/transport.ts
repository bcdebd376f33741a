// How the provider reaches the upstream. Default: node:http(s) with keep-alive agents — measured
// several times cheaper per streamed chunk than undici's fetch (web streams), and as cheap as undici's
// Pool here (bench/service.ts). A fetch can be injected.
// A call is cancelled through its handle, not an AbortSignal: a signal per request (created, listened
// to, wired into the socket by http.request's `signal` option) cost ~50 µs of the service's ~800 µs
// per request in profiles.
import http from 'node:http';
import https from 'node:https';

export interface UpstreamResponse {
  status: number;
  contentType: string;
  body: AsyncIterable<Uint8Array>;
}

export interface UpstreamCall {
  /** settles with the status and headers; rejects when the connection fails or the call is aborted */
  response: Promise<UpstreamResponse>;
  /**
   * Stops the call: before the answer arrives, or while its body is read. Destroys the connection,
   * since a half-read body leaves it unusable. A body read to its end needs no abort: its keep-alive
   * socket has gone back to the pool.
   */
  abort(): void;
}

export type Transport = (url: string, headers: Record<string, string>, body: string) => UpstreamCall;

// noDelay on the agent sets TCP_NODELAY once per socket, not once per request. No maxSockets: the calls
// in flight are bounded per replica by the model's maxConcurrent (replicas.ts), which the admin sets and
// /health/ready reports; a second, smaller cap here queued calls unseen (256 sockets: seconds of wait on
// an instance carrying its restarting peer's clerks). Idle sockets kept: enough for a busy instance's
// usual concurrency, so a burst does not reconnect.
const agentOptions = { keepAlive: true, keepAliveMsecs: 10_000, maxFreeSockets: 512, scheduling: 'lifo' as const, noDelay: true };
const agents = { http: new http.Agent(agentOptions), https: new https.Agent(agentOptions) };

export const httpTransport: Transport = (url, headers, body) => {
  const u = new URL(url);
  const tls = u.protocol === 'https:';
  const req = (tls ? https : http).request(u, {
    method: 'POST',
    agent: tls ? agents.https : agents.http,
    headers: { ...headers, 'content-length': Buffer.byteLength(body) },
  });
  const response = new Promise<UpstreamResponse>((resolve, reject) => {
    req.on('response', (res) => {
      resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: res });
    });
    req.on('error', reject);
  });
  // Without a listener the rejection of an aborted call that nobody awaits any more is "unhandled".
  response.catch(() => undefined);
  req.end(body);
  return { response, abort: () => { req.destroy(new Error('aborted')); } };
};

export function fetchTransport(fetchImpl: typeof fetch): Transport {
  return (url, headers, body) => {
    // Aborting a fetch also errors a body that is being read.
    const ctrl = new AbortController();
    const response = fetchImpl(url, { method: 'POST', headers, body, signal: ctrl.signal }).then((res) => ({
      status: res.status, contentType: res.headers.get('content-type') ?? '', body: res.body ? iterate(res.body) : empty(),
    }));
    response.catch(() => undefined);
    return { response, abort: () => { ctrl.abort(); } };
  };
}

async function* iterate(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

async function* empty(): AsyncIterable<Uint8Array> { /* no body */ }
