// `workers: 2`: one port, two processes answering, one audit file with whole lines, a clean drain on SIGTERM,
// and a worker that dies is replaced.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startFakeUpstream, type FakeUpstream } from './fakeUpstream';
import { auditLines, completionBody } from './helpers';
import { getJson, post, startInstance, tempDir, type Instance } from '../realServers';

jest.setTimeout(120_000);

let dir: string;
let up: FakeUpstream;
let svc: Instance | undefined;
beforeAll(async () => {
  dir = tempDir('workers');
  up = await startFakeUpstream({ mode: 'ok', text: '请各单位高度重视，认真组织实施。', chunkDelayMs: 5 });
});
afterAll(async () => {
  await svc?.stop();
  await up.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('serves one port from two workers, writes one audit file of whole lines, and drains on SIGTERM', async () => {
  const audit = path.join(dir, 'audit.jsonl');
  svc = await startInstance({
    workers: 2,
    models: [{ id: 'lan', preset: 'generic', baseUrl: up.baseUrl, model: 'fake', residency: 'local', needsConsent: false }],
    audit: { file: audit, salt: 'workers-test' },
    rateLimit: { max: 100_000, windowMs: 60_000 },
    logLevel: 'info',
  }, dir, 'w');
  // The port answers once the first worker listens; wait for the primary's word that both do (on a busy
  // machine the second is still starting, and every connection went to the first).
  for (const end = Date.now() + 30_000; !svc.lines.some((l) => l.includes('(2 workers)')); await new Promise((r) => setTimeout(r, 50))) {
    if (Date.now() > end) throw new Error('the second worker never listened');
  }
  const body = JSON.stringify(completionBody('lan'));
  // Separate connections, so the primary hands them to both workers.
  const answers = [];
  for (let i = 0; i < 4; i++) {
    answers.push(...await Promise.all(Array.from({ length: 30 }, () => post(`${svc!.url}/v1/completions`, body, { agent: new http.Agent({ keepAlive: false }) }))));
  }
  expect(answers.filter((a) => a.status !== 200)).toEqual([]);

  const pids = new Set(svc.lines.filter((l) => l.includes('"request completed"')).map((l) => (JSON.parse(l) as { pid: number }).pid));
  expect(pids.size).toBe(2);

  // A worker that dies is replaced; new connections go to the live one meanwhile.
  process.kill([...pids][0], 'SIGKILL');
  const end = Date.now() + 30_000;
  while (!svc.lines.some((l) => l.includes('restarting'))) {
    if (Date.now() > end) throw new Error('no replacement worker');
    await new Promise((r) => setTimeout(r, 100));
  }
  for (let i = 0; i < 20; i++) expect((await post(`${svc.url}/v1/completions`, body, { agent: new http.Agent({ keepAlive: false }) })).status).toBe(200);
  expect((await getJson(`${svc.url}/health/ready`)).status).toBe(200);

  expect(await svc.stop()).toBe(0);
  svc = undefined;
  const lines = auditLines(dir);
  expect(lines.length).toBe(140);
  for (const l of lines) expect(JSON.parse(l)).toMatchObject({ model: 'lan', outcome: 'ok' });
});

it('with workers, a signal to the whole process group (Ctrl-C, systemd) still drains cleanly: exit 0', async () => {
  const w = await startInstance({
    workers: 2,
    models: [{ id: 'lan', preset: 'generic', baseUrl: up.baseUrl, model: 'fake', residency: 'local', needsConsent: false }],
    logLevel: 'warn',
  }, dir, 'group');
  try {
    const body = JSON.stringify(completionBody('lan'));
    expect((await post(`${w.url}/v1/completions`, body, { agent: new http.Agent({ keepAlive: false }) })).status).toBe(200);
    const workerPids = fs.readFileSync(`/proc/${w.proc.pid}/task/${w.proc.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
    expect(workerPids.length).toBe(2);
    // The same SIGTERM reaches the primary and each worker, as systemd's default KillMode does.
    const exited = new Promise<number | null>((r) => w.proc.once('exit', (code) => r(code)));
    for (const pid of [w.proc.pid!, ...workerPids]) process.kill(pid, 'SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    await w.stop();
  }
});

it('with workers, every scrape of /metrics shows the whole instance: the primary sums the workers\' figures', async () => {
  const w = await startInstance({
    workers: 2,
    models: [{ id: 'lan', preset: 'generic', baseUrl: up.baseUrl, model: 'fake', residency: 'local', needsConsent: false }],
    rateLimit: { max: 100_000, windowMs: 60_000 },
    logLevel: 'info',
  }, dir, 'metrics');
  try {
    for (const end = Date.now() + 30_000; !w.lines.some((l) => l.includes('(2 workers)')); await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() > end) throw new Error('the second worker never listened');
    }
    const body = JSON.stringify(completionBody('lan'));
    const fresh = () => new http.Agent({ keepAlive: false });
    const answers = await Promise.all(Array.from({ length: 40 }, () => post(`${w.url}/v1/completions`, body, { agent: fresh() })));
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    const pids = (from: number) => new Set(w.lines.slice(from).filter((l) => l.includes('"request completed"')).map((l) => (JSON.parse(l) as { pid: number }).pid));
    expect(pids(0).size).toBe(2); // both workers answered some: one worker's count alone would be below 40
    // separate connections: the scrapes land on both workers, and each shows all 40 (this machine may scrape)
    const before = w.lines.length;
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${w.url}/metrics`, { headers: { connection: 'close' } });
      expect(res.status).toBe(200);
      expect(await res.text()).toMatch(/^banxie_completions_total\{model="lan",outcome="ok"\} 40$/m);
    }
    expect(pids(before).size).toBe(2);
  } finally {
    await w.stop();
  }
});
