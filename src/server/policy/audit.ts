// Audit log: one JSON line per completion (who, when, which model, how much, outcome), never text.
// Written through pino into a daily rolling file (pino-roll) that keeps the configured retention.
import pinoRoll from 'pino-roll';
import type SonicBoom from 'sonic-boom';
import type { PiiKind, Residency } from '../../core/protocol';

export interface AuditRecord {
  time: string;
  requestId: string;
  user: string;
  model: string;
  residency: Residency | '';
  charsSent: number;
  charsReceived: number;
  latencyMs: number;
  /** 'ok' | 'empty' | 'filtered' | 'partial' | 'aborted' | an error code */
  outcome: string;
  classified?: boolean;
  /** personal items masked before an external model saw the text, counted by kind (never the values) */
  piiMasked?: Partial<Record<PiiKind, number>>;
  /** how many organisation-corpus passages went into the prompt (never their text) */
  corpusPassages?: number;
  /** the upstream's HTTP status when it answered with an error (e.g. 401: a wrong API key) */
  upstreamStatus?: number;
  /** why the built-in engine answered instead of the model (the model's failure), when it did */
  fallback?: string;
}

/** Where audit records go: the log file, or (in a cluster worker) the primary that writes it. */
export interface AuditSink {
  write(rec: AuditRecord): void;
  close(): Promise<void>;
}

/** How often the file rolls over: daily in service; tests pass milliseconds. */
export type AuditRollFrequency = 'daily' | number;

/**
 * Writes each record as one JSON line to pino's file destination (SonicBoom) made by pino-roll: a new
 * file every day (`audit.jsonl` → `audit.2025-09-20.1.jsonl`); at each roll the newest `retentionDays`
 * files besides today's are kept, earlier runs' files included, older ones deleted. The record goes
 * as it is: a pino logger would add a `level` field that its formatters cannot drop cleanly.
 */
export class AuditLog implements AuditSink {
  private stream: SonicBoom | null = null;
  private pending: AuditRecord[] = [];
  private readonly opening: Promise<void>;

  constructor(private readonly file: string | undefined, retentionDays: number, frequency: AuditRollFrequency = 'daily') {
    this.opening = file ? this.open(file, retentionDays, frequency) : Promise.resolve();
  }

  write(rec: AuditRecord): void {
    if (!this.file) return;
    if (this.stream) this.stream.write(`${JSON.stringify(rec)}\n`);
    else this.pending.push(rec);
  }

  private async open(file: string, retentionDays: number, frequency: AuditRollFrequency): Promise<void> {
    try {
      const stream = await pinoRoll({
        file, frequency, dateFormat: 'yyyy-MM-dd', mkdir: true, mode: 0o640,
        limit: { count: retentionDays, removeOtherLogFiles: true },
      });
      // A full disk must not take the service down; the write is lost.
      stream.on('error', () => {});
      this.stream = stream;
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
