// The playground in WPS mode (WpsHost on the WPS simulator, the real task pane): type, pause, see the
// grey ghost, accept it; and the built WPS add-in folder: its page defines the ribbon callbacks.
import type { Browser } from 'playwright-core';
import { baseUrl, caretToEnd, docText, launchBrowser, openPlayground, pageErrors, screenshot } from './helpers';

const TYPED = '现将有关事项通知如下：';
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

test('WPS mode: typing then a pause shows a grey italic ghost; Accept makes it document text', async () => {
  const page = await openPlayground(browser, { host: 'wps', doc: 'tongzhi' });
  expect(await page.evaluate(() => (window as unknown as { banxiePlayground: { doc: { kind: string } } }).banxiePlayground.doc.kind)).toBe('wps');
  await caretToEnd(page);
  const before = await docText(page);
  await page.keyboard.type(TYPED, { delay: 30 });
  const ghost = page.locator('[data-testid="sim-doc"] [data-ghost="true"]');
  await ghost.first().waitFor({ state: 'visible', timeout: 10_000 });
  const ghostText = (await ghost.allTextContents()).join('');
  expect(ghostText.length).toBeGreaterThan(0);
  expect(await docText(page)).toBe(before + TYPED + ghostText);
  const style = await ghost.first().evaluate((el) => ({ color: getComputedStyle(el).color, fontStyle: getComputedStyle(el).fontStyle }));
  expect(style).toEqual({ color: 'rgb(128, 128, 128)', fontStyle: 'italic' });
  await screenshot(page, 'wps-playground-ghost');

  await page.getByTestId('suggestion-accept').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
  expect(await docText(page)).toBe(before + TYPED + ghostText);
  // accepted text is no longer grey or italic
  const last = page.locator('[data-testid="sim-doc"] *').filter({ hasText: ghostText.slice(-2) }).last();
  expect(await last.evaluate((el) => getComputedStyle(el).fontStyle)).toBe('normal');
  await screenshot(page, 'wps-playground-accepted');
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});

test('WPS mode: Dismiss leaves exactly what was typed', async () => {
  const page = await openPlayground(browser, { host: 'wps', doc: 'tongzhi' });
  await caretToEnd(page);
  const before = await docText(page);
  await page.keyboard.type(TYPED, { delay: 30 });
  await page.locator('[data-testid="sim-doc"] [data-ghost="true"]').first().waitFor({ state: 'visible', timeout: 10_000 });
  await page.getByTestId('suggestion-dismiss').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
  expect(await docText(page)).toBe(before + TYPED);
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});

test('the built WPS add-in folder: index.html defines every ribbon callback; ribbon.xml and the lists ship', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${baseUrl()}/wps/index.html`);
  const types = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return ['OnAddinLoad', 'OnAction', 'GetImage', 'GetLabel', 'GetScreentip', 'OnGetEnabled', 'OnGetVisible'].map((n) => typeof w[n]);
  });
  expect(types).toEqual(Array(7).fill('function'));
  for (const file of ['ribbon.xml', 'publish.xml', 'jsplugins.xml', 'images/pane.svg', 'taskpane.html']) {
    const res = await page.request.get(`${baseUrl()}/wps/${file}`);
    expect([file, res.status()]).toEqual([file, 200]);
  }
  expect(errors).toEqual([]);
  await page.close();
});
