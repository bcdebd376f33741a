// The implicit label of GB 45438-2025 for a document holding accepted AI-generated text: the JSON a host
// keeps in the document's custom property `AIGC`. Pure: both hosts build and merge the value here.
//
// Shape (sources, read 2026-11): the seven keys of GB 45438-2025 Annex E as the TC260 practice guides
// serialise them, `{"Label":…,"ContentProducer":…,"ProduceID":…,"ReservedCode1":…,"ContentPropagator":…,
// "PropagateID":…,"ReservedCode2":…}`, all strings; for OOXML documents TC260-PG-20258A §6.1 puts that
// object, unwrapped, in the custom property named AIGC (docProps/custom.xml, an lpwstr). Label "1" = the
// content is AI-generated (Annex E: 1 generated, 2 possibly, 3 suspected — from secondary sources).
// ContentPropagator/PropagateID are the propagating platform's, and ReservedCode1/2 carry the producer's
// and the propagator's anti-tamper data (TC260-PG-202511A: a signed SecurityData object), so none of
// those four holds anything of ours. The model and the accepted-character count go in two extra keys
// after the seven, named for the product so they never collide with a future standard key, and string-
// valued like the standard's so a reader that maps the label to a flat string table still reads it.
import type { AigcAccept } from './DocumentHost';

export const AIGC_PROPERTY = 'AIGC';
/** Word for Windows/Mac truncates a custom property string to 255 UTF-16 units (Word.CustomProperty.value,
 *  WordApi 1.3); Office VBA: "Properties of type msoPropertyTypeString are limited in length to 255
 *  characters" (DocumentProperty), the object model WPS follows. The label must fit or it stops being JSON. */
export const AIGC_MAX_LENGTH = 255;
/** Annex E: the content is AI-generated */
export const AIGC_LABEL_GENERATED = '1';
export const EXTRA_MODELS = 'BanxieModels';
export const EXTRA_CHARS = 'BanxieChars';

/** the seven keys of Annex E, in its order, then ours */
const KEYS = ['Label', 'ContentProducer', 'ProduceID', 'ReservedCode1', 'ContentPropagator', 'PropagateID', 'ReservedCode2', EXTRA_MODELS, EXTRA_CHARS] as const;
type Key = (typeof KEYS)[number];

export interface AigcLabelInput {
  /** the organisation (name or code) the admin configured as producer */
  producer: string;
  /** the document's content ID when the caller has one; else the host makes one on the first label */
  contentId?: string;
}

/** What we read back from a document's AIGC property. */
export interface AigcLabel {
  /** every key above as a string ('' when missing) */
  fields: Record<Key, string>;
  /** models that wrote accepted text, the most recent last */
  models: string[];
  /** accepted characters so far */
  chars: number;
}

/** the value's keys as strings, '' when missing; null when it is not a JSON object */
function readLabel(value: unknown): Record<Key, string> | null {
  let o: unknown;
  try {
    o = JSON.parse(String(value));
  } catch {
    return null;
  }
  if (!o || typeof o !== 'object' || Array.isArray(o)) return null;
  const out = {} as Record<Key, string>;
  for (const k of KEYS) {
    const v = (o as Record<string, unknown>)[k];
    out[k] = typeof v === 'string' || typeof v === 'number' ? String(v) : '';
  }
  return out;
}

const count = (s: string): number => (/^\d{1,15}$/.test(s) ? Number(s) : 0);

/** The property's value as a label; null when it is absent or not a JSON object. */
export function parseAigcLabel(value: unknown): AigcLabel | null {
  const fields = readLabel(value);
  return fields && { fields, models: fields.BanxieModels.split(',').filter(Boolean), chars: count(fields.BanxieChars) };
}

/** A random content ID (UUID v4): never derived from the document's text. */
export function newContentId(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  const nibble = () => (c?.getRandomValues ? c.getRandomValues(new Uint8Array(1))[0]! : Math.floor(Math.random() * 256)) & 15;
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (ch) => (ch === 'x' ? nibble() : (nibble() & 3) | 8).toString(16));
}

/** cut to n code points (never half a surrogate pair) */
const cut = (s: string, n: number): string => Array.from(s).slice(0, Math.max(0, n)).join('');

/**
 * The property's next value after an accept: the running total and the model list updated, the content
 * ID kept from the property (made on the first label), the whole at most AIGC_MAX_LENGTH long. An AIGC
 * property another tool wrote keeps its ID, propagation and reserved fields.
 */
export function nextAigcLabel(previous: unknown, accept: AigcAccept, label: AigcLabelInput, makeId: () => string = newContentId): string {
  const out = readLabel(previous) ?? readLabel('{}')!;
  const model = accept.model.replace(/,/g, ' ');
  let models = out.BanxieModels.split(',').filter((m) => m && m !== model).concat(model);
  out.Label = AIGC_LABEL_GENERATED;
  out.ContentProducer = label.producer;
  if (!out.ProduceID) out.ProduceID = label.contentId || makeId();
  out.BanxieModels = models.join(',');
  out.BanxieChars = String(count(out.BanxieChars) + Math.max(0, Math.round(accept.chars)));
  // Too long: the oldest models go first; then the producer, the one model left and what another tool left
  // in the other fields are shortened, in that order (an unreadable label helps no one).
  while (JSON.stringify(out).length > AIGC_MAX_LENGTH && models.length > 1) out.BanxieModels = (models = models.slice(1)).join(',');
  for (const k of ['ContentProducer', EXTRA_MODELS, 'ReservedCode1', 'ReservedCode2', 'PropagateID', 'ContentPropagator', 'ProduceID'] as const) {
    let over: number;
    while ((over = JSON.stringify(out).length - AIGC_MAX_LENGTH) > 0 && out[k]) out[k] = cut(out[k], Array.from(out[k]).length - over);
  }
  return JSON.stringify(out);
}
