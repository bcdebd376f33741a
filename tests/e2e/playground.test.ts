// The walking skeleton through the UI, for each host the playground simulates (Word, WPS): type into
// the simulated document, pause, see the grey suggestion, accept or dismiss it in the real task pane,
// and check what the document holds.
import type { Browser, Page } from 'playwright-core';
import { caretToEnd, docText, launchBrowser, openPlayground, pageErrors, screenshot } from './helpers';

const TYPED = '现将有关事项通知如下：';
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

/** Types, waits for the ghost, and returns the document before typing and the ghost as the document holds it. */
async function typeAndWaitForGhost(page: Page): Promise<{ before: string; ghost: string }> {
  await caretToEnd(page);
  const before = await docText(page);
  await page.keyboard.type(TYPED, { delay: 30 });
  const spans = page.locator('[data-testid="sim-doc"] [data-ghost="true"]');
  await spans.first().waitFor({ state: 'visible', timeout: 10_000 });
  const full = await docText(page);
  // the ghost sits right after what was typed (it may open a new paragraph: paragraph marks are not drawn)
  expect(full.startsWith(before + TYPED)).toBe(true);
  const shown = full.slice((before + TYPED).length);
  expect(shown.replace(/\n/g, '')).toBe((await spans.allTextContents()).join(''));
  // Word draws a suggestion's leading line breaks as ↵ inside the caret's paragraph (issue 28 §7)
  const ghost = shown.replace(/^\u21b5+/, (m) => '\n'.repeat(m.length));
  return { before, ghost };
}

describe.each(['word', 'wps'] as const)('playground on the %s simulator', (host) => {
  test('pause after typing shows a grey suggestion at the cursor; Accept makes it document text', async () => {
    const page = await openPlayground(browser, { host, doc: 'tongzhi' });
    expect(await page.evaluate(() => (window as unknown as { banxiePlayground: { doc: { kind: string } } }).banxiePlayground.doc.kind)).toBe(host);
    const { before, ghost } = await typeAndWaitForGhost(page);
    expect(ghost.trim().length).toBeGreaterThan(0);
    const color = await page.locator('[data-testid="sim-doc"] [data-ghost="true"]').first().evaluate((el) => getComputedStyle(el).color);
    expect(color).toBe('rgb(128, 128, 128)');
    await expect(page.getByTestId('suggestion-text').textContent()).resolves.toContain(ghost.trim().slice(0, 2));
    await screenshot(page, `playground-${host}-ghost`);

    await page.getByTestId('suggestion-accept').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
    expect(await docText(page)).toBe(before + TYPED + ghost);
    // accepted text is ordinary text now: no run of the document is grey or italic any more
    const runs = await page.evaluate(() => (window as unknown as { banxiePlayground: { doc: { snapshot(): { paragraphs: Array<Array<{ color?: string; italic?: boolean; ghost: boolean }>> } } } })
      .banxiePlayground.doc.snapshot().paragraphs.flat());
    expect(runs.filter((r) => r.ghost || r.italic || r.color === '#808080')).toEqual([]);
    await screenshot(page, `playground-${host}-accepted`);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  test('Dismiss removes the suggestion and leaves exactly what the user typed', async () => {
    const page = await openPlayground(browser, { host, doc: 'tongzhi' });
    const { before } = await typeAndWaitForGhost(page);
    await page.getByTestId('suggestion-dismiss').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
    expect(await docText(page)).toBe(before + TYPED);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
