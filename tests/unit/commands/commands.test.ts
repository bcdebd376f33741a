import { getCommandTarget, setCommandTarget } from '../../../src/commands/commandTarget';
import { COMMAND_NAMES, registerCommands } from '../../../src/commands/commandHandlers';
import { SHORTCUTS } from '../../../src/commands/shortcuts';
import { annotated, setup } from '../hosts/word/helpers';

function commandsOn(sim: ReturnType<typeof setup>['sim']) {
  const globals: Record<string, unknown> = {};
  const errors: unknown[] = [];
  registerCommands({ Word: sim.Word, Office: sim.Office, getTarget: getCommandTarget, log: (_n, e) => errors.push(e) }, globals);
  const invoke = async (name: string) => {
    let completed = 0;
    await (sim.actions.get(name) as (e: { completed(): void }) => Promise<void>)({ completed: () => completed++ });
    expect(completed).toBe(1);
  };
  return { invoke, globals, errors };
}

afterEach(() => setCommandTarget(null));

describe('ribbon commands', () => {
  it('registers every command through Office.actions.associate and as globals', () => {
    const { sim } = setup('a|');
    const { globals } = commandsOn(sim);
    for (const n of COMMAND_NAMES) {
      expect(sim.actions.has(n)).toBe(true);
      expect(typeof globals[n]).toBe('function');
    }
  });

  it('with a running session (shared runtime) they call it', async () => {
    const { sim } = setup('a|');
    const calls: string[] = [];
    setCommandTarget({
      acceptAll: async () => void calls.push('all'),
      acceptNext: async () => void calls.push('next'),
      dismiss: async () => void calls.push('dismiss'),
      askAgain: async () => void calls.push('again'),
    });
    const { invoke } = commandsOn(sim);
    for (const n of COMMAND_NAMES) await invoke(n);
    expect(calls).toEqual(['all', 'next', 'dismiss', 'again']);
    expect(sim.stats.syncs).toBe(0);
  });

  it('without a session (Word 2021) accept keeps the ghost text, accept-next one word, dismiss deletes it', async () => {
    const { sim, host } = setup('请各单位|', { version: '2021' }, { trackingUnknown: 'inline' });
    // the pane's runtime showed the ghost; the command runs in its own runtime
    await host.showGhost('认真贯彻落实。');
    const { invoke, errors } = commandsOn(sim);
    await invoke('banxieAcceptNext');
    expect(annotated(sim)).toBe('请各单位认真|[贯彻落实。]');
    await invoke('banxieAccept');
    expect(annotated(sim)).toBe('请各单位认真贯彻落实。|');
    await host.showGhost('特此通知。');
    await invoke('banxieDismiss');
    expect(annotated(sim)).toBe('请各单位认真贯彻落实。|');
    await invoke('banxieSuggestNow'); // no shared runtime: nothing to open, no error
    expect(sim.taskpaneShown).toBe(0);
    expect(errors).toEqual([]);
  });

  it('suggest-now opens the pane where a shared runtime exists but no session runs yet', async () => {
    const { sim } = setup('a|', { version: '365' });
    const { invoke } = commandsOn(sim);
    await invoke('banxieSuggestNow');
    expect(sim.taskpaneShown).toBe(1);
  });

  it('a failing command still completes and is logged', async () => {
    const { sim } = setup('a|');
    setCommandTarget({ acceptAll: () => Promise.reject(new Error('boom')), acceptNext: async () => {}, dismiss: async () => {}, askAgain: async () => {} });
    const { invoke, errors } = commandsOn(sim);
    await invoke('banxieAccept');
    expect(errors).toHaveLength(1);
  });

  it('shortcuts follow the documented key rules and cover every command (§7)', () => {
    expect(SHORTCUTS.actions.map((a) => a.id).sort()).toEqual([...COMMAND_NAMES].sort());
    const keys = SHORTCUTS.shortcuts.map((s) => s.key.default);
    expect(new Set(keys).size).toBe(keys.length);
    for (const k of keys) {
      const parts = k.split('+');
      const key = parts.pop()!;
      expect(key).toMatch(/^[A-Z0-9_-]$/);
      expect(parts.some((m) => m === 'Ctrl' || m === 'Alt')).toBe(true);
    }
  });
});
