// docs/DEPLOY.md followed literally: its `bash step:NAME` blocks run in order, in bash, in a temporary
// root standing in for a Debian server (/opt, /etc and /var moved under it; systemctl, nginx, curl,
// useradd… stand-ins in tests/e2e/install/bin, see its README). The build machine packs the release from
// this checkout; the "server" installs it from the two tarballs without npm, starts the service as the
// unit file says, puts a real nginx with a TLS certificate (openssl) in front, gets a completion from a
// fake vLLM, and upgrades offline while clerks keep asking. What the guide says is what is tested.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import YAML from 'yaml';
import { freePort } from '../freePort';
import { binary } from '../realServers';
import { startFakeUpstream, type FakeUpstream } from '../server/fakeUpstream';
import { parseStrictXml } from '../../scripts/xml/strictXml';
import { E2E_DIST } from './globalSetup';

const repo = path.resolve(__dirname, '../..');
const guide = fs.readFileSync(path.join(repo, 'docs/DEPLOY.md'), 'utf8');
const HOST = 'banxie.test';
const V1 = '0.1.0-install.1';
const V2 = '0.1.0-install.2';

/** The guide's `bash step:NAME` / `yaml step:NAME` blocks of one language section, by name. */
function steps(section: 'en' | 'zh'): Map<string, string> {
  const [zh, en] = guide.split(/^## English$/m);
  const text = section === 'en' ? en : zh;
  const found = new Map<string, string>();
  for (const m of text.matchAll(/^```(?:bash|yaml) step:([\w-]+)\n([\s\S]*?)^```$/gm)) found.set(m[1], m[2]);
  return found;
}
const step = (name: string): string => {
  const s = steps('en').get(name);
  if (!s) throw new Error(`docs/DEPLOY.md has no \`bash step:${name}\` block in its English section`);
  return s;
};
/** A guide line the test substitutes must exist exactly as written, or the test would drift from it. */
function replaceLine(block: string, line: string, by: string): string {
  const lines = block.split('\n');
  const i = lines.findIndex((l) => l.replace(/\s+#.*$/, '').trim() === line);
  if (i < 0) throw new Error(`the guide no longer has the line \`${line}\``);
  lines[i] = by;
  return lines.join('\n');
}

let root: string; // the server's /
let upload: string; // where the admin copied the tarballs and the certificate
let build: string; // the build machine's checkout
let upstream: FakeUpstream;
let env: NodeJS.ProcessEnv;
let url: string;
let ca: Buffer;
let ports: { svc: number; https: number; http: number };

/** Runs a guide block the way an admin pastes it: bash, stop at the first failure, in `cwd`. */
function runBlock(block: string, cwd: string, version: string): Promise<{ code: number | null; out: string }> {
  const vars = step('vars')
    .replace(/^BANXIE_URL=\S+/m, `BANXIE_URL=${url}`)
    .replace(/^BANXIE_VERSION=\S+/m, `BANXIE_VERSION=${version}`);
  // Absolute server paths and the service port move into the test root (tests/e2e/install/bin/lib.cjs).
  const mapped = block
    .replace(/(^|[\s"'=:(])\/(opt|etc|var)(?=[/\s"';]|$)/gm, (_m, pre: string, top: string) => `${pre}${root}/${top}`)
    .replace(/127\.0\.0\.1:3100\b/g, `127.0.0.1:${ports.svc}`);
  const script = `set -euo pipefail\n${vars}\n${mapped}`;
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    child.on('exit', (code) => resolve({ code, out }));
  });
}

async function mustRun(block: string, cwd: string, version = V1): Promise<string> {
  const r = await runBlock(block, cwd, version);
  if (r.code !== 0) throw new Error(`guide block failed (exit ${r.code}):\n${block}\n--- output ---\n${r.out}\n--- service journal ---\n${journal()}`);
  return r.out;
}

const journal = (): string => { try { return fs.readFileSync(path.join(root, 'run/banxie.journal'), 'utf8').split('\n').slice(-15).join('\n'); } catch { return '(none)'; } };

interface Reply { status: number; headers: Record<string, string | string[] | undefined>; body: string }
/** A request through nginx as a clerk at `from` (a loopback address of its own) makes it. */
function request(pathname: string, opts: { from?: string; method?: string; body?: unknown } = {}): Promise<Reply> {
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = https.request({
      host: '127.0.0.1', port: ports.https, servername: HOST, ca, localAddress: opts.from, method: opts.method ?? 'GET',
      path: new URL(url).pathname.replace(/\/$/, '') + pathname, agent: false,
      headers: { host: `${HOST}:${ports.https}`, ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}) },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.end(payload);
  });
}

const nginxBin = binary('nginx');
const sevenZip = ['7zz', '7z', '7za'].find((b) => spawnSync(b, ['i'], { stdio: 'ignore' }).status === 0);
const ready = !!nginxBin && !!sevenZip;
if (!ready) {
  // .ci/run installs both; elsewhere say why rather than pass quietly
  test('needs nginx and 7-Zip (apt-get install nginx 7zip)', () => { throw new Error(`missing: ${[!nginxBin && 'nginx', !sevenZip && '7zip'].filter(Boolean).join(', ')}`); });
}
const describeIf = ready ? describe : describe.skip;

describeIf('docs/DEPLOY.md, followed literally on a stand-in Debian server', () => {
  beforeAll(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-install-'));
    upload = path.join(root, 'root/upload');
    build = path.join(root, 'build-machine/banxie');
    for (const d of [upload, build, path.join(root, 'etc/systemd/system'), path.join(root, 'etc/nginx/conf.d'), path.join(root, 'opt'), path.join(root, 'run')]) fs.mkdirSync(d, { recursive: true });
    ports = { svc: await freePort(), https: await freePort(), http: await freePort() };
    url = `https://${HOST}:${ports.https}`;
    // the build machine's checkout: this repository's scripts and node_modules (npm ci already ran)
    fs.copyFileSync(path.join(repo, 'package.json'), path.join(build, 'package.json'));
    fs.copyFileSync(path.join(repo, 'package-lock.json'), path.join(build, 'package-lock.json'));
    fs.symlinkSync(path.join(repo, 'scripts'), path.join(build, 'scripts'));
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(build, 'node_modules'));
    // the organisation's certificate for the host name (here self-signed, trusted by the clerks below)
    const r = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(upload, 'banxie.key'), '-out', path.join(upload, 'banxie.crt'),
      '-days', '2', '-subj', `/CN=${HOST}`, '-addext', `subjectAltName=DNS:${HOST}`], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`openssl: ${r.stderr}`);
    ca = fs.readFileSync(path.join(upload, 'banxie.crt'));
    upstream = await startFakeUpstream({ text: '各单位要高度重视，认真组织实施。' });
    const bin = path.join(__dirname, 'install/bin');
    env = {
      PATH: `${bin}:${path.dirname(process.execPath)}:${process.env.PATH}`, HOME: os.homedir(), LANG: 'C.UTF-8',
      npm_config_cache: process.env.npm_config_cache, npm_config_offline: 'true', // the build machine's npm, from its cache
      BANXIE_TEST_ROOT: root, BANXIE_TEST_REPO: repo, BANXIE_TEST_PAGES: E2E_DIST, BANXIE_TEST_NODE: process.execPath,
      BANXIE_TEST_NGINX: nginxBin!, BANXIE_TEST_CA: path.join(upload, 'banxie.crt'), BANXIE_TEST_RESOLVE: `${HOST}:${ports.https}:127.0.0.1`,
      BANXIE_TEST_SVC_PORT: String(ports.svc), BANXIE_TEST_HTTPS_PORT: String(ports.https), BANXIE_TEST_HTTP_PORT: String(ports.http),
    };
    for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  }, 30_000);

  afterAll(async () => {
    if (!root) return;
    // each on its own: a failure stopping one must not leave the other running
    await runBlock('systemctl stop banxie || true', upload, V1).catch(() => undefined);
    await runBlock('nginx -s stop || true', upload, V1).catch(() => undefined);
    await upstream?.close();
    // Two releases with their node_modules: deleting them can take minutes on a busy disk, and nothing
    // waits for it — let rm run on after the test.
    spawn('rm', ['-rf', root], { detached: true, stdio: 'ignore' }).unref();
  }, 60_000);

  test('the guide gives the same commands in 中文 and English', () => {
    const zh = steps('zh');
    const en = steps('en');
    expect([...zh.keys()]).toEqual([...en.keys()]);
    expect([...en.keys()]).toEqual(expect.arrayContaining(['vars', 'build', 'install', 'nginx', 'model', 'check', 'upgrade']));
    // comments and the text of echo messages are in the section's language; the commands are the same
    const code = (s: string) => s.split('\n').map((l) => l.replace(/\s+#.*$/, '').replace(/^#.*$/, '').replace(/echo "[^"]*"/g, 'echo "…"').trimEnd()).filter(Boolean).join('\n');
    for (const [name, block] of en) expect({ name, code: code(zh.get(name)!) }).toEqual({ name, code: code(block) });
  });

  /** The build block for `version`; the two tarballs land in the upload folder. */
  async function buildRelease(version: string): Promise<void> {
    let block = step('build');
    block = replaceLine(block, 'npm ci', ': npm ci already ran in this checkout');
    // the pages of this run's e2e build stand in for webpack (the same pages; minutes saved)
    block = replaceLine(block, 'npm run package -- --public-url "$BANXIE_URL"', 'npm run package -- --public-url "$BANXIE_URL" --pages-from "$BANXIE_TEST_PAGES" --office-js cdn --version "$BANXIE_VERSION"');
    block = replaceLine(block, 'npm ci --omit=dev --omit=optional --ignore-scripts', `node ${path.join(__dirname, 'install/runtime-modules.cjs')}`);
    await mustRun(block, build, version);
    for (const f of [`banxie-${version}.tar.gz`, `banxie-${version}-node_modules.tar.gz`]) fs.copyFileSync(path.join(build, 'release', f), path.join(upload, f));
  }

  test('build machine: one release for the public URL, its runtime dependencies beside it', async () => {
    await buildRelease(V1);
    const rel = path.join(build, 'release', `banxie-${V1}`);
    expect(spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: rel, encoding: 'utf8' }).status).toBe(0);
    const info = JSON.parse(fs.readFileSync(path.join(rel, 'build-info.json'), 'utf8'));
    expect(info).toMatchObject({ version: V1, publicUrl: url });
    // WPS's offline package: the add-in's files under banxie_<version>/, as WPS unpacks it
    const listing = spawnSync(sevenZip!, ['l', '-slt', path.join(rel, 'dist/wps', `banxie_${V1}.7z`)], { encoding: 'utf8' }).stdout;
    const files = [...listing.matchAll(/^Path = (.+)$/gm)].map((m) => m[1]).filter((p) => !p.endsWith('.7z'));
    expect(files).toEqual(expect.arrayContaining([`banxie_${V1}/index.html`, `banxie_${V1}/ribbon.xml`, `banxie_${V1}/taskpane.html`, `banxie_${V1}/images/pane.svg`]));
    expect(files.filter((f) => /\.(gz|br)$|publish\.xml|jsplugins/.test(f))).toEqual([]);
    // offline the pane runs from disk: the packaged index.html names the service, so no clerk types it in
    const index = spawnSync(sevenZip!, ['e', '-so', path.join(rel, 'dist/wps', `banxie_${V1}.7z`), `banxie_${V1}/index.html`], { encoding: 'utf8' }).stdout;
    expect(index).toContain(`<meta name="banxie-service" content="${url}" />`);
    for (const d of ['dist/server/main.js', 'package-lock.json', 'config/banxie.example.yaml', 'deploy/banxie.service', 'deploy/nginx/banxie.conf', 'docs/DEPLOY.md']) {
      expect({ d, there: fs.existsSync(path.join(rel, d)) }).toEqual({ d, there: true });
    }
  }, 240_000);

  test('server: unpacked without npm, the service runs as its unit says, writing only where the unit lets it', async () => {
    const out = await mustRun(step('install'), upload);
    expect(out).toMatch(/"status":"ready"/);
    expect(fs.readlinkSync(path.join(root, 'opt/banxie'))).toBe(path.join(root, `opt/banxie-${V1}`));
    expect(fs.existsSync(path.join(root, 'opt/banxie/node_modules/fastify/package.json'))).toBe(true);
    for (const d of ['var/log/banxie', 'var/cache/banxie', 'var/lib/banxie']) expect(fs.statSync(path.join(root, d)).isDirectory()).toBe(true);
    const calls = fs.readFileSync(path.join(root, 'run/calls.log'), 'utf8');
    expect(calls).toMatch(/^useradd --system .*banxie$/m);
    expect(calls).toMatch(/^systemctl enable --now banxie$/m);
  }, 60_000);

  test('nginx in front with TLS: manifest, pane and WPS lists all name the public URL', async () => {
    await mustRun(step('nginx'), upload);
    const manifest = await request('/manifest.xml');
    expect(manifest.status).toBe(200);
    expect(parseStrictXml(manifest.body).problems).toEqual([]);
    const urls = [...manifest.body.matchAll(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith(`${url}/`))).toEqual([]);
    expect((await request('/taskpane.html')).status).toBe(200);
    expect((await request('/wps/ribbon.xml')).status).toBe(200);
    for (const list of ['publish.xml', 'jsplugins.xml', 'jsplugins-offline.xml']) {
      const res = await request(`/wps/${list}`);
      expect({ list, status: res.status, problems: parseStrictXml(res.body).problems }).toEqual({ list, status: 200, problems: [] });
      const named = parseStrictXml(res.body).root!.children.map((c) => c.attrs.url);
      expect(named.length).toBe(1);
      expect(named[0].startsWith(`${url}/wps/`)).toBe(true);
      if (list === 'jsplugins-offline.xml') expect((await request(new URL(named[0]).pathname)).status).toBe(200);
    }
    expect((await request('/health')).headers['strict-transport-security']).toMatch(/max-age=/);
  }, 60_000);

  test('a vLLM added as the guide says answers through nginx; two clerks are two rate-limit buckets and two audit users', async () => {
    const model = YAML.parse(step('model')).models as Record<string, unknown>[];
    const vllm = model.find((m) => m.preset === 'vllm')!;
    vllm.baseUrl = upstream.baseUrl;
    const cfgFile = path.join(root, 'etc/banxie/banxie.yaml');
    const cfg = YAML.parse(fs.readFileSync(cfgFile, 'utf8'));
    fs.writeFileSync(cfgFile, YAML.stringify({ ...cfg, models: model }));
    await mustRun('systemctl restart banxie\ncurl -fsS --retry 10 --retry-connrefused --retry-delay 1 "$BANXIE_URL/health/ready"', upload);

    const models = JSON.parse((await request('/v1/models')).body);
    expect(models.models.map((m: { id: string; residency: string }) => [m.id, m.residency])).toEqual(expect.arrayContaining([[vllm.id, 'local']]));
    const notice = JSON.parse((await request('/v1/privacy')).body);
    const ask = (from: string, requestId: string) => request('/v1/completions', {
      from, method: 'POST',
      body: { requestId, model: vllm.id, maxChars: 40, consent: { version: notice.version }, digest: { docType: '通知', title: '关于做好安全生产工作的通知', before: '为切实做好安全生产工作，现将有关事项通知如下：', after: '' } },
    });
    const a1 = await ask('127.0.0.2', 'a-1');
    expect({ status: a1.status, body: a1.body }).toEqual({ status: 200, body: expect.stringContaining('认真组织实施') });
    await ask('127.0.0.2', 'a-2');
    const a3 = await ask('127.0.0.2', 'a-3');
    const b1 = await ask('127.0.0.3', 'b-1');
    expect(upstream.requests.length).toBeGreaterThanOrEqual(4);
    // each clerk counts against their own limit (trustProxy: nginx's X-Forwarded-For is believed)
    const limit = Number(a3.headers['x-ratelimit-limit']);
    // a-1…a-3 from 127.0.0.2, b-1 from 127.0.0.3 (the /v1/models and /v1/privacy above came from 127.0.0.1)
    expect(Number(a3.headers['x-ratelimit-remaining'])).toBe(limit - 3);
    expect(Number(b1.headers['x-ratelimit-remaining'])).toBe(limit - 1);

    const check = await mustRun(step('check'), upload);
    expect(check).toContain(`${url}/wps/`);
    // audit.jsonl is the link to the file being written: what the guide tells IT to tail
    const lines = fs.readFileSync(path.join(root, 'var/log/banxie/audit.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const byRequest = new Map(lines.map((l) => [l.requestId, l]));
    expect(byRequest.get('a-1')).toMatchObject({ model: vllm.id, residency: 'local', outcome: 'ok', charsSent: expect.any(Number) });
    expect(byRequest.get('a-1').user).toBe(byRequest.get('a-3').user);
    expect(byRequest.get('a-1').user).not.toBe(byRequest.get('b-1').user);
  }, 60_000);

  test('an offline upgrade: the old version serves while the new one is unpacked; the restart is the only gap', async () => {
    await buildRelease(V2);
    const seen: { at: number; status: number; version?: string }[] = [];
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const at = Date.now();
        const r = await request('/health', { from: '127.0.0.4' }).catch(() => ({ status: 0, body: '' }) as Reply);
        seen.push({ at, status: r.status, version: r.status === 200 ? JSON.parse(r.body).version : undefined });
        await new Promise((res) => setTimeout(res, 25));
      }
    })();
    const started = Date.now();
    try {
      await mustRun(step('upgrade'), upload, V2);
    } finally {
      polling = false; // a failed upgrade must not leave the clerk polling (jest would never exit)
      await poll;
    }
    expect(fs.readlinkSync(path.join(root, 'opt/banxie'))).toBe(path.join(root, `opt/banxie-${V2}`));
    expect(fs.existsSync(path.join(root, `opt/banxie-${V1}/node_modules/fastify`))).toBe(true); // kept for a rollback
    expect(seen[0].version).toBe(V1);
    expect(seen[seen.length - 1]).toMatchObject({ status: 200, version: V2 });
    const failed = seen.filter((s) => s.status !== 200);
    const gapMs = failed.length ? failed[failed.length - 1].at - failed[0].at + 25 : 0;
    // every failure falls in one window (the restart), which is short
    const firstNew = seen.findIndex((s) => s.version === V2);
    expect(seen.slice(firstNew).filter((s) => s.status !== 200)).toEqual([]);
    expect(gapMs).toBeLessThan(5_000);
    console.log(`upgrade: ${Date.now() - started} ms in all, ${seen.length} health checks, ${failed.length} failed, gap ${gapMs} ms`);
  }, 240_000);
});
