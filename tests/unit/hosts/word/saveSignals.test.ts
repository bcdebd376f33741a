/** @jest-environment jsdom */
// Issue 28 §5: Office.js has no before-save event. The save-ish signals the pane does get — its page hidden
// (the clerk switched away: Ctrl+S, print or close may follow) or going away — take the ghost out of the
// document, and the session hears 'save' and stops showing it inline.
import { WordHost } from '../../../../src/hosts/word/WordHost';
import { createWordSimulator } from '../../../../src/simulators/word/WordSimulator';
import type { HostChange } from '../../../../src/core/DocumentHost';
import { renderAnnotated } from '../../../scenarios/hostScenarios';

const flush = async () => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
};

function setVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
  document.dispatchEvent(new Event('visibilitychange'));
}

afterEach(() => setVisibility('visible'));

test('the pane hidden: the ghost leaves the document and the host says save', async () => {
  const sim = createWordSimulator({ doc: '各单位：特此|' });
  const host = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 0 });
  await host.init();
  const seen: HostChange['kind'][] = [];
  host.onChange((c) => seen.push(c.kind));
  await host.showGhost('通知。');
  expect(renderAnnotated(sim)).toBe('各单位：特此|[通知。]');
  setVisibility('hidden');
  await flush();
  expect(renderAnnotated(sim)).toBe('各单位：特此|');
  expect(seen).toContain('save');
  host.dispose();
  sim.dispose();
});

test('the page going away (pagehide): the ghost leaves the document', async () => {
  const sim = createWordSimulator({ doc: '各单位：特此|' });
  const host = new WordHost({ Word: sim.Word, Office: sim.Office, pollMs: 0 });
  await host.init();
  await host.showGhost('通知。');
  window.dispatchEvent(new Event('pagehide'));
  await flush();
  expect(sim.text()).toBe('各单位：特此');
  host.dispose();
  sim.dispose();
});
