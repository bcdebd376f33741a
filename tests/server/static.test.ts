// The built folder as the service serves it: pre-compressed copies, HEAD, ranges, ETags, cache lifetimes
// by name (hashed = a year, the rest revalidated), and the security headers pages need inside Office.
// inject() for the HTTP rules, a real socket for what a browser really receives.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { defaultConfig } from '../../src/server/config';
import { IMMUTABLE } from '../../src/server/static';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-static-'));
const BUNDLE = 'taskpane.0123456789abcdef0123.js';
const INLINE = "if (document.documentMode) { window.banxieUnsupported = true; }";
const bundle = `console.log(${JSON.stringify('伴写'.repeat(3000))});\n`;
const page = `<!doctype html><html><head><title>伴写</title><script defer src="${BUNDLE}"></script></head><body><div id="root"></div><script>${INLINE}</script></body></html>`;

beforeAll(() => {
  fs.writeFileSync(path.join(dir, BUNDLE), bundle);
  fs.writeFileSync(path.join(dir, `${BUNDLE}.br`), zlib.brotliCompressSync(bundle));
  fs.writeFileSync(path.join(dir, `${BUNDLE}.gz`), zlib.gzipSync(bundle));
  fs.writeFileSync(path.join(dir, 'taskpane.html'), page);
  fs.writeFileSync(path.join(dir, 'manifest.xml'), '<OfficeApp/>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'icon-16.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('static files through @fastify/static', () => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await buildApp({ ...defaultConfig(), staticDir: dir }); });
  afterAll(async () => { await app.close(); });

  it('sends the brotli or gzip copy made at build time to a browser that accepts it, the plain file otherwise', async () => {
    const br = await app.inject({ url: `/${BUNDLE}`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(bundle);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(bundle) / 5);

    const gz = await app.inject({ url: `/${BUNDLE}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(bundle);

    const plain = await app.inject({ url: `/${BUNDLE}`, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(bundle);
    // a page without a .br copy is sent as it is, whatever the browser accepts
    const html = await app.inject({ url: '/taskpane.html', headers: { 'accept-encoding': 'br' } });
    expect(html.headers['content-encoding']).toBeUndefined();
    expect(html.body).toBe(page);
  });

  it('keeps hashed names a year and makes pages, manifest and icons revalidate', async () => {
    expect((await app.inject({ url: `/${BUNDLE}`, headers: { 'accept-encoding': 'br' } })).headers['cache-control']).toBe(IMMUTABLE);
    expect((await app.inject(`/${BUNDLE}`)).headers['cache-control']).toBe(IMMUTABLE);
    for (const url of ['/taskpane.html', '/manifest.xml', '/assets/icon-16.png']) {
      expect({ url, cc: (await app.inject(url)).headers['cache-control'] }).toEqual({ url, cc: 'no-cache' });
    }
  });

  it('answers HEAD with the length GET sends, and no body', async () => {
    const get = await app.inject('/taskpane.html');
    const head = await app.inject({ method: 'HEAD', url: '/taskpane.html' });
    expect(head.statusCode).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(page));
    expect(Number(get.headers['content-length'])).toBe(Buffer.byteLength(page));
    expect(head.body).toBe('');
  });

  it('serves byte ranges', async () => {
    const res = await app.inject({ url: `/${BUNDLE}`, headers: { range: 'bytes=0-11', 'accept-encoding': 'identity' } });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 0-11/${Buffer.byteLength(bundle)}`);
    expect(res.rawPayload.equals(Buffer.from(bundle).subarray(0, 12))).toBe(true);
    const bad = await app.inject({ url: `/${BUNDLE}`, headers: { range: 'bytes=999999-', 'accept-encoding': 'identity' } });
    expect(bad.statusCode).toBe(416);
  });

  it('answers 304 to a matching ETag and sends the new file once it changed', async () => {
    const file = path.join(dir, 'manifest.xml');
    const first = await app.inject('/manifest.xml');
    const again = await app.inject({ url: '/manifest.xml', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.headers['cache-control']).toBe('no-cache');
    fs.writeFileSync(file, '<OfficeApp version="2"/>');
    fs.utimesSync(file, new Date(Date.now() + 5000), new Date(Date.now() + 5000));
    const changed = await app.inject({ url: '/manifest.xml', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toBe('<OfficeApp version="2"/>');
  });

  it('answers a missing file with the service\'s JSON 404, in the caller\'s language', async () => {
    const res = await app.inject({ url: '/taskpane.0000000000aaaaaaaaaa.js', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('over a real socket, a browser-like client gets brotli bytes and HEAD tells the true length', async () => {
    const server = await buildApp({ ...defaultConfig(), staticDir: dir });
    const url = await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const get = await raw(`${url}/${BUNDLE}`, 'GET', { 'accept-encoding': 'gzip, deflate, br' });
      expect(get.headers['content-encoding']).toBe('br');
      expect(Number(get.headers['content-length'])).toBe(get.body.length);
      expect(zlib.brotliDecompressSync(get.body).toString()).toBe(bundle);
      const head = await raw(`${url}/taskpane.html`, 'HEAD');
      expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(page));
      expect(head.body.length).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('security headers', () => {
  let app: FastifyInstance;
  beforeAll(async () => { app = await buildApp({ ...defaultConfig(), staticDir: dir, csp: { frameAncestors: ['https://oos.example.gov.cn'], connectSrc: [] } }); });
  afterAll(async () => { await app.close(); });

  const csp = (header: unknown): Record<string, string[]> => Object.fromEntries(String(header).split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([k, ...v]) => [k, v]));

  it('lets Word on the web frame the pane (no X-Frame-Options) and forbids sniffing', async () => {
    const res = await app.inject('/taskpane.html');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const policy = csp(res.headers['content-security-policy']);
    expect(policy['frame-ancestors']).toEqual(expect.arrayContaining(["'self'", 'https://*.officeapps.live.com', 'https://*.sharepoint.com', 'https://oos.example.gov.cn']));
    expect(policy['default-src']).toEqual(["'self'"]);
    expect(policy['object-src']).toEqual(["'none'"]);
    // a plain-http LAN deployment must keep loading its scripts over http
    expect(policy['upgrade-insecure-requests']).toBeUndefined();
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('allows exactly the page\'s own inline script, by hash, plus Microsoft\'s office.js CDN', async () => {
    const policy = csp((await app.inject('/taskpane.html')).headers['content-security-policy']);
    const hash = `'sha256-${crypto.createHash('sha256').update(INLINE).digest('base64')}'`;
    expect(policy['script-src']).toEqual(expect.arrayContaining(["'self'", 'https://appsforoffice.microsoft.com', hash]));
    expect(policy['script-src']).not.toContain("'unsafe-inline'");
    expect(policy['script-src']).not.toContain("'unsafe-eval'");
    expect(csp((await app.inject('/manifest.xml')).headers['content-security-policy'])['script-src']).not.toContain(hash);
  });

  it('refuses a config source that would end the directive', async () => {
    const { resolveConfig } = await import('../../src/server/config');
    expect(() => resolveConfig({ csp: { frameAncestors: ["https://a.example; script-src *"] } })).toThrow(/csp\.frameAncestors\[0\]/);
  });

  it('sends HSTS only when the service terminates TLS itself', async () => {
    const tls = selfSignedCert();
    const secure = await buildApp({ ...defaultConfig(), staticDir: dir }, { https: tls });
    try {
      expect((await secure.inject('/taskpane.html')).headers['strict-transport-security']).toMatch(/max-age=31536000/);
    } finally {
      await secure.close();
    }
  });
});

function raw(url: string, method: string, headers: Record<string, string> = {}): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function selfSignedCert(): { cert: Buffer; key: Buffer } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-tls-'));
  try {
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(tmp, 'k'), '-out', path.join(tmp, 'c'), '-days', '1', '-subj', '/CN=127.0.0.1'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl is needed for this test: ${r.stderr}`);
    return { cert: fs.readFileSync(path.join(tmp, 'c')), key: fs.readFileSync(path.join(tmp, 'k')) };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

describe('only what the build made for clerks is served', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-static-allow-'));
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-static-outside-'));
  let app: FastifyInstance;
  beforeAll(async () => {
    fs.writeFileSync(path.join(root, 'taskpane.html'), page);
    fs.writeFileSync(path.join(root, BUNDLE), bundle);
    fs.writeFileSync(path.join(root, `${BUNDLE}.map`), '{"sources":["secret.ts"]}');
    fs.mkdirSync(path.join(root, 'server'));
    fs.writeFileSync(path.join(root, 'server', 'main.js'), '// the service');
    fs.writeFileSync(path.join(root, 'server', 'main.js.map'), '{"sourcesContent":["the service\'s source"]}');
    fs.writeFileSync(path.join(root, '.env'), 'KEY=secret');
    fs.mkdirSync(path.join(root, '.git'));
    fs.writeFileSync(path.join(root, '.git', 'config'), '[remote]');
    fs.writeFileSync(path.join(outside, 'passwd'), 'root:x:0:0');
    fs.symlinkSync(path.join(outside, 'passwd'), path.join(root, 'passwd.txt'));
    fs.symlinkSync(outside, path.join(root, 'elsewhere'));
    fs.symlinkSync(path.join(root, 'taskpane.html'), path.join(root, 'pane.html')); // a link inside the folder is fine
    fs.symlinkSync(path.join(root, 'server', 'main.js.map'), path.join(root, 'innocent.js')); // but not to what is never served
    app = await buildApp({ ...defaultConfig(), staticDir: root });
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  it('serves the pages and bundles', async () => {
    expect((await app.inject('/taskpane.html')).statusCode).toBe(200);
    expect((await app.inject(`/${BUNDLE}`)).statusCode).toBe(200);
    expect((await app.inject('/pane.html')).body).toBe(page);
  });

  it.each([
    [`/${BUNDLE}.map`], ['/innocent.js'], ['/server/main.js'], ['/server/main.js.map'], ['/.env'], ['/.git/config'], ['/passwd.txt'], ['/elsewhere/passwd'],
    ['/%2e%2e/etc/passwd'], ['/..%2f..%2fetc%2fpasswd'], ['/server%2fmain.js.map'], ['/%2eenv'], ['/taskpane.html%00'],
  ])('%s is the service\'s JSON 404, holding nothing of the file or the path', async (url) => {
    const res = await app.inject({ url, headers: { 'accept-encoding': 'identity' } });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    expect(res.body).not.toMatch(/secret|service|root:|passwd|\.map|\.env/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('a file a new deployment copies in is served at once, by the same rules', async () => {
    fs.writeFileSync(path.join(root, 'new.0123456789abcdef0123.js'), '1');
    expect((await app.inject('/new.0123456789abcdef0123.js')).statusCode).toBe(200);
    fs.writeFileSync(path.join(root, 'new.0123456789abcdef0123.js.map'), '{}');
    fs.symlinkSync(path.join(outside, 'passwd'), path.join(root, 'late.txt'));
    expect((await app.inject('/new.0123456789abcdef0123.js.map')).statusCode).toBe(404);
    expect((await app.inject('/late.txt')).statusCode).toBe(404);
  });
});
