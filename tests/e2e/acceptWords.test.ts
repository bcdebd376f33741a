// 接受下一个词 keeps 公文 words whole in the real pane (issue 31 §6): a model that goes on with 人民政府办公室…
// gives 人民政府 at the first press and 办公室 at the second — never 人民政府办公 / 室.
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/server/app';
import { defaultConfig, type ServerConfig } from '../../src/server/config';
import { startFakeUpstream, type FakeUpstream } from '../server/fakeUpstream';
import { E2E_DIST } from './globalSetup';
import { caretToEnd, launchBrowser, openPlayground, pageErrors } from './helpers';

let browser: Browser;
let app: FastifyInstance;
let upstream: FakeUpstream;
let savedBase: string | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
  savedBase = process.env.E2E_BASE_URL;
  upstream = await startFakeUpstream({ text: '人民政府办公室负责督促检查。' });
  const config: ServerConfig = { ...defaultConfig(), port: 0, staticDir: E2E_DIST, logLevel: 'silent', rateLimit: { max: 100_000, windowMs: 60_000 } };
  config.models = [
    ...config.models,
    { ...config.models[0], id: 'lan', label: '本单位模型（测试）', description: 'A local model (test double)', provider: 'openai-compatible', residency: 'local', needsConsent: false, baseUrl: upstream.url, upstreamModel: 'qwen3', mode: 'chat' },
  ];
  app = await buildApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address();
  process.env.E2E_BASE_URL = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});

afterAll(async () => {
  process.env.E2E_BASE_URL = savedBase;
  await browser?.close();
  await app?.close();
  await upstream?.close();
});

test('accept-next on 人民政府办公室 takes 人民政府, then 办公室', async () => {
  const page = await openPlayground(browser, { doc: 'tongzhi' });
  await page.getByTestId('status-connection').and(page.locator('[data-connection="online"]')).waitFor({ timeout: 15_000 });
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('model-lan').click();
  await page.getByTestId('tab-main').click();
  const ghost = page.locator('[data-testid="sim-doc"] [data-ghost="true"]');
  // a suggestion for where the caret was may have come meanwhile: Ctrl+End would put the caret after it
  await page.waitForTimeout(1500);
  if (await ghost.count()) {
    await page.getByTestId('suggestion-dismiss').click();
    await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
  }
  await caretToEnd(page);
  // the clerk's text: the document without the ghost's runs
  const userText = () => page.evaluate(() => {
    type Snap = { paragraphs: { text: string; ghost: boolean }[][] };
    const doc = (window as unknown as { banxiePlayground: { doc: { snapshot(): Snap } } }).banxiePlayground.doc;
    return doc.snapshot().paragraphs.map((p) => p.filter((r) => !r.ghost).map((r) => r.text).join('')).join('\n');
  });
  const start = await userText();
  await page.keyboard.type('请', { delay: 30 });
  await ghost.first().waitFor({ state: 'visible', timeout: 10_000 });
  expect((await ghost.allTextContents()).join('')).toMatch(/^人民政府办公室/);

  await page.getByTestId('suggestion-accept-next').click();
  await page.waitForFunction(() => /^办公室/.test(Array.from(document.querySelectorAll('[data-testid="sim-doc"] [data-ghost="true"]')).map((e) => e.textContent).join('')));
  expect(await userText()).toBe(`${start}请人民政府`);

  await page.getByTestId('suggestion-accept-next').click();
  await page.waitForFunction(() => /^负责/.test(Array.from(document.querySelectorAll('[data-testid="sim-doc"] [data-ghost="true"]')).map((e) => e.textContent).join('')));
  expect(await userText()).toBe(`${start}请人民政府办公室`);
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});
