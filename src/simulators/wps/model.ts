// The document state behind the WPS simulator: characters with colour/italic, bookmarks, the
// selection, the undo stack, event listeners and the "stale paint" flag. The WPS-shaped objects
// (Application, Range, Selection …) live in api.ts; every rule here cites where it comes from.
//
// Positions are character offsets in the main story, as in WPS/Word: paragraphs end with '\r'
// and the story always ends with a final paragraph mark that cannot be deleted (Word object
// model, which WPS mirrors: Content.Text ends with '\r', Content.End = story length).

import { WD_COLOR_AUTOMATIC, type WpsEventName } from '../../hosts/wps/wpsApi';

export interface Ch {
  ch: string;
  /** WdColor (BGR) */
  color: number;
  italic: boolean;
}

export interface Mark {
  start: number;
  end: number;
}

/** Switches for behaviour the sources do not settle (HOST-API-NOTES §9 [UNCONFIRMED]). */
export interface WpsSimOptions {
  /**
   * Whether WindowSelectionChange / ContentChange fire for the add-in's own API edits, and when.
   * [UNCONFIRMED] for WPS; Word documents that its events fire for add-in edits (§3).
   * Default 'sync' (the awkward case: the handler runs inside our own call).
   */
  ownEditEvents?: 'none' | 'sync' | 'deferred';
  /** How events for the person's actions arrive. [UNCONFIRMED] how often WPS fires them while typing. */
  userEvents?: 'sync' | 'deferred' | 'none';
  /**
   * Setting `Range.Text` over a bookmark's text removes the bookmark. [CODE] add-ins in the wild
   * re-add the bookmark after `Range.Text=` (§9), which suggests it; not in the docs. Default true.
   */
  rangeTextDropsBookmark?: boolean;
  /**
   * Text inserted exactly at a bookmark's start goes inside the bookmark. [UNCONFIRMED];
   * default false (it shifts the bookmark). At the bookmark's end it never grows it ([DOC] §9).
   */
  bookmarkGrowsAtStart?: boolean;
  /**
   * A collapsed selection sitting exactly where a Range inserts text moves after the new text.
   * [UNCONFIRMED] (Word has the same open question, §1). Default true: the host must put the
   * caret back itself with Selection.SetRange.
   */
  caretAfterRangeInsert?: boolean;
  /**
   * API text writes leave the screen unrepainted until a Range.Select(); [CODE] the wpsjs template
   * calls `Selection.Range.Select()` after `Range.Text=` "to force a repaint" (§9). We apply it to
   * every API text write (an assumption). Default false.
   */
  stalePaint?: boolean;
  /** Application.UndoRecord exists ([CODE] wps-paper util.js, §9); false models an older build. */
  undoRecord?: boolean;
  /** initial document text ('\n' between paragraphs); caret at the end */
  text?: string;
  /** the first section's primary page header ('\n' between paragraphs) */
  header?: string;
  /** Document.FullName */
  fullName?: string;
  /** the bookmark name the playground renders as ghost (the host's name for it) */
  ghostBookmark?: string;

  // ---- facts the host reads at start (issue 16 §1; names per wps-jsapi-declare lib.wps.d.ts) ----
  /** Application.Version / Application.Build / System.OperatingSystem */
  version?: string;
  build?: string;
  os?: string;
  /** Document.ReadOnly: the file was opened read-only (edits still allowed, saving over it is not) */
  readOnly?: boolean;
  /** Document.ProtectionType (WdProtectionType; -1 = wdNoProtection) */
  protectionType?: number;
  /** Document.TrackRevisions at open */
  trackRevisions?: boolean;

  // ---- misbehaviour, so tests can show the host's self-checks catch it (none is documented for WPS;
  // each stands for "this build does not do what the API says") ----
  /** Font.Color / Font.Italic writes through the API are ignored (the ghost reads back without its look) */
  fontWritesIgnored?: boolean;
  /** Font.Color = wdColorAutomatic is ignored [UNCONFIRMED that every WPS accepts it]: accepted text stays grey */
  automaticColorIgnored?: boolean;
  /** Range.Delete() of more than one character leaves the last one (a removal that leaves text) */
  deleteLeavesLastChar?: boolean;
  /** Selection.SetRange does nothing (the caret cannot be put back; cf. Word 2016 MSI select(), §1 #1323) */
  setRangeIgnored?: boolean;
}

