// Shared pieces of the Chromium end-to-end tests: Debian's chromium driven by playwright-core.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BLOCKED_ON_PURPOSE } from '../../src/server/security';

export const SCREENSHOT_DIR = path.resolve(__dirname, '../../test-results/screenshots');

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error('E2E_BASE_URL is not set: run through jest (tests/e2e/globalSetup.ts)');
  return url;
}

/** Every page of every browser launched here reports Content Security Policy violations to this list. */
export const cspViolations: string[] = [];
const watched = new WeakSet<Page>();

/**
 * Chromium logs each CSP violation to the console ("Refused to …" / "Framing … violates … Content Security
 * Policy"). Only what the policy blocks on purpose (office.js's telemetry frame) is not a failure.
 */
export function watchCsp(page: Page): void {
  if (watched.has(page)) return;
  watched.add(page);
  page.on('console', (msg) => {
    const text = msg.text();
    if (!/Content Security Policy/i.test(text) || BLOCKED_ON_PURPOSE.some((origin) => text.includes(`'${origin}/`))) return;
    cspViolations.push(`${page.url()}: ${text}`);
  });
}

/** tests/e2e/setupCsp.ts fails the test that produced violations; other users (benchmarks) may ignore them. */
export function takeCspViolations(): string[] {
  return cspViolations.splice(0);
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  // Watch every page, however a test opens it (browser.newPage, context.newPage, popups).
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (...args: Parameters<Browser['newContext']>) => {
    const context = await newContext(...args);
    context.on('page', watchCsp);
    return context;
  };
  return browser;
}

export interface PlaygroundOptions {
  host?: 'word' | 'wps';
  doc?: 'blank' | 'tongzhi' | 'classified';
  lang?: 'zh-CN' | 'en';
  version?: '365' | '2021' | '2016' | 'web';
  /** '1': the lite pane (ES5 bundle, plain DOM) instead of the full one */
  lite?: '1';
}

/** Opens the playground in a fresh 1280×900 page; fails the test on any page error. */
export async function openPlayground(browser: Browser, opts: PlaygroundOptions = {}): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  (page as Page & { banxieErrors?: string[] }).banxieErrors = errors;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(opts)) if (v) q.set(k, v);
  await page.goto(`${baseUrl()}/playground.html?${q}`);
  await page.waitForSelector('[data-testid="sim-doc"]');
  return page;
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { banxieErrors?: string[] }).banxieErrors ?? [];
}

/** The simulated document's full text (ghost included) as the simulator holds it. */
export async function docText(page: Page): Promise<string> {
  return page.evaluate(() => (window as unknown as { banxiePlayground: { doc: { text(): string } } }).banxiePlayground.doc.text());
}

/** Puts the caret at the end of the document, through the page like a user's click would. */
export async function caretToEnd(page: Page): Promise<void> {
  await page.click('[data-testid="sim-doc"]');
  await page.keyboard.press('Control+End');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}
