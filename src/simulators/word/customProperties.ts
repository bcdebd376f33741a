// document.properties.customProperties of the fake Word API (WordApi 1.3): the document's custom
// properties (File ▸ Info ▸ Properties ▸ Custom), which the person may have filled in themselves.
// Documented behaviour modelled (https://learn.microsoft.com/javascript/api/word/word.custompropertycollection,
// word.customproperty, word.interfaces.custompropertydata):
// - the whole API needs WordApi 1.3: below it every call fails at sync (ApiNotFound);
// - keys are case-insensitive; add(key, value) "creates a new or sets an existing custom property";
// - getItem(key) throws ItemNotFound when there is none; getItemOrNullObject(key) gives a null object;
// - type follows the value: String, Number, Boolean, Date;
// - "even though Word on the web and the docx file format allow these properties to be arbitrarily long,
//   the desktop version of Word will truncate string values to 255 16-bit chars": so here on every
//   version but 'web'.
// Not modelled: whether a property write adds an undo entry or marks the document dirty [UNCONFIRMED];
// here it does neither and fires no event.
import { Ctx, SimError, SimObject } from './context';
import type { WordModel } from './model';

export type CustomValue = string | number | boolean | Date;
interface Stored {
  key: string;
  value: CustomValue;
}

/** the properties of one simulated document, by lower-cased key, in insertion order */
const stores = new WeakMap<WordModel, Map<string, Stored>>();
export function customPropertiesOf(model: WordModel): Map<string, Stored> {
  let s = stores.get(model);
  if (!s) stores.set(model, (s = new Map()));
  return s;
}

const DESKTOP_MAX = 255;
const typeOf = (v: CustomValue): string =>
  typeof v === 'number' ? 'Number' : typeof v === 'boolean' ? 'Boolean' : v instanceof Date ? 'Date' : 'String';

export class SimCustomProperty extends SimObject {
  /** lower-cased key this proxy stands for; null = a null object */
  k: string | null = null;
  constructor(ctx: Ctx, private readonly orNull = false) {
    super(ctx);
  }
  private stored(): Stored {
    const s = this.k === null ? undefined : customPropertiesOf(this.model).get(this.k);
    if (!s) throw new SimError('ItemNotFound', 'The requested custom property does not exist.');
    return s;
  }
  protected scalars(): string[] {
    return ['key', 'type', 'value'];
  }
  override loadNow(list: string[]): void {
    const isNull = this.k === null || !customPropertiesOf(this.model).has(this.k);
    if (this.orNull) this.context.stage(() => this.loaded.set('isNullObject', isNull));
    if (this.orNull && isNull) return;
    super.loadNow(list.filter((p) => p !== 'isNullObject'));
  }
  protected read(name: string): unknown {
    const s = this.stored();
    if (name === 'key') return s.key;
    if (name === 'value') return s.value;
    if (name === 'type') return typeOf(s.value);
    throw new SimError('InvalidArgument', `CustomProperty has no property ${name}`);
  }
  get isNullObject(): boolean {
    return this.orNull ? this.prop('isNullObject') : false;
  }
  get key(): string {
    return this.prop('key');
  }
  get type(): string {
    return this.prop('type');
  }
  get value(): CustomValue {
    return this.prop('value');
  }
  set value(v: CustomValue) {
    this.context.enqueue({ write: false, run: () => { this.stored().value = store(this.env.version, v); } });
  }
  delete(): void {
    this.context.enqueue({ write: false, run: () => { customPropertiesOf(this.model).delete(this.stored().key.toLowerCase()); } });
  }
}

function store(version: string, v: CustomValue): CustomValue {
  return typeof v === 'string' && version !== 'web' ? v.slice(0, DESKTOP_MAX) : v;
}

export class SimCustomPropertyCollection extends SimObject {
  private itemProxies?: SimCustomProperty[];
  protected scalars(): string[] {
    return [];
  }
  protected read(): unknown {
    return undefined;
  }
  private need(): void {
    this.context.need('WordApi', 1.3);
  }
  private byKey(key: string, orNull: boolean): SimCustomProperty {
    const p = new SimCustomProperty(this.context, orNull);
    this.context.enqueue({
      write: false,
      run: () => {
        this.need();
        const k = key.toLowerCase();
        if (!customPropertiesOf(this.model).has(k) && !orNull) throw new SimError('ItemNotFound', `The custom property '${key}' does not exist.`);
        p.k = customPropertiesOf(this.model).has(k) ? k : null;
      },
    });
    return p;
  }
  getItem(key: string): SimCustomProperty {
    return this.byKey(key, false);
  }
  getItemOrNullObject(key: string): SimCustomProperty {
    return this.byKey(key, true);
  }
  add(key: string, value: CustomValue): SimCustomProperty {
    const p = new SimCustomProperty(this.context);
    this.context.enqueue({
      write: false,
      run: () => {
        this.need();
        const k = key.toLowerCase();
        const props = customPropertiesOf(this.model);
        const old = props.get(k);
        if (old) old.value = store(this.env.version, value);
        else props.set(k, { key, value: store(this.env.version, value) });
        p.k = k;
      },
    });
    return p;
  }
  deleteAll(): void {
    this.context.enqueue({ write: false, run: () => { this.need(); customPropertiesOf(this.model).clear(); } });
  }
  override loadNow(list: string[]): void {
    this.need();
    const items = [...customPropertiesOf(this.model).keys()].map((k) => {
      const p = new SimCustomProperty(this.context);
      p.k = k;
      return p;
    });
    const sub = list.map((p) => p.replace(/^items\/?/, '')).filter(Boolean);
    for (const it of items) it.loadNow(sub.length ? sub : ['key', 'type', 'value']);
    this.context.stage(() => {
      this.itemProxies = items;
    });
  }
  get items(): SimCustomProperty[] {
    if (!this.itemProxies) throw new SimError('PropertyNotLoaded', "The property 'items' is not available. Call load() and context.sync() first.");
    return this.itemProxies;
  }
}

/** document.properties (WordApi 1.3); only customProperties is modelled */
export class SimDocumentProperties {
  constructor(private readonly ctx: Ctx) {}
  get customProperties(): SimCustomPropertyCollection {
    return new SimCustomPropertyCollection(this.ctx);
  }
}
