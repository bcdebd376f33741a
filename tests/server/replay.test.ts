// Replays what real model servers send (tests/fixtures/upstream-streams) through the real route, cut into
// small byte chunks, and asserts exactly what the pane receives — as JSON and as SSE. No thought, no tag.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/server/app';
import { resolveConfig } from '../../src/server/config';
import { completionBody } from './helpers';

const DIR = path.join(__dirname, '../fixtures/upstream-streams');
const expected = JSON.parse(fs.readFileSync(path.join(DIR, 'expected.json'), 'utf8')) as Record<string, { thinking: 'off' | 'auto'; mode?: string; expected: string }>;
const THOUGHT_WORDS = ['嗯', '用户', '<think', '</think', 'think>'];

let server: http.Server;
let base = '';
let bodyOf = '';
beforeAll(async () => {
  // Serves the current fixture as a stream in 7-byte pieces: tags and UTF-8 characters split across reads.
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', async () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const buf = Buffer.from(bodyOf, 'utf8');
      for (let i = 0; i < buf.length; i += 7) {
        res.write(buf.subarray(i, i + 7));
        if (i % 70 === 0) await new Promise((r) => setImmediate(r));
      }
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe.each(Object.entries(expected))('%s', (file, want) => {
  const ask = async (stream: boolean) => {
    bodyOf = fs.readFileSync(path.join(DIR, file), 'utf8');
    const app = await buildApp(resolveConfig({
      models: [{ id: 'm', preset: 'generic', baseUrl: base, model: 'x', residency: 'local', needsConsent: false, thinking: want.thinking, ...(want.mode ? { mode: want.mode } : {}) }],
    }));
    try {
      return await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('m', { before: '现将有关事项通知如下：', after: '' }, { stream }) });
    } finally {
      await app.close();
    }
  };

  it('JSON: exactly the answer', async () => {
    const res = await ask(false);
    expect(res.statusCode).toBe(200);
    expect(res.json().text).toBe(want.expected);
  });

  it('SSE: deltas add up to the answer, and none holds a thought', async () => {
    const res = await ask(true);
    const events = res.body.trim().split('\n\n').filter(Boolean).map((b) => {
      const [ev, data] = b.split('\n');
      return { event: ev.slice('event: '.length), data: JSON.parse(data.slice('data: '.length)) as { text: string } };
    });
    const deltas = events.filter((e) => e.event === 'delta').map((e) => e.data.text);
    expect(events[events.length - 1]).toMatchObject({ event: 'done', data: { text: want.expected } });
    expect(deltas.join('')).toBe(want.expected);
    for (const d of deltas) for (const w of THOUGHT_WORDS) expect(d).not.toContain(w);
  });
});
