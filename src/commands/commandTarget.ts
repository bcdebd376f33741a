// The running suggestion session as seen by ribbon/keyboard commands. With a shared runtime
// the task pane registers itself here; without one (Word 2016/2021) nothing is registered
// and the commands act on the document directly (see commands.ts).

export interface CommandTarget {
  acceptAll(): Promise<void>;
  acceptNext(): Promise<void>;
  dismiss(): Promise<void>;
  askAgain(): Promise<void>;
}

// Kept on the window, not in a module variable: with a shared runtime the task pane bundle
// and the commands bundle are separate webpack entries loaded into the same window, each with
// its own copy of this module.
const KEY = '__banxieCommandTarget';
const slot = globalThis as unknown as Record<typeof KEY, CommandTarget | null | undefined>;

export function setCommandTarget(t: CommandTarget | null): void {
  slot[KEY] = t;
}

export function getCommandTarget(): CommandTarget | null {
  return slot[KEY] ?? null;
}
