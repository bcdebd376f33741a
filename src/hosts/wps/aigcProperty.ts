// The GB 45438-2025 label (src/core/aigc.ts) kept in WPS Writer's custom document property `AIGC`:
// ActiveDocument.CustomDocumentProperties, the Office VBA object model that wps-jsapi-declare's lib.kso.d.ts
// copies (DocumentProperties.Item / Add / Count, DocumentProperty.Value). Item(name) throws when there is no
// such property, as in VBA; so: Item, and set .Value on the one found, else Add(name, false,
// msoPropertyTypeString, value). Never a second property. The WPS API is synchronous: no round trips.
import { AIGC_PROPERTY, nextAigcLabel, type AigcLabelInput } from '../../core/aigc';
import type { AigcAccept } from '../../core/DocumentHost';
import { MSO_PROPERTY_TYPE_STRING, type WpsDocument, type WpsDocumentProperty } from './wpsApi';

function find(doc: WpsDocument, name: string): WpsDocumentProperty | null {
  try {
    return doc.CustomDocumentProperties?.Item(name) ?? null;
  } catch {
    return null; // no such property
  }
}

/** Create or update the label; does nothing on a WPS without CustomDocumentProperties. */
export function writeWpsAigcProperty(doc: WpsDocument | null, accept: AigcAccept, label: AigcLabelInput): void {
  const props = doc?.CustomDocumentProperties;
  if (!doc || !props) return;
  const existing = find(doc, AIGC_PROPERTY);
  const next = nextAigcLabel(existing ? existing.Value : '', accept, label);
  if (existing) existing.Value = next;
  else props.Add(AIGC_PROPERTY, false, MSO_PROPERTY_TYPE_STRING, next);
}
