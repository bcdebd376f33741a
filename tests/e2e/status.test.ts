// One status, always true (issue 31 §4), on both panes: a classified document is known as classified the
// moment the pane reads it (before any suggestion), and the status line never names a model the document
// may not go to.
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, openPlayground as openPlaygroundPage, pageErrors, screenshot, type PlaygroundOptions } from './helpers';

const EXTERNAL = 'deepseek-external';
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

describe.each([
  ['full pane', {}],
  ['lite pane', { lite: '1' as const }],
])('%s', (name, paneOptions: Pick<PlaygroundOptions, 'lite'>) => {
  const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

  async function open(opts: PlaygroundOptions, chosen?: string): Promise<{ page: Page; asked: string[] }> {
    const page = await openPlaygroundPage(browser, { ...opts, ...paneOptions });
    if (chosen) {
      // settings as a clerk left them last time: this model chosen, its notice agreed to; then the page again
      await page.evaluate(async (model) => {
        const notice = (await (await fetch('v1/privacy')).json()) as { version: string };
        localStorage.setItem('banxie.playground.settings', JSON.stringify({ model, consent: { [model]: notice.version } }));
      }, chosen);
      await page.reload();
    }
    const asked: string[] = [];
    page.on('request', (r) => { if (r.url().endsWith('/v1/completions')) asked.push(r.url()); });
    await byTestId(page, 'status-connection').and(page.locator('[data-connection="online"]')).waitFor({ timeout: 10_000 });
    return { page, asked };
  }

  test('a classified document shows its note as soon as it is read, with no suggestion asked', async () => {
    const { page, asked } = await open({ doc: 'classified' });
    await byTestId(page, 'tab-settings').click();
    await byTestId(page, 'classified-note').waitFor({ timeout: 5_000 });
    expect(await byTestId(page, `model-${EXTERNAL}`).isDisabled()).toBe(true);
    expect(asked).toEqual([]);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  test('with an external model chosen, a classified document’s status says the model is paused, not its name and badge', async () => {
    const { page } = await open({ doc: 'classified' }, EXTERNAL);
    const line = byTestId(page, 'status-model');
    await page.waitForFunction(() => /暂停/.test(document.querySelector('[data-testid="status-model"]')?.textContent ?? ''), null, { timeout: 5_000 });
    expect(await line.textContent()).toContain('暂停');
    expect(await byTestId(page, 'residency-external').count()).toBe(0);
    expect(await byTestId(page, 'status-consent').count()).toBe(0);
    await screenshot(page, `status-classified-paused-${name.replace(' ', '-')}`);
    // the same pane on an ordinary document names the model that will answer
    await page.goto(page.url().replace('doc=classified', 'doc=tongzhi'));
    await page.waitForFunction(() => !/暂停/.test(document.querySelector('[data-testid="status-model"]')?.textContent ?? '暂停'), null, { timeout: 5_000 });
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
