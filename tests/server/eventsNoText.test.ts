// Property: no outcome event, audit line or metric ever carries document text. Random sessions over the real
// SuggestionSession and outcome tracker write and accept text made of planted characters (rare CJK, found in
// no label, model id or field name); their events go through the real service with completions of the same
// text; not one planted character may appear in an event, an audit line or /metrics.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { buildApp } from '../../src/server/app';
import { resolveConfig } from '../../src/server/config';
import { SuggestionSession } from '../../src/core/session';
import { outcomeTracker, type OutcomeReport } from '../../src/core/session/outcomes';
import { FakeService, MemoryHost } from '../unit/session/MemoryHost';
import { auditLines, completionBody } from './helpers';

const PLANTED = [...'龘靐齉爩麤鱻灪籱虋鬱驫'];
const planted = fc.array(fc.constantFrom(...PLANTED), { minLength: 2, maxLength: 10 }).map((a) => a.join(''));
type Step = 'typeGhost' | 'typeOther' | 'acceptAll' | 'acceptNext' | 'dismiss' | 'askAgain' | 'wait';
const step = fc.constantFrom<Step>('typeGhost', 'typeOther', 'acceptAll', 'acceptNext', 'dismiss', 'askAgain', 'wait');

/** Runs one random session; returns its outcome reports (the pane's events before id, docType and host). */
async function session(doc: string, answers: string[], steps: Step[]): Promise<OutcomeReport[]> {
  jest.useFakeTimers();
  try {
    const host = new MemoryHost(`${doc}|`);
    const svc = new FakeService();
    let i = 0;
    svc.reply = () => ({ text: answers[i++ % answers.length]!, model: 'builtin', requestId: `req-${i}` });
    const reports: OutcomeReport[] = [];
    const tracker = outcomeTracker((r) => reports.push(r));
    const s = new SuggestionSession({ host, fetchSuggestion: svc.fetch, debounceMs: 100, onTransition: tracker.observe });
    await s.start();
    host.type(PLANTED[0]!);
    for (const st of steps) {
      const shown = s.state.kind === 'showing' ? s.state.text : '';
      if (st === 'typeGhost' && shown) host.type(shown.slice(0, 1 + (shown.length >> 1)));
      else if (st === 'typeOther') host.type(PLANTED[PLANTED.length - 1]!);
      else if (st === 'acceptAll') await s.acceptAll();
      else if (st === 'acceptNext') await s.acceptNext();
      else if (st === 'dismiss') await s.dismiss();
      else if (st === 'askAgain') await s.askAgain();
      await jest.advanceTimersByTimeAsync(150);
      await s.settled();
    }
    tracker.end();
    s.dispose();
    return reports;
  } finally {
    jest.useRealTimers();
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-notext-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('no planted character reaches an event, an audit line or a metric', async () => {
  let run = 0;
  let events = 0;
  await fc.assert(fc.asyncProperty(planted, fc.array(planted, { minLength: 1, maxLength: 4 }), fc.array(step, { minLength: 1, maxLength: 14 }), async (doc, answers, steps) => {
    const reports = await session(doc, answers, steps);
    const dir = path.join(tmp, String(run++));
    const app = await buildApp(resolveConfig({ audit: { file: path.join(dir, 'audit.jsonl'), salt: 's' }, logLevel: 'silent' }));
    try {
      // the completions that carried the same text, for the completion records and counters
      await app.inject({ method: 'POST', url: '/v1/completions', payload: completionBody('builtin', { before: doc, after: answers[0], title: answers.join('') }) });
      const batch = reports.map((r, k) => ({ ...r, id: `ev-${run}-${k}-abcdefgh`, docType: '通知', host: 'simulator/ full' }));
      for (const e of batch) {
        const json = JSON.stringify(e);
        expect(PLANTED.some((c) => json.includes(c))).toBe(false);
      }
      if (batch.length) expect((await app.inject({ method: 'POST', url: '/v1/events', payload: { events: batch } })).statusCode).toBe(202);
      events += batch.length;
      const metrics = (await app.inject('/metrics')).body;
      expect(PLANTED.filter((c) => metrics.includes(c))).toEqual([]);
    } finally {
      await app.close();
    }
    const lines = auditLines(dir);
    expect(lines.length).toBe(1 + reports.length);
    expect(PLANTED.filter((c) => lines.some((l) => l.includes(c)))).toEqual([]);
  }), { numRuns: 30 });
  expect(events).toBeGreaterThan(0); // the runs did show suggestions
}, 120_000);
