// The batching core of the fake Word API: a RequestContext queues operations on proxy
// objects and runs them only at context.sync(); loaded values become readable after it.
// Source: https://learn.microsoft.com/office/dev/add-ins/develop/application-specific-api-model

import type { Span, WordModel } from './model';
import type { WordVersion } from './versions';
import { isSetSupported } from './versions';

/** shaped like OfficeExtension.Error: a stable `code` plus a message */
export class SimError extends Error {
  override name = 'RichApi.Error';
  constructor(public readonly code: string, message: string) {
    super(message);
  }
}

export interface SimStats {
  /** context.sync() calls */
  syncs: number;
  /** queued write operations executed */
  writes: number;
  /** syncs that wrote (each added one undo entry) */
  writeSyncs: number;
  /** characters of document text returned by loads (stands in for body.text cost, §4) */
  charsRead: number;
  /** page-header texts loaded (the cost of looking for a marking there) */
  headerReads?: number;
  /** Range.select() calls (each can scroll the clerk's view, §1) */
  selects?: number;
}

export interface Env {
  model: WordModel;
  version: WordVersion;
  stats: SimStats;
  caretAfterInsert: 'before' | 'after';
  caretKeepsOffset: boolean;
  /** §6 #5715: on the web expandTo/intersectWith push an undo entry */
  expandToAddsUndo: boolean;
  /** §1 #1323: select() does nothing (Word 2016 MSI) */
  selectIgnored: boolean;
  /** the add-in's select() moved the caret (WordSimOptions.onAddinSelect) */
  onAddinSelect?: (() => void) | undefined;
  readOnly: boolean;
  /** §2 #1771: insertContentControl on a just-inserted range wraps only part of it (all but its first character) */
  partialContentControl: boolean;
  /** §2 #4276: text inserted where text was just deleted (same sync) takes the deleted text's formatting */
  replacedFormatSticks: boolean;
  /** ContentControl.delete(false) keeps the text, the COM/WPS meaning of the flag (§2): a removal that leaves text */
  controlDeleteKeepsText: boolean;
  /** #1169: insertContentControl throws (a range crossing another control) */
  contentControlFails: boolean;
  /** wait standing in for one half of a sync round trip */
  halfTrip(textChars: number): Promise<void>;
  /** the model changed because of the add-in */
  addinChanged(kind: 'content' | 'selection'): void;
  /** WordApi 1.6 paragraph events (onParagraphChanged/Added/Deleted share one stream here) */
  paragraphEvents: { add(h: (e: { type: string; source?: string }) => void): void; remove(h: (e: { type: string; source?: string }) => void): void };
}

export interface Op {
  run: () => void;
  write: boolean;
  /** selection moved (fires DocumentSelectionChanged) */
  moves?: boolean;
}

export class Ctx {
  private queue: Op[] = [];
  private staged: (() => void)[] = [];
  private spans: Span[] = [];
  private docProxy: unknown;
  readonly trackedObjects = { add: (): void => undefined, remove: (): void => undefined };

  constructor(readonly env: Env, private readonly makeDocument: (ctx: Ctx) => unknown) {}

