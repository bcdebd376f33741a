// Which document host the pane is running in, and its theme, read defensively: office.js may be absent
// (WPS, the playground, a plain browser) or present but outside Office (Office.onReady gives host null).

import { isValidToken, type AdminPolicy } from '../core/settings';

export type HostKind = 'word' | 'wps' | 'none';

/** The globals we look at; passed in so tests can fake them. */
export interface HostGlobals {
  Office?: unknown;
  Application?: unknown;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null;
}

/** WPS exposes its object model as window.Application; a plain browser has no such global. */
export function isWpsApplication(app: unknown): boolean {
  if (!isRecord(app)) return false;
  return 'ActiveDocument' in app || typeof app.CreateTaskPane === 'function' || 'Build' in app;
}

/**
 * `officeHost` is `info.host` from Office.onReady (a string like "Word"), or undefined when office.js
 * is not loaded. Word wins over WPS: a WPS page never loads office.js.
 */
export function detectHostKind(g: HostGlobals, officeHost?: string | null): HostKind {
  if (isRecord(g.Office) && officeHost && String(officeHost).toLowerCase() === 'word') return 'word';
  if (isWpsApplication(g.Application)) return 'wps';
  return 'none';
}

/** 'dark' when Office's body background is dark; light otherwise or when Office says nothing. */
export function officeThemeKind(office: unknown): 'light' | 'dark' {
  try {
    const ctx = isRecord(office) ? office.context : undefined;
    const theme = isRecord(ctx) ? ctx.officeTheme : undefined;
    const bg = isRecord(theme) ? theme.bodyBackgroundColor : undefined;
    if (typeof bg !== 'string') return 'light';
    const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(bg.trim());
    if (!m) return 'light';
    const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h as string, 16) / 255) as [number, number, number];
    // Relative luminance (sRGB approximation is enough to tell dark from light themes).
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.5 ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

/** One query parameter as URLSearchParams reads it ('+' is a space); Internet Explorer 11 has no URLSearchParams. */
export function queryParam(search: string, name: string): string | null {
  const decode = (s: string): string => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  for (const pair of search.replace(/^\?/, '').split('&')) {
    const eq = pair.indexOf('=');
    if (decode(eq < 0 ? pair : pair.slice(0, eq)) === name) return decode(eq < 0 ? '' : pair.slice(eq + 1));
  }
  return null;
}

/** The admin's choice of service and access, from the page address the manifest (which only IT controls) points at. */
export function adminPolicyFromUrl(search: string): AdminPolicy {
  const yes = (v: string | null): boolean => v === '1' || v === 'true';
  const policy: AdminPolicy = yes(queryParam(search, 'paneOnly')) ? { paneOnly: true } : {};
  const token = queryParam(search, 'token');
  if (token && isValidToken(token)) policy.token = token;
  if (yes(queryParam(search, 'userToken'))) policy.userTokenAllowed = true;
  // the format checks' default (issue 26): ?norms=all|errors|off; anything else is ignored
  const norms = queryParam(search, 'norms');
  if (norms === 'all' || norms === 'errors' || norms === 'off') policy.norms = norms;
  const service = queryParam(search, 'service');
  if (!service) return policy;
  return { serviceUrl: service, serviceUrlLocked: yes(queryParam(search, 'serviceLocked')), ...policy };
}
