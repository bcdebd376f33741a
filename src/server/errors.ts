// Errors a client can meet: a stable code for programs and a sentence in zh-CN or en for people.
// Routes throw ApiError; the app's error handler turns it (and Fastify's own errors) into ErrorBody.
import type { ErrorBody } from '../core/protocol';

export type Lang = 'zh-CN' | 'en';

export type ErrorCode =
  | 'bad_request' | 'bad_url' | 'invalid_json' | 'unsupported_media_type' | 'payload_too_large' | 'headers_too_large' | 'request_timeout'
  | 'unauthorized' | 'signon_required' | 'consent_required' | 'classified_blocked' | 'not_found' | 'unknown_model'
  | 'rate_limited' | 'upstream_error' | 'upstream_timeout' | 'upstream_busy' | 'upstream_unavailable'
  | 'not_ready' | 'internal_error';

const MESSAGES: Record<ErrorCode, { 'zh-CN': string; en: string }> = {
  bad_request: { 'zh-CN': '请求格式不正确：{detail}', en: 'The request is malformed: {detail}' },
  bad_url: { 'zh-CN': '请求地址格式不正确。', en: 'The request URL is malformed.' },
  headers_too_large: { 'zh-CN': '请求头过大。', en: 'The request headers are too large.' },
  request_timeout: { 'zh-CN': '请求未在限定时间内传完。', en: 'The request was not received in time.' },
  invalid_json: { 'zh-CN': '请求正文不是有效的 JSON。', en: 'The request body is not valid JSON.' },
  unsupported_media_type: { 'zh-CN': '请求正文须为 application/json。', en: 'The request body must be application/json.' },
  payload_too_large: { 'zh-CN': '请求正文过大。', en: 'The request body is too large.' },
  unauthorized: { 'zh-CN': '未授权：请在设置中填写有效的访问令牌。', en: 'Unauthorized: set a valid access token in the settings.' },
  signon_required: {
    'zh-CN': '请先登录单位统一身份认证，再使用伴写。',
    en: "Sign in with your organisation's sign-on first, then use Banxie.",
  },
  consent_required: {
    'zh-CN': '使用该模型前须阅读并同意当前版本的隐私说明。',
    en: 'Read and accept the current privacy notice before using this model.',
  },
  classified_blocked: {
    'zh-CN': '该文档带有密级标志，管理员不允许将其发送到此模型。',
    en: 'This document carries a classification marking; the administrator does not allow sending it to this model.',
  },
  not_found: { 'zh-CN': '没有这个地址。', en: 'No such path.' },
  unknown_model: { 'zh-CN': '没有名为“{detail}”的模型。', en: 'There is no model named "{detail}".' },
  rate_limited: { 'zh-CN': '请求过于频繁，请稍后再试。', en: 'Too many requests; try again shortly.' },
  upstream_error: { 'zh-CN': '模型服务出错，请稍后再试。', en: 'The model service failed; try again later.' },
  upstream_timeout: { 'zh-CN': '模型服务响应超时。', en: 'The model service did not answer in time.' },
  upstream_busy: { 'zh-CN': '模型暂时不可用：请求太多，请稍后再试。', en: 'The model is temporarily unavailable: too many requests; try again shortly.' },
  upstream_unavailable: { 'zh-CN': '模型暂时不可用，请稍后再试。', en: 'The model is temporarily unavailable; try again shortly.' },
  not_ready: { 'zh-CN': '服务尚未就绪或正在停止。', en: 'The service is not ready or is shutting down.' },
  internal_error: { 'zh-CN': '服务内部错误。', en: 'Internal server error.' },
};

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    /** substituted into the message; must never contain document text */
    readonly detail = '',
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

/** zh-CN unless the client's Accept-Language prefers English over Chinese. */
export function pickLang(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : acceptLanguage ?? '';
  let best: { lang: Lang; q: number } = { lang: 'zh-CN', q: -1 };
  for (const part of header.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    if (!tag) continue;
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    if (!Number.isFinite(q)) continue;
    const lang: Lang | null = tag.startsWith('zh') ? 'zh-CN' : tag.startsWith('en') ? 'en' : null;
    if (lang && q > best.q) best = { lang, q };
  }
  return best.lang;
}

export function errorBody(code: ErrorCode, lang: Lang, detail = ''): ErrorBody {
  return { error: { code, message: MESSAGES[code][lang].replace('{detail}', detail) } };
}

/**
 * Headers every error answer carries, also those sent before any route or hook runs (a malformed URL,
 * a request the HTTP parser refuses): JSON that nothing may frame, sniff, cache or run.
 */
export const ERROR_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'application/json; charset=utf-8',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/** A whole HTTP/1.1 error response for a socket no request object exists for: the service's JSON body
 * (zh-CN: no Accept-Language was read), the error headers, then the connection closes. */
export function rawErrorResponse(status: 400 | 408 | 431, code: ErrorCode): string {
  const body = JSON.stringify(errorBody(code, 'zh-CN', code === 'bad_request' ? 'HTTP' : ''));
  const reason = { 400: 'Bad Request', 408: 'Request Timeout', 431: 'Request Header Fields Too Large' }[status];
  const headers = Object.entries(ERROR_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  return `HTTP/1.1 ${status} ${reason}\r\n${headers}content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}
