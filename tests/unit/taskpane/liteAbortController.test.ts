// The lite pane's AbortController stand-in for IE11: what the session and the XHR transport rely on.
import { installAbortController } from '../../../src/taskpane-lite/abortController';

function standIn(): { AbortController: new () => AbortController } {
  const g: Record<string, unknown> = {};
  installAbortController(g);
  return g as unknown as { AbortController: new () => AbortController };
}

test('abort() tells onabort and every listener once, with the reason; a removed listener hears nothing', () => {
  const { AbortController: AC } = standIn();
  const c = new AC();
  const heard: string[] = [];
  const removed = () => heard.push('removed');
  c.signal.onabort = () => heard.push('onabort');
  c.signal.addEventListener('abort', () => heard.push(`listener:${String(c.signal.reason)}`));
  c.signal.addEventListener('abort', removed);
  c.signal.removeEventListener('abort', removed);
  expect(c.signal.aborted).toBe(false);
  c.abort('context-changed');
  c.abort('again');
  expect(c.signal.aborted).toBe(true);
  expect(c.signal.reason).toBe('context-changed');
  expect(heard).toEqual(['onabort', 'listener:context-changed']);
});

test('a browser that has AbortController keeps its own', () => {
  const g: Record<string, unknown> = { AbortController };
  installAbortController(g);
  expect(g.AbortController).toBe(AbortController);
  expect(new (standIn().AbortController)().signal).not.toBeInstanceOf(AbortSignal);
});
