// The streaming ghost end to end below the view (issue 24 §6): the pane's client asks for SSE, the session
// shows the first whole clause while the model is still writing, and extends the ghost once with the whole
// answer — two writes; the lite pane's wiring (no stream transport) keeps whole answers.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { axiosTransport } from '../../../src/core/client/axiosTransport';
import { fetchStreamTransport } from '../../../src/core/client/fetchStreamTransport';
import { sseCompletions } from '../../../src/core/client/streamCompletion';
import type { ModelInfo } from '../../../src/core/protocol';
import { DEFAULT_SETTINGS, MemorySettingsStore } from '../../../src/core/settings';
import { loadPaneSettings, wirePane, type WiredPane } from '../../../src/taskpane/wirePane';
import { MemoryHost } from '../session/MemoryHost';

const FIRST = '各单位要高度重视，';
const WHOLE = '各单位要高度重视，认真落实。';
const MODELS: ModelInfo[] = [{ id: 'builtin', label: '内置引擎', residency: 'builtin', provider: 'builtin', acceptsClassified: true, needsConsent: false }];

let server: http.Server;
let baseUrl = '';
/** releases the rest of the current stream */
let release: () => void = () => undefined;
const streamed: boolean[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      res.setHeader('access-control-allow-origin', '*');
      if (req.url === '/v1/models') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ models: MODELS }));
      if (req.url === '/v1/privacy') return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ version: 'v1', text: { 'zh-CN': '说明', en: 'Notice' } }));
      const body = JSON.parse(raw) as { stream?: boolean; model: string };
      streamed.push(!!body.stream);
      const done = { text: WHOLE, model: body.model, finishReason: 'stop', latencyMs: 1 };
      if (!body.stream) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(done));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`event: delta\ndata: ${JSON.stringify({ text: FIRST })}\n\n`);
      release = () => res.end(`event: done\ndata: ${JSON.stringify(done)}\n\n`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function waitFor(cond: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function wired(host: MemoryHost, stream: boolean): Promise<WiredPane> {
  const deps = { host, settingsStore: new MemorySettingsStore({ ...DEFAULT_SETTINGS, debounceMs: 150 }), serviceUrl: baseUrl };
  const pane = wirePane(deps, await loadPaneSettings(deps), {
    transport: axiosTransport, onLanguage: () => undefined, ...(stream ? { streamer: sseCompletions(fetchStreamTransport) } : { pane: 'lite' as const }),
  });
  await pane.start();
  return pane;
}

test('full pane: the first clause is in the document while the model still writes; the whole answer extends it once', async () => {
  const host = new MemoryHost('现将有关事项通知如下：|');
  const pane = await wired(host, true);
  try {
    host.type('一、');
    await waitFor(() => host.ghost === FIRST);
    expect(pane.session.state).toMatchObject({ kind: 'showing', text: FIRST, stream: { shown: FIRST } });
    release();
    await waitFor(() => host.ghost === WHOLE);
    expect(host.callsOf('showGhost')).toEqual([`showGhost:${FIRST}`, `showGhost:${WHOLE}`]);
    expect(streamed).toEqual([true]);
  } finally {
    pane.dispose();
  }
});

test('lite pane: whole answers, no stream asked for', async () => {
  streamed.length = 0;
  const host = new MemoryHost('现将有关事项通知如下：|');
  const pane = await wired(host, false);
  try {
    host.type('一、');
    await waitFor(() => pane.session.state.kind === 'showing');
    expect(pane.session.state).toMatchObject({ text: WHOLE, inline: false });
    expect(streamed).toEqual([false]);
  } finally {
    pane.dispose();
  }
});
