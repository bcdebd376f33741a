// What each ribbon / keyboard command does. With a shared runtime the running session is
// registered in commandTarget and does the work (so its state stays right); without one
// (Word 2016/2021 perpetual: the FunctionFile runs in its own runtime) the command acts on
// the document directly through a WordHost: keep the ghost's text (and label it, accept.ts), or
// delete the ghost.

import { WordHost } from '../hosts/word/WordHost';
import { acceptSuggestion, type AcceptHow } from './accept';
import { acceptDirectly, type SharedStorage } from './shownGhost';
import type { CommandTarget } from './commandTarget';

/** names fixed: the manifest's <FunctionName> / shortcuts.json action ids use exactly these */
export const COMMAND_NAMES = ['banxieAccept', 'banxieAcceptNext', 'banxieDismiss', 'banxieSuggestNow'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** Office.AddinCommands.Event: completed() must be called or Word shows a spinner, then an error */
export interface CommandEvent {
  completed(): void;
}

export interface CommandDeps {
  Word: typeof Word;
  Office: typeof Office;
  getTarget(): CommandTarget | null;
  /** where the pane publishes the ghost it shows (its model and label), for accepts without a session;
   *  default: this origin's localStorage, which the pane's runtime shares */
  storage?: SharedStorage | null;
  /** reports failures (console in production); a command must never throw into Office */
  log?(name: CommandName, error: unknown): void;
}

export type CommandHandler = (event?: CommandEvent) => Promise<void>;

export function createCommandHandlers(deps: CommandDeps): Record<CommandName, CommandHandler> {
  const direct = () => new WordHost({ Word: deps.Word, Office: deps.Office, pollMs: 0 });
  const storage = (): SharedStorage | null => (deps.storage !== undefined ? deps.storage : defaultStorage());
  const accept = async (how: AcceptHow): Promise<void> => {
    await acceptSuggestion(how, deps.getTarget(), () => {
      const host = direct();
      const ghost = {
        ghostText: () => host.adoptGhost(), acceptGhost: (chars?: number) => host.acceptGhost(chars), labelAiContent: host.labelAiContent.bind(host),
        // the clerk clicked 接受: where the caret is not known without measuring (the web, inside a paragraph, after
        // 重新建议) it is measured, as for 重新建议 itself
        readContext: () => host.readContext(undefined, { exact: true }), insertAtCursor: (text: string) => host.insertAtCursor(text),
      };
      return acceptDirectly(how, ghost, storage());
    });
  };

  const actions: Record<CommandName, () => Promise<void>> = {
    banxieAccept: () => accept('all'),
    banxieAcceptNext: () => accept('next'),
    async banxieDismiss() {
      const t = deps.getTarget();
      if (t) return t.dismiss();
      await direct().clearGhost();
    },
    async banxieSuggestNow() {
      const t = deps.getTarget();
      if (t) return t.askAgain();
      // no session in this runtime: open the pane where the host lets us (SharedRuntime 1.1);
      // elsewhere the ribbon's "show pane" button is the way (a function command cannot open it)
      const addin = (deps.Office as unknown as { addin?: { showAsTaskpane?: () => Promise<void> } }).addin;
      if (addin?.showAsTaskpane) await addin.showAsTaskpane();
    },
  };

  const wrap = (name: CommandName): CommandHandler => async (event) => {
    try {
      await actions[name]();
    } catch (e) {
      deps.log?.(name, e);
    } finally {
      event?.completed();
    }
  };
  return Object.fromEntries(COMMAND_NAMES.map((n) => [n, wrap(n)])) as Record<CommandName, CommandHandler>;
}

/** localStorage where this webview has one and lets us use it */
function defaultStorage(): SharedStorage | null {
  try {
    return (globalThis as { localStorage?: SharedStorage }).localStorage ?? null;
  } catch {
    return null; // storage blocked (privacy settings): no label from this runtime
  }
}

/** register with Office.actions.associate (ribbon ExecuteFunction and keyboard shortcuts);
 *  also as globals, which is how FunctionFile commands are found on older Word builds */
export function registerCommands(deps: CommandDeps, globals: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): void {
  const handlers = createCommandHandlers(deps);
  const actions = (deps.Office as unknown as { actions?: { associate?: (n: string, f: CommandHandler) => void } }).actions;
  for (const name of COMMAND_NAMES) {
    actions?.associate?.(name, handlers[name]);
    globals[name] = handlers[name];
  }
}
