// `npm run report` over real audit files: several runs of the service (a restart forgets which event ids it
// saw, so a batch sent again lands twice in the files), rolled files, and the report counting each once.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../src/server/app';
import { resolveConfig } from '../../src/server/config';
import { AuditLog } from '../../src/server/policy/audit';
import { auditFiles, buildReport, compareArms, comparisonText, isoWeek, readAudit, reportTable, wilson } from '../../src/server/usageReport';
import type { OutcomeRecord } from '../../src/server/policy/audit';
import { completionBody } from './helpers';
import { outcomeEvent } from './eventHelpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-report-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const root = path.join(__dirname, '../..');

describe('npm run report', () => {
  const file = path.join(tmp, 'audit.jsonl');
  const config = resolveConfig({ audit: { file, salt: 'stable-salt' } });
  const a = outcomeEvent({ requestId: 'r-a', outcome: 'accepted', shownChars: 10, acceptedChars: 10 });
  const b = outcomeEvent({ requestId: 'r-b', outcome: 'partial', shownChars: 10, acceptedChars: 4, docType: '请示' });
  const c = outcomeEvent({ requestId: 'r-c', outcome: 'dismissed', shownChars: 6, acceptedChars: 0 });

  beforeAll(async () => {
    // first run: two events and two completions
    let app = await buildApp(config);
    await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('builtin', {}, { requestId: 'r-a' }) });
    await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('builtin', {}, { requestId: 'r-b' }) });
    expect((await app.inject({ method: 'POST', url: '/v1/events', payload: { events: [a, b] } })).json().recorded).toBe(2);
    await app.close();
    // a restart: the service no longer knows b's id, so b is written again
    app = await buildApp(config);
    expect((await app.inject({ method: 'POST', url: '/v1/events', payload: { events: [b, c] } })).json().recorded).toBe(2);
    await app.close();
    // and a file rolled by the audit log itself (ms frequency) holding a copy of a
    const rolled = new AuditLog(path.join(tmp, 'audit.jsonl'), 30, 50);
    rolled.write({ type: 'outcome', time: new Date().toISOString(), eventId: a.id as string, requestId: 'r-a', user: 'u', model: 'builtin',
      outcome: 'accepted', shownChars: 10, acceptedChars: 10, shownMs: 1, latencyMs: 1, docType: '通知', inline: true, host: 'x' });
    await new Promise((r) => setTimeout(r, 120));
    await rolled.close();
  });

  it('reads every rolled file and counts each event and each completion once', () => {
    const files = auditFiles(file);
    expect(files.length).toBeGreaterThanOrEqual(2);
    const lines = files.flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean));
    expect(lines.filter((l) => l.includes(b.id as string))).toHaveLength(2); // the double is really in the files
    const r = buildReport(readAudit(files), { by: 'model' });
    expect(r.total).toMatchObject({ requests: 2, shown: 3, accepted: 1, partial: 1, dismissed: 1, acceptedChars: 14, shownChars: 26 });
    expect(r.total.acceptRate).toBeCloseTo(1 / 3, 4);
    expect(r.total.acceptAnyRate).toBeCloseTo(2 / 3, 4);
    // one clerk (the same hashed identity in both runs: a configured salt), one day
    expect(r.total.clerkDays).toBe(1);
    expect(r.total.acceptedCharsPerClerkDay).toBe(14);
  });

  it('groups by document type (a completion takes its suggestion\'s), and prints the same figures as JSON from the command line', () => {
    const byType = buildReport(readAudit(auditFiles(file)), { by: 'docType' });
    expect(byType.rows.map((x) => [x.group, x.requests, x.shown])).toEqual([['请示', 1, 1], ['通知', 1, 2]]);
    const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/report.ts'), '--audit', file, '--json', '--by', 'week'], { cwd: root, encoding: 'utf8' });
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout.trim().split('\n').pop()!);
    expect(json.total).toMatchObject({ requests: 2, shown: 3, acceptedChars: 14 });
    expect(json.rows[0].group).toBe(isoWeek(new Date().toISOString()));
    const table = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/report.ts'), '--audit', file, '--lang', 'zh'], { cwd: root, encoding: 'utf8' });
    expect(table.stdout).toContain('采纳率（含部分）');
    expect(table.stdout).toContain('66.7%');
    const bad = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/report.ts'), '--audit', file, '--by', 'colour'], { cwd: root, encoding: 'utf8' });
    expect(bad.status).toBe(2);
  });

  it('keeps to --from/--to', () => {
    const lines = readAudit(auditFiles(file));
    expect(buildReport(lines, { by: 'model', to: '2000-01-01' }).total.shown).toBe(0);
    expect(buildReport(lines, { by: 'model', from: new Date().toISOString().slice(0, 10) }).total.shown).toBe(3);
  });
});

