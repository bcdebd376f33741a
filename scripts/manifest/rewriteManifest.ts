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
