// The contract between the task pane (any host) and the completion service.
// Shared by client and server; pure types plus a few constants, no runtime imports.

/** Every document type the digest names (the 条例's fifteen, four common non-statutory ones, unknown): the type
 * and the service's request schema both come from this one list. */
export const DOC_TYPES = [
  '决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报',
  '报告', '请示', '批复', '议案', '函', '纪要',
  '工作方案', '实施方案', '总结', '讲话稿',
  'unknown',
] as const;
export type DocType = (typeof DOC_TYPES)[number];

export type Classification = '绝密' | '机密' | '秘密' | '内部' | '涉密';

/** 内部 is a restricted marking, not a classification level: the admin decides whether it counts. */
export function isRestrictedOnly(c: Classification | null | undefined): boolean {
  return c === '内部';
}

export interface Heading {
  /** 1 = 一、  2 = （一）  3 = 1.  4 = （1）; 0 for 第X章, 1 for 第X条 is left to the digest */
  level: number;
  /** the ordinal as written, e.g. "二、" or "（三）" */
  ordinal: string;
  /** the heading text after the ordinal, cut short */
  text: string;
}

export interface DigestFacts {
  dates: string[];
  orgs: string[];
  amounts: string[];
  names: string[];
  attachments: string[];
}

/** What the model is told about the document: bounded by budgetChars whatever the document's size. */
export interface ContextDigest {
  docType: DocType;
  title: string;
  issuer: string;
  recipients: string;
  docNumber: string;
  signer: string;
  cc: string;
  urgency: '' | '特急' | '加急';
  classification: Classification | null;
  classificationPeriod: string;
  outline: Heading[];
  /** heading path at the cursor, outermost first */
  section: Heading[];
  /** next ordinal at each level given the cursor position, e.g. { "1": "三、", "2": "（一）" } */
  nextOrdinals: Record<string, string>;
  facts: DigestFacts;
  /** text just before the cursor (never includes ghost text) */
  before: string;
  /** text just after the cursor */
  after: string;
  budgetChars: number;
}

export type Residency = 'builtin' | 'local' | 'intranet' | 'external';

export interface ModelInfo {
  id: string;
  label: string;
  description?: string;
  residency: Residency;
  provider: string;
  acceptsClassified: boolean;
  /** may receive a document marked only 内部 (restricted); absent = as acceptsClassified */
  acceptsRestricted?: boolean;
  needsConsent: boolean;
  /** present when text accepted from this model is labelled in the document (GB 45438-2025, the AIGC
   *  custom property); absent when the admin turned labelling off or exempted this (built-in) model */
  aigcLabel?: { producer: string };
}

/** The admin's policy on marked documents, as GET /v1/models publishes it beside the list: the pane
 * applies the service's own rule with it (core/policy mayReceive). */
export interface ReceivePolicy {
  /** residencies a document with a classification marking may go to */
  classifiedResidencies: readonly Residency[];
  /** 内部/内部资料 (restricted, not classified) count as a classification marking */
  restrictedAsClassified: boolean;
}

/** GET /v1/models; `policy` is absent from services older than it. */
export interface ModelList {
  models: ModelInfo[];
  policy?: ReceivePolicy;
  /** the service takes suggestion outcome events (POST /v1/events); absent or false: the pane sends none */
  events?: boolean;
}

export interface CompletionRequest {
  requestId: string;
  model: string;
  digest: ContextDigest;
  maxChars: number;
  consent?: { version: string } | null;
  stream?: boolean;
}

export type FinishReason = 'stop' | 'length' | 'empty' | 'filtered';

/** Kinds of personal data the service masks before a model outside the organisation sees them. */
export type PiiKind = 'ID' | 'PHONE' | 'CARD' | 'EMAIL' | 'PASSPORT' | 'NAME';

export interface CompletionResponse {
  text: string;
  model: string;
  finishReason: FinishReason;
  latencyMs: number;
  /** personal items masked before sending, by kind; absent when nothing was masked */
  masked?: Partial<Record<PiiKind, number>>;
  /** set when the model was unavailable and the built-in engine answered instead (the admin allowed it) */
  fallback?: 'builtin';
}

export interface PrivacyNotice {
  version: string;
  text: { 'zh-CN': string; en: string };
}

export interface ErrorBody {
  error: { code: string; message: string };
}

export const GHOST_TAG = 'banxie-ghost';
export const DEFAULT_DIGEST_BUDGET = 2000;
