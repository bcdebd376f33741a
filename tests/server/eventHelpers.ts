// Outcome events as a pane sends them, and reading samples out of Prometheus text, for the event and metrics tests.

let n = 0;
export function outcomeEvent(p: Record<string, unknown> = {}): Record<string, unknown> {
  n++;
  return {
    id: `ev-${n}-abcdefgh`, requestId: `req-${n}`, model: 'builtin', outcome: 'accepted', shownChars: 12, acceptedChars: 12,
    shownMs: 1500, latencyMs: 180, docType: '通知', inline: true, host: 'word/16.0 web', ...p,
  };
}

/** The sum of the samples of `name` whose labels include `labels`, in Prometheus text; 0 when none. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const m = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const have = Object.fromEntries([...(m[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[2]);
  }
  return sum;
}
