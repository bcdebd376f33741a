// `npm run doctor [-- --model ID] [--json] [--lang zh|en] [--config FILE]`: calls each configured model
// the way the pane will (the service's own provider and pipeline, a few 公文 contexts) and says whether
// it is usable for ghost text: reachable, key accepted, streams, time to the first answer character,
// characters per second and per token, whether it thinks (and whether the off switch worked), chatter
// left after clean-up, which modes the server takes. Exit code 1 when a model is unusable.
import { performance } from 'node:perf_hooks';
import type { ContextDigest } from '../src/core/protocol';
import { loadConfig, type ModelConfig, type ServerConfig } from '../src/server/config';
import { collect, pipeline } from '../src/server/postprocess';
import { OpenAICompatibleProvider } from '../src/server/providers/openai-compatible';
import { PRESETS } from '../src/server/providers/openai-compatible/presets';
import { ProviderError } from '../src/server/providers/types';

export type Lang = 'zh' | 'en';

export interface ModelReport {
  id: string;
  usable: boolean;
  reachable: boolean;
  keyAccepted: boolean;
  streams: boolean;
  firstCharMsP50: number | null;
  firstCharMsP95: number | null;
  charsPerSecond: number | null;
  charsPerToken: number | null;
  thinks: boolean;
  /** null when there was nothing to switch off, or thinking is left on (thinking: auto) */
  thinkingOffWorks: boolean | null;
  chatterLeft: boolean;
  modes: { chat: boolean; complete: boolean; fim: boolean };
  /** what to change, one sentence per finding, in the chosen language; '' when nothing */
  advice: string;
}

