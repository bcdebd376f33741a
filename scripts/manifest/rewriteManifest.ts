// Points a manifest at the server it is deployed on: every URL under the development base URL
// (https://localhost:3000) is moved under the public URL. Used by scripts/build.mjs.

export const DEV_BASE_URL = 'https://localhost:3000';

/** Normalises a public URL to `https://host[:port][/path]` without a trailing slash, or throws a readable error. */
export function normalisePublicUrl(publicUrl: string): string {
  let u: URL;
  try { u = new URL(publicUrl); } catch { throw new Error(`--public-url "${publicUrl}" is not an absolute URL (example: https://banxie.example.gov.cn/banxie)`); }
  if (u.protocol !== 'https:') throw new Error(`--public-url must be https: Office loads add-ins only over https (got ${u.protocol}//)`);
  if (u.search || u.hash) throw new Error('--public-url must not have a query or a fragment');
  return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
}

/**
 * Replaces the development base URL everywhere in the manifest text (attributes, text, comments),
 * so a stray reference cannot survive. The lookahead stops `https://localhost:30001` from matching.
 */
export function rewriteManifestUrls(xml: string, publicUrl: string, from: string = DEV_BASE_URL): string {
  // Attribute values need `&` escaped; a path may legally contain one.
  const to = normalisePublicUrl(publicUrl).replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return xml.replace(new RegExp(`${escaped}(?![\\w.:-])`, 'g'), () => to);
}

// The admin policy the pane reads from its own address (src/taskpane/detectHost.ts, adminPolicyFromUrl), which
// only IT controls: written into the manifests' pane URLs and the WPS add-in page by `--pane-query`, so that no
// one edits a manifest by hand (docs/DEPLOY.md §10).
const SWITCHES = ['paneOnly', 'serviceLocked', 'userToken'];

/** `--pane-query` checked key by key and written back encoded (`paneOnly=1&norms=errors`), or a readable error. */
export function paneQuery(raw: string): string {
  const params = new URLSearchParams(raw.trim().replace(/^\?/, ''));
  const out = new URLSearchParams();
  for (const [key, value] of params) {
    if (SWITCHES.includes(key)) {
      if (value !== '1' && value !== 'true') throw new Error(`--pane-query: ${key} takes 1 (got "${value}")`);
      out.set(key, '1');
    } else if (key === 'norms') {
      if (!['all', 'errors', 'off'].includes(value)) throw new Error(`--pane-query: norms is all, errors or off (got "${value}")`);
      out.set(key, value);
    } else if (key === 'service') {
      let u: URL;
      try { u = new URL(value); } catch { throw new Error(`--pane-query: service must be an absolute URL (got "${value}")`); }
      if (!/^https?:$/.test(u.protocol) || u.username || u.password) throw new Error('--pane-query: service must be an http(s) URL without credentials');
      out.set(key, value);
    } else if (key === 'token') {
      // as the service takes tokens (src/server/config.ts): 16 printable characters at least, no spaces
      if (!/^[\x21-\x7e]{16,512}$/.test(value)) throw new Error('--pane-query: token must be 16 to 512 printable ASCII characters without spaces');
      out.set(key, value);
    } else {
      throw new Error(`--pane-query: unknown key "${key}" (known: paneOnly, norms, service, serviceLocked, token, userToken)`);
    }
  }
  return out.toString();
}

/** Every pane page URL in a manifest (taskpane.html, taskpane-shared.html) with `query`, escaped for XML. */
export function withPaneQuery(xml: string, query: string): string {
  if (!query) return xml;
  const q = query.replace(/&/g, '&amp;');
  return xml.replace(/\/(taskpane(?:-shared)?\.html)"/g, (_m, page: string) => `/${page}?${q}"`);
}
