// WPS's PluginStorage, shared by the add-in's pages ([DOC] addon.wps), as the storage the task pane and the ribbon's
// page share (commands/shownRecord.ts).
import type { SharedStorage } from '../../commands/shownRecord';
import type { WpsApplication } from './wpsApi';

export function pluginStorage(app: WpsApplication): SharedStorage {
  const s = app.PluginStorage;
  return { getItem: (k) => s.getItem(k), setItem: (k, v) => s.setItem(k, v), removeItem: (k) => s.removeItem(k) };
}
