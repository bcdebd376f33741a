// The WPS lists the build and the package write (scripts/wps/lists.mjs), read as WPS reads them: strictly.
import { parseStrictXml } from '../../../scripts/xml/strictXml';
import { wpsLists, offlinePackageName } from '../../../scripts/wps/lists';

const entries = (xml: string): Record<string, string>[] => parseStrictXml(xml).root!.children.map((c) => ({ tag: c.name, ...c.attrs }));

describe('WPS add-in lists for a public URL', () => {
  it('online lists name the wps/ folder under the public URL; the offline list names banxie_<version>.7z there', () => {
    const lists = wpsLists('https://portal.example.gov.cn/banxie', '1.2.3');
    expect(Object.keys(lists).sort()).toEqual(['jsplugins-offline.xml', 'jsplugins.xml', 'publish.xml']);
    for (const name of ['publish.xml', 'jsplugins.xml'] as const) {
      expect(entries(lists[name])).toEqual([{ tag: 'jspluginonline', name: 'banxie', type: 'wps', url: 'https://portal.example.gov.cn/banxie/wps/', debug: '', enable: 'enable_dev', install: 'null' }]);
    }
    expect(entries(lists['jsplugins-offline.xml'])).toEqual([{ tag: 'jsplugin', name: 'banxie', type: 'wps', url: 'https://portal.example.gov.cn/banxie/wps/banxie_1.2.3.7z', version: '1.2.3' }]);
    expect(offlinePackageName('1.2.3')).toBe('banxie_1.2.3.7z');
  });

  it('stays well-formed whatever the URL holds: & and " escaped, -- kept out of comments', () => {
    const lists = wpsLists('https://h.example/a--b&c"d', '0.1.0-rc--1');
    for (const [name, xml] of Object.entries(lists)) {
      expect({ name, problems: parseStrictXml(xml).problems }).toEqual({ name, problems: [] });
    }
    expect(entries(lists['publish.xml'])[0].url).toBe('https://h.example/a--b&c"d/wps/');
  });
});