  get document(): unknown {
    if (!this.docProxy) this.docProxy = this.makeDocument(this);
    return this.docProxy;
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  /** a value computed during the batch, readable after sync */
  stage(publish: () => void): void {
    this.staged.push(publish);
  }

  keep(sp: Span): Span {
    this.spans.push(sp);
    return this.env.model.track(sp);
  }

  need(set: string, version: number): void {
    if (!isSetSupported(this.env.version, set, version)) {
      throw new SimError('ApiNotFound', `${set} ${version} is not supported by this Word (${this.env.version})`);
    }
  }

  get pending(): boolean {
    return this.queue.length > 0;
  }

  load(obj: { load(p?: unknown): unknown }, props?: unknown): void {
    obj.load(props);
  }

  async sync(): Promise<void> {
    const { env } = this;
    env.stats.syncs++;
    const ops = this.queue;
    this.queue = [];
    await env.halfTrip(0);
    let wrote = false;
    let moved = false;
    let failure: unknown;
    const charsBefore = env.stats.charsRead;
    env.model.replacedFmt = null; // "just deleted" lasts one batch
    for (const op of ops) {
      try {
        if (op.write && !wrote) {
          if (env.readOnly) throw new SimError('AccessDenied', 'The document is read-only.');
          // one undo entry per sync that writes (HOST-API-NOTES §6, #1827: no grouping API)
          env.model.checkpoint();
          wrote = true;
          env.stats.writeSyncs++;
        }
        if (op.write) env.stats.writes++;
        op.run();
        if (op.moves) moved = true;
      } catch (e) {
        failure = e;
        break;
      }
    }
    if (wrote) env.addinChanged('content');
    else if (moved) env.addinChanged('selection');
    const staged = this.staged;
    this.staged = [];
    // the return trip carries loaded text: cost grows with its length (§4, #719)
    await env.halfTrip(env.stats.charsRead - charsBefore);
    for (const s of staged) s();
    if (failure) throw failure;
  }

  release(): void {
    for (const sp of this.spans) this.env.model.untrack(sp);
    this.spans = [];
  }
}

/** 'a,b/c' | ['a','b/c'] | {select:'a,b'} → ['a','b/c'] */
export function parseProps(props: unknown): string[] | null {
  if (props === undefined || props === null) return null;
  if (typeof props === 'string') return props.split(',').map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(props)) return props.flatMap((p) => parseProps(p) ?? []);
  if (typeof props === 'object' && 'select' in (props as object)) return parseProps((props as { select: unknown }).select);
  return null;
}

/** base of every proxy: properties readable only after load + sync */
export abstract class SimObject {
  protected readonly loaded = new Map<string, unknown>();
  constructor(readonly context: Ctx) {}

  protected get env(): Env {
    return this.context.env;
  }

  protected get model(): WordModel {
    return this.context.env.model;
  }

  /** reading a property that was not loaded and synced throws, as in Word */
  protected prop<T>(name: string): T {
    if (!this.loaded.has(name)) {
      throw new SimError(
        'PropertyNotLoaded',
        `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    }
    return this.loaded.get(name) as T;
  }

  /** scalar property names loaded by load() with no list (a real load() loads all scalars) */
  protected abstract scalars(): string[];
  /** read one scalar now, during the batch */
  protected abstract read(name: string): unknown;
  /** child navigation properties (font, …) for 'font/color' paths */
  protected child(_name: string): SimObject | null {
    return null;
  }

  load(props?: unknown): this {
    const list = parseProps(props) ?? this.scalars();
    this.context.enqueue({ write: false, run: () => this.loadNow(list) });
    return this;
  }

  /** executed inside sync: read values now, publish them when the sync returns */
  loadNow(list: string[]): void {
    const direct: string[] = [];
    const nested = new Map<string, string[]>();
    for (const p of list) {
      const [head, ...rest] = p.split('/');
      if (rest.length) nested.set(head, [...(nested.get(head) ?? []), rest.join('/')]);
      else if (this.child(head)) nested.set(head, nested.get(head) ?? []);
      else direct.push(head);
    }
    const values = direct.map((n) => [n, this.read(n)] as const);
    this.context.stage(() => {
      for (const [n, v] of values) this.loaded.set(n, v);
    });
    for (const [head, sub] of nested) {
      const c = this.child(head);
      if (!c) throw new SimError('InvalidArgument', `unknown property path ${head}`);
      c.loadNow(sub.length ? sub : c.scalars());
    }
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this.loaded);
  }
}

/** OfficeExtension.ClientResult */
export class SimResult<T> {
  private v: { set: boolean; value?: T } = { set: false };
  get value(): T {
    if (!this.v.set) throw new SimError('PropertyNotLoaded', 'ClientResult value is not available before context.sync().');
    return this.v.value as T;
  }
  fill(ctx: Ctx, value: T): void {
    ctx.stage(() => {
      this.v = { set: true, value };
    });
  }
}
