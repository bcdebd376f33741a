// Settings › 诊断 / Diagnostics in a real Chromium over the playground and the real service: the view in zh-CN and
// en after a suggestion was shown and accepted and one request failed; 复制诊断信息 puts a JSON report on the real
// clipboard without the document's text; the fallback when the clipboard is refused; the developer log.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SCREENSHOT_DIR, baseUrl, caretToEnd, docText, launchBrowser, pageErrors } from './helpers';

const TYPED = '现将有关事项通知如下：';
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
});
afterAll(async () => {
  await browser?.close();
});

async function open(query: Record<string, string>, init?: () => void): Promise<Page> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  (page as Page & { banxieErrors?: string[] }).banxieErrors = errors;
  if (init) await page.addInitScript(init);
  await page.goto(`${baseUrl()}/playground.html?${new URLSearchParams({ doc: 'tongzhi', ...query })}`);
  await page.waitForSelector('[data-testid="sim-doc"]');
  await byTestId(page, 'status-connection').and(page.locator('[data-connection="online"]')).waitFor({ timeout: 10_000 });
  return page;
}

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

/** a suggestion shown and accepted, then one request the model fails (upstream_error), so every section has content */
async function useThePane(page: Page): Promise<void> {
  await caretToEnd(page);
  await page.keyboard.type(TYPED, { delay: 30 });
  await byTestId(page, 'suggestion-text').waitFor({ state: 'visible', timeout: 10_000 });
  await byTestId(page, 'suggestion-accept').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
  await page.route('**/v1/completions', (route) =>
    route.fulfill({ status: 502, contentType: 'application/json', body: JSON.stringify({ error: { code: 'upstream_error', message: '模型服务出错' } }) }),
  );
  await caretToEnd(page);
  await page.keyboard.type('一、', { delay: 30 });
  await byTestId(page, 'problem-upstream_error').waitFor({ timeout: 10_000 });
  await page.unroute('**/v1/completions');
}

async function openDiagnostics(page: Page): Promise<void> {
  await byTestId(page, 'tab-settings').click();
  await byTestId(page, 'open-diagnostics').click();
  await byTestId(page, 'diagnostics-view').waitFor();
  await byTestId(page, 'diag-service-status').locator('[data-reachable="true"]').waitFor({ timeout: 10_000 });
}

/** the whole pane, however tall: the aside scrolls, so grow the viewport to the pane's height for the picture */
async function shootPane(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  const height = await page.evaluate(() => document.querySelector('[data-testid="banxie-pane"]')!.scrollHeight + 60);
  await page.setViewportSize({ width: 1280, height: Math.max(900, Math.min(height, 3000)) });
  await byTestId(page, 'pane').screenshot({ path: file });
  await page.setViewportSize({ width: 1280, height: 900 });
  return file;
}

