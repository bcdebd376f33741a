// `npm run report -- [--from D] [--to D] [--by model|docType|week|user] [--json|--csv] [--lang zh|en] [--audit PATH]`:
// the usage report over the audit files (rolled ones included) — requests, failures, latency p50/p95,
// suggestions shown, acceptance (whole, and with partial accepts, with a 95% Wilson interval: two models
// of policy.experiment side by side), characters accepted per clerk per day. The audit files are the
// configured audit.file's ($BANXIE_CONFIG) unless --audit names a file or folder; with $BANXIE_CONFIG naming a
// policy.experiment, its two models are compared after the table (JSON: `experiment`).
import { loadConfig } from '../src/server/config';
import { auditFiles, buildReport, compareArms, comparisonText, readAudit, reportCsv, reportTable, type GroupBy } from '../src/server/usageReport';

const USAGE = 'usage: npm run report -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--by model|docType|week|user] [--json|--csv] [--lang zh|en] [--audit PATH]';
const BY: GroupBy[] = ['model', 'docType', 'week', 'user'];

function fail(msg: string): never {
  console.error(`${msg}\n${USAGE}`);
  process.exit(2);
}

function main(argv: string[]): void {
  const o: { from?: string; to?: string; by: GroupBy; format: 'table' | 'json' | 'csv'; lang: 'zh' | 'en'; audit?: string } = {
    by: 'model', format: 'table', lang: /^en/i.test(process.env.LANG ?? '') ? 'en' : 'zh',
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = (): string => inline ?? argv[++i] ?? fail(`${flag} needs a value / ${flag} 缺少取值`);
    switch (flag) {
      case '--from': case '--to': {
        const d = value();
        if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) fail(`${flag} takes a date YYYY-MM-DD / 日期格式应为 YYYY-MM-DD`);
        o[flag === '--from' ? 'from' : 'to'] = d;
        break;
      }
      case '--by': {
        const b = value() as GroupBy;
        if (!BY.includes(b)) fail(`--by takes ${BY.join('|')}`);
        o.by = b;
        break;
      }
      case '--json': o.format = 'json'; break;
      case '--csv': o.format = 'csv'; break;
      case '--lang': o.lang = value() === 'en' ? 'en' : 'zh'; break;
      case '--audit': o.audit = value(); break;
      case '--help': case '-h': console.log(USAGE); process.exit(0);
      // eslint-disable-next-line no-fallthrough
      default: fail(`unknown option ${argv[i]} / 未知选项 ${argv[i]}`);
    }
  }
  const config = process.env.BANXIE_CONFIG || !o.audit ? loadConfig() : null;
  const where = o.audit ?? config?.audit.file;
  if (!where) fail('no audit file: set audit.file in the config ($BANXIE_CONFIG) or pass --audit / 未配置审计文件');
  let files: string[];
  try {
    files = auditFiles(where);
  } catch {
    fail(`cannot read ${where} / 无法读取 ${where}`);
  }
  const lines = readAudit(files);
  const report = buildReport(lines, { from: o.from, to: o.to, by: o.by });
  // policy.experiment in the config: its two models side by side, whatever --by says
  const exp = config?.policy.experiment;
  const experiment = exp ? compareArms(lines, exp, { from: o.from, to: o.to }) : undefined;
  if (o.format === 'json') console.log(JSON.stringify({ files: files.length, ...report, ...(experiment ? { experiment } : {}) }));
  else if (o.format === 'csv') process.stdout.write(reportCsv(report));
  else process.stdout.write(reportTable(report, o.lang) + (experiment ? comparisonText(experiment, o.lang) : ''));
}

main(process.argv.slice(2));
