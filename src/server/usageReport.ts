// The usage report IT puts in its monthly figures (`npm run report`), read from the audit files — rolled
// ones included — never from the metrics (those restart with each process). Each completion line counts
// once (requestId and time), each outcome line once (its event id), however many files or runs repeat it.
import fs from 'node:fs';
import path from 'node:path';
import type { AuditLine, AuditRecord, OutcomeRecord } from './policy/audit';

export type GroupBy = 'model' | 'docType' | 'week' | 'user';

export interface ReportOptions {
  /** first and last day (YYYY-MM-DD, UTC, inclusive) */
  from?: string;
  to?: string;
  by: GroupBy;
}

export interface ReportRow {
  group: string;
  requests: number;
  failures: number;
  /** answers the built-in engine gave because the model failed */
  fallbacks: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  shown: number;
  accepted: number;
  partial: number;
  dismissed: number;
  typedThrough: number;
  expired: number;
  replaced: number;
  /** accepted whole / shown */
  acceptRate: number | null;
  /** accepted whole or in part / shown, with its 95% Wilson interval */
  acceptAnyRate: number | null;
  acceptAnyLow: number | null;
  acceptAnyHigh: number | null;
  shownChars: number;
  acceptedChars: number;
  /** clerk-days with at least one suggestion shown */
  clerkDays: number;
  acceptedCharsPerClerkDay: number | null;
}

export interface UsageReport {
  from: string | null;
  to: string | null;
  by: GroupBy;
  rows: ReportRow[];
  total: ReportRow;
}

/** The audit files of the folder of `auditFile` (or of the folder itself): audit.YYYY-MM-DD.N.jsonl, oldest first;
 * the configured name, a link to the current file, is not read twice. */
export function auditFiles(auditPath: string): string[] {
  const isDir = fs.existsSync(auditPath) && fs.statSync(auditPath).isDirectory();
  const dir = isDir ? auditPath : path.dirname(auditPath);
  const base = isDir ? 'audit' : path.basename(auditPath).replace(/\.jsonl$/, '');
  const re = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\..+\\.jsonl$`);
  return fs.readdirSync(dir).filter((n) => re.test(n) && !fs.lstatSync(path.join(dir, n)).isSymbolicLink()).sort().map((n) => path.join(dir, n));
}

/** Every audit line of `files`, each counted once; lines that are not JSON (a line cut by a full disk) are skipped. */
export function readAudit(files: readonly string[]): AuditLine[] {
  const seen = new Set<string>();
  const out: AuditLine[] = [];
  for (const f of files) {
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let rec: AuditLine;
      try { rec = JSON.parse(line) as AuditLine; } catch { continue; }
      if (typeof rec !== 'object' || rec === null || typeof rec.time !== 'string') continue;
      const key = (rec as OutcomeRecord).type === 'outcome' ? `e:${(rec as OutcomeRecord).eventId}` : `c:${rec.requestId}|${rec.time}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(rec);
    }
  }
  return out;
}

const NOT_FAILURES = new Set(['ok', 'empty', 'filtered', 'partial', 'aborted']);

