// Identity from the organisation's sign-on: the gateway's header names the user only when the request came
// from a trustProxy peer; auth.required refuses /v1 without an identity; the audit names the user (plain) or
// hashes them (default); rate limits count per signed-in user.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { ConfigError, resolveConfig } from '../../src/server/config';
import type { AuditRecord, AuditSink } from '../../src/server/policy/audit';
import { completeRecord, isOutcome } from '../../src/server/policy/audit';
import { signonUser } from '../../src/server/policy/auth';
import { completionBody } from './helpers';

const GATEWAY = '10.1.2.3';
const STRANGER = '10.9.9.9';
const TOKEN = 'org-token-0123456789abcdef';

/** Records as the file would hold them, kept in memory. */
function memoryAudit(): AuditSink & { records: AuditRecord[] } {
  const records: AuditRecord[] = [];
  return { records, write: (r) => { if (!isOutcome(r)) records.push(completeRecord(r)); }, close: async () => {} };
}

async function appWith(extra: Record<string, unknown>, audit = memoryAudit()): Promise<{ app: FastifyInstance; audit: ReturnType<typeof memoryAudit> }> {
  const config = resolveConfig({ models: [{ id: 'builtin', provider: 'builtin' }], trustProxy: [GATEWAY], ...extra });
  return { app: await buildApp(config, { audit }), audit };
}

