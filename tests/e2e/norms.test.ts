// 规范 (issue 26) in the real pane on each simulated host: a draft with three planted errors shows three items;
// 定位 selects each one's text in the document; 修正 fixes the 字号's brackets in one write, its item goes away and
// the rest of the document is unchanged. The checks arrive as a bundle of their own; nothing is sent for them.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPlayground, pageErrors, screenshot } from './helpers';

// the 字号's brackets (fixable), an ordinal gap (no exact fix), a half-width comma (advice, fixable)
const DRAFT = '东川县水利局文件\n东水呈[2025]6号\n东川县水利局关于申请防汛物资资金的请示\n县人民政府：\n一、情况\n三、事项\n妥否,请批示。\n东川县水利局\n2025年4月7日';
const PLANTED = ['[2025]', '三、', ','];

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

type Snap = { paragraphs: Array<Array<{ text: string; ghost: boolean }>>; selection: { start: number; end: number } };

/** the document without any ghost, and the selection in the same coordinates */
async function docState(page: Page): Promise<{ text: string; selected: string }> {
  const snap = await page.evaluate(() => (window as unknown as { banxiePlayground: { doc: { snapshot(): Snap } } }).banxiePlayground.doc.snapshot());
  let full = '';
  let text = '';
  let selected = '';
  snap.paragraphs.forEach((runs, i) => {
    if (i > 0) { full += '\n'; text += '\n'; }
    for (const r of runs) {
      for (const ch of r.text) {
        if (full.length >= snap.selection.start && full.length < snap.selection.end) selected += ch;
        full += ch;
        if (!r.ghost) text += ch;
      }
    }
  });
  return { text, selected };
}

/** waits until the simulator's selection is exactly `want` */
async function waitSelected(page: Page, want: string): Promise<void> {
  await page.waitForFunction((w) => {
    const doc = (window as unknown as { banxiePlayground: { doc: { snapshot(): Snap; text(): string } } }).banxiePlayground.doc;
    const { selection } = doc.snapshot();
    return doc.text().slice(selection.start, selection.end) === w;
  }, want, { timeout: 5_000 });
}

async function loadDraft(page: Page): Promise<void> {
  await page.evaluate((d) => (window as unknown as { banxiePlayground: { doc: { user: { load(t: string): void } } } }).banxiePlayground.doc.user.load(d), DRAFT);
}

describe.each(['word', 'wps'] as const)('规范 on the %s simulator', (host) => {
  test('three planted errors, three items; 定位 selects each; 修正 fixes the 字号 and only it', async () => {
    const page = await openPlayground(browser, { host, doc: 'blank' });
    // no request leaves the page for the checks: record every request from here on
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await loadDraft(page);
    await page.getByTestId('tab-norms').click();
    const items = page.locator('[data-testid="norms-list"] > li');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="norms-list"] > li').length === 3, undefined, { timeout: 15_000 });
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).toEqual(['docnumber-brackets', 'ordinal-sequence', 'punctuation-width']);
    // the count in the status line (main tab)
    await page.getByTestId('tab-main').click();
    await expect(page.getByTestId('status-norms').getAttribute('data-errors')).resolves.toBe('2');
    await page.getByTestId('tab-norms').click();
    await screenshot(page, `norms-${host}-list`);

    for (let i = 0; i < 3; i++) {
      await items.nth(i).getByTestId('norms-locate').click();
      await waitSelected(page, PLANTED[i]);
      expect((await docState(page)).selected).toBe(PLANTED[i]);
    }

    // 修正 on the 字号: one item fewer, the document changed there and nowhere else
    await items.first().getByTestId('norms-fix').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="norms-list"] > li').length === 2, undefined, { timeout: 10_000 });
    expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).toEqual(['ordinal-sequence', 'punctuation-width']);
    expect((await docState(page)).text).toBe(DRAFT.replace('[2025]', '〔2025〕'));
    // undo takes the fix back in one step, as after an accept
    await page.evaluate(() => (window as unknown as { banxiePlayground: { doc: { user: { undo(): void } } } }).banxiePlayground.doc.user.undo());
    expect((await docState(page)).text).toBe(DRAFT);
    // the checks fetched their bundle from the pane's own origin and nothing else
    const origin = new URL(page.url()).origin;
    expect(requests.filter((u) => !u.startsWith(origin))).toEqual([]);
    expect(requests.some((u) => /\/norms\.[0-9a-f]+\.js$/.test(u))).toBe(true);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});

test('Settings › 规范提示: advice off drops the advice, a rule switched off drops its items, all off empties the tab', async () => {
  const page = await openPlayground(browser, { host: 'word', doc: 'blank' });
  await loadDraft(page);
  await page.getByTestId('tab-norms').click();
  const rules = () => page.locator('[data-testid="norms-list"] > li').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="norms-list"] > li').length === 3, undefined, { timeout: 15_000 });
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('norms-advice').click();
  await page.locator('[data-testid="settings-norms"] summary').click();
  await page.locator('[data-rule="ordinal-sequence"] input, input[data-rule="ordinal-sequence"]').first().click();
  await screenshot(page, 'norms-settings');
  await page.getByTestId('tab-norms').click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="norms-list"] > li').length === 1, undefined, { timeout: 10_000 });
  expect(await rules()).toEqual(['docnumber-brackets']);
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('norms-enabled').click();
  await page.getByTestId('tab-norms').click();
  await page.getByTestId('norms-off').waitFor();
  await page.getByTestId('tab-main').click();
  expect(await page.getByTestId('status-norms').count()).toBe(0);
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});

test('the lite pane (ES5) lists the same three findings and 定位 selects them; no 修正 there', async () => {
  const page = await openPlayground(browser, { host: 'word', doc: 'blank', lite: '1' });
  await loadDraft(page);
  await page.getByTestId('tab-norms').click({ timeout: 15_000 });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="norms-list"] > li').length === 3, undefined, { timeout: 15_000 });
  const items = page.locator('[data-testid="norms-list"] > li');
  expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).toEqual(['docnumber-brackets', 'ordinal-sequence', 'punctuation-width']);
  expect(await page.getByTestId('norms-fix').count()).toBe(0);
  await items.nth(1).getByTestId('norms-locate').click();
  await waitSelected(page, '三、');
  expect((await docState(page)).selected).toBe('三、');
  await page.getByTestId('tab-main').click();
  await expect(page.getByTestId('status-norms').textContent()).resolves.toContain('2');
  expect((await docState(page)).text).toBe(DRAFT);
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});

test('a correct document (the playground\'s 通知) shows no errors', async () => {
  const page = await openPlayground(browser, { host: 'word', doc: 'tongzhi' });
  await page.getByTestId('tab-norms').click();
  await page.getByTestId('norms-summary').waitFor({ timeout: 15_000 });
  expect(await page.locator('[data-testid="norms-list"] > li[data-rule]').count()).toBe(0);
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});
