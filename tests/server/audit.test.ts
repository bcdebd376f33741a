// Audit log contents and retention, and the canary: document text appears in no log and no audit line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { AuditLog } from '../../src/server/policy/audit';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream';
import { auditLines, completionBody, upstreamConfig } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-audit-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('audit log and canary', () => {
  const CANARY = '金丝雀QX7781';
  const canaryAscii = 'canary-qx7781';
  const logLines: string[] = [];
  const auditFile = path.join(tmp, 'audit.jsonl');
  let up: FakeUpstream;
  let app: FastifyInstance;
  let version: string;

  beforeAll(async () => {
    up = await startFakeUpstream();
    const stream = new Writable({ write(chunk, _enc, cb) { logLines.push(...String(chunk).split('\n').filter(Boolean)); cb(); } });
    app = await buildApp(upstreamConfig(up.baseUrl, { audit: { file: auditFile, salt: 'test-salt' }, logLevel: 'trace', upstreamTimeoutMs: 300 }), { logger: { stream } });
    version = (await app.inject('/v1/privacy')).json().version;
  });
  afterAll(async () => { await app.close(); await up.close(); });

  it('writes one line per completion with the required fields and no text, and no log line holds the canary', async () => {
    const digest = { before: `会议决定：${CANARY}项目于下月启动。${canaryAscii}`, after: `${CANARY}。`, title: `关于${CANARY}的通知`,
      facts: { dates: [], orgs: [CANARY], amounts: [], names: [CANARY], attachments: [] } };
    const post = (payload: unknown, headers: Record<string, string> = {}) =>
      app.inject({ method: 'POST', url: '/v1/completions', payload: payload as Record<string, unknown>, headers });

    up.set({ mode: 'ok', text: `请${CANARY}相关单位认真落实。` });
    expect((await post(completionBody('ext', digest, { consent: { version } }))).statusCode).toBe(200);
    expect((await post(completionBody('lan', digest, { consent: { version }, stream: true }))).statusCode).toBe(200);
    expect((await post(completionBody('builtin', digest))).statusCode).toBe(200);
    expect((await post(completionBody('ext', { ...digest, classification: '秘密' }, { consent: { version } }))).statusCode).toBe(403);
    expect((await post(completionBody('ext', digest))).statusCode).toBe(403);
    up.set({ mode: 'error500' });
    expect((await post(completionBody('ext', digest, { consent: { version } }))).statusCode).toBe(502);
    up.set({ mode: 'hang' });
    expect((await post(completionBody('ext', digest, { consent: { version } }))).statusCode).toBe(504);
    // bad input that carries the canary: must not be echoed into logs either
    const bad = await app.inject({ method: 'POST', url: '/v1/completions', headers: { 'content-type': 'application/json' }, payload: `{"digest": "${CANARY}` });
    expect(bad.statusCode).toBe(400);
    expect((await post({ ...completionBody('ext', digest), maxChars: CANARY }, { 'accept-language': 'en' })).statusCode).toBe(400);
    expect((await post(completionBody('builtin', { ...digest, before: CANARY.repeat(5000) }))).statusCode).toBe(413);
    await app.inject({ url: `/v1/nothing?q=${encodeURIComponent(CANARY)}` });

    await app.close(); // flushes the audit stream
    const audit = auditLines(tmp);
    expect(audit).toHaveLength(7);
    const records = audit.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => r.outcome)).toEqual(['ok', 'ok', expect.any(String), 'classified_blocked', 'consent_required', 'upstream_error', 'upstream_timeout']);
    expect(records[3]).toMatchObject({ outcome: 'classified_blocked', classified: true });
    for (const r of records) {
      expect(r).toEqual(expect.objectContaining({
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), requestId: 'req-1', user: expect.stringMatching(/^[0-9a-f]{16}$/),
        model: expect.any(String), residency: expect.any(String), charsSent: expect.any(Number), charsReceived: expect.any(Number),
        latencyMs: expect.any(Number), client: expect.stringMatching(/^[0-9a-f]{16}$/), via: 'address',
      }));
    }
    // the outcome's class: answered / refused (and why: outcome) / failed
    expect(records.map((r) => r.result)).toEqual(['answered', 'answered', 'answered', 'refused', 'refused', 'failed', 'failed']);
    expect(records.map((r) => r.classification)).toEqual([null, null, null, '秘密', null, null, null]);
    expect(records[0]).toMatchObject({ model: 'ext', residency: 'external', charsReceived: expect.any(Number) });
    expect(records[0].charsSent as number).toBeGreaterThan(20);
    expect(records[0].charsReceived as number).toBeGreaterThan(5);
    expect(records[0].user).not.toContain('127.0.0.1');
    expect(records[5]).toMatchObject({ outcome: 'upstream_error', upstreamStatus: 500 });
    expect(logLines.some((l) => l.includes('"upstreamStatus":500') && l.includes('upstream failed'))).toBe(true);

    expect(logLines.length).toBeGreaterThan(10); // the logger did run, at trace level
    for (const line of [...audit, ...logLines]) {
      expect(line).not.toContain(CANARY);
      expect(line).not.toContain(canaryAscii);
      expect(line).not.toContain('QX7781');
    }
  });
});

