// Document.CustomDocumentProperties of the fake WPS API: the document's custom properties (文件 ▸ 属性 ▸
// 自定义), which the person may have filled in themselves. Shapes from wps-jsapi-declare's lib.kso.d.ts
// (DocumentProperties: Item, Count, Add; DocumentProperty: Name, Value, Type, Delete), which copies the
// Office VBA object model; behaviour from the VBA docs, [UNCONFIRMED] on a real WPS:
// - Item(name | 1-based index) throws when there is no such property (VBA: run-time error 5,
//   "Invalid procedure call or argument"); names are case-insensitive as in Office;
// - Add(Name, LinkToContent, Type, Value) creates a property; a name already there throws (VBA: "Method
//   'Add' of object 'DocumentProperties' failed") — so the host sets .Value on the one Item found;
// - "Properties of type msoPropertyTypeString are limited in length to 255 characters"
//   (https://learn.microsoft.com/office/vba/api/office.documentproperty): longer values are cut.
// Not modelled: undo entries or the dirty mark for property writes (none here), linked properties.
import { MSO_PROPERTY_TYPE_STRING, type WpsDocumentProperties, type WpsDocumentProperty } from '../../hosts/wps/wpsApi';
import type { WpsModel } from './model';

export type WpsPropertyValue = string | number | boolean;

export interface WpsPropertyOptions {
  /** the document's custom properties when it opens (the person's own, or a label already there) */
  customProperties?: Record<string, WpsPropertyValue>;
  /** false models a WPS build without Document.CustomDocumentProperties */
  customDocumentProperties?: boolean;
}

interface Stored {
  name: string;
  type: number;
  value: WpsPropertyValue;
}

const MAX_STRING = 255;
const stores = new WeakMap<WpsModel, Map<string, Stored>>();

export function customPropertiesOf(model: WpsModel): Map<string, Stored> {
  let s = stores.get(model);
  if (!s) stores.set(model, (s = new Map()));
  return s;
}

const typeOf = (v: WpsPropertyValue): number => (typeof v === 'number' ? 1 : typeof v === 'boolean' ? 2 : MSO_PROPERTY_TYPE_STRING);
const fit = (v: WpsPropertyValue): WpsPropertyValue => (typeof v === 'string' ? v.slice(0, MAX_STRING) : v);

class SimDocumentProperty implements WpsDocumentProperty {
  constructor(private readonly props: Map<string, Stored>, private readonly key: string) {}
  private stored(): Stored {
    const s = this.props.get(this.key);
    if (!s) throw new Error('WPS: the custom document property no longer exists');
    return s;
  }
  get Name(): string {
    return this.stored().name;
  }
  get Type(): number {
    return this.stored().type;
  }
  get Value(): WpsPropertyValue {
    return this.stored().value;
  }
  set Value(v: WpsPropertyValue) {
    this.stored().value = fit(v);
  }
  Delete(): void {
    this.props.delete(this.key);
  }
}

export class SimDocumentProperties implements WpsDocumentProperties {
  constructor(private readonly model: WpsModel) {}
  private get props(): Map<string, Stored> {
    return customPropertiesOf(this.model);
  }
  get Count(): number {
    return this.props.size;
  }
  Item(index: string | number): WpsDocumentProperty {
    const key = typeof index === 'number' ? [...this.props.keys()][index - 1] : index.toLowerCase();
    if (key === undefined || !this.props.has(key)) throw new Error('Invalid procedure call or argument');
    return new SimDocumentProperty(this.props, key);
  }
  Add(name: string, linkToContent: boolean, type: number = MSO_PROPERTY_TYPE_STRING, value?: WpsPropertyValue): WpsDocumentProperty {
    const key = name.toLowerCase();
    if (this.props.has(key)) throw new Error("Method 'Add' of object 'DocumentProperties' failed");
    if (linkToContent) throw new Error('WPS simulator: linked custom properties are not modelled');
    this.props.set(key, { name, type, value: fit(value ?? '') });
    return new SimDocumentProperty(this.props, key);
  }
}

/** the document's custom properties as WPS shows them, by name */
export function customPropertiesView(model: WpsModel): Record<string, WpsPropertyValue> {
  return Object.fromEntries([...customPropertiesOf(model).values()].map((p) => [p.name, p.value]));
}

/** fill the initial properties; returns the collection the document exposes (undefined = this build has none) */
export function setUpCustomProperties(model: WpsModel, o: WpsPropertyOptions): SimDocumentProperties | undefined {
  for (const [name, value] of Object.entries(o.customProperties ?? {})) {
    customPropertiesOf(model).set(name.toLowerCase(), { name, type: typeOf(value), value });
  }
  return o.customDocumentProperties === false ? undefined : new SimDocumentProperties(model);
}
