// A behavioural fake of Word for tests and the playground: the person's side
// (SimulatedDocument) and the add-in's side (`Word` and `Office` namespaces) over one model.
// Each quirk cites HOST-API-NOTES; switches let tests show the host copes with each.

import { GHOST_TAG } from '../../core/protocol';
import type { DocRun, DocSnapshot, SimulatedDocument, SimulatedUser } from '../SimulatedDocument';
import { parseAnnotated } from '../annotated';
import { Ctx, SimError } from './context';
import type { Env, SimStats } from './context';
import { WordModel } from './model';
import type { TrackMode } from './model';
import { createOfficeFake, SelectionEvents } from './officeFake';
import { SimDocument } from './proxies';
import { customPropertiesOf, type CustomValue } from './customProperties';
import type { WordVersion } from './versions';
import { rng } from '../rng';

export interface WordSimOptions {
  version?: WordVersion;
  /** initial document as an annotated string ('|' caret; no ghost) */
  doc?: string;
  /** the first section's primary page header ('\n' between paragraphs) */
  header?: string;
  /** full round trip per context.sync(); 0 = next microtask (§4) */
  syncDelayMs?: number;
  /** extra ms per 1000 characters of text a sync returns (§4: body.text grows with length) */
  textCostMsPer1000?: number;
  /** §1 [UNCONFIRMED]: where a caret at the insertion point ends after insertText */
  caretAfterInsert?: 'before' | 'after';
  /** §1 #1794: inserting before the caret leaves it at the same offset */
  caretKeepsOffset?: boolean;
  /** §5: Word's change tracking; our writes become revisions */
  trackChanges?: TrackMode;
  /** §1 #1323: select() is ignored (Word 2016 MSI) */
  selectIgnored?: boolean;
  /** §6 #5715: expandTo pushes an undo entry; default on for 'web' */
  expandToAddsUndo?: boolean;
  seed?: number;
  /** §3: probability a change produces no DocumentSelectionChanged */
  selectionEventDrop?: number;
  /** §3 #4874: probability a content change produces no paragraph event */
  paragraphEventDrop?: number;
  /** §3: delay before DocumentSelectionChanged (and paragraph events) fire */
  selectionEventDelayMs?: number;
  /** Office.context.document.url; https = stored in the cloud */
  url?: string;
  /** #2527: where a person puts the caret at a content control's start, Word on the web puts it inside the
   *  control (a compare with the control's range says InsideStart there, Equal on the desktop), so what they type
   *  joins the control; default on for 'web'. A click strictly inside a control's text lands inside everywhere. */
  caretEntersControlStart?: boolean;
  /** Office.context.document.mode readOnly: every write fails */
  readOnly?: boolean;
  /** §2 #1771: insertContentControl wraps only part of a just-inserted range (the ghost reads back short) */
  partialContentControl?: boolean;
  /** §2 #4276: text inserted where text was just deleted takes the deleted text's formatting (an accepted
   *  ghost would stay grey italic) */
  replacedFormatSticks?: boolean;
  /** ContentControl.delete(false) keeps the text, the COM/WPS meaning of the flag (§2): removal leaves text */
  controlDeleteKeepsText?: boolean;
  /** #1169: insertContentControl throws, as where the range crosses another control */
  contentControlFails?: boolean;
  /** Office.context.diagnostics.version; default a build string typical of `version` */
  officeVersion?: string;
  /** Office.context.officeTheme (absent on some hosts, e.g. Word 2016) */
  officeTheme?: { bodyBackgroundColor: string; bodyForegroundColor: string; controlBackgroundColor: string; controlForegroundColor: string };
  /** the document's custom properties when it opens (the person's own, or a label already there) */
  customProperties?: Record<string, CustomValue>;
  /** The add-in's select() moved the caret. On Word on the web that also gives the document the keyboard
   *  (office-js #316: "works as expected on Word Online", not on Windows/Mac); the playground focuses its page. */
  onAddinSelect?: () => void;
}

export interface WordSimulation extends SimulatedDocument {
  readonly kind: 'word';
  readonly Word: typeof Word;
  readonly Office: typeof Office;
  readonly stats: SimStats & { readonly undoEntries: number; readonly undoDepth: number; readonly revisions: number; readonly selectionEvents: number; readonly paragraphEvents: number };
  /** function commands registered through Office.actions.associate */
  readonly actions: ReadonlyMap<string, (event: { completed(): void }) => unknown>;
  readonly taskpaneShown: number;
  /** the person turns change tracking on or off (Review tab) */
  setTrackChanges(mode: TrackMode): void;
  /** the text of the tracked revisions left in the document, as the Review pane lists them */
  trackedRevisions(): { inserted: string; deleted: string };
  /** the person saves the document to OneDrive/SharePoint mid-session (File ▸ Save As): the file now lives at
   *  `url`, but Office.context.document.url keeps its old value until the document is reopened (#1507);
   *  getFilePropertiesAsync answers with the live one (seen in Excel, tmustier/pi-for-excel#717) */
  saveToCloud(url: string): void;
  /** what the person saved last (user.save()), ghost text included if any was in the document */
  readonly lastSaved: string | null;
  /** the person wraps [start,end) of text() in their own content control */
  addUserControl(start: number, end: number, tag?: string): void;
  /** the person edits the first section's primary page header (no event fires for it) */
  setHeader(text: string): void;
  /** number of controls tagged banxie-ghost (a crash can leave one) */
  ghostControls(): number;
  /** the document's custom properties as File ▸ Info ▸ Properties shows them, by key */
  customProperties(): Record<string, CustomValue>;
  dispose(): void;
}


