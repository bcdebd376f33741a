// The status line in plain words before the model list has come (issue 31 §4–5, issue 25 §1): the built-in
// engine by its name, never its id; a service that wants a sign-on is not "connecting".
import { BUILTIN_FALLBACK, type PaneController, type PaneSnapshot } from '../../../src/taskpane/PaneController';
import { connectionKey, modelLine } from '../../../src/taskpane/statusLine';
import { createI18n } from '../../../src/taskpane/i18n';

const t = createI18n('zh-CN').t;
const controller = (models: PaneSnapshot['models']) => ({
  answeringModel: () => BUILTIN_FALLBACK,
  currentModel: () => BUILTIN_FALLBACK,
  snapshot: { models },
}) as unknown as PaneController;

test('before the list came the built-in engine is named, not shown by its id; after, the service\'s label stands', () => {
  expect(modelLine(controller(null), t).text).toBe('模型：内置引擎');
  expect(modelLine(controller(null), t).text).not.toContain('builtin');
  const listed = { ...BUILTIN_FALLBACK, label: '内置引擎（离线）' };
  const c = { answeringModel: () => listed, currentModel: () => listed, snapshot: { models: [listed] } } as unknown as PaneController;
  expect(modelLine(c, t).text).toBe('模型：内置引擎（离线）');
});

test('a service that asks for a sign-on is said so, not "connecting"', () => {
  expect(t(connectionKey({ signOnNeeded: true, connection: 'connecting' } as PaneSnapshot))).toBe('服务要求先登录');
  expect(t(connectionKey({ signOnNeeded: false, connection: 'online' } as PaneSnapshot))).toBe('服务已连接');
});