export type ResolvedOptions = Required<WpsSimOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = {
  ownEditEvents: 'sync',
  userEvents: 'sync',
  rangeTextDropsBookmark: true,
  bookmarkGrowsAtStart: false,
  caretAfterRangeInsert: true,
  stalePaint: false,
  undoRecord: true,
  text: '',
  header: '',
  fullName: '/home/user/文档/公文.docx',
  ghostBookmark: 'banxie_ghost',
  version: '12.1.0',
  build: '12.1.0.17147',
  os: 'Linux',
  readOnly: false,
  protectionType: -1,
  trackRevisions: false,
  fontWritesIgnored: false,
  automaticColorIgnored: false,
  deleteLeavesLastChar: false,
  setRangeIgnored: false,
};

interface UndoEntry {
  chars: Ch[];
  marks: Map<string, Mark>;
  sel: Mark;
  label: string;
}

export type Origin = 'user' | 'api';
type Listener = (...args: unknown[]) => void;

export const AUTOMATIC: Omit<Ch, 'ch'> = { color: WD_COLOR_AUTOMATIC, italic: false };

export class WpsModel {
  chars: Ch[] = [];
  marks = new Map<string, Mark>();
  sel: Mark = { start: 0, end: 0 };
  saved = true;
  open = true;
  trackRevisions = false;
  protectionType = -1;
  undoStack: UndoEntry[] = [];
  /** UndoRecord.StartCustomRecord nesting; >0 merges every write into one undo entry */
  customRecordLevel = 0;
  private customRecordPushed = false;
  customRecordName = '';
  /** the screen is showing an older state (see WpsSimOptions.stalePaint) */
  stale = false;
  listeners = new Map<WpsEventName, Set<Listener>>();
  private subscribers = new Set<() => void>();
  /** counts, for tests: API calls that wrote to the document */
  apiWrites = 0;
  /** the first section's primary page header, and how often the add-in read it */
  header = '';
  headerReads = 0;

  constructor(readonly opt: ResolvedOptions) {
    this.setText(opt.text);
    this.header = opt.header;
    this.protectionType = opt.protectionType;
    this.trackRevisions = opt.trackRevisions;
  }

  // ---- reading -------------------------------------------------------------

  get length(): number {
    return this.chars.length;
  }

  /** caret positions stop before the final paragraph mark */
  get maxCaret(): number {
    return this.chars.length - 1;
  }

  clamp(p: number, max = this.chars.length): number {
    if (!Number.isFinite(p)) return 0;
    return Math.max(0, Math.min(max, Math.trunc(p)));
  }

  rawText(start: number, end: number): string {
    let s = '';
    for (let i = start; i < end; i++) s += this.chars[i].ch;
    return s;
  }

  /** the person's view: paragraphs joined by '\n', no final mark */
  text(): string {
    return this.rawText(0, this.maxCaret).replace(/\r/g, '\n');
  }

  /**
   * Formatting new text takes at `p`: that of the previous character (HOST-API-NOTES §2: inserted
   * and typed text inherit the neighbouring formatting, #4276/#6448 for Word; assumed the same in
   * WPS). At the start of a paragraph: automatic.
   */
  formatAt(p: number): Omit<Ch, 'ch'> {
    const prev = this.chars[p - 1];
    if (!prev || prev.ch === '\r') return { ...AUTOMATIC };
    return { color: prev.color, italic: prev.italic };
  }

  // ---- writing -------------------------------------------------------------

  setText(text: string): void {
    this.chars = [...text.replace(/\n/g, '\r'), '\r'].map((ch) => ({ ch, ...AUTOMATIC }));
    this.marks.clear();
    this.sel = { start: this.maxCaret, end: this.maxCaret };
    this.undoStack = [];
    this.saved = true;
    this.stale = false;
    this.open = true;
  }

  /** one undo entry per write, or one for a whole custom record (UndoRecord, §9) */
  beginWrite(origin: Origin, label: string): void {
    if (origin === 'api') this.apiWrites++;
    if (origin === 'api' && this.opt.stalePaint) this.freezePaint();
    if (origin === 'user') this.stale = false; // a keystroke repaints the view
    if (this.customRecordLevel > 0 && origin === 'api') {
      if (this.customRecordPushed) return;
      this.customRecordPushed = true;
      label = this.customRecordName || label;
    }
    this.undoStack.push({ chars: this.chars.map((c) => ({ ...c })), marks: cloneMarks(this.marks), sel: { ...this.sel }, label });
    this.saved = false;
  }

  startCustomRecord(name: string): void {
    if (this.customRecordLevel === 0) {
      this.customRecordPushed = false;
      this.customRecordName = name;
    }
    this.customRecordLevel++;
  }

  endCustomRecord(): void {
    if (this.customRecordLevel > 0) this.customRecordLevel--;
  }