const wait = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());

export function createWordSimulator(options: WordSimOptions = {}): WordSimulation {
  const version = options.version ?? '365';
  const model = new WordModel();
  model.trackMode = options.trackChanges ?? 'Off';
  model.headers.Primary = options.header ?? '';
  model.deletedTextVisible = version === 'web'; // §5 #1267
  const listeners = new Set<() => void>();
  const events = new SelectionEvents(
    { delayMs: options.selectionEventDelayMs ?? 50, drop: options.selectionEventDrop ?? 0 },
    rng(options.seed ?? 1),
  );
  // paragraph events exist from WordApi 1.6 (§3); they share the selection events' timing
  const paraEvents = new SelectionEvents(
    { delayMs: options.selectionEventDelayMs ?? 50, drop: options.paragraphEventDrop ?? 0 },
    rng((options.seed ?? 1) + 1),
    'paragraphChanged',
  );
  /** content: also a paragraph event, except for undo on the web (§3 #5089) */
  const notify = (content = true) => {
    events.trigger();
    if (content) paraEvents.trigger();
    for (const l of [...listeners]) l();
  };
  const stats: SimStats = { syncs: 0, writes: 0, writeSyncs: 0, charsRead: 0 };
  const syncMs = options.syncDelayMs ?? 0;
  const env: Env = {
    model,
    version,
    stats,
    caretAfterInsert: options.caretAfterInsert ?? 'before',
    caretKeepsOffset: options.caretKeepsOffset ?? false,
    expandToAddsUndo: options.expandToAddsUndo ?? version === 'web',
    selectIgnored: options.selectIgnored ?? version === '2016-msi',
    onAddinSelect: options.onAddinSelect,
    readOnly: options.readOnly ?? false,
    partialContentControl: options.partialContentControl ?? false,
    replacedFormatSticks: options.replacedFormatSticks ?? false,
    controlDeleteKeepsText: options.controlDeleteKeepsText ?? false,
    contentControlFails: options.contentControlFails ?? false,
    halfTrip: (chars) => wait(syncMs / 2 + (chars / 1000) * (options.textCostMsPer1000 ?? 0)),
    addinChanged: (kind) => notify(kind === 'content'),
    paragraphEvents: paraEvents,
  };

  const WordNs = {
    InsertLocation: { before: 'Before', after: 'After', start: 'Start', end: 'End', replace: 'Replace' },
    RangeLocation: { whole: 'Whole', start: 'Start', end: 'End', before: 'Before', after: 'After', content: 'Content' },
    SelectionMode: { select: 'Select', start: 'Start', end: 'End' },
    ContentControlAppearance: { boundingBox: 'BoundingBox', tags: 'Tags', hidden: 'Hidden' },
    ChangeTrackingMode: { off: 'Off', trackAll: 'TrackAll', trackMineOnly: 'TrackMineOnly' },
    ErrorCodes: { itemNotFound: 'ItemNotFound', accessDenied: 'AccessDenied', apiNotFound: 'ApiNotFound' },
    /** Word.run: runs the batch, then syncs anything still queued (as the real one does) */
    async run<T>(batch: (ctx: unknown) => Promise<T>): Promise<T> {
      const ctx = new Ctx(env, (c) => new SimDocument(c));
      try {
        const out = await batch(ctx);
        if (ctx.pending) await ctx.sync();
        return out;
      } finally {
        ctx.release();
      }
    },
  };
  const caretEntersControlStart = options.caretEntersControlStart ?? version === 'web';
  const saved: { last: string | null } = { last: null };
  const officeFake = createOfficeFake({ version, url: options.url ?? '', readOnly: env.readOnly, events, theme: options.officeTheme, officeVersion: options.officeVersion });

  const user: SimulatedUser = {
    type(text) {
      model.checkpoint();
      const sel = model.selection;
      if (sel.end > sel.start) model.deleteRange(sel.start, sel.end);
      const p = sel.start;
      // typed text takes the previous character's formatting, even across a control boundary (§2 #6448)
      model.insert(p, text, model.fmtAt(p), [sel]);
      sel.start = sel.end;
      notify();
    },
    backspace() {
      const sel = model.selection;
      model.checkpoint();
      if (sel.end > sel.start) model.deleteRange(sel.start, sel.end);
      else {
        let i = sel.start - 1;
        while (i >= 0 && !model.isChar(i)) i--;
        if (i >= 0) model.deleteRange(i, i + 1);
      }
      sel.end = sel.start;
      notify();
    },
    select(start, end) {
      let s = model.textToPos(start);
      const e = model.textToPos(end ?? start);
      // #2527: on the web a caret put at a control's start lands inside it (InsideStart), on the desktop outside
      if (caretEntersControlStart && s === e && model.items[s]?.t === 'o') s++;
      model.selection.start = s;
      model.selection.end = end === undefined ? s : e;
      notify(false);
    },
    // Office.js has no save event (no DocumentBeforeSave like WPS/COM): the add-in is not
    // told, so whatever ghost is in the document is saved with it. WordHost makes that
    // harmless: a tagged control, swept on the next load, pane-only for cloud documents.
    save() {
      saved.last = model.text();
      return saved.last;
    },
    undo() {
      // undo fires no paragraph events on the web (§3 #5089); the selection event still does
      if (model.undo()) notify(version !== 'web');
    },
    load(text) {
      model.load(text);
      notify();
    },
  };

  for (const [key, value] of Object.entries(options.customProperties ?? {})) customPropertiesOf(model).set(key.toLowerCase(), { key, value });

  if (options.doc !== undefined) {
    const a = parseAnnotated(options.doc);
    if (a.ghost) throw new Error('createWordSimulator: an initial document cannot contain ghost text');
    model.load(a.text);
    model.selection.start = model.selection.end = model.textToPos(a.cursor);
  }

  // one pass with a stack of open controls: the playground renders this on every change
  const snapshot = (): DocSnapshot => {
    const paragraphs: DocRun[][] = [[]];
    const open: number[] = [];
    model.items.forEach((it, i) => {
      if (it.t === 'o') return void open.push(it.id);
      if (it.t === 'x') return void open.splice(open.lastIndexOf(it.id), 1);
      if (!model.isChar(i)) return;
      if (it.ch === '\n') return void paragraphs.push([]);
      const ghost = open.some((id) => model.controls.get(id)?.tag === GHOST_TAG);
      const runs = paragraphs[paragraphs.length - 1];
      const run: DocRun = { text: it.ch, ghost, color: it.fmt.color, italic: it.fmt.italic };
      const last = runs[runs.length - 1];
      if (last && last.ghost === run.ghost && last.color === run.color && last.italic === run.italic) last.text += it.ch;
      else runs.push(run);
    });
    return { paragraphs, selection: { start: model.posToText(model.selection.start), end: model.posToText(model.selection.end) } };
  };

  return {
    kind: 'word',
    Word: WordNs as unknown as typeof Word,
    Office: officeFake.office as unknown as typeof Office,
    stats: Object.defineProperties(stats, {
      undoEntries: { get: () => model.undoEntries, enumerable: true },
      undoDepth: { get: () => model.undoDepth, enumerable: true },
      revisions: { get: () => model.revisions, enumerable: true },
      selectionEvents: { get: () => events.fired, enumerable: true },
      paragraphEvents: { get: () => paraEvents.fired, enumerable: true },
    }) as WordSimulation['stats'],
    actions: officeFake.actionsRegistered,
    get taskpaneShown() {
      return officeFake.taskpaneShown;
    },
    snapshot,
    text: () => model.text(),
    subscribe(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    user,
    setTrackChanges(mode) {
      model.trackMode = mode;
    },
    trackedRevisions() {
      let inserted = '';
      let deleted = '';
      for (const it of model.items) if (it.t === 'c' && it.rev) it.rev === 'ins' ? (inserted += it.ch) : (deleted += it.ch);
      return { inserted, deleted };
    },
    saveToCloud(url) {
      officeFake.liveUrl = url;
      saved.last = model.text();
    },
    get lastSaved() {
      return saved.last;
    },
    setHeader(text) {
      model.headers.Primary = text;
    },
    addUserControl(start, end, tag = 'user') {
      model.insertMarkers(model.textToPos(start), model.textToPos(end), { tag, title: tag, appearance: 'BoundingBox', cannotEdit: false, cannotDelete: false });
      notify();
    },
    ghostControls: () => [...model.controls.values()].filter((c) => c.tag === GHOST_TAG).length,
    customProperties: () => Object.fromEntries([...customPropertiesOf(model).values()].map((p) => [p.key, p.value])),
    dispose: () => {
      events.dispose();
      paraEvents.dispose();
    },
  };
}

export { SimError };
