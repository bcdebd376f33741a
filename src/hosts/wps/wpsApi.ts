// The slice of the WPS Writer JS API (wpsjs) that Banxie uses, typed by us so nothing else needs
// `wps-jsapi-declare`'s globals. Names and shapes follow wps-jsapi-declare 2.2 (lib.wps.d.ts,
// addon.wps.d.ts, index.d.ts); tests/unit/hosts/wps/compat checks that its types fit these interfaces.

/** WdColor: BGR packed into an int (HOST-API-NOTES §9, WPS manual: wdColorBlue = 16711680). */
export type WdColor = number;

/** WdColor wdColorAutomatic: "the document's automatic colour" (WPS manual / Word VBA WdColor). */
export const WD_COLOR_AUTOMATIC = -16777216;
/** wdColorGray50 = 0x808080 = 8421504, the same in BGR and RGB (HOST-API-NOTES §9). */
export const WD_COLOR_GRAY50 = 8421504;
/** Font.Color / Font.Italic of a range with mixed values (Word VBA: wdUndefined). */
export const WD_UNDEFINED = 9999999;
/** WdProtectionType.wdNoProtection */
export const WD_NO_PROTECTION = -1;
/** WdProtectionType names by value (Word VBA WdProtectionType, which WPS mirrors; wps-jsapi-declare WdProtectionType) */
export const WD_PROTECTION_NAMES: Readonly<Record<number, string>> = {
  [-1]: 'none', 0: 'revisions', 1: 'comments', 2: 'formFields', 3: 'readOnly',
};

export interface WpsFont {
  Color: WdColor;
  /** 0 = not italic; non-zero = italic; WD_UNDEFINED when mixed */
  Italic: number;
}

export interface WpsRange {
  Text: string;
  Start: number;
  End: number;
  readonly Font: WpsFont;
  /** inserts at End; the range grows to include the new text (WPS manual) */
  InsertAfter(text: string): void;
  /** inserts at Start; the range grows to include the new text (WPS manual) */
  InsertBefore(text: string): void;
  Delete(): number;
  Select(): void;
  SetRange(start: number, end: number): void;
  /** Find and Replace over this range (规范 定位/修正); optional: feature-detect */
  readonly Find?: WpsFind;
}

/** WdFindWrap.wdFindStop: the search ends at the end of the range (Word VBA WdFindWrap, which WPS mirrors) */
export const WD_FIND_STOP = 0;

/**
 * Range.Find (wps-jsapi-declare lib.wps.d.ts `Find`, the Word VBA Find object): Execute(FindText, MatchCase,
 * MatchWholeWord, MatchWildcards, MatchSoundsLike, MatchAllWordForms, Forward, Wrap) returns whether it found the
 * text and, when it did, redefines the range to the match (Word VBA Find.Execute remarks).
 */
export interface WpsFind {
  readonly Found: boolean;
  ClearFormatting(): void;
  Execute(
    FindText?: string, MatchCase?: boolean, MatchWholeWord?: boolean, MatchWildcards?: boolean, MatchSoundsLike?: boolean,
    MatchAllWordForms?: boolean, Forward?: boolean, Wrap?: number,
  ): boolean;
}

export interface WpsSelection {
  Start: number;
  End: number;
  readonly Range: WpsRange;
  SetRange(start: number, end: number): void;
  /** inserts at End and the *selection* grows over the new text (WPS manual) — do not use for ghosts */
  InsertAfter(text: string): void;
}

export interface WpsBookmark {
  readonly Name: string;
  readonly Range: WpsRange;
  Start: number;
  End: number;
  Delete(): void;
}

export interface WpsBookmarks {
  readonly Count: number;
  /** adds, or moves an existing bookmark of that name to `range` */
  Add(name: string, range?: WpsRange): WpsBookmark;
  Exists(name: string): boolean;
  Item(index: string | number): WpsBookmark;
}

