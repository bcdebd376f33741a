// The task pane in a real Chromium over the playground, against the real service and a fake external model:
// consent before an external model, withdraw, language switch, service down and back, classified document.
// Every scenario runs twice: on the full pane (React + Fluent) and on the lite pane (ES5, plain DOM, the one
// Word's Trident webview gets), forced with ?lite=1; both panes carry the same data-testids.
import type { Browser, Page } from 'playwright-core';
import { caretToEnd, docText, launchBrowser, openPlayground as openPlaygroundPage, pageErrors, screenshot as screenshotPage, type PlaygroundOptions } from './helpers';

const TYPED = '现将有关事项通知如下：';
const EXTERNAL = 'deepseek-external';
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe.each([
  ['full pane', {}, 'taskpane'],
  ['lite pane', { lite: '1' as const }, 'taskpane-lite'],
])('%s', (_name, paneOptions: Pick<PlaygroundOptions, 'lite'>, shotPrefix) => {
  const openPlayground = (b: Browser, opts: PlaygroundOptions = {}): Promise<Page> => openPlaygroundPage(b, { ...opts, ...paneOptions });
  const screenshot = (page: Page, name: string): Promise<string> => screenshotPage(page, name.replace(/^taskpane/, shotPrefix));

  /** The document as the user owns it: ghost runs left out (a suggestion may already be showing). */
  async function userText(page: Page): Promise<string> {
    return page.evaluate(() => {
      type Snap = { paragraphs: { text: string; ghost: boolean }[][] };
      const doc = (window as unknown as { banxiePlayground: { doc: { snapshot(): Snap } } }).banxiePlayground.doc;
      return doc.snapshot().paragraphs.map((p) => p.filter((r) => !r.ghost).map((r) => r.text).join('')).join('\n');
    });
  }

  const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

  async function connected(page: Page): Promise<void> {
    await byTestId(page, 'status-connection').and(page.locator('[data-connection="online"]')).waitFor({ timeout: 10_000 });
  }

  async function typeAndWaitForSuggestion(page: Page): Promise<string> {
    await connected(page);
    await caretToEnd(page);
    await page.keyboard.type(TYPED, { delay: 30 });
    const text = byTestId(page, 'suggestion-text');
    await text.waitFor({ state: 'visible', timeout: 10_000 });
    return (await text.textContent()) ?? '';
  }

  async function chooseExternalAndConsent(page: Page): Promise<void> {
    await connected(page);
    await byTestId(page, 'tab-settings').click();
    await byTestId(page, `model-${EXTERNAL}`).click();
    await byTestId(page, 'consent-view').waitFor();
    await byTestId(page, 'consent-notice').waitFor();
    await screenshot(page, 'taskpane-consent');
    await byTestId(page, 'consent-accept').click();
    await byTestId(page, 'consent-view').waitFor({ state: 'detached' });
  }

  test('first run → consent for the external model → suggestion from it → accept into the document', async () => {
    const page = await openPlayground(browser, { doc: 'tongzhi' });
    await chooseExternalAndConsent(page);
    await byTestId(page, 'tab-main').click();
    expect(await byTestId(page, 'status-model').textContent()).toContain('外部模型（测试）');
    expect(await byTestId(page, 'residency-external').textContent()).toBe('外部');
    expect(await byTestId(page, 'status-consent').textContent()).toContain('已同意');

    await caretToEnd(page);
    const before = await userText(page);
    const suggestion = await typeAndWaitForSuggestion(page);
    // the fake external model's answer (cut to the length setting by the server)
    expect('各单位要高度重视，认真组织实施，确保各项措施落到实处。'.startsWith(suggestion.slice(0, 4))).toBe(true);
    await screenshot(page, 'taskpane-suggestion-external');
    await byTestId(page, 'suggestion-accept').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
    expect(await docText(page)).toBe(before + TYPED + suggestion);
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  test('withdrawing consent in Settings returns to the built-in model', async () => {
    const page = await openPlayground(browser, { doc: 'tongzhi' });
    await chooseExternalAndConsent(page);
    await byTestId(page, `withdraw-${EXTERNAL}`).click();
    await byTestId(page, 'flash').waitFor();
    // the external model's suggestion, shown after consent, goes with the consent
    await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
    expect(await byTestId(page, `model-builtin`).isChecked()).toBe(true);
    await screenshot(page, 'taskpane-withdrawn');
    await byTestId(page, 'tab-main').click();
    expect(await byTestId(page, 'residency-builtin').textContent()).toBe('内置');
    expect(await byTestId(page, 'status-consent').textContent()).toBe('无需授权');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  test('switching the language to English changes the whole pane', async () => {
    const page = await openPlayground(browser, { doc: 'tongzhi' });
    await connected(page);
    await byTestId(page, 'tab-settings').click();
    await byTestId(page, 'language').selectOption('en');
    await page.getByText('Suggestion length').waitFor();
    await byTestId(page, 'tab-main').click();
    expect(await byTestId(page, 'status-connection').textContent()).toBe('Service connected');
    expect(await byTestId(page, 'suggestion-accept').textContent()).toBe('Accept');
    const pane = await byTestId(page, 'banxie-pane').innerText();
    const modelLine = (await byTestId(page, 'status-model').innerText()).trim();
    expect(modelLine).toMatch(/^Model: /);
    // nothing left in Chinese except the model's label, which the service sends as configured
    expect(pane.replace(modelLine.slice('Model: '.length), '')).not.toMatch(/\p{Script=Han}/u);
    await screenshot(page, 'taskpane-english');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  test('service down → plain message with what to do; service back → recovers by itself', async () => {
    const page = await openPlayground(browser, { doc: 'tongzhi' });
    await connected(page);
    const down = async (route: { abort(code?: string): Promise<void> }) => route.abort('connectionrefused');
    await page.route('**/v1/**', down);
    await page.route('**/health', down);
    await caretToEnd(page);
    await page.keyboard.type(TYPED, { delay: 30 });
    const problem = byTestId(page, 'problem-unreachable');
    await problem.waitFor({ timeout: 10_000 });
    expect(await problem.textContent()).toContain('无法连接补全服务');
    expect(await byTestId(page, 'status-connection').textContent()).toBe('无法连接服务');
    await screenshot(page, 'taskpane-service-down');

    // after recovery the pane asks again by itself, without the user pressing anything
    const asked = page.waitForResponse((r) => r.url().endsWith('/v1/completions') && r.status() === 200, { timeout: 15_000 });
    await page.unroute('**/v1/**', down);
    await page.unroute('**/health', down);
    await connected(page);
    await problem.waitFor({ state: 'detached', timeout: 10_000 });
    await asked;
    await page.waitForFunction(() => {
      const s = document.querySelector('[data-testid="suggestion-card"]')?.getAttribute('data-state');
      return s === 'showing' || s === 'idle';
    });
    await screenshot(page, 'taskpane-service-recovered');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });

  test('a classified document: external model disabled in the list, with the reason', async () => {
    const page = await openPlayground(browser, { doc: 'classified' });
    await connected(page);
    await caretToEnd(page);
    // typing makes the pane build a digest, which sees the 秘密 marking
    const asked = page.waitForResponse((r) => r.url().endsWith('/v1/completions'), { timeout: 15_000 });
    await page.keyboard.type('请各单位', { delay: 30 });
    await asked;
    await byTestId(page, 'tab-settings').click();
    await byTestId(page, 'classified-note').waitFor();
    expect(await byTestId(page, `model-${EXTERNAL}`).isDisabled()).toBe(true);
    expect(await byTestId(page, 'model-builtin').isDisabled()).toBe(false);
    await page.getByText('涉密文档不可用').first().waitFor();
    await screenshot(page, 'taskpane-classified');
    expect(pageErrors(page)).toEqual([]);
    await page.close();
  });
});
