// The keys the pane names: only on the shortcut manifest's page, from the deployment's shortcuts.json,
// and Word's own answer (after the clerk's conflict choices) wins where Word gives one.
import { registeredKeys } from '../../../src/commands/registeredKeys';
import { keysHint } from '../../../src/taskpane/keysHint';
import { translator } from '../../../src/taskpane-lite/strings';

const FILE = { shortcuts: [
  { action: 'banxieAccept', key: { default: 'Ctrl+Alt+Shift+Y' } },
  { action: 'banxieAcceptNext', key: { default: 'Ctrl+Alt+Shift+N' } },
  { action: 'banxieDismiss', key: { default: 'Ctrl+Alt+Shift+X' } },
  { action: 'banxieSuggestNow', key: { default: 'Ctrl+Alt+Shift+G' } },
] };
const fetchJson = async () => FILE;

it('the default manifest’s page has no keys, whatever the file says', async () => {
  expect(await registeredKeys('/banxie/taskpane.html', fetchJson, undefined)).toBeNull();
});

it('the shortcut page names the file’s keys; Word’s answer wins, and a key given away in the conflict dialog is not named', async () => {
  expect(await registeredKeys('/banxie/taskpane-shared.html', fetchJson, undefined)).toEqual({
    banxieAccept: 'Ctrl+Alt+Shift+Y', banxieAcceptNext: 'Ctrl+Alt+Shift+N', banxieDismiss: 'Ctrl+Alt+Shift+X',
  });
  const actions = { getShortcuts: async () => ({ banxieAccept: 'Ctrl+Alt+Shift+J', banxieDismiss: null }) };
  expect(await registeredKeys('/taskpane-shared.html', fetchJson, actions)).toEqual({ banxieAccept: 'Ctrl+Alt+Shift+J', banxieAcceptNext: 'Ctrl+Alt+Shift+N' });
});

it('the hint says keys where there are keys, the ribbon in Word without them, and always the pane’s own keys', () => {
  const t = translator('zh-CN');
  const keyed = keysHint({ keys: { banxieAccept: 'Ctrl+Alt+Shift+Y', banxieAcceptNext: 'Ctrl+Alt+Shift+N', banxieDismiss: 'Ctrl+Alt+Shift+X' }, ribbon: 'word', paneKeepsKeys: true }, t);
  expect(keyed[0]).toBe('在文档中直接按：Ctrl+Alt+Shift+Y 接受，Ctrl+Alt+Shift+N 接受下一个词，Ctrl+Alt+Shift+X 忽略。');
  const ribbon = keysHint({ keys: null, ribbon: 'word', paneKeepsKeys: true }, t);
  expect(ribbon[0]).toMatch(/“开始”选项卡.*Alt、H/);
  expect(keysHint({ keys: null, ribbon: null, paneKeepsKeys: false }, t)).toEqual([t('keys.card')]);
  // WPS: its own 伴写 tab, in its own words
  expect(keysHint({ keys: null, ribbon: 'wps', paneKeepsKeys: false }, t)).toEqual([t('keys.ribbonWps'), t('keys.card')]);
  // no word a clerk does not use
  for (const line of [...keyed, ...ribbon]) expect(line).not.toMatch(/焦点|focus/i);
});
