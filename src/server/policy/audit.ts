// Audit log: one JSON line per completion (who, from where, when, which model, how much, outcome) and per
// suggestion outcome the pane reported (OutcomeRecord), never text.
// Written through pino into a daily rolling file (pino-roll) that keeps the configured retention.
import fs from 'node:fs';
import path from 'node:path';
import pinoRoll from 'pino-roll';
import type SonicBoom from 'sonic-boom';
import type { Classification, PiiKind, Residency } from '../../core/protocol';
import type { RequesterKind } from './auth';

export interface AuditRecord {
  time: string;
  requestId: string;
  /** the requester: the sign-on name (audit.user plain) or a salted hash of it, of a token or of an address */
  user: string;
  /** the client's address (behind trusted proxies, from X-Forwarded-For); hashed unless audit.user is plain */
  client?: string;
  /** how the requester was known: the sign-on gateway's header, a token, or only the address */
  via?: RequesterKind;
  model: string;
  residency: Residency | '';
  /** the most severe classification marking seen in what the pane sent (e.g. 内部), null when none */
  classification?: Classification | null;
  charsSent: number;
  charsReceived: number;
  latencyMs: number;
  /** 'ok' | 'empty' | 'filtered' | 'partial' | 'aborted' | an error code */
  outcome: string;
  /** the outcome's class, filled in as the record is written (auditResult) */
  result?: AuditResult;
  classified?: boolean;
  /** personal items masked before an external model saw the text, counted by kind, e.g. {"PHONE":1,"NAME":2}
   * (never the values); absent when nothing was masked */
  piiMasked?: Partial<Record<PiiKind, number>>;
  /** how many organisation-corpus passages went into the prompt (never their text) */
  corpusPassages?: number;
  /** the upstream's HTTP status when it answered with an error (e.g. 401: a wrong API key) */
  upstreamStatus?: number;
  /** why the built-in engine answered instead of the model (the model's failure), when it did */
  fallback?: string;
  /** ms the request waited on its model (the rest of latencyMs is the service's own time) */
  upstreamMs?: number;
}

/** The outcomes a pane reports for a suggestion it showed (POST /v1/events). */
export const OUTCOMES = ['accepted', 'partial', 'dismissed', 'typedThrough', 'expired', 'replaced'] as const;
export type SuggestionOutcome = (typeof OUTCOMES)[number];

/**
 * What became of one shown suggestion, as the pane reported it: its own record type (`type: 'outcome'`;
 * completion records have no `type`), with the same rules — counts and times, never text.
 */
export interface OutcomeRecord {
  type: 'outcome';
  time: string;
  /** the event's id from the pane: the report counts each id once */
  eventId: string;
  requestId: string;
  user: string;
  model: string;
  outcome: SuggestionOutcome;
  shownChars: number;
  acceptedChars: number;
  shownMs: number;
  latencyMs: number;
  docType: string;
  inline: boolean;
  host: string;
}

/** Any line of the audit log. */
export type AuditLine = AuditRecord | OutcomeRecord;

export function isOutcome(rec: AuditLine): rec is OutcomeRecord {
  return (rec as OutcomeRecord).type === 'outcome';
}

/** answered (text or an honest nothing), refused by policy (the outcome says why), failed, or cancelled by the client */
export type AuditResult = 'answered' | 'refused' | 'failed' | 'cancelled';

const ANSWERED = new Set(['ok', 'empty', 'filtered', 'partial']);
/** refusals: the request was not allowed (identity, consent, classification, limits, a bad request) */
const REFUSED = new Set([
  'unauthorized', 'signon_required', 'consent_required', 'classified_blocked', 'unknown_model', 'rate_limited',
  'bad_request', 'invalid_json', 'payload_too_large',
]);

export function auditResult(outcome: string): AuditResult {
  if (ANSWERED.has(outcome)) return 'answered';
  if (outcome === 'aborted') return 'cancelled';
  return REFUSED.has(outcome) ? 'refused' : 'failed';
}

/**
 * A record as it is written: the outcome's class added. A refusal for classification is itself the fact that
 * the document was classified: the line says so (`classified: true`) whether or not the route got as far as setting it.
 */
