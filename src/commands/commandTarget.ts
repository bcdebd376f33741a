// The running suggestion session as seen by ribbon/keyboard commands. With a shared runtime
// the task pane registers itself here; without one (Word 2016/2021) nothing is registered
// and the commands act on the document directly (see commands.ts).

export interface CommandTarget {
  acceptAll(): Promise<void>;
  acceptNext(): Promise<void>;
  dismiss(): Promise<void>;
  askAgain(): Promise<void>;
}

let current: CommandTarget | null = null;

export function setCommandTarget(t: CommandTarget | null): void {
  current = t;
}

export function getCommandTarget(): CommandTarget | null {
  return current;
}
