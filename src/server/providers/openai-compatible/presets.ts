// Known OpenAI-compatible endpoints, so an admin writes `preset: deepseek` instead of URLs, and the way
// each turns a model's thinking off (checked against each server's documentation, cited per entry).
// FIM support differs: `suffix` = /completions with prompt+suffix; `qwen-tokens` = FIM tokens in the prompt.
import type { Residency } from '../../../core/protocol';

export type FimStyle = 'suffix' | 'qwen-tokens' | 'none';

/** How a model is told not to think: fields merged into the request body, or Qwen3's `/no_think` in the prompt. */
export type ThinkingSwitch =
  | { body: Record<string, unknown> }
  | { softSwitch: '/no_think' }
  | null;

export interface Preset {
  label: string;
  baseUrl: string;
  model: string;
  apiKeyEnv?: string;
  residency: Residency;
  /** how fill-in-the-middle works here, and where (relative to the origin, when it differs from baseUrl) */
  fim: FimStyle;
  fimBaseUrl?: string;
  /** the server takes /completions with a plain prompt (mode: complete, base models) */
  complete: boolean;
  /** what `thinking: off` adds to the request */
  thinkingOff: ThinkingSwitch;
  /** default of `thinking` for this preset's model: `auto` only where the model cannot stop thinking */
  thinking: 'off' | 'auto';
}

// vLLM: "The reasoning feature for the Qwen3 series is enabled by default. To disable it, you must pass
// enable_thinking=False in your chat_template_kwargs" (https://docs.vllm.ai/en/stable/features/reasoning_outputs/;
// QwenLM/Qwen3 discussion 1300). Not honoured by some Qwen3.5 images: vllm-project/vllm#35574 — the
// thoughts filter and the first-answer deadline still stand. From Qwen3.5 the template opens <think> in
// the prompt, so a thinking answer has only the closing tag (vLLM qwen3_reasoning_parser docs); and with
// --reasoning-parser qwen3 the kwarg must be in the request or the answer lands in `reasoning`
// (vllm-project/vllm#53284) — sending it is what this switch does.
const TEMPLATE_OFF: ThinkingSwitch = { body: { chat_template_kwargs: { enable_thinking: false } } };
// GLM (https://docs.z.ai/guides/capabilities/thinking-mode: `"thinking": {"type": "disabled"}`), DeepSeek
// (https://api-docs.deepseek.com/guides/thinking_mode: OpenAI format `{"thinking": {"type": "enabled/disabled"}}`,
// thinking on by default), Kimi K2.5/K2.6 (thinking on by default, `thinking: {type: "disabled"}`,
// https://java.agentscope.io/v2/en/integration/model/kimi).
const TYPE_DISABLED: ThinkingSwitch = { body: { thinking: { type: 'disabled' } } };

export type PresetName = 'deepseek' | 'qwen' | 'glm' | 'moonshot' | 'ollama' | 'vllm' | 'sglang' | 'llamacpp' | 'r1' | 'generic';

export const PRESETS: Record<PresetName, Preset> = {
  deepseek: {
    label: 'DeepSeek', baseUrl: 'https://api.deepseek.com', model: 'deepseek-v4-flash', apiKeyEnv: 'DEEPSEEK_API_KEY',
    residency: 'external', fim: 'suffix', fimBaseUrl: 'https://api.deepseek.com/beta', complete: false,
    thinkingOff: TYPE_DISABLED, thinking: 'off',
  },
  // DashScope compatible mode: `enable_thinking` is a top-level field (OpenAI SDK: extra_body) — Model
  // Studio "Deep thinking", https://help.aliyun.com/en/model-studio/deep-thinking.
  qwen: {
    label: '通义千问 Qwen', baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', model: 'qwen-plus',
    apiKeyEnv: 'DASHSCOPE_API_KEY', residency: 'external', fim: 'qwen-tokens', complete: false,
    thinkingOff: { body: { enable_thinking: false } }, thinking: 'off',
  },
  glm: {
    label: '智谱 GLM', baseUrl: 'https://open.bigmodel.cn/api/paas/v4', model: 'glm-4.7',
    apiKeyEnv: 'ZHIPUAI_API_KEY', residency: 'external', fim: 'none', complete: false,
    thinkingOff: TYPE_DISABLED, thinking: 'off',
  },
  moonshot: {
    label: 'Kimi (Moonshot)', baseUrl: 'https://api.moonshot.cn/v1', model: 'kimi-k2.6',
    apiKeyEnv: 'MOONSHOT_API_KEY', residency: 'external', fim: 'none', complete: false,
    thinkingOff: TYPE_DISABLED, thinking: 'off',
  },
  // Ollama's /v1/chat/completions ignores `think` and Qwen's switches; `reasoning_effort: "none"` turns
  // thinking off there (ollama/ollama#14820 and PR 14821; https://docs.ollama.com/api/openai-compatibility).
  // Its thoughts come back in a `reasoning` field.
  ollama: {
    label: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen3:8b', residency: 'local', fim: 'suffix', complete: true,
    thinkingOff: { body: { reasoning_effort: 'none' } }, thinking: 'off',
  },
  // Default model: Qwen3-Instruct-2507 "supports only non-thinking mode and does not generate <think></think>
  // blocks" (https://qwen.readthedocs.io/en/latest/getting_started/quickstart.html); the switch stays for
  // a hybrid Qwen3 the admin names instead.
  vllm: {
    label: 'vLLM', baseUrl: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen3-4B-Instruct-2507', residency: 'local', fim: 'none', complete: true,
    thinkingOff: TEMPLATE_OFF, thinking: 'off',
  },
  // SGLang's OpenAI server takes the same `chat_template_kwargs` and gates its reasoning parser on the
  // template's thinking (sgl-project/sglang#20789, #8369). Not verified against a running server here:
  // `npm run doctor` says whether the switch worked.
  sglang: {
    label: 'SGLang', baseUrl: 'http://127.0.0.1:30000/v1', model: 'Qwen/Qwen3-4B-Instruct-2507', residency: 'local', fim: 'none', complete: true,
    thinkingOff: TEMPLATE_OFF, thinking: 'off',
  },
  // llama-server (ggml-org/llama.cpp tools/server README): port 8080, /v1/chat/completions and
  // /v1/completions, per-request `chat_template_kwargs`, thoughts in `reasoning_content`.
  llamacpp: {
    label: 'llama.cpp server', baseUrl: 'http://127.0.0.1:8080/v1', model: 'local', residency: 'local', fim: 'none', complete: true,
    thinkingOff: TEMPLATE_OFF, thinking: 'off',
  },
  // DeepSeek-R1 and its distills on an 一体机 (vLLM or SGLang): they always think and have no off switch
  // (https://huggingface.co/deepseek-ai/DeepSeek-R1 "Usage Recommendations": the template starts the
  // answer inside <think>), so thinking is `auto`: text waits until the thought is over, and the
  // first-answer deadline stops a model still thinking.
  r1: {
    label: 'DeepSeek-R1 (local)', baseUrl: 'http://127.0.0.1:8000/v1', model: 'deepseek-ai/DeepSeek-R1-Distill-Qwen-32B', residency: 'local',
    fim: 'none', complete: true, thinkingOff: null, thinking: 'auto',
  },
  // No defaults worth guessing: the admin names the URL and model; residency defaults to the strictest.
  generic: { label: 'OpenAI-compatible', baseUrl: '', model: '', residency: 'external', fim: 'suffix', complete: true, thinkingOff: null, thinking: 'off' },
};
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