describe('audit rotation and retention (pino-roll)', () => {
  const rec = (requestId: string) => ({ time: new Date().toISOString(), requestId, user: 'u', model: 'm', residency: 'builtin' as const, charsSent: 1, charsReceived: 1, latencyMs: 1, outcome: 'ok' });

  it('rolls to a new dated file and keeps the newest retentionDays files besides the current one, earlier runs\' included', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'rot-'));
    fs.writeFileSync(path.join(dir, 'audit.2020-01-01.1.jsonl'), '{"old":true}\n'); // left by a run years ago
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not ours');
    // A roll every 250 ms stands in for the daily one; keep 2 files.
    const log = new AuditLog(path.join(dir, 'audit.jsonl'), 2, 250);
    for (let i = 0; i < 6; i++) {
      log.write(rec(`r${i}`));
      await new Promise((r) => setTimeout(r, 200));
    }
    await log.close();
    // Clean-up runs just after each roll: wait for the last one.
    const files = await waitFor(() => {
      // audit.jsonl itself is the link to the current file (tested below)
      const names = fs.readdirSync(dir).filter((n) => n.startsWith('audit.') && n !== 'audit.jsonl').sort();
      return names.length <= 3 ? names : null;
    });
    expect(files).not.toContain('audit.2020-01-01.1.jsonl');
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) expect(f).toMatch(/^audit\.\d{4}-\d\d-\d\d\.\d+\.jsonl$/);
    expect(fs.existsSync(path.join(dir, 'notes.txt'))).toBe(true);
  });

  it('writes each record as it is: one JSON line, no logger fields, records written before the file opened kept', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'rec-'));
    const log = new AuditLog(path.join(dir, 'sub', 'audit.jsonl'), 183);
    log.write(rec('first')); // the stream opens asynchronously
    log.write(rec('second'));
    await log.close();
    const lines = auditLines(path.join(dir, 'sub'));
    expect(lines.map((l) => JSON.parse(l).requestId)).toEqual(['first', 'second']);
    expect(Object.keys(JSON.parse(lines[0])).sort()).toEqual([...Object.keys(rec('x')), 'result'].sort());
    expect((fs.statSync(path.join(dir, 'sub', fs.readdirSync(path.join(dir, 'sub'))[0])).mode & 0o777)).toBe(0o640);
  });

  it('without a file writes nothing and closes at once', async () => {
    const log = new AuditLog(undefined, 183);
    log.write(rec('x'));
    await expect(log.close()).resolves.toBeUndefined();
  });
});


