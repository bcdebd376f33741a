// Where the clerk's keys go after a click in the task pane, as Word does it (src/playground/focus.ts): desktop
// Word keeps them in the pane until the document is clicked (office-js #316), Word on the web gives them back.
// Whatever happens, a key is written at the simulated caret or nowhere — never into the 版头.
import type { Browser, Page } from 'playwright-core';
import { caretToEnd, docText, launchBrowser, openPlayground, pageErrors, screenshot } from './helpers';

const TYPED = '现将有关事项通知如下：';
let browser: Browser;

beforeAll(async () => { browser = await launchBrowser(); });
afterAll(async () => { await browser?.close(); });

async function acceptAGhost(page: Page): Promise<string> {
  await caretToEnd(page);
  await page.keyboard.type(TYPED, { delay: 30 });
  // inline ghost or (Word on the web's cloud documents) a pane-only suggestion: either way, accept it
  await page.waitForFunction(() => !(document.querySelector('[data-testid="suggestion-accept"]') as HTMLButtonElement | null)?.disabled, null, { timeout: 10_000 });
  const shown = await page.getByTestId('suggestion-text').textContent();
  expect(shown?.trim()).toBeTruthy();
  await page.getByTestId('suggestion-accept').click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="sim-doc"] [data-ghost="true"]'));
  await page.waitForFunction(() => (document.querySelector('[data-testid="suggestion-accept"]') as HTMLButtonElement | null)?.disabled);
  const after = await docText(page);
  // the click accepted (nothing moved the button away under the pointer): the suggestion is document text now
  expect(after.replace(/\n/g, '')).toContain((shown ?? '').replace(/（另起一段）/g, '').replace(/\n/g, '').trim());
  return after;
}

const keysOwner = (page: Page) => page.evaluate(() => (window as unknown as { banxiePlayground: { keys(): string } }).banxiePlayground.keys());

test('desktop Word: after 接受 the keys go to the pane, the document holds exactly what was accepted, and a click gives them back', async () => {
  const page = await openPlayground(browser, { doc: 'tongzhi', version: '365' });
  const accepted = await acceptAGhost(page);
  expect(accepted).toContain(TYPED);
  await page.keyboard.type('加强', { delay: 30 });
  await page.keyboard.press('Tab');
  await page.keyboard.type('领导', { delay: 30 });
  // nothing typed reached the document, at the caret or anywhere else (the 版头 included)
  expect(await docText(page)).toBe(accepted);
  expect(await keysOwner(page)).toBe('pane');
  await expect(page.getByTestId('playground-keys-note').isVisible()).resolves.toBe(true);
  // the pane says the one thing to do, in one short line
  await expect(page.getByTestId('back-to-document').textContent()).resolves.toBe('请点击文档继续输入');
  await screenshot(page, 'focus-keys-in-pane');
  // the clerk clicks the document and goes on: the keys land at the caret they put there
  await caretToEnd(page);
  await expect(page.getByTestId('playground-keys-note').isVisible()).resolves.toBe(false);
  await page.getByTestId('back-to-document').waitFor({ state: 'hidden' });
  await page.keyboard.type('加强', { delay: 30 });
  expect(await docText(page)).toBe(accepted + '加强');
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});

test('Word on the web: after 接受 the document has the keys again, and typing goes on right after the accepted text', async () => {
  const page = await openPlayground(browser, { doc: 'tongzhi', version: 'web' });
  const accepted = await acceptAGhost(page);
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'sim-doc');
  await page.keyboard.type('加强', { delay: 30 });
  expect(await docText(page)).toBe(accepted + '加强');
  expect(await keysOwner(page)).toBe('document');
  // nothing to ask of the clerk on the web: the keyboard came back by itself
  expect(await page.getByTestId('back-to-document').count()).toBe(0);
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});

test('the lite pane (Word 2016) says the same line after a click in it, and names the ribbon for accepting from the document', async () => {
  const page = await openPlayground(browser, { doc: 'tongzhi', version: '2016', lite: '1' });
  await page.getByTestId('keys-hint').waitFor();
  await page.waitForFunction(() => /开始/.test(document.querySelector('[data-testid="keys-hint"]')?.textContent ?? ''));
  await page.getByTestId('suggestion-card').click();
  await expect(page.getByTestId('back-to-document').textContent()).resolves.toBe('请点击文档继续输入');
  await caretToEnd(page);
  await page.getByTestId('back-to-document').waitFor({ state: 'hidden' });
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});

test('Tab in the document is a tab character, not a jump into the pane', async () => {
  const page = await openPlayground(browser, { doc: 'blank' });
  await caretToEnd(page);
  await page.keyboard.type('一', { delay: 30 });
  await page.keyboard.press('Tab');
  await page.keyboard.type('二', { delay: 30 });
  expect((await docText(page)).replace(/[\s\S]*?(一\t二)$/, '$1')).toBe('一\t二');
  expect(await keysOwner(page)).toBe('document');
  await page.close();
});

/** the clerk clicks the document (the pane had the keys) and goes to the end of the caret's line */
async function caretToEndOfLine(page: Page): Promise<void> {
  await page.click('[data-testid="sim-doc"] p:last-child');
  await page.keyboard.press('End');
}

test('Word on the web: revising inside a paragraph asks for nothing and the card says why; at the paragraph\'s end suggestions come again', async () => {
  const page = await openPlayground(browser, { doc: 'tongzhi', version: 'web' });
  const asked: string[] = [];
  page.on('request', (r) => { if (r.url().endsWith('/v1/completions')) asked.push(r.url()); });
  await caretToEnd(page);
  await page.keyboard.type('现将有关事项', { delay: 30 });
  await page.waitForFunction(() => !(document.querySelector('[data-testid="suggestion-accept"]') as HTMLButtonElement | null)?.disabled, null, { timeout: 10_000 });
  await page.keyboard.press('Escape');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
  const before = asked.length;
  await page.keyboard.type('切实', { delay: 30 });
  await page.getByText('网页版 Word 只在段末自动给出建议').waitFor({ timeout: 10_000 });
  await page.waitForTimeout(1500);
  expect(asked.length).toBe(before);
  expect(await docText(page)).toContain('现将切实有关事项');
  await screenshot(page, 'web-mid-paragraph');
  // 重新建议 asks here once (the one Undo step is the clerk's choice); the keys stay where they were
  await page.getByTestId('suggestion-ask-again').click();
  for (let waited = 0; asked.length === before && waited < 10_000; waited += 100) await page.waitForTimeout(100);
  expect(asked.length).toBe(before + 1);
  await caretToEndOfLine(page);
  const asked2 = asked.length;
  await page.keyboard.type('通知如下', { delay: 30 });
  // at the paragraph's end the pane asks again (what the engine answers there is another matter), and the note goes
  for (let waited = 0; asked.length === asked2 && waited < 10_000; waited += 100) await page.waitForTimeout(100);
  expect(asked.length).toBeGreaterThan(asked2);
  await page.getByText('网页版 Word 只在段末自动给出建议').waitFor({ state: 'detached' });
  expect(pageErrors(page)).toEqual([]);
  await page.close();
});
