// A behavioural fake of WPS Writer for tests and the playground: `Application` is the add-in's
// side (window.Application in WPS), `user` and `snapshot()` are the person's side.
// Rules and their sources: model.ts and api.ts; switches: WpsSimOptions.

import type { DocRun, DocSnapshot, SimulatedDocument, SimulatedUser } from '../SimulatedDocument';
import { WD_COLOR_AUTOMATIC, WD_COLOR_GRAY50, type WpsCancel } from '../../hosts/wps/wpsApi';
import { SimApplication } from './api';
import { DEFAULT_OPTIONS, WpsModel, type Ch, type Mark, type WpsSimOptions } from './model';
import { customPropertiesView, setUpCustomProperties, type WpsPropertyOptions, type WpsPropertyValue } from './customProperties';

export type { WpsSimOptions } from './model';
export { SimApplication } from './api';

export interface WpsCloseResult {
  /** false when an add-in cancelled the close (Cancel.Value = true) */
  closed: boolean;
  /** WPS asked "save changes?" because Document.Saved was false */
  prompted: boolean;
  /** what was written to disk ('save' answer), null when nothing was */
  saved: string | null;
}

export interface WpsSimulator extends SimulatedDocument {
  readonly kind: 'wps';
  /** what the add-in sees as `window.Application` */
  readonly Application: SimApplication;
  readonly user: SimulatedUser & {
    /** close the document: DocumentBeforeClose first, then the save prompt if it is dirty */
    close(answer?: 'save' | 'discard'): WpsCloseResult;
    /** reopen a document (e.g. one recovered after a crash) keeping its text and bookmarks */
    reopen(): void;
    /** Tools ▸ Track changes */
    setTrackRevisions(on: boolean): void;
  };
  /** the screen is stale (an API write not yet repainted by Range.Select()) */
  readonly stale: boolean;
  /** number of entries on the undo stack */
  undoDepth(): number;
  /** saved files, oldest first */
  readonly savedFiles: string[];
  /** live model, for tests that need to look under the hood */
  readonly model: WpsModel;
  /** the document's custom properties as 文件 ▸ 属性 shows them, by name */
  customProperties(): Record<string, WpsPropertyValue>;
}

/** BGR WdColor → '#rrggbb'; automatic → undefined */
export function wdColorToCss(c: number): string | undefined {
  if (c === WD_COLOR_AUTOMATIC || c < 0) return undefined;
  const r = c & 0xff;
  const g = (c >> 8) & 0xff;
  const b = (c >> 16) & 0xff;
  return '#' + [r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('');
}

export function createWpsSimulator(options: WpsSimOptions & WpsPropertyOptions = {}): WpsSimulator {
  const opt = { ...DEFAULT_OPTIONS, ...options };
  const m = new WpsModel(opt);
  const app = new SimApplication(m);
  const doc = app.document;
  doc.CustomDocumentProperties = setUpCustomProperties(m, options);
  const savedFiles: string[] = [];

  const userEdit = (label: string, fn: () => void): void => {
    m.beginWrite('user', label);
    fn();
    m.fire('ContentChange', [doc, doc.Range(m.sel.start, m.sel.end), 0], 'user');
    m.fire('WindowSelectionChange', [app.Selection], 'user');
    m.changed();
  };

  const save = (): string => {
    // [DOC] §9: DocumentBeforeSave(Doc, SaveAsUI, Cancel) fires before the file is written.
    const cancel: WpsCancel = { Value: false };
    m.fireNow('DocumentBeforeSave', [doc, false, cancel]);
    if (cancel.Value) return savedFiles[savedFiles.length - 1] ?? '';
    const text = m.text();
    savedFiles.push(text);
    m.saved = true;
    m.fireNow('DocumentAfterSave', [doc]);
    m.changed();
    return text;
  };

  const user: WpsSimulator['user'] = {
    type(text: string) {
      userEdit('typing', () => {
        const { start, end } = m.sel;
        const fmt = m.formatAt(start);
        m.remove(start, end);
        m.insert(start, text, fmt, 'user');
      });
    },
    backspace() {
      const { start, end } = m.sel;
      if (start === end && start === 0) return;
      userEdit('delete', () => m.remove(start === end ? start - 1 : start, end));
    },
    select(start: number, end?: number) {
      const a = m.clamp(Math.min(start, end ?? start), m.maxCaret);
      const b = m.clamp(Math.max(start, end ?? start), m.maxCaret);
      m.sel = { start: a, end: b };
      m.stale = false; // a click repaints
      m.paintedText = null;
      m.fire('WindowSelectionChange', [app.Selection], 'user');
      m.changed();
    },
    save,
    undo() {
      if (!m.undo()) return;
      m.paintedText = null;
      m.fire('ContentChange', [doc, doc.Range(m.sel.start, m.sel.end), 0], 'user');
      m.fire('WindowSelectionChange', [app.Selection], 'user');
      m.changed();
    },
    load(text: string) {
      m.setText(text);
      m.fireNow('DocumentOpen', [doc]);
      m.changed();
    },
    close(answer: 'save' | 'discard' = 'save'): WpsCloseResult {
      // [DOC] §9: DocumentBeforeClose(Doc, Cancel) fires before WPS asks to save a dirty document.
      const cancel: WpsCancel = { Value: false };
      m.fireNow('DocumentBeforeClose', [doc, cancel]);
      if (cancel.Value) return { closed: false, prompted: false, saved: null };
      const prompted = !m.saved;
      let saved: string | null = null;
      if (prompted && answer === 'save') saved = save();
      m.open = false;
      m.fireNow('DocumentAfterClose', [doc]);
      m.changed();
      return { closed: true, prompted, saved };
    },
    reopen() {
      m.open = true;
      m.undoStack = [];
      m.saved = true;
      m.fireNow('DocumentOpen', [doc]);
      m.changed();
    },
    setTrackRevisions(on: boolean) {
      m.trackRevisions = on;
      m.changed();
    },
  };

  return {
    kind: 'wps',
    Application: app,
    user,
    model: m,
    savedFiles,
    get stale() {
      return m.stale;
    },
    undoDepth: () => m.undoStack.length,
    customProperties: () => customPropertiesView(m),
    text: () => m.text(),
    subscribe: (cb) => m.subscribe(cb),
    snapshot(): DocSnapshot {
      const view = m.stale && m.paintedText ? m.paintedText : { chars: m.chars, marks: m.marks, sel: m.sel };
      return toSnapshot(view.chars, view.marks.get(opt.ghostBookmark), view.sel);
    },
  };
}

/** the ghost as the person sees it: grey italic text inside the ghost bookmark */
function toSnapshot(chars: Ch[], ghost: Mark | undefined, sel: Mark): DocSnapshot {
  const paragraphs: DocRun[][] = [[]];
  for (let i = 0; i < chars.length - 1; i++) {
    const c = chars[i];
    if (c.ch === '\r') {
      paragraphs.push([]);
      continue;
    }
    const isGhost = !!ghost && i >= ghost.start && i < ghost.end && c.color === WD_COLOR_GRAY50 && c.italic;
    const color = wdColorToCss(c.color);
    const runs = paragraphs[paragraphs.length - 1];
    const last = runs[runs.length - 1];
    if (last && last.ghost === isGhost && last.color === color && !!last.italic === c.italic) last.text += c.ch;
    else runs.push({ text: c.ch, ghost: isGhost, ...(color ? { color } : {}), ...(c.italic ? { italic: true } : {}) });
  }
  return { paragraphs, selection: { start: sel.start, end: sel.end } };
}
