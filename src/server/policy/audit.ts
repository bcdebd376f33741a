// Audit log: one JSON line per completion (who, when, which model, how much, outcome), never text.
// Rotated by month (`<file>.YYYY-MM`); rotated files older than the retention are deleted.
import fs from 'node:fs';
import path from 'node:path';
import type { Residency } from '../../core/protocol';

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
  piiMasked?: number;
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

export class AuditLog implements AuditSink {
  private stream: fs.WriteStream | null = null;
  private month = '';

  constructor(private readonly file: string | undefined, private readonly retentionDays: number, private readonly now: () => Date = () => new Date()) {}

  write(rec: AuditRecord): void {
    if (!this.file) return;
    const month = rec.time.slice(0, 7);
    if (month !== this.month) this.rotate(month);
    this.stream?.write(`${JSON.stringify(rec)}\n`);
  }

  private rotate(month: string): void {
    const file = this.file!;
    this.stream?.end();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      const st = fs.statSync(file);
      const old = st.mtime.toISOString().slice(0, 7);
      if (old !== month && st.size > 0) fs.renameSync(file, `${file}.${old}`);
    } catch { /* no current file yet */ }
    this.prune();
    this.stream = fs.createWriteStream(file, { flags: 'a', mode: 0o640 });
    this.stream.on('error', () => { /* a full disk must not take the service down; the write is lost */ });
    this.month = month;
  }

  /** Deletes rotated months whose last day is older than the retention. */
  prune(): void {
    const file = this.file;
    if (!file) return;
    const dir = path.dirname(file);
    const base = path.basename(file);
    const limit = this.now().getTime() - this.retentionDays * 86_400_000;
    let names: string[] = [];
    try { names = fs.readdirSync(dir); } catch { return; }
    for (const n of names) {
      const m = new RegExp(`^${escapeRe(base)}\\.(\\d{4})-(\\d{2})$`).exec(n);
      if (!m) continue;
      const endOfMonth = Date.UTC(Number(m[1]), Number(m[2]), 1); // first instant of the next month
      if (endOfMonth < limit) fs.rmSync(path.join(dir, n), { force: true });
    }
  }

  async close(): Promise<void> {
    const s = this.stream;
    this.stream = null;
    if (s) await new Promise<void>((resolve) => s.end(resolve));
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
