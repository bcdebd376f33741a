// The walking skeleton through the UI: type into the simulated Word document, pause, see the grey
// suggestion, accept or dismiss it in the real task pane, and check what the document holds.
import type { Browser, Page } from 'playwright-core';
import { caretToEnd, docText, launchBrowser, openPlayground, pageErrors, screenshot } from './helpers';

const TYPED = '现将有关事项通知如下：';
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

async function typeAndWaitForGhost(page: Page): Promise<{ before: string; ghost: string }> {
  await caretToEnd(page);
  const before = await docText(page);
  await page.keyboard.type(TYPED, { delay: 30 });
  const ghost = page.locator('[data-testid="sim-doc"] [data-ghost="true"]');
  await ghost.first().waitFor({ state: 'visible', timeout: 10_000 });
  const ghostText = (await ghost.allTextContents()).join('');
  return { before, ghost: ghostText };
}

test('pause after typing shows a grey suggestion at the cursor; Accept makes it document text', async () => {
  const page = await openPlayground(browser, { doc: 'tongzhi' });
  const { before, ghost } = await typeAndWaitForGhost(page);
  expect(ghost.length).toBeGreaterThan(0);
  // the ghost sits right after what was typed, and is drawn grey
  expect(await docText(page)).toBe(before + TYPED + ghost);
  const color = await page.locator('[data-testid="sim-doc"] [data-ghost="true"]').first().evaluate((el) => getComputedStyle(el).color);
  expect(color).toBe('rgb(128, 128, 128)');
  await expect(page.getByTestId('suggestion-text').textContent()).resolves.toContain(ghost.trim().slice(0, 2));
  await screenshot(page, 'playground-ghost');

  await page.getByTestId('suggestion-accept').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
  expect(await docText(page)).toBe(before + TYPED + ghost);
  await screenshot(page, 'playground-accepted');
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});

test('Dismiss removes the suggestion and leaves exactly what the user typed', async () => {
  const page = await openPlayground(browser, { doc: 'tongzhi' });
  const { before } = await typeAndWaitForGhost(page);
  await page.getByTestId('suggestion-dismiss').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
  expect(await docText(page)).toBe(before + TYPED);
  expect(await page.locator('[data-testid="sim-doc"]').innerText()).not.toContain('[ghost]');
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});
