// Entry of commands.html (the manifest's FunctionFile): registers the ribbon / keyboard
// commands once office.js is ready. With a shared runtime this same bundle context is the
// task pane's, so commandTarget holds the running session.

import { getCommandTarget } from './commandTarget';
import { registerCommands } from './commandHandlers';

const g = globalThis as unknown as { Office?: typeof Office; Word?: typeof Word };

if (g.Office) {
  void g.Office.onReady(() => {
    if (!g.Word || !g.Office) return;
    registerCommands({
      Word: g.Word,
      Office: g.Office,
      getTarget: getCommandTarget,
      log: (name, e) => console.error(`[banxie] command ${name} failed`, e),
    });
  });
}
