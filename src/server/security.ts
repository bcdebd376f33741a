// Security headers (@fastify/helmet) for pages that run inside Word desktop, Word on the web, WPS and a
// browser. The Content Security Policy allows this origin, Microsoft's office.js CDN and Office's frames.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

/** Microsoft's office.js CDN (webpack.config.js OFFICE_JS_URL); office.js loads its host files from there too. */
export const OFFICE_JS_ORIGIN = 'https://appsforoffice.microsoft.com';

/**
 * Who may frame the pages: Word on the web shows the task pane in an iframe of Office's own origins.
 * No list of them is published by Microsoft; this one is what Microsoft's answers and add-in authors
 * report working (OfficeDev/office-js#3342: *.officeapps.live.com, *.sharepoint.com, onedrive.live.com;
 * OfficeDev/office-js-docs-pr#4911: the *.cloud.microsoft domains, e.g. excel.cloud.microsoft, and
 * *.sharepoint.com for documents in SharePoint/OneDrive for work). Word desktop and WPS show the pane
 * in a top-level webview, which frame-ancestors does not restrict. Office Online Server on premises, or
 * Office 365 operated by 21Vianet, have other origins: add them in config csp.frameAncestors.
 */
export const OFFICE_FRAME_ANCESTORS = [
  'https://*.officeapps.live.com',
  'https://*.sharepoint.com',
  'https://onedrive.live.com',
  'https://*.office.com',
  'https://*.cloud.microsoft',
];

/**
 * Blocked on purpose, and expected in the console: office.js frames Microsoft's telemetry proxy three
 * seconds after it loads (telemetryproxy.html, in o15apptofilemappingtable.js and the host files). The
 * pane needs none of it, and an intranet deployment must send nothing to Microsoft.
 */
export const BLOCKED_ON_PURPOSE = ['https://telemetryservice.firstpartyapps.oaspapps.com'];

export interface SecurityOptions {
  /** the folder of pages, to allow exactly the inline scripts each page carries (by hash) */
  staticDir?: string;
  /** extra frame ancestors (config csp.frameAncestors) */
  frameAncestors?: string[];
  /** extra origins the pane may call (config csp.connectSrc), e.g. a service on another host */
  connectSrc?: string[];
  /** the service terminates TLS itself: send HSTS (behind a TLS proxy, the proxy decides) */
  tls: boolean;
}

export async function securityHeaders(app: FastifyInstance, opts: SecurityOptions): Promise<void> {
  const inline = opts.staticDir ? inlineScriptHashes(opts.staticDir) : () => [];
  await app.register(helmet, {
    contentSecurityPolicy: {
      // helmet's defaults include upgrade-insecure-requests, which would break a plain-http LAN deployment.
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        // A page's own inline scripts (taskpane.html's old-webview notice) are allowed by hash, nothing else.
        'script-src': ["'self'", OFFICE_JS_ORIGIN, (req: IncomingMessage) => inline(req.url ?? '/').join(' ') || "'self'"],
        // Fluent UI (Griffel) inserts <style> elements at run time.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", ...(opts.connectSrc ?? [])],
        // office.js opens its helper frames (AgaveErrorUX) where it was loaded from; not its telemetry (above).
        'frame-src': ["'self'", OFFICE_JS_ORIGIN],
        'frame-ancestors': ["'self'", ...OFFICE_FRAME_ANCESTORS, ...(opts.frameAncestors ?? [])],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
      },
    },
    // X-Frame-Options cannot list several origins; frame-ancestors above replaces it.
    frameguard: false,
    // Word on the web shows the manifest's icons from Office's origins.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // Office's dialog and sign-in windows talk to their opener.
    crossOriginOpenerPolicy: false,
    strictTransportSecurity: opts.tls ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
}

/**
 * The sha256 sources of the inline <script>s of the page a URL names, read once per file version.
 * Pages are small and few; the cache is keyed by path and refreshed when the file changes.
 */
function inlineScriptHashes(dir: string): (url: string) => string[] {
  const root = path.resolve(dir);
  const cache = new Map<string, { mtimeMs: number; size: number; hashes: string[] }>();
  return (url) => {
    let rel: string;
    try {
      rel = decodeURIComponent(url.split('?')[0] ?? '/');
    } catch {
      return [];
    }
    if (rel.endsWith('/')) rel += 'index.html';
    if (!rel.endsWith('.html') || rel.includes('\0')) return [];
    const file = path.resolve(root, `.${rel}`);
    if (!file.startsWith(root + path.sep)) return [];
    let st: fs.Stats;
    try {
      st = fs.statSync(file);
    } catch {
      return [];
    }
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.hashes;
    const html = fs.readFileSync(file, 'utf8');
    const hashes = [...html.matchAll(/<script(?![^>]*\ssrc\s*=)[^>]*>([\s\S]*?)<\/script>/gi)]
      .map((m) => `'sha256-${crypto.createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
    cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, hashes });
    return hashes;
  };
}
