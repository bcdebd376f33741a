// Screenshots of the pane after issue 31, in zh and en, full and lite, for people to look at (written to
// KEYS_SHOTS_DIR or test-results/screenshots). Each shot also checks the words a clerk should see there.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { caretToEnd, launchBrowser, openPlayground, pageErrors, SCREENSHOT_DIR, type PlaygroundOptions } from './helpers';

const DIR = process.env.KEYS_SHOTS_DIR || SCREENSHOT_DIR;
let browser: Browser;
beforeAll(async () => { browser = await launchBrowser(); fs.mkdirSync(DIR, { recursive: true }); });
afterAll(async () => { await browser?.close(); });

async function suggestion(page: Page): Promise<void> {
  await caretToEnd(page);
  await page.keyboard.type('现将有关事项通知如下：', { delay: 30 });
  await page.waitForFunction(() => !(document.querySelector('[data-testid="suggestion-accept"]') as HTMLButtonElement | null)?.disabled, null, { timeout: 15_000 });
}

const shot = (page: Page, name: string) => page.locator('#pane').screenshot({ path: path.join(DIR, `${name}.png`) });

test.each([
  ['zh-CN', '365', undefined],
  ['en', '365', undefined],
  ['zh-CN', '2016', '1'],
  ['en', '2016', '1'],
] as const)('pane in %s on Word %s (lite %s): suggestion, keys hint, and the line after a click in the pane', async (lang, version, lite) => {
  const opts: PlaygroundOptions = { doc: 'tongzhi', lang, version, ...(lite ? { lite } : {}) };
  const page = await openPlayground(browser, opts);
  await suggestion(page);
  await page.getByTestId('suggestion-card').click();
  await page.getByTestId('back-to-document').waitFor();
  const hint = (await page.getByTestId('keys-hint').textContent()) ?? '';
  expect(hint).toMatch(lang === 'en' ? /Home tab/ : /“开始”选项卡/);
  expect(hint).not.toMatch(/焦点|focus/i);
  await shot(page, `pane-${lite ? 'lite' : 'full'}-${lang}-${version}`);
  await page.getByTestId('tab-settings').click();
  if (lite) {
    await page.getByTestId('open-diagnostics').click();
    const report = await page.getByTestId('diag-report').inputValue();
    expect(JSON.parse(report)).toMatchObject({ pane: 'lite', schema: 'banxie.diagnostics/1' });
    await shot(page, `pane-lite-${lang}-diagnostics`);
  } else {
    await shot(page, `pane-full-${lang}-settings`);
  }
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});

test('the privacy notice names no model ids and no version hash', async () => {
  const page = await openPlayground(browser, { doc: 'tongzhi' });
  await page.getByTestId('status-connection').and(page.locator('[data-connection="online"]')).waitFor({ timeout: 10_000 });
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('model-deepseek-external').click();
  const notice = (await page.getByTestId('consent-notice').textContent()) ?? '';
  expect(notice).not.toMatch(/（builtin）|\(builtin\)|（deepseek-external）/);
  expect(await page.getByTestId('consent-version').count()).toBe(0);
  await shot(page, 'pane-full-zh-CN-consent');
  await page.close();
});
