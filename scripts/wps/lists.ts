// The WPS add-in lists, written for the URL the add-in is served from (scripts/build.mjs, scripts/package.mjs).
// WPS reads them with a strict XML parser, so they are generated whole (attribute values escaped, no `--`
// in comments) rather than edited, and every one is checked with scripts/xml/strictXml.ts by the build.
//
//   publish.xml             per user: ~/.local/share/Kingsoft/wps/jsaddons/publish.xml (Linux/UOS/Kylin),
//                           %APPDATA%\kingsoft\wps\jsaddons\publish.xml (Windows)      — online mode
//   jsplugins.xml           central: oem.ini [Server] JSPluginsServer=<URL>/wps/jsplugins.xml — online mode
//   jsplugins-offline.xml   central, offline mode: WPS downloads banxie_<version>.7z once per version
//
// Element and attribute names follow WPS's own templates (wpsjs `publish`): <jspluginonline name type url>
// for online mode (url = the folder holding ribbon.xml, ending in "/"), <jsplugin name type url version>
// for offline mode (url = the .7z, whose top folder is <name>_<version>/).

export const ADDIN_NAME = 'banxie';

const attr = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
// An XML comment may not hold "--" nor end in "-": keep a URL from breaking one.
const comment = (v: string): string => v.replace(/-{2,}/g, (m: string) => m.split('').join(' ')).replace(/-$/, '- ');

/** `<base>/wps/` for a normalised public URL (no trailing slash). */
export function wpsFolderUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/wps/`;
}

/** The offline package's file name, `banxie_<version>.7z` (WPS unpacks it into jsaddons/banxie_<version>/). */
export function offlinePackageName(version: string): string {
  return `${ADDIN_NAME}_${version}.7z`;
}

function onlineLine(baseUrl: string): string {
  return `  <jspluginonline name="${ADDIN_NAME}" type="wps" url="${attr(wpsFolderUrl(baseUrl))}" debug="" enable="enable_dev" install="null"/>`;
}

/** The three lists, keyed by file name, for `baseUrl` (normalised, e.g. https://banxie.example.gov.cn/banxie). */
export function wpsLists(baseUrl: string, version: string): Record<'publish.xml' | 'jsplugins.xml' | 'jsplugins-offline.xml', string> {
  const folder = wpsFolderUrl(baseUrl);
  const head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return {
    'publish.xml': `${head}<!-- Banxie ${comment(version)} for WPS Writer, served from ${comment(folder)}
     Per-user add-in list (docs/WPS.md): copy it to
       Linux, UOS, Kylin  ~/.local/share/Kingsoft/wps/jsaddons/publish.xml
       Windows            %APPDATA%\\kingsoft\\wps\\jsaddons\\publish.xml
     If that file exists, add only the jspluginonline line and keep the other add-ins. -->
<jsplugins>
${onlineLine(baseUrl)}
</jsplugins>
`,
    'jsplugins.xml': `${head}<!-- Banxie ${comment(version)} for WPS Writer, online mode: WPS loads the add-in from ${comment(folder)}
     at each start, so updating the server updates everyone. Point every WPS at this file with oem.ini:
       [Server]
       JSPluginsServer=${comment(folder)}jsplugins.xml
     Offline mode (a package WPS downloads once per version): jsplugins-offline.xml. See docs/WPS.md. -->
<jsplugins>
${onlineLine(baseUrl)}
</jsplugins>
`,
    'jsplugins-offline.xml': `${head}<!-- Banxie ${comment(version)} for WPS Writer, offline mode: WPS downloads ${comment(offlinePackageName(version))} once
     and runs it from the machine. Use it instead of jsplugins.xml with oem.ini:
       [Server]
       JSPluginsServer=${comment(folder)}jsplugins-offline.xml
     See docs/WPS.md. -->
<jsplugins>
  <jsplugin name="${ADDIN_NAME}" type="wps" url="${attr(folder + offlinePackageName(version))}" version="${attr(version)}"/>
</jsplugins>
`,
  };
}

/**
 * The WPS add-in page (`wps/index.html`) with `<meta name="NAME" content="…">` first in its <head>, any earlier one
 * of that name gone; an empty `content` only removes. null when the page has no <head> to hold it. The build names
 * the admin policy this way (banxie-pane-query), the package the offline copy's service (banxie-service); the
 * add-in reads them (src/hosts/wps/addin/main.ts).
 */
export function withHeadMeta(html: string, name: string, content: string): string | null {
  const without = html.replace(new RegExp(`\\n?[ \\t]*<meta name="${name}"[^>]*>`, 'g'), '');
  if (!content) return without;
  if (!/<head>/i.test(without)) return null;
  return without.replace(/<head>/i, `<head>\n  <meta name="${name}" content="${attr(content)}" />`);
}
