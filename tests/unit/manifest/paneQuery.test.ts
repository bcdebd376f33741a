// --pane-query (scripts/manifest/rewriteManifest.ts): the admin policy the pane reads from its address, checked key by
// key the way the pane reads it (src/taskpane/detectHost.ts), and written into the manifest's pane URLs as XML.
import fs from 'node:fs';
import path from 'node:path';
import { paneQuery, withPaneQuery } from '../../../scripts/manifest/rewriteManifest';
import { adminPolicyFromUrl } from '../../../src/taskpane/detectHost';
import { parseStrictXml } from '../../../scripts/xml/strictXml';

test('what the build writes is what the pane reads', () => {
  const q = paneQuery('?paneOnly=true&norms=errors&service=https://banxie.example.gov.cn/addin&serviceLocked=1&userToken=1&token=org-token-0123456789abcdef');
  expect(adminPolicyFromUrl(`?${q}`)).toEqual({
    paneOnly: true, norms: 'errors', serviceUrl: 'https://banxie.example.gov.cn/addin', serviceUrlLocked: true,
    userTokenAllowed: true, token: 'org-token-0123456789abcdef',
  });
});

test.each([
  ['norms=some', /norms is all, errors or off/],
  ['paneOnly=yes', /paneOnly takes 1/],
  ['token=short', /token must be 16/],
  ['token=has space 0123456789abcdef', /token must be 16/],
  ['service=ftp://x', /http\(s\) URL/],
  ['service=https://u:p@x.example', /without credentials/],
  ['colour=red', /unknown key "colour"/],
])('%s is refused with a sentence', (raw, message) => {
  expect(() => paneQuery(raw)).toThrow(message);
});

test('every pane URL of the manifest carries the query, & escaped; the XML stays well-formed; nothing else changes', () => {
  const xml = fs.readFileSync(path.resolve(__dirname, '../../../manifest.xml'), 'utf8');
  const out = withPaneQuery(xml, 'paneOnly=1&norms=off');
  expect(parseStrictXml(out).problems).toEqual([]);
  expect(out.match(/taskpane\.html\?paneOnly=1&amp;norms=off"/g)?.length).toBe(xml.match(/taskpane\.html"/g)?.length);
  expect(out.replace(/\?paneOnly=1&amp;norms=off"/g, '"')).toBe(xml);
  expect(withPaneQuery(xml, '')).toBe(xml);
});
