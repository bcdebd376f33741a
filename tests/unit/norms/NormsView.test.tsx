/** @jest-environment jsdom */
// The 规范 list: one item per finding with its message, the text it is about and its source; 定位 hands
// the finding to the pane; 修正 only where the fix is exact; zh and en strings with the same keys.
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { fireEvent, render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { checkNorms, RULE_BY_ID, type Finding } from '../../../src/norms';
import { NormsView } from '../../../src/taskpane/components/NormsView';
import normsEn from '../../../src/taskpane/locales/norms.en';
import normsZhCN from '../../../src/taskpane/locales/norms.zh-CN';
import normsPaneEn from '../../../src/taskpane/locales/normsPane.en';
import normsPaneZhCN from '../../../src/taskpane/locales/normsPane.zh-CN';
import * as bundle from '../../../src/taskpane/normsBundle';

// three planted errors: the 字号's brackets (fixable), an ordinal gap (no exact fix), a half-width comma (advice)
const DRAFT = '东川县水利局文件\n东水呈[2025]6号\n东川县水利局关于申请防汛物资资金的请示\n县人民政府：\n一、情况\n三、事项\n妥否,请批示。\n东川县水利局\n2025年4月7日\n';

function mount(findings: readonly Finding[], language: 'zh-CN' | 'en', onLocate = jest.fn(), onFix = jest.fn()) {
  const i18n = i18next.createInstance();
  void i18n.init({ resources: { 'zh-CN': { translation: { norms: normsZhCN } }, en: { translation: { norms: normsEn } } },
    lng: language, fallbackLng: 'zh-CN', initAsync: false, interpolation: { escapeValue: false } });
  render(
    <I18nextProvider i18n={i18n}>
      <FluentProvider theme={webLightTheme}>
        <NormsView findings={findings} text={DRAFT} onLocate={onLocate} onFix={onFix} clauseOf={(rule) => RULE_BY_ID[rule].clause} />
      </FluentProvider>
    </I18nextProvider>,
  );
  return { onLocate, onFix };
}

test('three planted errors show three items; 定位 and 修正 hand over the finding', () => {
  const findings = checkNorms(DRAFT);
  expect(findings.map((f) => f.rule)).toEqual(['docnumber-brackets', 'ordinal-sequence', 'punctuation-width']);
  const { onLocate, onFix } = mount(findings, 'zh-CN');
  expect(screen.getByRole('status').textContent).toBe('2 处错误，1 条建议');
  const items = screen.getAllByRole('listitem');
  expect(items).toHaveLength(3);
  expect(within(items[0]).getByText('原文：「[2025]」')).toBeTruthy();
  expect(within(items[0]).getByText(findings[0].message.zh)).toBeTruthy();
  expect(within(items[0]).getByText(/依据：GB\/T 9704-2012 §7\.2\.5/)).toBeTruthy();
  // the gap has no exact fix: 定位 only
  expect(within(items[1]).queryByRole('button', { name: /改为|删去/ })).toBeNull();
  fireEvent.click(within(items[1]).getByRole('button', { name: '在文档中选中「三、」' }));
  expect(onLocate).toHaveBeenCalledWith(findings[1]);
  fireEvent.click(within(items[0]).getByRole('button', { name: '改为「〔2025〕」' }));
  expect(onFix).toHaveBeenCalledWith(findings[0]);
  expect(onFix).toHaveBeenCalledTimes(1);
});

test('in English, and an empty list says so', () => {
  mount(checkNorms(DRAFT), 'en');
  expect(screen.getByRole('status').textContent).toBe('2 error(s), 1 advice');
  expect(screen.getAllByRole('button', { name: /^Select/ })).toHaveLength(3);
  expect(screen.getByText(/The year of a document number goes in 〔〕/)).toBeTruthy();
});

test('no findings: a status line and no list', () => {
  mount([], 'zh-CN');
  expect(screen.getByRole('status').textContent).toBe('未发现格式问题');
  expect(screen.queryByRole('list')).toBeNull();
});

test('the list\'s strings come with the norms bundle, which the pane adds to its i18n when it arrives', () => {
  expect(bundle.strings).toEqual({ 'zh-CN': normsZhCN, en: normsEn });
  // the bundle is what the runner needs: the checker, the search targets, the fixes, the rule table
  expect(typeof bundle.checkNorms).toBe('function');
  expect(typeof bundle.searchTarget).toBe('function');
  expect(typeof bundle.applyFix).toBe('function');
  expect(bundle.RULES.length).toBe(22);
});

test('zh-CN and en have the same keys (the list\'s, and the tab\'s own)', () => {
  expect(Object.keys(normsEn).sort()).toEqual(Object.keys(normsZhCN).sort());
  expect(Object.keys(normsPaneEn).sort()).toEqual(Object.keys(normsPaneZhCN).sort());
});