async function waitFor<T>(probe: () => T | null, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('what a log shipper or an administrator watches', () => {
  const rec = (requestId: string, extra: Record<string, unknown> = {}) => ({ time: new Date().toISOString(), requestId, user: 'u', model: 'm', residency: 'builtin' as const, charsSent: 1, charsReceived: 1, latencyMs: 1, outcome: 'ok', ...extra });

  it('the configured name is a link to the file being written, moved at each roll; `audit.*.jsonl` never counts it twice', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'link-'));
    const file = path.join(dir, 'audit.jsonl');
    fs.symlinkSync('audit.1999-01-01.1.jsonl', file); // dangling, left by an earlier run
    const log = new AuditLog(file, 5, 300);
    log.write(rec('a'));
    // the file that took "a", as the link named it — on a busy machine the 300 ms roll may already have moved the link on
    const holding = () => fs.readdirSync(dir).find((n) => /^audit\..+\.jsonl$/.test(n) && fs.readFileSync(path.join(dir, n), 'utf8').includes('"a"')) ?? null;
    const first = await waitFor(() => (fs.existsSync(file) ? holding() : null), 15_000);
    expect(first).toMatch(/^audit\.\d{4}-\d\d-\d\d\.\d+\.jsonl$/);
    expect(fs.readlinkSync(file)).toMatch(/^audit\.\d{4}-\d\d-\d\d\.\d+\.jsonl$/); // relative, in the same folder
    const nth = (n: string) => Number(/\.(\d+)\.jsonl$/.exec(n)?.[1]);
    expect(nth(fs.readlinkSync(file))).toBeGreaterThanOrEqual(nth(first!)); // that file, or one rolled since
    // after the roll the link names the new file, and what is written next is read through it
    const second = await waitFor(() => (fs.readlinkSync(file) !== first ? fs.readlinkSync(file) : null), 15_000);
    log.write(rec('b'));
    await waitFor(() => (fs.readFileSync(file, 'utf8').includes('"b"') ? true : null));
    expect(fs.readFileSync(path.join(dir, second), 'utf8')).toContain('"b"');
    await log.close();
    expect(auditLines(dir).map((l) => JSON.parse(l).requestId)).toEqual(['a', 'b']);
    expect(fs.readdirSync(dir).filter((n) => n.includes('tmp-link'))).toEqual([]);
  });

  it('a regular file of the configured name is never replaced', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'keep-'));
    fs.writeFileSync(path.join(dir, 'audit.jsonl'), 'the admin\'s own\n');
    const log = new AuditLog(path.join(dir, 'audit.jsonl'), 5);
    log.write(rec('x'));
    await log.close();
    expect(fs.readFileSync(path.join(dir, 'audit.jsonl'), 'utf8')).toBe('the admin\'s own\n');
    expect(auditLines(dir)).toHaveLength(1);
  });

  it('a completion the rate limit refuses is audited too: who, and that it was refused for the rate', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'rl-'));
    const limited = await buildApp(upstreamConfig('http://127.0.0.1:9', { audit: { file: path.join(dir, 'audit.jsonl'), salt: 's' }, rateLimit: { max: 1, windowMs: 60_000 } }));
    const post = () => limited.inject({ method: 'POST', url: '/v1/completions', remoteAddress: '10.0.3.7', payload: completionBody('builtin') });
    expect((await post()).statusCode).toBe(200);
    expect((await post()).statusCode).toBe(429);
    await limited.inject({ url: '/v1/models', remoteAddress: '10.0.3.7' }); // not a completion: not audited
    await limited.close();
    const records = auditLines(dir).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.map((r) => [r.outcome, r.result])).toEqual([[expect.stringMatching(/^(ok|empty)$/), 'answered'], ['rate_limited', 'refused']]);
    expect(records[1].user).toBe(records[0].user);
  });

  it('a refusal for classification says the document was classified', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'cls-'));
    const log = new AuditLog(path.join(dir, 'audit.jsonl'), 5);
    log.write(rec('blocked', { outcome: 'classified_blocked', residency: 'external' }));
    log.write(rec('plain'));
    await log.close();
    const [blocked, plain] = auditLines(dir).map((l) => JSON.parse(l));
    expect(blocked).toMatchObject({ outcome: 'classified_blocked', classified: true });
    expect(plain.classified).toBeUndefined();
  });
});
