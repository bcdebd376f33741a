// Server-side prompt templates: IT can override them in config without touching the add-in.
// `{{name}}` placeholders are filled from the (already PII-masked) digest; unknown names become ''.
import type { ContextDigest } from '../../../core/protocol';

export interface PromptTemplates {
  /** system message in chat mode */
  system: string;
  /** user message in chat mode */
  user: string;
  /** text put before the `before` text in FIM mode (document header for the model) */
  fimHeader: string;
}

export const DEFAULT_PROMPTS: PromptTemplates = {
  system: [
    '你是党政机关公文写作助手，为正在起草公文的工作人员续写下文。',
    '要求：沿用原文的文种、语体和格式（《党政机关公文格式》GB/T 9704），语言规范、准确、简洁；',
    '只输出紧接光标处的续写文字，不要重复光标前已有的内容，不要与光标后的文字重复，',
    '不加任何解释、引号、标题说明或 Markdown；不编造文中没有依据的数字、日期、人名和机构名；',
    '形如 [EMAIL_1]、[PHONE_1] 的占位符须原样保留。没有把握时输出空内容。',
  ].join(''),
  user: [
    '文种：{{docType}}',
    '标题：{{title}}',
    '发文机关：{{issuer}}',
    '主送机关：{{recipients}}',
    '文号：{{docNumber}}',
    '提纲：{{outline}}',
    '当前所在部分：{{section}}',
    '下一级序号：{{nextOrdinals}}',
    '文中要素：{{facts}}',
    '{{examples}}',
    '光标前的文字：',
    '{{before}}',
    '',
    '光标后的文字：',
    '{{after}}',
    '',
    '请续写光标处的内容，不超过 {{maxChars}} 个字。',
  ].join('\n'),
  fimHeader: '{{title}}\n',
};

/**
 * The organisation's own earlier passages as a prompt block ('' when there are none), so that a
 * template line `{{examples}}` disappears with nothing to show.
 */
export function examplesBlock(examples: string[] = []): string {
  if (examples.length === 0) return '';
  return `本单位以往公文中的相似段落（仅供参考本单位的用语，不要照抄其中的数字、日期和名称）：\n${examples.map((e, i) => `${i + 1}. ${e}`).join('\n')}\n`;
}

export function promptVars(digest: ContextDigest, maxChars: number, examples: string[] = []): Record<string, string> {
  const facts = digest.facts;
  return {
    docType: digest.docType === 'unknown' ? '未知' : digest.docType,
    title: digest.title,
    issuer: digest.issuer,
    recipients: digest.recipients,
    docNumber: digest.docNumber,
    signer: digest.signer,
    outline: digest.outline.map((h) => `${h.ordinal}${h.text}`).join('；'),
    section: digest.section.map((h) => `${h.ordinal}${h.text}`).join(' > '),
    nextOrdinals: Object.values(digest.nextOrdinals).join(' '),
    facts: [
      facts.dates.length ? `日期 ${facts.dates.join('、')}` : '',
      facts.orgs.length ? `机构 ${facts.orgs.join('、')}` : '',
      facts.amounts.length ? `数额 ${facts.amounts.join('、')}` : '',
      facts.names.length ? `人名 ${facts.names.join('、')}` : '',
      facts.attachments.length ? `附件 ${facts.attachments.join('、')}` : '',
    ].filter(Boolean).join('；'),
    before: digest.before,
    after: digest.after,
    maxChars: String(maxChars),
    examples: examplesBlock(examples),
  };
}

export type Template = (vars: Record<string, string>) => string;

/** Splits a template once, so each request only joins strings (a regex replace per request showed in profiles). */
export function compileTemplate(template: string): Template {
  // Odd entries are placeholder names. One pass, so a value that itself contains "{{x}}" (document
  // text) is never expanded.
  const parts = template.split(/\{\{(\w+)\}\}/);
  if (parts.length === 1) return () => template;
  return (vars) => {
    let out = parts[0];
    for (let i = 1; i < parts.length; i += 2) out += (vars[parts[i]] ?? '') + parts[i + 1];
    return out;
  };
}
