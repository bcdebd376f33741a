// Settings that fail safe: a token that can never match is refused at start, and a production service
// allows no other origin unless the admin names one.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { ConfigError, resolveConfig } from '../../src/server/config';

describe('tokens are checked at start', () => {
  it.each([
    ['a space inside', 'abcdefgh ijklmnopqr'],
    ['a trailing space', 'abcdefghijklmnopqr '],
    ['a line break (an env file\'s)', 'abcdefghijklmnopqr\n'],
    ['a tab', '\tabcdefghijklmnopqr'],
    ['a non-ASCII character', 'abcdefghijklmnopqr令牌'],
  ])('%s is refused, naming the field in zh and en', (_what, token) => {
    expect(() => resolveConfig({ auth: { tokens: [token] } })).toThrow(ConfigError);
    expect(() => resolveConfig({ auth: { tokens: [token] } })).toThrow(/auth\.tokens\[0\].*可打印 ASCII.*printable ASCII/s);
  });

  it('also when it comes from the environment', () => {
    expect(() => resolveConfig({ auth: { tokens: ['env:TOKEN'] } }, '/', { TOKEN: 'abcdefghijklmnopqr\n' })).toThrow(/auth\.tokens\[0\]/);
    expect(resolveConfig({ auth: { tokens: ['env:TOKEN'] } }, '/', { TOKEN: 'abcdefghijklmnopqr' }).auth.tokens).toEqual(['abcdefghijklmnopqr']);
  });
});

describe('cors', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => { await app?.close(); app = undefined; });
  const preflight = (target: FastifyInstance) => target.inject({
    method: 'OPTIONS', url: '/v1/models',
    headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' },
  });

  it('left out in production: no other origin may call the service (the pane it serves is same-origin)', async () => {
    const config = resolveConfig({}, '/', { NODE_ENV: 'production' });
    expect(config.cors.origins).toEqual([]);
    app = await buildApp(config);
    expect((await preflight(app)).headers['access-control-allow-origin']).toBeUndefined();
  });

  it('left out in development: the webpack dev server may call it', async () => {
    app = await buildApp(resolveConfig({}, '/', {}));
    expect((await preflight(app)).headers['access-control-allow-origin']).toBe('http://localhost:3000');
  });

  it('named by the admin: exactly those origins, in production too', async () => {
    app = await buildApp(resolveConfig({ cors: { origins: ['https://oa.example.gov.cn'] } }, '/', { NODE_ENV: 'production' }));
    expect((await preflight(app)).headers['access-control-allow-origin']).toBeUndefined();
  });
});

it('requestTimeoutMs and auth.maxFailures have safe defaults and are read from the file', () => {
  expect(resolveConfig({})).toMatchObject({ requestTimeoutMs: 15_000, auth: { maxFailures: 10 } });
  expect(resolveConfig({ requestTimeoutMs: 5000, auth: { tokens: [], maxFailures: 3 } })).toMatchObject({ requestTimeoutMs: 5000, auth: { maxFailures: 3 } });
  expect(() => resolveConfig({ requestTimeoutMs: 0 })).toThrow(/requestTimeoutMs/);
});