  /**
   * Inserts text at p. Bookmarks: text at a bookmark's end stays outside ([DOC] §9, InsertAfter on a
   * bookmark's range does not grow the bookmark); at its start see `bookmarkGrowsAtStart`.
   * The selection: a caret at p moves after the text when the person typed it, and for API inserts
   * as `caretAfterRangeInsert` says.
   */
  insert(p: number, text: string, fmt: Omit<Ch, 'ch'>, origin: Origin): number {
    const s = text.replace(/\r\n|\n/g, '\r');
    const n = s.length;
    if (n === 0) return 0;
    p = this.clamp(p, this.maxCaret);
    this.chars.splice(p, 0, ...[...s].map((ch) => ({ ch, ...fmt })));
    for (const m of this.marks.values()) {
      if (p < m.start || (p === m.start && !(this.opt.bookmarkGrowsAtStart && m.start < m.end))) {
        m.start += n;
        m.end += n;
      } else if (p < m.end) {
        m.end += n;
      }
    }
    const moveAtP = origin === 'user' || this.opt.caretAfterRangeInsert;
    const shift = (x: number): number => (x > p || (x === p && moveAtP) ? x + n : x);
    this.sel = { start: shift(this.sel.start), end: shift(this.sel.end) };
    return n;
  }

  /**
   * Deletes [a, b). The final paragraph mark is never deleted (Word/WPS keep it). A bookmark whose
   * whole non-empty text is deleted goes with it (Word behaviour; [UNCONFIRMED] in WPS — the host
   * must not rely on either outcome).
   */
  remove(a: number, b: number): number {
    a = this.clamp(a, this.maxCaret);
    b = this.clamp(b, this.maxCaret);
    if (b <= a) return 0;
    const n = b - a;
    this.chars.splice(a, n);
    const map = (x: number): number => (x <= a ? x : x < b ? a : x - n);
    for (const [name, m] of [...this.marks]) {
      if (m.start < m.end && a <= m.start && m.end <= b) this.marks.delete(name);
      else this.marks.set(name, { start: map(m.start), end: map(m.end) });
    }
    this.sel = { start: map(this.sel.start), end: map(this.sel.end) };
    return n;
  }

  format(a: number, b: number, patch: Partial<Omit<Ch, 'ch'>>): void {
    for (let i = a; i < b && i < this.chars.length; i++) Object.assign(this.chars[i], patch);
  }

  undo(): boolean {
    const e = this.undoStack.pop();
    if (!e) return false;
    this.chars = e.chars;
    this.marks = e.marks;
    this.sel = e.sel;
    this.saved = false;
    this.stale = false;
    return true;
  }

  // ---- paint ---------------------------------------------------------------

  /** what the screen shows while stale; set by the api layer before the first unpainted write */
  paintedText: { chars: Ch[]; marks: Map<string, Mark>; sel: Mark } | null = null;

  freezePaint(): void {
    if (this.stale) return;
    this.paintedText = { chars: this.chars.map((c) => ({ ...c })), marks: cloneMarks(this.marks), sel: { ...this.sel } };
    this.stale = true;
  }

  /** Range.Select() repaints ([CODE] wpsjs template comment, §9) */
  repaint(): void {
    this.stale = false;
    this.paintedText = null;
  }

  // ---- events --------------------------------------------------------------

  addListener(name: WpsEventName, fn: Listener): void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn);
  }

  removeListener(name: WpsEventName, fn?: Listener): void {
    if (!fn) this.listeners.delete(name);
    else this.listeners.get(name)?.delete(fn);
  }

  listenerCount(name: WpsEventName): number {
    return this.listeners.get(name)?.size ?? 0;
  }

  /** fires now, whatever the options: save/close are ask-type events WPS must await (Cancel) */
  fireNow(name: WpsEventName, args: unknown[]): void {
    for (const fn of [...(this.listeners.get(name) ?? [])]) fn(...args);
  }

  /** fires a notification-type event as the options say for this origin */
  fire(name: WpsEventName, args: unknown[], origin: Origin): void {
    const mode = origin === 'user' ? this.opt.userEvents : this.opt.ownEditEvents;
    if (mode === 'none') return;
    if (mode === 'sync') this.fireNow(name, args);
    else setTimeout(() => this.fireNow(name, args), 0);
  }

  subscribe(cb: () => void): () => void {
    this.subscribers.add(cb);
    return () => this.subscribers.delete(cb);
  }

  changed(): void {
    for (const cb of [...this.subscribers]) cb();
  }
}

function cloneMarks(m: Map<string, Mark>): Map<string, Mark> {
  return new Map([...m].map(([k, v]) => [k, { ...v }]));
}