export interface WpsDocument {
  readonly Name: string;
  readonly FullName: string;
  readonly Content: WpsRange;
  readonly Bookmarks: WpsBookmarks;
  /** false once the document has unsaved changes; setting true suppresses the "save changes?" prompt */
  Saved: boolean;
  TrackRevisions: boolean;
  readonly ProtectionType: number;
  /** true when the file was opened read-only (wps-jsapi-declare Document.ReadOnly); absent on some builds */
  readonly ReadOnly?: boolean;
  /** Sections.Item(1).Headers.Item(1) is the first section's primary header (wdHeaderFooterPrimary = 1);
   * https://solution.wps.cn/docs/client/api/Word/HeadersFooters.html */
  readonly Sections?: { Item(index: number): { readonly Headers: { Item(index: number): { readonly Range: { readonly Text: string } } } } };
  Range(start?: number, end?: number): WpsRange;
  /** File ▸ Properties ▸ Custom (lib.kso.d.ts DocumentProperties); typed loosely by wps-jsapi-declare, so optional */
  readonly CustomDocumentProperties?: WpsDocumentProperties;
}

// ---- custom document properties (the AIGC label, aigcProperty.ts) --------------------------------
// Office VBA object model, which lib.kso.d.ts copies: DocumentProperties.Item(Index) / Add(Name,
// LinkToContent, Type, Value, LinkSource) / Count; DocumentProperty.Name / Value / Type / Delete().
// https://learn.microsoft.com/office/vba/api/office.documentproperties.add

/** MsoDocProperties.msoPropertyTypeString (lib.kso.d.ts) */
export const MSO_PROPERTY_TYPE_STRING = 4;

export interface WpsDocumentProperty {
  readonly Name: string;
  Value: string | number | boolean;
  readonly Type: number;
  Delete(): void;
}

export interface WpsDocumentProperties {
  readonly Count: number;
  /** by name or 1-based index; throws when there is no such property (VBA: run-time error 5) */
  Item(index: string | number): WpsDocumentProperty;
  Add(name: string, linkToContent: boolean, type?: number, value?: string | number | boolean): WpsDocumentProperty;
}

/** `Cancel` argument of the ask-type events: set `.Value = true` to cancel (HOST-API-NOTES §9). */
export interface WpsCancel {
  Value: boolean;
}

export type WpsEventName =
  | 'DocumentOpen'
  | 'DocumentNew'
  | 'DocumentBeforeSave'
  | 'DocumentAfterSave'
  | 'DocumentBeforeClose'
  | 'DocumentAfterClose'
  | 'DocumentChange'
  | 'WindowSelectionChange'
  | 'ContentChange';

/**
 * Event callbacks get positional arguments that depend on the event (DocumentBeforeSave:
 * Doc, SaveAsUI, Cancel; WindowSelectionChange: Selection; ContentChange: Doc, Range, Type).
 */
export type WpsEventHandler = (...args: unknown[]) => void;

export interface WpsApiEvent {
  AddApiEventListener(name: WpsEventName, handler: WpsEventHandler): void;
  RemoveApiEventListener(name: WpsEventName, handler?: WpsEventHandler): void;
}

export interface WpsUndoRecord {
  StartCustomRecord(name?: string): void;
  EndCustomRecord(): void;
}

export interface WpsTaskPane {
  readonly ID: number;
  Visible: boolean;
  DockPosition: number;
  Width: number;
  Navigate(url: string): void;
  Delete(): void;
}

export interface WpsPluginStorage {
  setItem(key: string, value: number | boolean | string): void;
  getItem(key: string): string | number | boolean | null | undefined;
  removeItem(key: string): void;
}

export interface WpsRibbonUI {
  Invalidate(): void;
  InvalidateControl(id: string): void;
}

/** `window.Application` (alias `wps`) in a WPS Writer add-in page. */
export interface WpsApplication {
  /** null when no document is open */
  readonly ActiveDocument: WpsDocument | null;
  readonly Selection: WpsSelection;
  readonly ApiEvent: WpsApiEvent;
  /** absent on old WPS builds: feature-detect */
  readonly UndoRecord?: WpsUndoRecord;
  /** wps-jsapi-declare Application.Version / Application.Build: the WPS version and build strings */
  readonly Version?: string;
  readonly Build?: string;
  /** wps-jsapi-declare System.OperatingSystem, e.g. "Linux" or "Windows (64-bit) NT 10.00" */
  readonly System?: { readonly OperatingSystem: string };
  readonly PluginStorage: WpsPluginStorage;
  CreateTaskPane(url: string, title?: string): WpsTaskPane;
  GetTaskPane(id: number): WpsTaskPane | null | undefined;
  ribbonUI?: WpsRibbonUI;
}

/** msoCTPDockPositionRight (Office/WPS MsoCTPDockPosition) */
export const MSO_CTP_DOCK_RIGHT = 2;
