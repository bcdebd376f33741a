// Accepting from Word's ribbon without leaving the document (issue 31): the playground's 开始 › 伴写 group runs the
// same function-command handlers Word calls for manifest.xml, in a runtime without the pane's session (Word
// 2016/2021's FunctionFile), on the simulated document. The clerk's keyboard stays in the document throughout.
import type { Browser, Page } from 'playwright-core';
import { baseUrl, caretToEnd, docText, launchBrowser, openPlayground, pageErrors, screenshot } from './helpers';

let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

const ghostText = (page: Page) => page.evaluate(() => Array.from(document.querySelectorAll('[data-testid="sim-doc"] [data-ghost="true"]')).map((e) => e.textContent).join(''));
const keysOwner = (page: Page) => page.evaluate(() => (window as unknown as { banxiePlayground: { keys(): string } }).banxiePlayground.keys());
const labelled = (page: Page) => page.evaluate(() => (window as unknown as { banxiePlayground: { doc: { customProperties(): Record<string, unknown> } } }).banxiePlayground.doc.customProperties());

/** the service's count of suggestions accepted (whole), from its /metrics (this machine may scrape) */
async function acceptedSoFar(): Promise<number> {
  const text = await (await fetch(`${baseUrl()}/metrics`)).text();
  return [...text.matchAll(/^banxie_suggestion_outcomes_total\{[^}]*outcome="accepted"[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
}

/** the page closes (its pagehide sends the last events): the service counts `n` more accepts than `before` */
async function closeAndCountAccepted(page: Page, before: number): Promise<number> {
  await page.close({ runBeforeUnload: true });
  let now = before;
  for (let waited = 0; now === before && waited < 5000; waited += 100) {
    await new Promise((r) => setTimeout(r, 100));
    now = await acceptedSoFar();
  }
  return now - before;
}

const TYPED = '现将有关事项';

async function typeUntilGhost(page: Page, text: string): Promise<string> {
  await page.keyboard.type(text, { delay: 30 });
  await page.waitForFunction(() => !!document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'), null, { timeout: 10_000 });
  return ghostText(page);
}

/** the clerk types at the document's end until the grey text shows, then clicks the ribbon's accept: it is text now */
async function ribbonAcceptsGhost(page: Page): Promise<{ before: string; ghost: string }> {
  await caretToEnd(page);
  const before = await docText(page);
  const ghost = await typeUntilGhost(page, TYPED);
  await page.getByTestId('ribbon-banxieAccept').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
  expect(await docText(page)).toBe(before + TYPED + ghost);
  return { before, ghost };
}

/** the same with the suggestion in the pane only: the ribbon's accept puts it in at the caret, and the pane lets it
 *  go; resolves to the document's text then */
async function ribbonAcceptsPaneSuggestion(page: Page): Promise<string> {
  await caretToEnd(page);
  const before = await docText(page);
  await page.keyboard.type(TYPED, { delay: 30 });
  await page.waitForFunction(() => !(document.querySelector('[data-testid="suggestion-accept"]') as HTMLButtonElement | null)?.disabled, null, { timeout: 10_000 });
  const shown = ((await page.getByTestId('suggestion-text').textContent()) ?? '').trim();
  expect(shown).toBeTruthy();
  await page.getByTestId('ribbon-banxieAccept').click();
  await page.waitForFunction(() => (document.querySelector('[data-testid="suggestion-accept"]') as HTMLButtonElement | null)?.disabled);
  const after = await docText(page);
  expect(after.startsWith(before + TYPED)).toBe(true);
  expect(after.replace(/\n/g, '')).toBe((before + TYPED + shown.replace(/（另起一段）/g, '')).replace(/\n/g, ''));
  return after;
}

test('Word 365: 开始 › 接受 keeps the grey text as the clerk\'s, labels it, and typing goes on after it with no click', async () => {
  const page = await openPlayground(browser, { doc: 'tongzhi', version: '365' });
  const accepted0 = await acceptedSoFar();
  const { before, ghost } = await ribbonAcceptsGhost(page);
  expect(await keysOwner(page)).toBe('document');
  // the pane lets the accepted suggestion go: nothing of it is left to accept twice
  await page.waitForFunction(() => (document.querySelector('[data-testid="suggestion-accept"]') as HTMLButtonElement | null)?.disabled, null, { timeout: 5000 });
  await screenshot(page, 'ribbon-accept-365');
  await page.keyboard.type('加强', { delay: 30 });
  expect((await docText(page)).startsWith(before + TYPED + ghost + '加强')).toBe(true);
  // GB 45438: the accepted model text is labelled in the file's properties, from what the pane published
  expect(JSON.stringify(await labelled(page))).toContain('ContentProducer');
  expect(pageErrors(page)).toEqual([]);
  // IT's figures: the ribbon's accept is an accept (the pane saw only its ghost vanish)
  expect(await closeAndCountAccepted(page, accepted0)).toBe(1);
});

test.each([
  ['2021', 'full pane', {}],
  ['2016', 'full pane', {}],
  ['2016', 'lite pane (IE11)', { lite: '1' as const }],
  ['web', 'full pane, a cloud document', {}],
] as const)('Word %s, %s (pane-only): 开始 › 接受 puts the pane\'s suggestion in at the caret, and the pane lets it go', async (version, _pane, paneOpts) => {
  const page = await openPlayground(browser, { doc: 'tongzhi', version, ...paneOpts });
  const accepted0 = await acceptedSoFar();
  const after = await ribbonAcceptsPaneSuggestion(page);
  expect(await keysOwner(page)).toBe('document');
  // a second click has nothing left to put in: the suggestion went in once
  await page.getByTestId('ribbon-banxieAccept').click();
  await page.waitForTimeout(500);
  expect(await docText(page)).toBe(after);
  await page.keyboard.type('加强', { delay: 30 });
  expect((await docText(page)).startsWith(after + '加强')).toBe(true);
  expect(JSON.stringify(await labelled(page))).toContain('ContentProducer');
  expect(pageErrors(page)).toEqual([]);
  // the pane saw its suggestion typed through; the figures count the accept the ribbon made
  expect(await closeAndCountAccepted(page, accepted0)).toBe(1);
});

test('Word 365: 开始 › 接受下一个词 takes one word and leaves the rest grey; 忽略 takes the rest away', async () => {
  const page = await openPlayground(browser, { doc: 'tongzhi', version: '365' });
  await caretToEnd(page);
  const before = await docText(page);
  const ghost = await typeUntilGhost(page, TYPED);
  await page.getByTestId('ribbon-banxieAcceptNext').click();
  await page.waitForFunction((g) => {
    const now = Array.from(document.querySelectorAll('[data-testid="sim-doc"] [data-ghost="true"]')).map((e) => e.textContent).join('');
    return now !== g;
  }, ghost);
  const rest = await ghostText(page);
  expect(rest.length).toBeLessThan(ghost.length);
  expect(ghost.endsWith(rest)).toBe(true);
  const taken = ghost.slice(0, ghost.length - rest.length);
  expect(await docText(page)).toBe(before + TYPED + taken + rest);
  await page.getByTestId('ribbon-banxieDismiss').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
  expect(await docText(page)).toBe(before + TYPED + taken);
  expect(await keysOwner(page)).toBe('document');
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});

test('WPS: the 伴写 ribbon\'s accept keeps the grey text and typing goes on after it; with the suggestion in the pane only it puts it in at the caret', async () => {
  const page = await openPlayground(browser, { doc: 'tongzhi', host: 'wps' });
  await ribbonAcceptsGhost(page);
  expect(JSON.stringify(await labelled(page))).toContain('ContentProducer');
  await screenshot(page, 'ribbon-wps');
  expect(pageErrors(page)).toEqual([]);
  await page.close();

  // the clerk chose 仅在任务窗格中显示: the WPS ribbon puts the pane's suggestion in
  const paneOnly = await openPlayground(browser, { doc: 'tongzhi', host: 'wps' });
  await paneOnly.evaluate(() => localStorage.setItem('banxie.playground.settings', JSON.stringify({ display: 'paneOnly' })));
  await paneOnly.reload();
  await paneOnly.waitForSelector('[data-testid="sim-doc"]');
  await ribbonAcceptsPaneSuggestion(paneOnly);
  await paneOnly.evaluate(() => localStorage.removeItem('banxie.playground.settings'));
  expect(pageErrors(paneOnly)).toEqual([]);
  await paneOnly.close();
});
