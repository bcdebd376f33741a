// Every row of the marking table in docs/PRIVACY.md, at the service: a digest that does not declare
// the marking (a pane that missed it, or a client that lies) is refused for an external model all the
// same; a page-header marking arrives declared by the pane and is refused too. Nothing reaches the upstream.
import type { FastifyInstance } from 'fastify';
import { buildDigest } from '../../src/core/digest';
import { buildApp } from '../../src/server/app';
import { markingRows, NOTICE_BODY } from '../markingRows';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream';
import { upstreamConfig } from './helpers';

const KEY = 'sk-test-secret-value-123456';
let up: FakeUpstream;
let app: FastifyInstance;
let version: string;
beforeAll(async () => {
  process.env.BANXIE_TEST_KEY = KEY;
  up = await startFakeUpstream();
  app = await buildApp(upstreamConfig(up.baseUrl));
  version = (await app.inject('/v1/privacy')).json().version;
});
afterAll(async () => { await app.close(); await up.close(); delete process.env.BANXIE_TEST_KEY; });
beforeEach(() => { up.requests.length = 0; up.set({ mode: 'ok', text: '请各单位高度重视，认真组织实施。' }); });

/** The digest the pane would send, as a client that says nothing about a marking. */
function undeclared(doc: string): unknown {
  return { ...buildDigest(doc, doc.length), classification: null, classificationPeriod: '' };
}

const post = (target: FastifyInstance, digest: unknown, v = version) =>
  target.inject({ method: 'POST', url: '/v1/completions', payload: { requestId: 'r1', model: 'ext', digest, maxChars: 40, consent: { version: v } } });

test.each(markingRows('en').map((r) => [r.id, r.form, r] as const))('%s %s', async (_id, _form, row) => {
  const digest = row.inHeader
    // the header is not in the body: the pane declares what it found there
    ? { ...buildDigest(NOTICE_BODY, NOTICE_BODY.length), classification: row.expected }
    : undeclared(`${row.example}\n${NOTICE_BODY}`);
  const res = await post(app, digest);
  if (row.expected) {
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('classified_blocked');
    expect(up.requests).toHaveLength(0);
  } else {
    expect(res.statusCode).toBe(200);
    expect(up.requests).toHaveLength(1);
  }
});

test('policy.restrictedAsClassified: false lets 内部 through to an external model, never 秘密', async () => {
  const lenient = await buildApp(upstreamConfig(up.baseUrl, { policy: { classifiedResidencies: ['builtin', 'local'], restrictedAsClassified: false } }));
  try {
    const v = (await lenient.inject('/v1/privacy')).json().version;
    const models = (await lenient.inject('/v1/models')).json().models as { id: string; acceptsRestricted?: boolean }[];
    expect(models.find((m) => m.id === 'ext')?.acceptsRestricted).toBe(true);
    for (const mark of ['内部', '内部资料', '内部★']) {
      expect((await post(lenient, undeclared(`${mark}\n${NOTICE_BODY}`), v)).statusCode).toBe(200);
    }
    const res = await post(lenient, undeclared(`秘密★1年\n${NOTICE_BODY}`), v);
    expect(res.json().error.code).toBe('classified_blocked');
  } finally {
    await lenient.close();
  }
});