export function completeRecord(rec: AuditRecord): AuditRecord {
  const out = { ...rec, result: auditResult(rec.outcome) };
  if (rec.outcome === 'classified_blocked') out.classified = true;
  return out;
}

/** Where audit records go: the log file, or (in a cluster worker) the primary that writes it. */
export interface AuditSink {
  write(rec: AuditLine): void;
  close(): Promise<void>;
}

/** How often the file rolls over: daily in service; tests pass milliseconds. */
export type AuditRollFrequency = 'daily' | number;

/**
 * Writes each record as one JSON line to pino's file destination (SonicBoom) made by pino-roll: a new
 * file every day (configured `audit.jsonl` → files `audit.2025-09-20.1.jsonl`); at each roll the newest
 * `retentionDays` files besides today's are kept, earlier runs' files included, older ones deleted. The
 * record goes as it is: a pino logger would add a `level` field that its formatters cannot drop cleanly.
 * The configured name itself is a symbolic link to the file being written, moved at each roll, so
 * `tail -F audit.jsonl` follows the log; collectors watch the glob `audit.*.jsonl` (docs/DEPLOY.md).
 */
export class AuditLog implements AuditSink {
  private stream: SonicBoom | null = null;
  private pending: AuditLine[] = [];
  private readonly opening: Promise<void>;

  constructor(private readonly file: string | undefined, retentionDays: number, frequency: AuditRollFrequency = 'daily') {
    this.opening = file ? this.open(file, retentionDays, frequency) : Promise.resolve();
  }

  write(rec: AuditLine): void {
    if (!this.file) return;
    if (!isOutcome(rec)) rec = completeRecord(rec);
    if (this.stream) this.stream.write(`${JSON.stringify(rec)}\n`);
    else this.pending.push(rec);
  }

  private async open(file: string, retentionDays: number, frequency: AuditRollFrequency): Promise<void> {
    try {
      // A link left by an earlier run may point at a file retention has since deleted; pino-roll's scan
      // of the folder stats every entry, and a dangling link would make it miscount today's files.
      dropLink(file);
      const stream = await pinoRoll({
        file, frequency, dateFormat: 'yyyy-MM-dd', mkdir: true, mode: 0o640,
        limit: { count: retentionDays, removeOtherLogFiles: true },
      });
      // A full disk must not take the service down; the write is lost.
      stream.on('error', () => {});
      this.stream = stream;
      const current = (): string | undefined => (stream as unknown as { file?: string }).file;
      pointLinkAt(file, current());
      // SonicBoom opens the next day's file and says 'ready' (pino-roll's reopen); move the link then.
      stream.on('ready', () => pointLinkAt(file, current()));
      for (const rec of this.pending) this.write(rec);
    } catch {
      // The folder cannot be written: the service runs on without an audit file, as with a full disk.
    }
    this.pending = [];
  }

  async close(): Promise<void> {
    await this.opening;
    const s = this.stream;
    this.stream = null;
    if (s) await new Promise<void>((resolve) => { s.once('close', () => resolve()); s.end(); });
  }
}

/** Removes `file` when it is a symbolic link (ours), never a regular file someone put there. */
function dropLink(file: string): void {
  try {
    if (fs.lstatSync(file).isSymbolicLink()) fs.unlinkSync(file);
  } catch { /* absent */ }
}

/**
 * Makes `link` a relative symbolic link to `target` (same folder), replaced atomically (a new link renamed
 * over the old), so a reader never finds the name missing. A regular file of that name is left alone.
 */
function pointLinkAt(link: string, target: string | undefined): void {
  if (!target || typeof target !== 'string') return;
  try {
    const st = fs.lstatSync(link, { throwIfNoEntry: false });
    if (st && !st.isSymbolicLink()) return;
    const tmp = `${link}.${process.pid}.tmp-link`;
    fs.rmSync(tmp, { force: true });
    fs.symlinkSync(path.basename(target), tmp);
    fs.renameSync(tmp, link);
  } catch {
    // Not fatal: the dated files are the log; the link is a convenience (e.g. a folder without links).
  }
}
