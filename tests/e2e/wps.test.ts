// The built WPS add-in folder: its page defines the ribbon callbacks, and ribbon.xml and the lists ship.
// (Typing in the playground in WPS mode is in playground.test.ts, shared with Word.)
import type { Browser } from 'playwright-core';
import { baseUrl, launchBrowser } from './helpers';

let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

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
