// Sign-on for real: deploy/nginx/banxie-signon.conf run by a real nginx in front of the service, its OIDC/CAS
// gateway played by a second nginx server that checks HTTP Basic credentials (auth_basic, an htpasswd file made
// here) and names the user the way oauth2-proxy does (X-Auth-Request-User). The audit names the user; a header
// forged straight to the service from an address not in trustProxy is ignored; auth.required refuses a request
// without identity; a failed sign-on gets a 401 from nginx in the service's shape. The shipped file also passes
// `nginx -t` as it is, certificates aside.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { resolveConfig } from '../../src/server/config';
import { freePort } from '../freePort';
import { nginxTest, post, startNginxSite, tempDir, type Nginx } from '../realServers';
import { auditLines, completionBody } from './helpers';

jest.setTimeout(60_000);

const EXAMPLE = fs.readFileSync(path.join(__dirname, '../../deploy/nginx/banxie-signon.conf'), 'utf8');
/** nginx connects to the service from this address (proxy_bind): the only one the service trusts */
const NGINX_SOURCE = '127.0.0.2';
const USERS: Record<string, string> = { zhangsan: 'pw-zhangsan-1', 张三: 'pw-张三-2' };

/** An htpasswd line nginx reads: `{SHA}` + base64 of the password's SHA-1 (nginx's ngx_crypt scheme). */
function htpasswdLine(user: string, password: string): string {
  return `${user}:{SHA}${crypto.createHash('sha1').update(password, 'utf8').digest('base64')}`;
}

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;

let dir: string;
let app: FastifyInstance;
let servicePort: number;
let nginx: Nginx;
/** a second site in the same nginx: auth_basic itself, the user passed as X-Remote-User $remote_user (as an
 * SPNEGO/Kerberos module would set $remote_user for Windows domain sign-on) */
let basicUrl: string;

