// The deployment examples must agree with the code they configure: the YAML files pass the service's
// own config validation, and the unit, Dockerfile and build output name the same paths.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { resolveConfig } from '../../../src/server/config';

const root = path.resolve(__dirname, '../../..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');

describe('deploy/banxie.yaml (systemd starting point)', () => {
  const cfg = resolveConfig(YAML.parse(read('deploy/banxie.yaml')), '/etc/banxie', {});

  it('is a valid service config that serves the built folder on loopback behind nginx, believing only nginx', () => {
    expect(cfg.staticDir).toBe('/opt/banxie/dist');
    expect(cfg.tls).toBeUndefined();
    expect({ port: cfg.port, host: cfg.host }).toEqual({ port: 3100, host: '127.0.0.1' });
    // without it every clerk is nginx's address: one rate-limit bucket and one audit user (issue 30 item 1)
    expect(cfg.trustProxy).toEqual(['127.0.0.1']);
    const nginx = read('deploy/nginx/banxie.conf');
    expect(nginx).toMatch(/proxy_pass http:\/\/127\.0\.0\.1:3100/);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;/);
  });

  it('writes only where the unit lets it write: the corpus cache under CacheDirectory, the audit under LogsDirectory', () => {
    const unit = read('deploy/banxie.service');
    const dirs = (key: string) => unit.match(new RegExp(`^${key}=(\\S+)$`, 'm'))?.[1];
    expect(cfg.corpusCache).toBe(`/var/cache/${dirs('CacheDirectory')}`);
    expect(path.dirname(cfg.audit.file!)).toBe(`/var/log/${dirs('LogsDirectory')}`);
    expect(dirs('StateDirectory')).toBe('banxie');
    expect(read('deploy/banxie.yaml')).toContain('# corpus: /var/lib/banxie/corpus');
  });

  it('keeps classified documents local, masks PII and writes an audit log', () => {
    expect(cfg.policy).toEqual({ classifiedResidencies: ['builtin', 'local'], maskPii: true, restrictedAsClassified: true, corpusResidencies: ['builtin', 'local', 'intranet'], aigcLabel: true, aigcProducer: '', aigcExemptBuiltin: false, outcomeEvents: true });
    expect(cfg.audit.file).toBe('/var/log/banxie/audit.jsonl');
    expect(cfg.models.map((m) => m.residency)).toEqual(['builtin']);
  });

  it('would be rejected if it had a typo (the check above is real)', () => {
    const broken = read('deploy/banxie.yaml').replace('staticDir:', 'staticdir:');
    expect(() => resolveConfig(YAML.parse(broken), '/etc/banxie', {})).toThrow(/staticdir/);
  });
});

describe('deploy/docker.yaml (baked into the image)', () => {
  it('is a valid config serving /opt/banxie/dist with an audit log', () => {
    const cfg = resolveConfig(YAML.parse(read('deploy/docker.yaml')), '/etc/banxie', {});
    expect(cfg.staticDir).toBe('/opt/banxie/dist');
    expect(cfg.audit.file).toBe('/var/log/banxie/audit.jsonl');
  });
});

describe('deploy/banxie.service', () => {
  const unit = read('deploy/banxie.service');
  it('runs the bundled service as its own user with the config from /etc/banxie', () => {
    expect(unit).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/banxie\/dist\/server\/main\.js$/m);
    expect(unit).toMatch(/^User=banxie$/m);
    expect(unit).toMatch(/^Environment=BANXIE_CONFIG=\/etc\/banxie\/banxie\.yaml$/m);
    // main.ts exits 2 on a config error: restarting would only loop.
    expect(unit).toMatch(/^RestartPreventExitStatus=2$/m);
    expect(unit).toMatch(/^ProtectSystem=strict$/m);
    expect(unit).toMatch(/^LogsDirectory=banxie$/m);
    expect(unit).toMatch(/^CacheDirectory=banxie$/m);
    expect(unit).toMatch(/^StateDirectory=banxie$/m);
  });
});

describe('Dockerfile', () => {
  const lines = read('Dockerfile').split('\n').filter((l) => l && !l.startsWith('#'));
  const final = lines.slice(lines.lastIndexOf(lines.filter((l) => l.startsWith('FROM '))[1]));

  it('runs on node:22-slim with runtime dependencies only, as a non-root user', () => {
    expect(final[0]).toBe('FROM node:22-slim');
    expect(final.join('\n')).toMatch(/npm ci --omit=dev/);
    const user = final.findIndex((l) => l.startsWith('USER '));
    expect(final[user]).toBe('USER node');
    expect(user).toBeLessThan(final.findIndex((l) => l.startsWith('CMD ')));
  });

  it('starts the file npm run build writes, checks /health, and copies a config that exists', () => {
    expect(final.find((l) => l.startsWith('CMD '))).toBe('CMD ["node", "dist/server/main.js"]');
    expect(read('scripts/build.mjs')).toContain("path.join(opts.outDir, 'server', 'main.js')");
    expect(final.join('\n')).toMatch(/HEALTHCHECK[\s\S]*\/health/);
    const copied = final.find((l) => l.startsWith('COPY deploy/'))!.split(' ')[1];
    expect(fs.existsSync(path.join(root, copied))).toBe(true);
  });

  it('keeps node_modules, dist and keys out of the build context', () => {
    const ignore = read('.dockerignore').split('\n');
    expect(ignore).toEqual(expect.arrayContaining(['node_modules', 'dist', '**/*.key']));
  });
});