const complete = (app: FastifyInstance, from: string, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/v1/completions', remoteAddress: from, headers, payload: completionBody('builtin') });

describe('sign-on identity (auth.trustedUserHeader)', () => {
  let app: FastifyInstance;
  let audit: ReturnType<typeof memoryAudit>;
  beforeAll(async () => {
    ({ app, audit } = await appWith({ auth: { trustedUserHeader: 'X-Remote-User', required: true, tokens: [TOKEN] }, audit: { user: 'plain' } }));
  });
  afterAll(() => app.close());
  beforeEach(() => { audit.records.length = 0; });

  it('the gateway names the user: the audit record says who, from where, how, and the outcome', async () => {
    const res = await complete(app, GATEWAY, { 'x-remote-user': 'zhangsan', 'x-forwarded-for': '192.168.5.20' });
    expect(res.statusCode).toBe(200);
    expect(audit.records).toEqual([expect.objectContaining({ user: 'zhangsan', via: 'signon', client: '192.168.5.20', model: 'builtin', residency: 'builtin', result: 'answered' })]);
  });

  it('a Chinese name sent as UTF-8 bytes is written as the name', async () => {
    const latin1 = Buffer.from('张三', 'utf8').toString('latin1');
    expect((await complete(app, GATEWAY, { 'x-remote-user': latin1 })).statusCode).toBe(200);
    expect(audit.records[0]).toMatchObject({ user: '张三', via: 'signon' });
  });

  it('a header forged by anyone else is ignored: no identity, so refused with signon_required, and audited as the address', async () => {
    const res = await complete(app, STRANGER, { 'x-remote-user': 'zhangsan' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('signon_required');
    expect(res.json().error.message).toContain('请先登录单位统一身份认证');
    expect(audit.records).toEqual([expect.objectContaining({ user: `ip:${STRANGER}`, via: 'address', outcome: 'signon_required', result: 'refused' })]);
    expect(JSON.stringify(audit.records)).not.toContain('zhangsan');
    // the loopback is not a gateway unless listed: a clerk on the server itself cannot name anyone
    expect((await complete(app, '127.0.0.1', { 'x-remote-user': 'zhangsan' })).statusCode).toBe(401);
  });

  it('every /v1 route is refused without an identity, in the asker\'s language; /health stays open', async () => {
    for (const url of ['/v1/models', '/v1/privacy']) {
      const res = await app.inject({ url, remoteAddress: STRANGER, headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'signon_required', message: expect.stringContaining('sign-on') });
    }
    expect((await app.inject({ url: '/health', remoteAddress: STRANGER })).statusCode).toBe(200);
    expect((await app.inject({ url: '/v1/models', remoteAddress: GATEWAY, headers: { 'x-remote-user': 'lisi' } })).statusCode).toBe(200);
  });

  it('a token is an identity too; a wrong one is refused like no identity; plain mode still never writes a token', async () => {
    expect((await complete(app, STRANGER, { authorization: `Bearer ${TOKEN}` })).statusCode).toBe(200);
    const wrong = await complete(app, STRANGER, { authorization: 'Bearer not-the-token-at-all' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('signon_required');
    expect(audit.records.map((r) => [r.via, r.result])).toEqual([['token', 'answered'], ['address', 'refused']]);
    expect(audit.records[0].user).toMatch(/^token:[0-9a-f]{16}$/);
    expect(JSON.stringify(audit.records)).not.toContain(TOKEN);
  });

  it('empty, "-" (nginx\'s nobody) and names with control characters are not names', () => {
    expect(signonUser(undefined)).toBeNull();
    expect(signonUser('')).toBeNull();
    expect(signonUser('-')).toBeNull();
    expect(signonUser('a\nb')).toBeNull();
    expect(signonUser('x'.repeat(257))).toBeNull();
    expect(signonUser(' wang.wu@example.gov.cn ')).toBe('wang.wu@example.gov.cn');
  });
});

describe('audit.user hashed (the default) and per-user rate limits', () => {
  it('hashes the user and the address; the same user has the same hash from any address', async () => {
    const { app, audit } = await appWith({ auth: { trustedUserHeader: 'X-Remote-User' }, audit: { salt: 's1' } });
    await complete(app, GATEWAY, { 'x-remote-user': 'zhangsan', 'x-forwarded-for': '192.168.5.20' });
    await complete(app, GATEWAY, { 'x-remote-user': 'zhangsan', 'x-forwarded-for': '192.168.5.21' });
    await complete(app, STRANGER, { 'x-remote-user': 'zhangsan' }); // not required: answered, as the address
    await app.close();
    const [a, b, c] = audit.records;
    expect(a.user).toMatch(/^[0-9a-f]{16}$/);
    expect(a.user).toBe(b.user);
    expect(a.client).not.toBe(b.client);
    expect(c).toMatchObject({ via: 'address', result: 'answered' });
    expect(c.user).not.toBe(a.user);
    expect(JSON.stringify(audit.records)).not.toMatch(/zhangsan|192\.168|10\.9\.9\.9/);
  });

  it('one user is one bucket wherever they sit, and does not use up another user\'s', async () => {
    const { app } = await appWith({ auth: { trustedUserHeader: 'X-Remote-User' }, rateLimit: { max: 2, windowMs: 60_000 } });
    const as = (user: string, ip: string) => complete(app, GATEWAY, { 'x-remote-user': user, 'x-forwarded-for': ip });
    expect((await as('zhangsan', '192.168.5.20')).statusCode).toBe(200);
    expect((await as('zhangsan', '192.168.5.21')).statusCode).toBe(200);
    expect((await as('zhangsan', '192.168.5.22')).statusCode).toBe(429);
    expect((await as('lisi', '192.168.5.20')).statusCode).toBe(200);
    await app.close();
  });
});

describe('logs', () => {
  it('no log line holds a token, a cookie or the sign-on name, whatever the outcome', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const config = resolveConfig({ models: [{ id: 'builtin', provider: 'builtin' }], trustProxy: [GATEWAY], logLevel: 'trace',
      auth: { trustedUserHeader: 'X-Remote-User', tokens: [TOKEN], required: true } });
    const app = await buildApp(config, { logger: { stream }, audit: memoryAudit() });
    const cookie = 'session=cookie-secret-4711';
    await complete(app, STRANGER, { authorization: `Bearer ${TOKEN}`, cookie });
    await complete(app, STRANGER, { authorization: 'Bearer wrong-token-secret-0815', cookie });
    await complete(app, GATEWAY, { 'x-remote-user': 'zhangsan', cookie });
    await app.close();
    expect(lines.join('\n')).toContain('wrong access token'); // the logger did run
    for (const secret of [TOKEN, 'wrong-token-secret-0815', 'cookie-secret-4711', 'zhangsan']) expect(lines.join('\n')).not.toContain(secret);
  });
});

describe('config', () => {
  const bad = (raw: Record<string, unknown>, field: string) => {
    try {
      resolveConfig(raw);
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as ConfigError).field).toBe(field);
      return;
    }
    throw new Error('accepted');
  };
  it('refuses a sign-on header without a gateway to believe, a header that is not one, and required with no way in', () => {
    bad({ auth: { trustedUserHeader: 'X-Remote-User' } }, 'auth.trustedUserHeader');
    bad({ auth: { trustedUserHeader: 'Authorization' }, trustProxy: [GATEWAY] }, 'auth.trustedUserHeader');
    bad({ auth: { trustedUserHeader: 'X Remote' }, trustProxy: [GATEWAY] }, 'auth.trustedUserHeader');
    bad({ auth: { required: true } }, 'auth.required');
    bad({ audit: { user: 'named' } }, 'audit.user');
    expect(resolveConfig({ auth: { trustedUserHeader: 'X-Remote-User', required: true }, trustProxy: [GATEWAY] }).auth).toMatchObject({ trustedUserHeader: 'x-remote-user', required: true });
  });
});
