// The privacy notice users consent to. Its version is a hash of its text unless the admin sets one,
// so changing what the notice says (or which models it names) asks every user again.
import crypto from 'node:crypto';
import type { PrivacyNotice } from '../../core/protocol';
import type { ServerConfig } from '../config';

const RESIDENCY_ZH = { builtin: '本服务器内置引擎，不联网', local: '本机或局域网内的模型服务', intranet: '本单位内网部署的模型', external: '外部公共模型服务' };
const RESIDENCY_EN = { builtin: 'the built-in engine on this server, no network', local: 'a model server on this machine or LAN', intranet: "the organisation's private deployment", external: 'a public external model service' };

export function buildNotice(config: ServerConfig): PrivacyNotice {
  const text = config.privacy.text ?? defaultText(config);
  const version = config.privacy.version ?? crypto.createHash('sha256').update(text['zh-CN']).update('\0').update(text.en).digest('hex').slice(0, 12);
  return { version, text };
}

function defaultText(config: ServerConfig): PrivacyNotice['text'] {
  const months = Math.round(config.audit.retentionDays / 30.4);
  // names as clerks see them in the pane, without the ids only IT uses (issue 31 §5)
  const zhModels = config.models.map((m) => `· ${m.label}：${RESIDENCY_ZH[m.residency]}`).join('\n');
  const enModels = config.models.map((m) => `· ${m.label}: ${RESIDENCY_EN[m.residency]}`).join('\n');
  const zh = [
    '伴写会把光标附近的文字和文档摘要（文种、标题、发文机关、提纲、日期等要素）发送到本单位的伴写服务，由您选择的模型生成续写建议。',
    '可用的模型及其所在位置：',
    zhModels,
    `带有密级标志的文档只会发往：${config.policy.classifiedResidencies.map((r) => RESIDENCY_ZH[r]).join('、')}。`,
    config.policy.maskPii ? '发往外部模型前，以下个人信息会被替换为占位符，答复中再还原：身份证号、电话号码（手机、固定电话、传真）、银行卡号、电子邮箱、护照号、联系人和经办人姓名。' : '',
    config.policy.aigcLabel ? '依据《人工智能生成合成内容标识办法》和 GB 45438-2025，您采纳模型写的文字后，文档的自定义属性 AIGC 会记下：含人工智能生成内容、生成方、内容编号、所用模型和采纳的字数；不记任何文档文字。' : '',
    config.policy.outcomeEvents ? '为评估建议是否有用，面板还会报告每条建议的结果（采纳、部分采纳、关闭、照打、过时或被替换）：所用模型、显示和采纳的字数、显示时长、响应耗时、文种、是否显示在文档中、Word 或 WPS 及其版本；不含任何文档文字。' : '',
    `服务只记录审计信息（时间、请求编号、经散列处理的用户标识、模型、字数、耗时、结果、各类个人信息隐去的项数），不记录文档内容，审计记录保存约 ${months} 个月。`,
  ].filter(Boolean).join('\n');
  const en = [
    "Banxie sends the text around the cursor and a digest of the document (type, title, issuer, outline, dates and similar facts) to your organisation's Banxie service, where the model you choose writes a suggestion.",
    'Models available and where they run:',
    enModels,
    `Documents with a classification marking only go to: ${config.policy.classifiedResidencies.map((r) => RESIDENCY_EN[r]).join(', ')}.`,
    config.policy.maskPii ? 'Before anything goes to an external model, this personal data is replaced by placeholders and restored in the answer: ID numbers, phone numbers (mobile, landline, fax), bank card numbers, e-mail addresses, passport numbers, and the names of contact persons.' : '',
    config.policy.aigcLabel ? "As the AI-generated content labelling rules and GB 45438-2025 require, once you accept a model's text the document's custom property AIGC records: that it holds AI-generated content, the producer, a content ID, the models used and how many characters were accepted; never any document text." : '',
    config.policy.outcomeEvents ? 'To show whether suggestions help, the pane also reports what became of each one (accepted, partly accepted, dismissed, typed through, expired or replaced): the model, characters shown and accepted, how long it was shown, the response time, the document type, whether it showed in the document, and Word or WPS with its version; never any document text.' : '',
    `The service keeps only an audit record (time, request id, hashed user, model, character counts, latency, outcome, how many personal items of each kind were masked), never document text, for about ${months} months.`,
  ].filter(Boolean).join('\n');
  return { 'zh-CN': zh, en };
}
