// The WPS add-in's own page (dist/wps/index.html): WPS loads it hidden and calls the ribbon
// callbacks named in ribbon.xml by their global names ([CODE] wpsjs template, HOST-API-NOTES §9).
// The task pane (dist/wps/taskpane.html) is a separate page with its own WpsHost.
//
// Ribbon buttons act on the document directly: the ghost is self-describing in WPS (grey italic
// text under the `banxie_ghost` bookmark), so this page adopts it; the pane's host notices. An accept
// goes through the commands' one adapter (commands/accept.ts): no session runs on this page, so it
// labels the document itself from what the pane published in PluginStorage about the ghost.

import type { WpsApplication, WpsRibbonUI } from '../wpsApi';
import { CONTROLS, ghostCommand, ribbonLangHere } from './commands';
import { rt, type RibbonKey } from './strings';

export { CONTROLS, ghostCommand } from './commands';
export { pluginStorage } from '../pluginStorage';

/** PluginStorage key of the task pane's id, shared by the add-in's pages ([CODE] §9) */
export const TASKPANE_ID_KEY = 'banxie_taskpane_id';

/** what WPS passes to ribbon callbacks */
export interface RibbonControl {
  Id: string;
}

const LABELS: Record<string, RibbonKey> = {
  [CONTROLS.showPane]: 'wps.ribbon.showPane',
  [CONTROLS.accept]: 'wps.ribbon.accept',
  [CONTROLS.acceptNext]: 'wps.ribbon.acceptNext',
  [CONTROLS.dismiss]: 'wps.ribbon.dismiss',
};

const IMAGES: Record<string, string> = {
  [CONTROLS.showPane]: 'images/pane.svg',
  [CONTROLS.accept]: 'images/accept.svg',
  [CONTROLS.acceptNext]: 'images/accept-next.svg',
  [CONTROLS.dismiss]: 'images/dismiss.svg',
};

interface WpsGlobals {
  Application?: WpsApplication;
  wps?: WpsApplication;
  location?: { href: string };
  navigator?: { language?: string };
}

function globals(): WpsGlobals {
  return globalThis as unknown as WpsGlobals;
}

function application(): WpsApplication | null {
  const g = globals();
  return g.Application ?? g.wps ?? null;
}

const lang = ribbonLangHere;

/** the add-in's base URL: the folder index.html was loaded from */
export function addinBase(href = globals().location?.href ?? ''): string {
  const noQuery = href.split(/[?#]/)[0];
  return noQuery.slice(0, noQuery.lastIndexOf('/') + 1);
}

/** The meta tag `npm run package` writes into the offline copy's index.html: offline, the add-in runs from the
 *  machine's disk, where the pane cannot infer the service from its own address (docs/WPS.md, offline mode). */
export const OFFLINE_SERVICE_META = 'banxie-service';

type Page = { querySelector(sel: string): { getAttribute(name: string): string | null } | null } | undefined;
const thisPage = (): Page => (globalThis as { document?: Document }).document;

/** what this page's `<meta name="NAME">` says (the build and the package write them: scripts/wps/lists.ts withHeadMeta) */
function metaContent(doc: Page, name: string): string {
  return doc?.querySelector(`meta[name="${name}"]`)?.getAttribute('content')?.trim() ?? '';
}

/** the service the offline package names, or '' (online the pane asks the folder above wps/) */
export function packagedService(doc: Page = thisPage()): string {
  return metaContent(doc, OFFLINE_SERVICE_META);
}

/** the admin policy `npm run build -- --pane-query` wrote into index.html (<meta name="banxie-pane-query">), or '' */
export function packagedPaneQuery(doc: Page = thisPage()): string {
  return metaContent(doc, 'banxie-pane-query').replace(/^\?/, '');
}

/** the task pane's address: taskpane.html in the add-in's folder, with the add-in page's query (else the policy the
 * build wrote into the page), so the admin policy (?service=, ?token=, ?paneOnly=1, docs/WPS.md) reaches the pane;
 * offline, the service the package named where the query names none */
export function paneUrl(href = globals().location?.href ?? '', service = packagedService(), packaged = packagedPaneQuery()): string {
  const own = /\?[^#]*/.exec(href)?.[0] ?? '';
  const query = own || (packaged ? `?${packaged}` : '');
  const named = service && !/[?&]service=/.test(query) ? `${query ? '&' : '?'}service=${encodeURIComponent(service)}` : '';
  return addinBase(href) + 'taskpane.html' + query + named;
}

/** ribbon.xml onLoad: the first callback WPS makes ([CODE] §9 wpsjs template) */
export function OnAddinLoad(ribbonUI: WpsRibbonUI): boolean {
  const app = application();
  if (app && typeof app.ribbonUI !== 'object') app.ribbonUI = ribbonUI;
  return true;
}

/** show the pane the first time, then toggle it; the id is kept in PluginStorage ([CODE] §9) */
export function togglePane(app: WpsApplication): void {
  const stored = app.PluginStorage.getItem(TASKPANE_ID_KEY);
  const existing = stored ? app.GetTaskPane(Number(stored)) : null;
  if (existing) {
    existing.Visible = !existing.Visible;
    return;
  }
  const pane = app.CreateTaskPane(paneUrl(), rt(lang(), 'wps.pane.title'));
  app.PluginStorage.setItem(TASKPANE_ID_KEY, pane.ID);
  pane.Visible = true;
}

/** ribbon.xml onAction */
export function OnAction(control: RibbonControl): boolean {
  const app = application();
  if (!app) return true;
  switch (control.Id) {
    case CONTROLS.showPane:
      togglePane(app);
      break;
    case CONTROLS.accept:
    case CONTROLS.acceptNext:
    case CONTROLS.dismiss:
      void ghostCommand(app, control.Id).catch((e: unknown) => console.error('banxie', e));
      break;
    default:
      break;
  }
  return true;
}

/** ribbon.xml getImage: a path relative to the add-in folder ([CODE] wpsjs template) */
export function GetImage(control: RibbonControl): string {
  return IMAGES[control.Id] ?? IMAGES[CONTROLS.showPane];
}

/** ribbon.xml getLabel */
export function GetLabel(control: RibbonControl): string {
  const key = LABELS[control.Id];
  return key ? rt(lang(), key) : '';
}

/** ribbon.xml getScreentip */
export function GetScreentip(control: RibbonControl): string {
  const key = LABELS[control.Id];
  return key ? rt(lang(), `${key}.tip` as RibbonKey) : '';
}

/** ribbon.xml getEnabled / getVisible: always on; ghost commands do nothing when there is no ghost */
export function OnGetEnabled(_control: RibbonControl): boolean {
  return true;
}

export function OnGetVisible(_control: RibbonControl): boolean {
  return true;
}

export const RIBBON_CALLBACKS = { OnAddinLoad, OnAction, GetImage, GetLabel, GetScreentip, OnGetEnabled, OnGetVisible };

// WPS looks the callbacks up as globals of this page; some templates use `ribbon.X`, so offer both.
if (typeof window !== 'undefined') {
  Object.assign(window, RIBBON_CALLBACKS, { ribbon: RIBBON_CALLBACKS });
}
