// The person's side of a simulated host document (Word or WPS): what the playground page
// renders and what tests use to "type". The add-in side is the simulated Office.js / WPS API.

export interface DocRun {
  text: string;
  /** part of Banxie's ghost (content control tagged banxie-ghost in Word, tracked range in WPS) */
  ghost: boolean;
  /** CSS colour, e.g. '#808080'; undefined = automatic */
  color?: string;
  italic?: boolean;
}

export interface DocSnapshot {
  /** each paragraph is a list of runs */
  paragraphs: DocRun[][];
  /** selection in text() coordinates: paragraphs joined by '\n', ghost text included */
  selection: { start: number; end: number };
}

export interface SimulatedUser {
  /** type at the selection (replacing it); '\n' starts a new paragraph. Typed text takes the previous character's formatting. */
  type(text: string): void;
  backspace(): void;
  /** place the caret (end omitted) or select, in text() coordinates */
  select(start: number, end?: number): void;
  /** what a saved file would contain (ghost included if the add-in left it there); fires the host's save notification first where the host has one */
  save(): string;
  undo(): void;
  /** replace the whole document with plain text, caret at the end */
  load(text: string): void;
}

export interface SimulatedDocument {
  readonly kind: 'word' | 'wps';
  snapshot(): DocSnapshot;
  /** full text, paragraphs joined by '\n', ghost included */
  text(): string;
  /** called after every change, by the user or by the add-in */
  subscribe(cb: () => void): () => void;
  readonly user: SimulatedUser;
}