beforeAll(async () => {
  dir = tempDir('signon');
  app = await buildApp(resolveConfig({
    models: [{ id: 'builtin', provider: 'builtin' }],
    trustProxy: [NGINX_SOURCE],
    auth: { trustedUserHeader: 'X-Remote-User', required: true },
    audit: { file: path.join(dir, 'audit.jsonl'), user: 'plain' },
  }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  servicePort = (app.server.address() as { port: number }).port;
  const [port, gateway, redirectPort, basicPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  basicUrl = `http://127.0.0.1:${basicPort}`;
  nginx = await startNginxSite((ndir) => {
    fs.writeFileSync(path.join(ndir, 'htpasswd'), `${Object.entries(USERS).map(([u, p]) => htpasswdLine(u, p)).join('\n')}\n`);
    fs.writeFileSync(path.join(ndir, 'empty'), '');
    const site = EXAMPLE
      .replace('listen 443 ssl;', `listen 127.0.0.1:${port};`)
      .replace('listen 80;', `listen 127.0.0.1:${redirectPort};`)
      .replace(/^\s*ssl_[^\n]*\n/gm, '')
      .replaceAll('http://127.0.0.1:4180', `http://127.0.0.1:${gateway}`)
      .replaceAll('proxy_pass http://127.0.0.1:3100;', `proxy_pass http://127.0.0.1:${servicePort}; proxy_bind ${NGINX_SOURCE};`);
    expect(site).not.toMatch(/proxy_pass http:\/\/127.0.0.1:(3100|4180)|ssl_certificate/);
    // The gateway's auth endpoint as oauth2-proxy answers it: 2xx with X-Auth-Request-User, or 401.
    return `${site}
server {
    listen 127.0.0.1:${gateway};
    location = /oauth2/auth {
        auth_basic "Banxie sign-on";
        auth_basic_user_file ${ndir}/htpasswd;
        add_header X-Auth-Request-User $remote_user always;
        alias ${ndir}/empty;
    }
    location /oauth2/ { return 200 'sign-in page'; }
}
server {
    listen 127.0.0.1:${basicPort};
    location / {
        auth_basic "Banxie";
        auth_basic_user_file ${ndir}/htpasswd;
        proxy_pass http://127.0.0.1:${servicePort};
        proxy_bind ${NGINX_SOURCE};
        proxy_set_header X-Remote-User $remote_user;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
}
`;
  }, { port });
});

afterAll(async () => {
  await nginx?.stop();
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const records = (): Array<Record<string, unknown>> => auditLines(dir).map((l) => JSON.parse(l) as Record<string, unknown>);
const waitForRecords = async (n: number): Promise<Array<Record<string, unknown>>> => {
  for (let i = 0; i < 100 && records().length < n; i++) await new Promise((r) => setTimeout(r, 50));
  return records();
};

it('through nginx, the signed-in user is who the audit names, Chinese names included', async () => {
  const body = JSON.stringify(completionBody('builtin'));
  const a = await post(`${nginx.url}/v1/completions`, body, { headers: { authorization: basic('zhangsan', USERS.zhangsan) } });
  expect(a.status).toBe(200);
  // a header the browser sends itself is overwritten by nginx with the signed-in user
  const b = await post(`${nginx.url}/v1/completions`, body, { headers: { authorization: basic('张三', USERS['张三']), 'x-remote-user': 'zhangsan' } });
  expect(b.status).toBe(200);
  const recs = await waitForRecords(2);
  expect(recs.map((r) => [r.user, r.via, r.result])).toEqual([['zhangsan', 'signon', 'answered'], ['张三', 'signon', 'answered']]);
  expect(recs[0].client).toBe('127.0.0.1');
});

it('a failed sign-on is refused by nginx with a 401 in the service\'s shape; pages go to the sign-in page', async () => {
  const wrong = await post(`${nginx.url}/v1/completions`, JSON.stringify(completionBody('builtin')), { headers: { authorization: basic('zhangsan', 'wrong') } });
  expect(wrong.status).toBe(401);
  expect(JSON.parse(wrong.body).error.code).toBe('signon_required');
  const none = await fetch(`${nginx.url}/v1/models`);
  expect(none.status).toBe(401);
  expect(((await none.json()) as { error: { code: string } }).error.code).toBe('signon_required');
  const page = await fetch(`${nginx.url}/taskpane.html`, { redirect: 'manual' });
  expect(page.status).toBe(302);
  expect(page.headers.get('location')).toContain('/oauth2/sign_in');
  // the balancer's probe needs no sign-on
  expect((await fetch(`${nginx.url}/health`)).status).toBe(200);
});

it('straight to the service from an address not in trustProxy, the header is ignored and the request refused', async () => {
  const before = records().length;
  const forged = await post(`http://127.0.0.1:${servicePort}/v1/completions`, JSON.stringify(completionBody('builtin')), {
    localAddress: '127.0.0.1', headers: { 'x-remote-user': 'zhangsan' },
  });
  expect(forged.status).toBe(401);
  expect(JSON.parse(forged.body).error.code).toBe('signon_required');
  const recs = (await waitForRecords(before + 1)).slice(before);
  expect(recs).toEqual([expect.objectContaining({ user: 'ip:127.0.0.1', via: 'address', outcome: 'signon_required', result: 'refused' })]);
});

it('nginx auth_basic passing $remote_user: the audit names the user; a failed or missing login is 401 at nginx', async () => {
  const before = records().length;
  const body = JSON.stringify(completionBody('builtin'));
  const ok = await post(`${basicUrl}/v1/completions`, body, { headers: { authorization: basic('张三', USERS['张三']) } });
  expect(ok.status).toBe(200);
  expect((await post(`${basicUrl}/v1/completions`, body, { headers: { authorization: basic('张三', 'wrong') } })).status).toBe(401);
  expect((await post(`${basicUrl}/v1/completions`, body)).status).toBe(401);
  const recs = (await waitForRecords(before + 1)).slice(before);
  expect(recs.map((r) => [r.user, r.via, r.result])).toEqual([['张三', 'signon', 'answered']]);
});

it('the shipped file passes nginx -t as it is (with a throwaway certificate in place of the organisation\'s)', () => {
  const result = nginxTest((ndir) => {
    const crt = path.join(ndir, 'banxie.crt');
    const key = path.join(ndir, 'banxie.key');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=banxie.example.gov.cn', '-keyout', key, '-out', crt], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`openssl: ${made.stderr}`);
    return EXAMPLE.replace('/etc/nginx/tls/banxie.crt', crt).replace('/etc/nginx/tls/banxie.key', key);
  });
  expect(result.output).toContain('syntax is ok');
  expect(result.ok).toBe(true);
});
