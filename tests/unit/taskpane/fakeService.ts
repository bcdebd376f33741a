// A real local HTTP service (node:http on 127.0.0.1) that plays the completion service for the pane's
// tests: models, privacy notice, health and completions, each completion body recorded and answered by
// `answer`. It allows any origin, since jsdom enforces CORS like a browser; `down` drops connections
// like a service that went away.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CompletionRequest, ModelInfo, ReceivePolicy } from '../../../src/core/protocol';

export interface FakeService {
  baseUrl: string;
  notice: { version: string; text: { 'zh-CN': string; en: string } };
  down: boolean;
  /** every completion request body, in order */
  requests: CompletionRequest[];
  answer: (body: CompletionRequest) => [number, unknown];
  /** the receive policy /v1/models publishes beside the list; none (an older service) when unset */
  policy?: ReceivePolicy;
  close(): Promise<void>;
}

export async function startFakeService(
  models: ModelInfo[],
  notice: FakeService['notice'],
  answer: FakeService['answer'],
): Promise<FakeService> {
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      if (svc.down) {
        req.socket.destroy();
        return;
      }
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', 'content-type, accept-language, authorization');
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
      const send = (status: number, body: unknown): void => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.url === '/v1/models') return send(200, svc.policy ? { models, policy: svc.policy } : { models });
      if (req.url === '/v1/privacy') return send(200, svc.notice);
      if (req.url === '/health') return send(200, { ok: true });
      if (req.url === '/v1/completions') {
        const body = JSON.parse(raw) as CompletionRequest;
        svc.requests.push(body);
        return send(...svc.answer(body));
      }
      send(404, { error: { code: 'not_found', message: 'no' } });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const svc: FakeService = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    notice,
    down: false,
    requests: [],
    answer,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return svc;
}
