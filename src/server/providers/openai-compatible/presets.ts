// Known OpenAI-compatible endpoints, so an admin writes `preset: deepseek` instead of URLs.
// FIM support differs: `suffix` = /completions with prompt+suffix; `qwen-tokens` = FIM tokens in the prompt.
import type { Residency } from '../../../core/protocol';

export type FimStyle = 'suffix' | 'qwen-tokens' | 'none';

export interface Preset {
  label: string;
  baseUrl: string;
  model: string;
  apiKeyEnv?: string;
  residency: Residency;
  /** how fill-in-the-middle works here, and where (relative to the origin, when it differs from baseUrl) */
  fim: FimStyle;
  fimBaseUrl?: string;
}

export type PresetName = 'deepseek' | 'qwen' | 'glm' | 'moonshot' | 'ollama' | 'vllm' | 'generic';

export const PRESETS: Record<PresetName, Preset> = {
  deepseek: {
    label: 'DeepSeek', baseUrl: 'https://api.deepseek.com', model: 'deepseek-chat', apiKeyEnv: 'DEEPSEEK_API_KEY',
    residency: 'external', fim: 'suffix', fimBaseUrl: 'https://api.deepseek.com/beta',
  },
  qwen: {
    label: '通义千问 Qwen', baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1', model: 'qwen-plus',
    apiKeyEnv: 'DASHSCOPE_API_KEY', residency: 'external', fim: 'qwen-tokens',
  },
  glm: {
    label: '智谱 GLM', baseUrl: 'https://open.bigmodel.cn/api/paas/v4', model: 'glm-4-flash',
    apiKeyEnv: 'ZHIPUAI_API_KEY', residency: 'external', fim: 'none',
  },
  moonshot: {
    label: 'Kimi (Moonshot)', baseUrl: 'https://api.moonshot.cn/v1', model: 'moonshot-v1-8k',
    apiKeyEnv: 'MOONSHOT_API_KEY', residency: 'external', fim: 'none',
  },
  ollama: { label: 'Ollama', baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen2.5:7b', residency: 'local', fim: 'suffix' },
  vllm: { label: 'vLLM', baseUrl: 'http://127.0.0.1:8000/v1', model: 'Qwen/Qwen2.5-7B-Instruct', residency: 'local', fim: 'none' },
  // No defaults worth guessing: the admin names the URL and model; residency defaults to the strictest.
  generic: { label: 'OpenAI-compatible', baseUrl: '', model: '', residency: 'external', fim: 'suffix' },
};
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
