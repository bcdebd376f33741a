// React glue: the pane's components read the controller's snapshot and nothing else.
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { PaneController, PaneSnapshot } from '../PaneController';

export const PaneContext = createContext<PaneController | null>(null);

export function useController(): PaneController {
  const c = useContext(PaneContext);
  if (!c) throw new Error('PaneContext missing: render inside <PaneContext.Provider>');
  return c;
}

export function usePane(): PaneSnapshot {
  const c = useController();
  return useSyncExternalStore(
    (cb) => c.subscribe(cb),
    () => c.snapshot,
  );
}
