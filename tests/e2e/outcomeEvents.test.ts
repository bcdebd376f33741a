// Outcome events end to end (issue 27): in the playground's real pane (Chromium), a clerk accepts one suggestion,
// dismisses one, types one through and takes one word of another; the pane's events reach a real service (its own, with an audit file),
// and the service's /metrics and `npm run report -- --json` agree with what happened, to the character.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { resolveConfig } from '../../src/server/config';
import { E2E_DIST } from './globalSetup';
import { caretToEnd, docText, launchBrowser, openPlayground, pageErrors } from './helpers';
import { sample } from '../server/eventHelpers';

const root = path.resolve(__dirname, '../..');
const TYPED = '现将有关事项通知如下：';
let browser: Browser;
let savedBase: string | undefined;
beforeAll(async () => {
  browser = await launchBrowser();
  savedBase = process.env.E2E_BASE_URL;
});
afterAll(async () => {
  process.env.E2E_BASE_URL = savedBase;
  await browser?.close();
});
const apps: FastifyInstance[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close().catch(() => undefined)));
});

/** A service of its own for one test (its own audit folder), serving the built pages; the playground opens on it. */
async function service(tmp: string): Promise<FastifyInstance> {
  const app = await buildApp(resolveConfig({
    staticDir: E2E_DIST, logLevel: 'silent', rateLimit: { max: 100_000, windowMs: 60_000 },
    audit: { file: path.join(tmp, 'audit.jsonl'), salt: 'e2e' },
  }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  process.env.E2E_BASE_URL = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  return app;
}

/** The suggestion as a pane shows it: the full pane's inline ghost, the lite pane's card (pane-only). */
function shownIn(pane: 'full' | 'lite') {
  const sel = pane === 'full' ? '[data-testid="sim-doc"] [data-ghost="true"]' : '[data-testid="suggestion-text"]';
  return {
    async wait(page: Page, typed: string): Promise<string> {
      await page.keyboard.type(typed, { delay: 30 });
      await page.locator(sel).first().waitFor({ state: 'visible', timeout: 10_000 });
      const text = (await page.locator(sel).allTextContents()).join('');
      // Word draws a suggestion's leading line breaks as ↵ inside the caret's paragraph (issue 28 §7); the lite card as ↵ and a break
      return pane === 'full' ? text.replace(/^\u21b5+/, (m) => '\n'.repeat(m.length)) : text.replace(/（另起一段）\n?/g, '\n');
    },
    gone: (page: Page) => page.waitForFunction((q) => !document.querySelector(q), sel),
    /** waits until the suggestion on show is shorter than `than` characters as drawn (an accept-next took some) */
    shrunk: (page: Page, than: number) => page.waitForFunction(([q, n]) => {
      const t = Array.from(document.querySelectorAll(q as string)).map((e) => e.textContent ?? '').join('');
      return t.length > 0 && t.length < (n as number);
    }, [sel, than] as const),
    drawn: async (page: Page) => (await page.locator(sel).allTextContents()).join(''),
  };
}

interface Outcome { outcome: string; shownChars: number; acceptedChars: number; model: string; docType: string; host: string; inline: boolean }

test.each(['full', 'lite'] as const)('%s pane: accept, dismiss, type-through and accept-next reach the service as exactly those events; /metrics and the report agree', async (pane) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-e2e-events-'));
  const app = await service(tmp);
  apps.push(app); // closed by afterEach even when an expectation fails half-way (a listening app keeps jest alive)
  const { wait, gone, shrunk, drawn } = shownIn(pane);
  const page = await openPlayground(browser, { host: 'word', doc: 'tongzhi', ...(pane === 'lite' ? { lite: '1' as const } : {}) });
  await caretToEnd(page);
  const start = await docText(page);

  // 1. accept the first suggestion whole
  const accepted = await wait(page, TYPED);
  await page.getByTestId('suggestion-accept').click();
  await gone(page);
  expect(await docText(page)).toBe(start + TYPED + accepted);
  await caretToEnd(page); // a click in the pane keeps the keys there (desktop Word, office-js #316): back to the document

  // 2. dismiss the next one (a suggestion offered right after the accept, if any, expires as we type)
  await page.keyboard.press('Enter');
  await gone(page);
  const dismissed = await wait(page, TYPED);
  await page.getByTestId('suggestion-dismiss').click();
  await gone(page);
  await caretToEnd(page);

  // 3. type the next one through, character by character (a line break is Enter)
  await page.keyboard.press('Enter');
  await gone(page);
  const through = await wait(page, TYPED);
  for (const ch of through) {
    if (ch === '\n') await page.keyboard.press('Enter');
    else await page.keyboard.type(ch);
    await page.waitForTimeout(60);
  }
  await gone(page);
  expect((await docText(page)).endsWith(TYPED + through)).toBe(true);

  // 4. take the next word of one (接受下一个词), then dismiss the rest
  await page.keyboard.press('Enter');
  await gone(page);
  const offered = await wait(page, '请各单位'); // the built-in engine goes on with a clause of several words here
  // the document's text holds the full pane's ghost (at the caret, at the end); the lite pane's card is not in it
  const shown = await docText(page);
  const base = pane === 'full' ? shown.slice(0, shown.length - offered.length) : shown;
  const drawnBefore = await drawn(page);
  await page.getByTestId('suggestion-accept-next').click();
  await shrunk(page, drawnBefore.length); // what is left is drawn shorter than what was offered
  await page.getByTestId('suggestion-dismiss').click();
  await gone(page);
  const final = await docText(page);
  expect(final.startsWith(base)).toBe(true);
  const part = final.slice(base.length);
  expect(part.length > 0 && part.length < offered.length && offered.startsWith(part)).toBe(true);

  // the pane closes: what is left goes with keepalive
  expect(pageErrors(page)).toEqual([]);
  await page.goto('about:blank');
  const scrape = async () => (await app.inject('/metrics')).body;
  const deadline = Date.now() + 10_000;
  while (sample(await scrape(), 'banxie_suggestion_outcomes_total') < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300));
  const metrics = await scrape();
  await page.close();
  await app.close(); // flushes the audit file

  const outcomes = fs.readdirSync(tmp).filter((n) => /^audit\..+\.jsonl$/.test(n))
    .flatMap((n) => fs.readFileSync(path.join(tmp, n), 'utf8').split('\n').filter(Boolean))
    .map((l) => JSON.parse(l) as Outcome & { type?: string }).filter((r) => r.type === 'outcome');
  const count = (o: string) => outcomes.filter((r) => r.outcome === o).length;
  expect(count('accepted')).toBe(1);
  expect(outcomes.find((r) => r.outcome === 'accepted')).toMatchObject({ shownChars: accepted.length, acceptedChars: accepted.length, model: 'builtin', docType: '通知', inline: pane === 'full' });
  expect(count('dismissed')).toBe(1);
  expect(outcomes.find((r) => r.outcome === 'dismissed')).toMatchObject({ shownChars: dismissed.length, acceptedChars: 0 });
  expect(count('partial')).toBe(1);
  expect(outcomes.find((r) => r.outcome === 'partial')).toMatchObject({ shownChars: offered.length, acceptedChars: part.length });
  expect(count('typedThrough')).toBe(1);
  expect(outcomes.find((r) => r.outcome === 'typedThrough')).toMatchObject({ shownChars: through.length, acceptedChars: 0 });
  // anything else was offered and left as the clerk typed on: expired or replaced, never accepted
  expect(outcomes.filter((r) => !['accepted', 'partial', 'dismissed', 'typedThrough', 'expired', 'replaced'].includes(r.outcome))).toEqual([]);
  expect(outcomes.every((r) => /^word\//.test(r.host) && r.host.endsWith(` ${pane}`))).toBe(true);

  // /metrics says the same, to the character
  for (const o of ['accepted', 'partial', 'dismissed', 'typedThrough', 'expired', 'replaced']) {
    expect(sample(metrics, 'banxie_suggestion_outcomes_total', { outcome: o })).toBe(count(o));
  }
  expect(sample(metrics, 'banxie_accepted_chars_total')).toBe(accepted.length + part.length);
  expect(sample(metrics, 'banxie_shown_chars_total')).toBe(outcomes.reduce((s, r) => s + r.shownChars, 0));

  // and so does the report
  const out = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts/report.ts'), '--audit', tmp, '--json'], { cwd: root, encoding: 'utf8' });
  expect(out.status).toBe(0);
  const report = JSON.parse(out.stdout.trim().split('\n').pop()!);
  expect(report.total).toMatchObject({
    shown: outcomes.length, accepted: 1, partial: 1, dismissed: 1, acceptedChars: accepted.length + part.length,
    shownChars: sample(metrics, 'banxie_shown_chars_total'), requests: sample(metrics, 'banxie_completions_total'),
  });
  fs.rmSync(tmp, { recursive: true, force: true });
});
