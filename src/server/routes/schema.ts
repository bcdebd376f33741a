// JSON schema of POST /v1/completions. Only before/after are required in the digest: every other
// field gets its empty default, so a minimal client still works and code downstream never meets undefined.
import { DOC_TYPES } from '../../core/protocol';
const str = (max: number) => ({ type: 'string', maxLength: max, default: '' }) as const;
const strList = { type: 'array', maxItems: 64, items: { type: 'string', maxLength: 200 }, default: [] } as const;
const heading = {
  type: 'object',
  required: ['level', 'ordinal', 'text'],
  properties: { level: { type: 'integer', minimum: 0, maximum: 9 }, ordinal: { type: 'string', maxLength: 20 }, text: { type: 'string', maxLength: 200 } },
} as const;


export const digestSchema = {
  type: 'object',
  required: ['before', 'after'],
  properties: {
    docType: { type: 'string', enum: [...DOC_TYPES], default: 'unknown' },
    title: str(500),
    issuer: str(200),
    recipients: str(500),
    docNumber: str(100),
    signer: str(100),
    cc: str(500),
    urgency: { type: 'string', enum: ['', '特急', '加急'], default: '' },
    classification: { anyOf: [{ type: 'null' }, { type: 'string', enum: ['绝密', '机密', '秘密', '内部', '涉密'] }], default: null },
    classificationPeriod: str(50),
    outline: { type: 'array', maxItems: 200, items: heading, default: [] },
    section: { type: 'array', maxItems: 10, items: heading, default: [] },
    nextOrdinals: { type: 'object', additionalProperties: { type: 'string', maxLength: 20 }, default: {} },
    facts: {
      type: 'object',
      properties: { dates: strList, orgs: strList, amounts: strList, names: strList, attachments: strList },
      default: {},
    },
    before: { type: 'string', maxLength: 20000 },
    after: { type: 'string', maxLength: 20000 },
    budgetChars: { type: 'integer', minimum: 0, maximum: 100000, default: 2000 },
  },
} as const;

export const completionBodySchema = {
  type: 'object',
  required: ['requestId', 'model', 'digest', 'maxChars'],
  properties: {
    requestId: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\w.:-]+$' },
    model: { type: 'string', minLength: 1, maxLength: 64 },
    digest: digestSchema,
    maxChars: { type: 'integer', minimum: 1, maximum: 2000 },
    consent: { anyOf: [{ type: 'null' }, { type: 'object', required: ['version'], properties: { version: { type: 'string', maxLength: 100 } } }] },
    stream: { type: 'boolean', default: false },
  },
} as const;

/** POST /v1/events: what became of suggestions the pane showed. Counts, times and names only: no field can
 * hold document text (unknown fields are refused; the names are ASCII patterns). */
export const eventsBodySchema = {
  type: 'object',
  required: ['events'],
  additionalProperties: false,
  properties: {
    events: {
      type: 'array', minItems: 1, maxItems: 200,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'requestId', 'model', 'outcome', 'shownChars', 'acceptedChars', 'shownMs', 'latencyMs', 'docType', 'inline', 'host'],
        properties: {
          id: { type: 'string', minLength: 8, maxLength: 64, pattern: '^[\\w.:-]+$' },
          requestId: { type: 'string', minLength: 1, maxLength: 128, pattern: '^[\\w.:-]+$' },
          model: { type: 'string', minLength: 1, maxLength: 64, pattern: '^[\\w.:-]+$' },
          outcome: { type: 'string', enum: ['accepted', 'partial', 'dismissed', 'typedThrough', 'expired', 'replaced'] },
          shownChars: { type: 'integer', minimum: 0, maximum: 10_000 },
          acceptedChars: { type: 'integer', minimum: 0, maximum: 10_000 },
          shownMs: { type: 'integer', minimum: 0, maximum: 86_400_000 },
          latencyMs: { type: 'integer', minimum: 0, maximum: 600_000 },
          docType: { type: 'string', enum: [...DOC_TYPES] },
          inline: { type: 'boolean' },
          host: { type: 'string', maxLength: 64, pattern: '^[\\w .:/()+-]*$' },
        },
      },
    },
  },
} as const;