describe.each([
  ['zh-CN', { heading: '诊断', copy: '复制诊断信息', copied: '诊断信息已复制到剪贴板。', reachable: /^可以连接（\d+ 毫秒）$/, latency: /毫秒（1 次）/ }],
  ['en', { heading: 'Diagnostics', copy: 'Copy diagnostics', copied: 'Diagnostics copied to the clipboard.', reachable: /^Reachable \(\d+ ms\)$/, latency: /ms \(n = 1\)/ }],
] as const)('Settings › diagnostics in %s', (lang, words) => {
  test('shows host, service, models, counters and errors; copies a report without the document', async () => {
    const page = await open({ lang });
    await useThePane(page);
    await openDiagnostics(page);
    const view = byTestId(page, 'diagnostics-view');
    expect(await view.locator('h2').first().textContent()).toBe(words.heading);
    expect(await byTestId(page, 'diag-host-name').textContent()).toBe('word');
    // the playground's Word simulator reports its facts once the host implements diagnostics(); until then the view says so
    expect((await byTestId(page, 'diag-host-version').count()) + (await byTestId(page, 'diag-host-not-reported').count())).toBe(1);
    expect(await byTestId(page, 'diag-service-status').textContent()).toMatch(words.reachable);
    expect(await byTestId(page, 'diag-service-version').textContent()).toMatch(/^\d+\.\d+\.\d+/);
    const models = await byTestId(page, 'diag-models').innerText();
    for (const id of ['builtin', 'ollama-local', 'deepseek-external']) expect(models).toContain(id);
    expect(await byTestId(page, 'diag-shown').textContent()).toBe('1');
    expect(await byTestId(page, 'diag-accepted').textContent()).toBe('1');
    expect(await byTestId(page, 'diag-latency').textContent()).toMatch(words.latency);
    expect(await byTestId(page, 'diag-error').getAttribute('data-code')).toBe('upstream_error');
    if (lang === 'en') {
      // nothing left in Chinese: ids, versions and codes are ASCII
      expect(await view.innerText()).not.toMatch(/\p{Script=Han}/u);
    }
    await shootPane(page, `diagnostics-${lang}`);

    expect(await byTestId(page, 'diag-copy').textContent()).toBe(words.copy);
    await byTestId(page, 'diag-copy').click();
    expect(await byTestId(page, 'diag-copied').textContent()).toBe(words.copied);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const report = JSON.parse(copied);
    expect(report).toMatchObject({
      schema: 'banxie.diagnostics/1',
      pane: { kind: 'full', language: lang, debugLog: false },
      host: { name: 'word' },
      service: { reachable: true, connection: 'online' },
      counters: { shown: 1, accepts: 1 },
      latencyMs: { requests: 1 },
    });
    expect(report.errors.map((e: { code: string }) => e.code)).toEqual(['upstream_error']);
    expect(report.models.map((m: { id: string }) => m.id)).toEqual(['builtin', 'ollama-local', 'deepseek-external']);
    // the document (sample title, the typed text, the accepted suggestion) is nowhere in it
    const doc = await docText(page);
    for (const piece of [TYPED, doc.split('\n')[0]!.slice(0, 8), doc.slice(doc.indexOf(TYPED) + TYPED.length, doc.indexOf(TYPED) + TYPED.length + 6)]) {
      expect(piece.length).toBeGreaterThan(1);
      expect([piece, copied.includes(piece)]).toEqual([piece, false]);
    }
    expect(copied).not.toMatch(/\p{Script=Han}{4}/u); // no run of Chinese text at all
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

test('a host that reports itself: its facts, checks, sync times and why it switched to pane-only', async () => {
  const page = await open({});
  // the view draws whatever HostDiagnostics the host returns: give the playground's host a report with everything in it
  await page.evaluate(() => {
    const host = (window as unknown as { banxiePlayground: { host: Record<string, unknown> } }).banxiePlayground.host;
    host.diagnostics = () => ({
      facts: { host: 'word', platform: 'PC', version: '16.0.17928.20114', apiSets: { 'WordApi 1.1': true, 'WordApi 1.2': true, 'WordApi 1.3': true, 'WordApi 1.4': false }, trackChanges: false, readOnly: false, cloudDocument: 'unknown', protection: 'none' },
      checks: { caretBeforeGhost: { ok: 5, failed: 2 }, ghostReadBack: { ok: 7, failed: 0 } },
      verificationFailures: 2,
      syncMs: { count: 48, p50: 21, p95: 64 },
      paneOnlyReason: 'host.selfCheckFailed',
      switches: {},
    });
  });
  await openDiagnostics(page);
  expect(await byTestId(page, 'diag-host-version').textContent()).toBe('16.0.17928.20114');
  expect(await byTestId(page, 'diag-pane-only').textContent()).toContain('伴写自检多次发现此处文档内显示不可靠');
  expect(await byTestId(page, 'diag-verification-failures').textContent()).toBe('2');
  expect(await byTestId(page, 'diag-host').innerText()).toContain('WordApi 1.1, WordApi 1.2, WordApi 1.3');
  await shootPane(page, 'diagnostics-host-reported-zh-CN');
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});

test('a refused clipboard: the report is shown to select and copy by hand', async () => {
  const page = await open({}, () => {
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) } });
    document.execCommand = () => false;
  });
  await openDiagnostics(page);
  await byTestId(page, 'diag-copy').click();
  await byTestId(page, 'diag-copy-failed').waitFor();
  const text = await byTestId(page, 'diag-report-text').inputValue();
  expect(JSON.parse(text)).toMatchObject({ schema: 'banxie.diagnostics/1' });
  await byTestId(page, 'diag-report-text').focus();
  expect(await page.evaluate(() => { const el = document.activeElement as HTMLTextAreaElement; return el.selectionEnd - el.selectionStart; })).toBe(text.length);
  await shootPane(page, 'diagnostics-copy-fallback');
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});

test('the developer log: off by default, on with the switch, live while typing; ?debug=1 turns it on from the start', async () => {
  const page = await open({});
  const consoleLines: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'debug' && m.text().startsWith('[banxie]')) consoleLines.push(m.text());
  });
  expect(await byTestId(page, 'debug-log').count()).toBe(0);
  await openDiagnostics(page);
  await byTestId(page, 'diag-log-switch').check();
  await byTestId(page, 'debug-log').waitFor();
  await byTestId(page, 'diag-back').click();
  await byTestId(page, 'tab-main').click();
  await caretToEnd(page);
  await page.keyboard.type(TYPED, { delay: 30 });
  await byTestId(page, 'suggestion-text').waitFor({ state: 'visible', timeout: 10_000 });
  const lines = byTestId(page, 'debug-log-lines');
  await page.waitForFunction(() => /host\.showGhost ok/.test(document.querySelector('[data-testid="debug-log-lines"]')?.textContent ?? ''));
  const log = (await lines.textContent()) ?? '';
  expect(log).toMatch(/debouncing --timerFired--> requesting \[fetch\]/);
  expect(log).toMatch(/request answer \d+ ms ctx=\d+ answer=\d+/);
  expect(log).not.toContain(TYPED);
  expect(consoleLines.length).toBeGreaterThan(3);
  expect(consoleLines.join('\n')).not.toContain(TYPED);
  await shootPane(page, 'diagnostics-devlog');
  expect(pageErrors(page)).toEqual([]);
  await page.close();

  const debug = await open({ debug: '1', lang: 'en' });
  await byTestId(debug, 'debug-log').waitFor();
  expect(await byTestId(debug, 'debug-log').innerText()).toContain('Developer log');
  await debug.close();
});