/** ISO week of a date, e.g. 2026-W49. */
export function isoWeek(time: string): string {
  const d = new Date(`${time.slice(0, 10)}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3); // the Thursday of this week decides the year
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** 95% Wilson score interval of k successes in n trials. */
export function wilson(k: number, n: number, z = 1.959964): [number, number] | null {
  if (n === 0) return null;
  const p = k / n;
  const d = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / d;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

function percentile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const round = (x: number | null, digits = 4): number | null => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

export function buildReport(lines: readonly AuditLine[], opts: ReportOptions): UsageReport {
  const inRange = (t: string): boolean => (!opts.from || t.slice(0, 10) >= opts.from) && (!opts.to || t.slice(0, 10) <= opts.to);
  const all = lines.filter((l) => inRange(l.time));
  const outcomes = all.filter((l): l is OutcomeRecord => (l as OutcomeRecord).type === 'outcome');
  const completions = all.filter((l): l is AuditRecord => (l as OutcomeRecord).type !== 'outcome');
  // A completion has no document type of its own: it takes its suggestion's, when one was shown.
  const docTypeOf = new Map(outcomes.map((o) => [o.requestId, o.docType]));
  const keyOf = (l: AuditLine): string => {
    switch (opts.by) {
      case 'model': return l.model;
      case 'user': return l.user;
      case 'week': return isoWeek(l.time);
      case 'docType': return (l as OutcomeRecord).type === 'outcome' ? (l as OutcomeRecord).docType : docTypeOf.get(l.requestId) ?? '—';
    }
  };
  const groups = new Map<string, AuditLine[]>();
  for (const l of all) {
    const k = keyOf(l);
    groups.set(k, [...(groups.get(k) ?? []), l]);
  }
  const rows = [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([g, ls]) => row(g, ls));
  return { from: opts.from ?? null, to: opts.to ?? null, by: opts.by, rows, total: row('total', [...completions, ...outcomes]) };
}

function row(group: string, ls: readonly AuditLine[]): ReportRow {
  const outs = ls.filter((l): l is OutcomeRecord => (l as OutcomeRecord).type === 'outcome');
  const reqs = ls.filter((l): l is AuditRecord => (l as OutcomeRecord).type !== 'outcome');
  const count = (o: string): number => outs.filter((x) => x.outcome === o).length;
  const latencies = reqs.filter((r) => NOT_FAILURES.has(r.outcome) && r.outcome !== 'aborted').map((r) => r.latencyMs).sort((a, b) => a - b);
  const shown = outs.length;
  const accepted = count('accepted');
  const partial = count('partial');
  const acceptedChars = outs.reduce((s, o) => s + o.acceptedChars, 0);
  const clerkDays = new Set(outs.map((o) => `${o.user}|${o.time.slice(0, 10)}`)).size;
  const ci = wilson(accepted + partial, shown);
  return {
    group,
    requests: reqs.length,
    failures: reqs.filter((r) => !NOT_FAILURES.has(r.outcome)).length,
    fallbacks: reqs.filter((r) => r.fallback).length,
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP95Ms: percentile(latencies, 0.95),
    shown, accepted, partial,
    dismissed: count('dismissed'), typedThrough: count('typedThrough'), expired: count('expired'), replaced: count('replaced'),
    acceptRate: round(shown ? accepted / shown : null),
    acceptAnyRate: round(shown ? (accepted + partial) / shown : null),
    acceptAnyLow: round(ci?.[0] ?? null),
    acceptAnyHigh: round(ci?.[1] ?? null),
    shownChars: outs.reduce((s, o) => s + o.shownChars, 0),
    acceptedChars,
    clerkDays,
    acceptedCharsPerClerkDay: round(clerkDays ? acceptedChars / clerkDays : null, 1),
  };
}

const COLUMNS: Array<[keyof ReportRow, string, string]> = [
  ['group', '分组', 'group'],
  ['requests', '请求', 'requests'],
  ['failures', '失败', 'failures'],
  ['latencyP50Ms', '耗时 p50 毫秒', 'latency p50 ms'],
  ['latencyP95Ms', '耗时 p95 毫秒', 'latency p95 ms'],
  ['shown', '显示建议', 'shown'],
  ['acceptRate', '整条采纳率', 'accepted whole'],
  ['acceptAnyRate', '采纳率（含部分）', 'accepted (incl. partly)'],
  ['acceptAnyLow', '95% 区间下限', '95% CI low'],
  ['acceptAnyHigh', '95% 区间上限', '95% CI high'],
  ['acceptedChars', '采纳字数', 'chars accepted'],
  ['acceptedCharsPerClerkDay', '每人每日采纳字数', 'chars accepted per clerk-day'],
];

/** policy.experiment's two arms side by side: each model's row (all clerks' suggestions from it in the period)
 * and whether their 95% intervals on acceptance overlap (if they do, the data cannot tell the two apart yet). */
export interface ExperimentComparison {
  name: string;
  arms: [ReportRow, ReportRow];
  /** acceptance (whole or partly) of the second less the first */
  difference: number | null;
  intervalsOverlap: boolean | null;
}

export function compareArms(lines: readonly AuditLine[], exp: { name: string; models: readonly [string, string] }, opts: Omit<ReportOptions, 'by'>): ExperimentComparison {
  const byModel = buildReport(lines, { ...opts, by: 'model' });
  const arm = (m: string): ReportRow => byModel.rows.find((r) => r.group === m) ?? row(m, []);
  const [a, b] = [arm(exp.models[0]), arm(exp.models[1])];
  const known = a.acceptAnyRate !== null && b.acceptAnyRate !== null;
  return {
    name: exp.name, arms: [a, b],
    difference: known ? round(b.acceptAnyRate! - a.acceptAnyRate!) : null,
    intervalsOverlap: known ? !(a.acceptAnyHigh! < b.acceptAnyLow! || b.acceptAnyHigh! < a.acceptAnyLow!) : null,
  };
}

export function comparisonText(c: ExperimentComparison, lang: 'zh' | 'en'): string {
  const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  const arm = (r: ReportRow): string => `${r.group} ${pct(r.acceptAnyRate)} [${pct(r.acceptAnyLow)}, ${pct(r.acceptAnyHigh)}] (n=${r.shown})`;
  const verdict = c.intervalsOverlap === null ? (lang === 'zh' ? '数据不足' : 'not enough data')
    : c.intervalsOverlap ? (lang === 'zh' ? '区间重叠：尚不能判断哪个更好' : 'intervals overlap: no difference shown yet')
      : (lang === 'zh' ? '区间不重叠：差别可信' : 'intervals apart: the difference holds');
  return lang === 'zh'
    ? `模型对比 ${c.name}：${arm(c.arms[0])}  对  ${arm(c.arms[1])}；${verdict}\n`
    : `Experiment ${c.name}: ${arm(c.arms[0])}  vs  ${arm(c.arms[1])}; ${verdict}\n`;
}

export function reportCsv(r: UsageReport): string {
  const keys = Object.keys(r.total) as Array<keyof ReportRow>;
  const cell = (v: unknown): string => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [keys.join(','), ...[...r.rows, r.total].map((row) => keys.map((k) => cell(row[k])).join(','))].join('\n') + '\n';
}

export function reportTable(r: UsageReport, lang: 'zh' | 'en'): string {
  const pct = (v: unknown): string => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');
  const fmt = (k: keyof ReportRow, v: unknown): string => (v === null ? '—' : /Rate$|Low$|High$/.test(k) ? pct(v) : String(v));
  const head = COLUMNS.map(([, zh, en]) => (lang === 'zh' ? zh : en));
  const body = [...r.rows, { ...r.total, group: lang === 'zh' ? '合计' : 'total' }].map((row) => COLUMNS.map(([k]) => fmt(k, row[k])));
  const width = (s: string): number => [...s].reduce((w, c) => w + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i]!))));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c + ' '.repeat(widths[i]! - width(c)) : ' '.repeat(widths[i]! - width(c)) + c)).join('  ');
  const period = `${r.from ?? '…'} – ${r.to ?? '…'}`;
  const title = lang === 'zh' ? `伴写使用情况（${period}，按 ${r.by} 分组）` : `Banxie usage (${period}, by ${r.by})`;
  return [title, line(head), ...body.map(line)].join('\n') + '\n';
}