describe('report arithmetic', () => {
  it('gives the Wilson interval of known cases', () => {
    // 8 of 10: 0.490 – 0.943 (Wilson 1927; the usual textbook example)
    const [lo, hi] = wilson(8, 10)!;
    expect(lo).toBeCloseTo(0.4902, 3);
    expect(hi).toBeCloseTo(0.9433, 3);
    expect(wilson(0, 0)).toBeNull();
    const [lo0, hi0] = wilson(0, 20)!;
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.1611, 3);
  });

  it('names ISO weeks, years crossing included', () => {
    expect(isoWeek('2026-12-07T10:00:00Z')).toBe('2026-W50');
    expect(isoWeek('2027-01-01T10:00:00Z')).toBe('2026-W53');
    expect(isoWeek('2025-12-29T00:00:00Z')).toBe('2026-W01');
  });

  it('prints a table in either language', () => {
    const r = buildReport([], { by: 'user' });
    expect(reportTable(r, 'en')).toContain('accepted (incl. partly)');
    expect(reportTable(r, 'zh')).toContain('合计');
  });
});

describe('policy.experiment side by side', () => {
  const outcomes = (model: string, accepted: number, shown: number): OutcomeRecord[] => Array.from({ length: shown }, (_, i) => ({
    type: 'outcome', time: '2026-12-01T09:00:00Z', eventId: `${model}-${i}`, requestId: `${model}-r${i}`, user: `u${i % 7}`, model,
    outcome: i < accepted ? 'accepted' : 'dismissed', shownChars: 10, acceptedChars: i < accepted ? 10 : 0, shownMs: 1, latencyMs: 1, docType: '通知', inline: true, host: 'x',
  }));
  const exp = { name: 'q4', models: ['a', 'b'] as const };

  it('says the arms differ only when their intervals are apart', () => {
    const apart = compareArms([...outcomes('a', 80, 100), ...outcomes('b', 40, 100)], exp, {});
    expect(apart.arms.map((r) => [r.group, r.shown, r.acceptAnyRate])).toEqual([['a', 100, 0.8], ['b', 100, 0.4]]);
    expect(apart.difference).toBeCloseTo(-0.4, 6);
    expect(apart.intervalsOverlap).toBe(false);
    expect(comparisonText(apart, 'zh')).toContain('差别可信');
    const close = compareArms([...outcomes('a', 6, 10), ...outcomes('b', 4, 10)], exp, {});
    expect(close.intervalsOverlap).toBe(true);
    expect(comparisonText(close, 'en')).toContain('no difference shown yet');
    expect(compareArms(outcomes('a', 1, 2), exp, {}).intervalsOverlap).toBeNull();
  });

  it('comes after the table when the config names an experiment', () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'exp-'));
    fs.writeFileSync(path.join(dir, 'audit.2026-12-01.1.jsonl'), [...outcomes('a', 80, 100), ...outcomes('b', 40, 100)].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const cfg = path.join(dir, 'banxie.yaml');
    fs.writeFileSync(cfg, `models:\n  - { id: a, provider: builtin }\n  - { id: b, provider: builtin }\npolicy:\n  experiment: { name: q4, models: [a, b] }\naudit: { file: ${path.join(dir, 'audit.jsonl')} }\n`);
    const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/report.ts'), '--json'], { cwd: root, encoding: 'utf8', env: { ...process.env, BANXIE_CONFIG: cfg } });
    expect(out.status).toBe(0);
    const json = JSON.parse(out.stdout.trim().split('\n').pop()!);
    expect(json.experiment).toMatchObject({ name: 'q4', intervalsOverlap: false });
    expect(json.experiment.arms.map((r: { group: string }) => r.group)).toEqual(['a', 'b']);
  });
});