const MAX_CHARS = 40;
const base = (p: Partial<ContextDigest>): ContextDigest => ({
  docType: '通知', title: '', issuer: '', recipients: '', docNumber: '', signer: '', cc: '', urgency: '', classification: null,
  classificationPeriod: '', outline: [], section: [], nextOrdinals: {}, facts: { dates: [], orgs: [], amounts: [], names: [], attachments: [] },
  before: '', after: '', budgetChars: 2000, ...p,
});
/** Contexts like the pane sends: a notice, a request for instructions, a letter (our own text). */
export const SAMPLES: ContextDigest[] = [
  base({ docType: '通知', title: '关于开展汛期安全生产大检查的通知', issuer: '清河县应急管理局', recipients: '各乡镇人民政府，县直各有关单位',
    before: '各乡镇人民政府，县直各有关单位：\n为切实做好汛期安全生产工作，有效防范化解重大安全风险，经研究，决定在全县范围内开展汛期安全生产大检查。现将有关事项通知如下：\n一、检查时间\n', after: '' }),
  base({ docType: '请示', title: '关于拨付老旧小区改造补助资金的请示', issuer: '清河县住房和城乡建设局', recipients: '县人民政府',
    before: '县人民政府：\n根据省住房和城乡建设厅有关要求，我局组织开展了老旧小区改造工作，目前已完成', after: '' }),
  base({ docType: '函', title: '关于商请协助开展数据安全检查的函', issuer: '清河县数据局', recipients: '县公安局',
    before: '县公安局：\n为落实数据安全管理要求，我局拟于近期对全县政务信息系统开展数据安全检查。鉴于', after: '\n特此函商，盼复。' }),
];
const ROUNDS = 2;
// What is left of chatter after clean-up: a model that talks to the clerk, or markup.
const CHATTER_LEFT = /续写|以下是|希望|如需|告诉我|您|我可以|```|\*\*|^#|<\/?think/m;

type Probe = { status?: number; error?: 'refused' | 'timeout'; contentType: string; body: string };

/** One call: the status at once, then what of the body arrives within `timeoutMs` (a thinking model may not finish). */
async function raw(url: string, headers: Record<string, string>, body: Record<string, unknown>, timeoutMs: number, readBody = true): Promise<Probe> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), timeoutMs);
  try {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal: ctrl.signal });
    let text = '';
    if (readBody && res.body) {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk, { stream: true });
      } catch { /* cut at the time limit: what came is enough */ }
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: text };
  } catch {
    return { error: ctrl.signal.aborted ? 'timeout' : 'refused', contentType: '', body: '' };
  } finally {
    clearTimeout(timer);
    ctrl.abort(); // a body not read is not waited for
  }
}

function headersOf(m: ModelConfig, env: NodeJS.ProcessEnv): Record<string, string> {
  const key = m.apiKeyEnv ? env[m.apiKeyEnv] : undefined;
  return { 'content-type': 'application/json', accept: 'text/event-stream, application/json', ...m.headers, ...(key ? { authorization: `Bearer ${key}` } : {}) };
}

/** completion tokens the server reported in a (streamed) answer, when it did */
function usageTokens(body: string): number | null {
  const m = /"completion_tokens"\s*:\s*(\d+)/.exec(body);
  return m ? Number(m[1]) : null;
}

const pct = (xs: number[], p: number): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]);
};

/** One model, the pane's way. */
export async function checkModel(config: ServerConfig, m: ModelConfig, lang: Lang, env: NodeJS.ProcessEnv = process.env): Promise<ModelReport> {
  const say = (zh: string, en: string): string => (lang === 'zh' ? zh : en);
  const advice: string[] = [];
  if (m.provider === 'builtin') {
    return { id: m.id, usable: true, reachable: true, keyAccepted: true, streams: true, firstCharMsP50: 0, firstCharMsP95: 0, charsPerSecond: null, charsPerToken: null,
      thinks: false, thinkingOffWorks: null, chatterLeft: false, modes: { chat: true, complete: true, fim: true }, advice: '' };
  }
  const timeoutMs = m.timeoutMs ?? config.upstreamTimeoutMs;
  const deadline = m.firstAnswerMs ?? config.firstAnswerMs;
  const headers = headersOf(m, env);
  const plan = (mode: ModelConfig['mode']) => new OpenAICompatibleProvider({ model: { ...m, mode }, prompts: config.prompts, timeoutMs, env }).buildCall({ digest: SAMPLES[0], maxChars: MAX_CHARS });

  // 1. the server itself: reachable, key, stream, usage, and which modes it takes
  const chat = plan('chat');
  const first = await raw(chat.url, headers, { ...chat.body, stream_options: { include_usage: true } }, timeoutMs);
  const reachable = first.status !== undefined;
  const keyAccepted = reachable && first.status !== 401 && first.status !== 403;
  const ok = (p: Probe): boolean => p.status !== undefined && p.status >= 200 && p.status < 300;
  const modes = { chat: ok(first), complete: false, fim: false };
  if (reachable && keyAccepted) {
    const complete = plan('complete');
    modes.complete = ok(await raw(complete.url, headers, complete.body, timeoutMs, false));
    const fim = plan('fim');
    modes.fim = ok(await raw(fim.url, headers, fim.body, timeoutMs, false));
  }
  const streams = first.contentType.includes('text/event-stream');
  if (!reachable) {
    advice.push(first.error === 'timeout'
      ? say(`${m.baseUrl} 在 ${timeoutMs} 毫秒内没有应答：检查模型服务是否过载或地址是否正确。`, `${m.baseUrl} did not answer within ${timeoutMs} ms: check whether the model server is overloaded and the address is right.`)
      : say(`无法连接 ${m.baseUrl}：检查模型服务是否已启动、地址和端口是否正确、防火墙是否放行。`, `Cannot connect to ${m.baseUrl}: check that the model server runs, the address and port are right, and the firewall lets it through.`));
  } else if (!keyAccepted) {
    advice.push(say(`密钥被拒绝（HTTP ${first.status}）：检查环境变量 ${m.apiKeyEnv ?? '（未配置 apiKeyEnv）'} 中的密钥。`, `The key was refused (HTTP ${first.status}): check the key in the environment variable ${m.apiKeyEnv ?? '(no apiKeyEnv configured)'}.`));
  } else if (!modes[m.mode]) {
    advice.push(say(`服务不接受 mode: ${m.mode}（HTTP ${first.status}）：改用 ${(['chat', 'complete', 'fim'] as const).filter((k) => modes[k]).join('、') || '其他模型'}。`,
      `The server does not take mode: ${m.mode} (HTTP ${first.status}): use ${(['chat', 'complete', 'fim'] as const).filter((k) => modes[k]).join(', ') || 'another model'}.`));
  }
  const answeredChars = Array.from(first.body.matchAll(/"(?:content|text)"\s*:\s*"((?:[^"\\]|\\.)*)"/g)).map((x) => x[1]).join('').length;
  const tokens = usageTokens(first.body);
  const charsPerToken = tokens && answeredChars ? Math.round((answeredChars / tokens) * 100) / 100 : null;

  // 2. the pane's way: provider + pipeline + first-answer deadline, a few contexts
  const firsts: number[] = [];
  let streamedChars = 0;
  let streamedMs = 0;
  let thinks = /<think>|<\/think>|"reasoning(?:_content)?"\s*:\s*"[^"]/.test(first.body);
  let stoppedThinking = 0;
  let failed = 0;
  let chatterLeft = false;
  const calls = reachable && keyAccepted && modes[m.mode] ? ROUNDS : 0;
  const provider = new OpenAICompatibleProvider({ model: m, prompts: config.prompts, timeoutMs, env });
  for (let r = 0; r < calls; r++) {
    for (const digest of SAMPLES) {
      const control = new AbortController();
      const t0 = performance.now();
      let firstAt = -1;
      const p = pipeline(provider.stream({ digest, maxChars: MAX_CHARS, signal: control.signal }), {
        before: digest.before, after: digest.after, title: digest.title, maxChars: MAX_CHARS, holdUntagged: m.thinking === 'auto', firstAnswerMs: deadline, control,
      });
      try {
        const a = await collect(p, () => { if (firstAt < 0) firstAt = performance.now() - t0; });
        const end = performance.now() - t0;
        if (firstAt >= 0) {
          firsts.push(firstAt);
          streamedChars += Array.from(a.text).length;
          streamedMs += Math.max(1, end - firstAt);
        }
        if (CHATTER_LEFT.test(a.text)) chatterLeft = true;
      } catch (err) {
        failed++;
        if (err instanceof ProviderError && err.why === 'thinking') stoppedThinking++;
      }
      if (p.run.thought) thinks = true;
    }
  }
  const preset = m.preset ? PRESETS[m.preset] : undefined;
  const hasSwitch = m.thinking === 'off' && !!preset?.thinkingOff;
  const thinkingOffWorks = calls > 0 && m.thinking === 'off' && (thinks || hasSwitch) ? !thinks : null;
  const p50 = pct(firsts, 50);
  const usable = reachable && keyAccepted && modes[m.mode] && calls > 0 && failed * 2 < calls * SAMPLES.length && p50 !== null && p50 <= (deadline || Infinity);

  if (thinks && (stoppedThinking > 0 || !usable)) {
    advice.push(m.thinking === 'off'
      ? say(`模型在思考，关闭思考的开关无效${preset?.thinkingOff ? '' : '（此预设没有开关）'}：改用不思考的模型（如 Qwen3 的 Instruct 版或 *-Instruct 模型），或在模型服务端关闭思考（vLLM/SGLang 的 chat template 参数 enable_thinking=false）。`,
        `The model thinks and the off switch did not work${preset?.thinkingOff ? '' : ' (this preset has none)'}: use a model that does not think (a Qwen3 Instruct or another *-Instruct model), or turn thinking off on the server (vLLM/SGLang chat template enable_thinking=false).`)
      : say(`模型总在思考，首字超过 ${deadline} 毫秒：幽灵文字需要不思考的模型；DeepSeek-R1 类模型请只用于其他用途。`,
        `The model always thinks and its first character comes after ${deadline} ms: ghost text needs a model that does not think; keep R1-style models for other uses.`));
  } else if (calls > 0 && p50 !== null && deadline && p50 > deadline) {
    advice.push(say(`首字中位 ${p50} 毫秒，超过 firstAnswerMs（${deadline}）：换更小的模型或用 GPU，或调高 firstAnswerMs（用户会等得更久）。`,
      `First character after ${p50} ms (median), beyond firstAnswerMs (${deadline}): use a smaller model or a GPU, or raise firstAnswerMs (clerks then wait longer).`));
  } else if (calls > 0 && failed * 2 >= calls * SAMPLES.length && !thinks) {
    advice.push(say('多数请求失败：查看服务日志中 upstream failed 一行的 cause。', 'Most requests failed: see the cause in the service log\'s "upstream failed" lines.'));
  }
  if (usable && !streams) advice.push(say('服务没有流式返回：首段文字要等全文完成才显示。', 'The server does not stream: the first clause waits for the whole answer.'));
  if (chatterLeft) advice.push(say('清理后仍有客套话：在 prompts 中要求只输出续写内容，或改用 mode: complete（基座模型）。', 'Chatter is left after clean-up: tighten the prompts, or use mode: complete with a base model.'));
  return {
    id: m.id, usable, reachable, keyAccepted, streams, firstCharMsP50: p50, firstCharMsP95: pct(firsts, 95),
    charsPerSecond: streamedMs ? Math.round((streamedChars / streamedMs) * 1000 * 10) / 10 : null, charsPerToken,
    thinks, thinkingOffWorks, chatterLeft, modes, advice: advice.join(' '),
  };
}

export async function doctor(config: ServerConfig, opts: { model?: string; lang: Lang; env?: NodeJS.ProcessEnv }): Promise<{ models: ModelReport[] }> {
  const chosen = config.models.filter((m) => !opts.model || m.id === opts.model);
  const models: ModelReport[] = [];
  for (const m of chosen) models.push(await checkModel(config, m, opts.lang, opts.env));
  return { models };
}

function table(r: { models: ModelReport[] }, lang: Lang): string {
  const yes = (b: boolean | null): string => (b === null ? '-' : lang === 'zh' ? (b ? '是' : '否') : b ? 'yes' : 'no');
  const head = lang === 'zh'
    ? ['模型', '可用', '可连接', '密钥', '流式', '首字p50', '首字p95', '字/秒', '字/词元', '思考', '关思考有效', '残留客套', '模式']
    : ['model', 'usable', 'reachable', 'key', 'streams', 'first p50', 'first p95', 'chars/s', 'chars/token', 'thinks', 'off works', 'chatter', 'modes'];
  // what could not be tried (the key of a server never reached) is '-', not 'no'
  const rows = r.models.map((m) => [m.id, yes(m.usable), yes(m.reachable), yes(m.reachable ? m.keyAccepted : null), yes(m.keyAccepted ? m.streams : null), m.firstCharMsP50 === null ? '-' : `${m.firstCharMsP50} ms`,
    m.firstCharMsP95 === null ? '-' : `${m.firstCharMsP95} ms`, String(m.charsPerSecond ?? '-'), String(m.charsPerToken ?? '-'), yes(m.thinks), yes(m.thinkingOffWorks),
    yes(m.chatterLeft), (['chat', 'complete', 'fim'] as const).filter((k) => m.modes[k]).join(',') || '-']);
  const width = (s: string): number => Array.from(s).reduce((n, c) => n + (/[\u1100-\uffff]/.test(c) ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((row) => width(row[i]))));
  const line = (cells: string[]): string => cells.map((c, i) => c + ' '.repeat(widths[i] - width(c))).join('  ').trimEnd();
  const out = [line(head), ...rows.map(line)];
  for (const m of r.models) if (m.advice) out.push(`${m.id}: ${m.advice}`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (name: string): string | undefined => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const langArg = value('--lang');
  const lang: Lang = langArg === 'en' || (!langArg && /^en/i.test(process.env.LANG ?? '')) ? 'en' : 'zh';
  const config = loadConfig(value('--config') ?? process.env.BANXIE_CONFIG);
  const id = value('--model');
  if (id && !config.models.some((m) => m.id === id)) {
    console.error(lang === 'zh' ? `配置中没有模型 ${id}` : `No model ${id} in the configuration`);
    process.exit(2);
  }
  const report = await doctor(config, { model: id, lang });
  console.log(args.includes('--json') ? JSON.stringify(report) : table(report, lang));
  process.exit(report.models.every((m) => m.usable) ? 0 : 1);
}

if (process.argv[1] && /doctor\.[cm]?[jt]s$/.test(process.argv[1])) {
  main().catch((err) => { console.error(err instanceof Error ? err.message : err); process.exit(2); });
}
