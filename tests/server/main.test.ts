// The entry point as IT runs it: a real process with BANXIE_CONFIG, PORT/HOST, TLS, clean shutdown.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const root = path.join(__dirname, '../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-main-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function start(env: Record<string, string>): Promise<{ url: string; proc: ReturnType<typeof spawn>; lines: string[] }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error(`no listen line: ${lines.join('\n')}`)); }, 15_000);
    const onLine = (line: string): void => {
      lines.push(line);
      const m = /listening on (https?:\/\/[\d.:]+)/.exec(line);
      if (m) { clearTimeout(timer); resolve({ url: m[1], proc, lines }); }
    };
    readline.createInterface({ input: proc.stdout! }).on('line', onLine);
    readline.createInterface({ input: proc.stderr! }).on('line', onLine);
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${lines.join('\n')}`)); });
  });
}

const exitCode = (proc: ReturnType<typeof spawn>): Promise<number | null> =>
  new Promise((r) => (proc.exitCode !== null ? r(proc.exitCode) : proc.once('exit', (c) => r(c))));

describe('main', () => {
  it('listens on PORT/HOST, logs where, answers, and exits 0 on SIGTERM', async () => {
    const { url, proc } = await start({ PORT: '0', HOST: '127.0.0.1', BANXIE_CONFIG: '' });
    const res = await fetch(`${url}/health`);
    expect(await res.json()).toMatchObject({ status: 'ok' });
    proc.kill('SIGTERM');
    expect(await exitCode(proc)).toBe(0);
  });

  it('serves over TLS from the configured cert/key files', async () => {
    const key = path.join(tmp, 'k.pem');
    const cert = path.join(tmp, 'c.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    const config = path.join(tmp, 'tls.yaml');
    fs.writeFileSync(config, `tls:\n  cert: c.pem\n  key: k.pem\nport: 0\n`);
    const { url, proc } = await start({ BANXIE_CONFIG: config, PORT: '' });
    expect(url).toMatch(/^https:/);
    const body = await new Promise<string>((resolve, reject) => {
      https.get(`${url}/health`, { ca: fs.readFileSync(cert), rejectUnauthorized: false }, (res) => {
        let b = '';
        res.on('data', (c) => { b += c; });
        res.on('end', () => resolve(b));
      }).on('error', reject);
    });
    expect(JSON.parse(body)).toMatchObject({ status: 'ok' });
    proc.kill('SIGINT');
    expect(await exitCode(proc)).toBe(0);
  });

  it('refuses a bad config with a message naming the field, exit code 2', async () => {
    const config = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(config, 'models:\n  - id: x\n    preset: nope\n');
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: root, env: { ...process.env, BANXIE_CONFIG: config }, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    proc.stderr!.on('data', (c) => { err += c; });
    expect(await exitCode(proc)).toBe(2);
    expect(err).toContain('models[0].preset');
    expect(err).toMatch(/配置/);
  });
});
