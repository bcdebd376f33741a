// The pane's diagnostics (Settings › 诊断信息 and the developer log), as a React context: mount.tsx provides it,
// the lazily loaded DiagnosticsView and the always-present DebugLogPanel read it.
import { createContext, useContext } from 'react';
import type { PaneDiagnostics } from '../diagnostics/PaneDiagnostics';

export const DiagnosticsContext = createContext<PaneDiagnostics | null>(null);

export function useDiagnostics(): PaneDiagnostics | null {
  return useContext(DiagnosticsContext);
}
