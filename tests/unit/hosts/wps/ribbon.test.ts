/**
 * @jest-environment jsdom
 */
// The packaged WPS add-in: every callback ribbon.xml names is a function main.ts puts on window,
// every button has a label and an icon that ships, the deployment lists parse, and the buttons work.
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { GHOST_BOOKMARK, WpsHost } from '../../../../src/hosts/wps/WpsHost';
import { simFrom, view } from './helpers';

const ADDIN = path.resolve(__dirname, '../../../../src/hosts/wps/addin');
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

type Node = Record<string, unknown>;

function walk(node: unknown, visit: (tag: string, el: Node) => void, tag = ''): void {
  if (Array.isArray(node)) return node.forEach((n) => walk(n, visit, tag));
  if (!node || typeof node !== 'object') return;
  visit(tag, node as Node);
  for (const [k, v] of Object.entries(node)) if (!k.startsWith('@')) walk(v, visit, k);
}

const ribbon = parser.parse(fs.readFileSync(path.join(ADDIN, 'ribbon.xml'), 'utf8'));
const callbacks = new Set<string>();
const buttons: string[] = [];
walk(ribbon, (tag, el) => {
  for (const [k, v] of Object.entries(el)) if (/^@(on[A-Z]|get[A-Z])/.test(k)) callbacks.add(String(v));
  if (tag === 'button') buttons.push(String(el['@id']));
});

// eslint-disable-next-line @typescript-eslint/no-require-imports
const main = require('../../../../src/hosts/wps/addin/main') as typeof import('../../../../src/hosts/wps/addin/main');

describe('ribbon.xml and main.ts', () => {
  test('names the callbacks we expect and the four buttons', () => {
    expect([...callbacks].sort()).toEqual(['GetImage', 'GetLabel', 'GetScreentip', 'OnAction', 'OnAddinLoad', 'OnGetEnabled', 'OnGetVisible']);
    expect(buttons).toEqual(Object.values(main.CONTROLS));
  });

  test.each([...callbacks])('callback %s is a function exported by main.ts and global on window', (name) => {
    const w = window as unknown as Record<string, unknown> & { ribbon: Record<string, unknown> };
    expect(typeof (main as Record<string, unknown>)[name]).toBe('function');
    expect(w[name]).toBe((main as Record<string, unknown>)[name]);
    expect(w.ribbon[name]).toBe((main as Record<string, unknown>)[name]);
  });

  test('every button has a label, a tip and an icon file that ships in publish/', () => {
    for (const id of buttons) {
      expect(main.GetLabel({ Id: id })).not.toBe('');
      expect(main.GetScreentip({ Id: id })).not.toBe('');
      const img = main.GetImage({ Id: id });
      expect(fs.existsSync(path.join(ADDIN, 'publish', img))).toBe(true);
    }
  });

  test('publish.xml and jsplugins.xml list the add-in online, type wps, url a folder', () => {
    for (const file of ['publish.xml', 'jsplugins.xml']) {
      const xml = parser.parse(fs.readFileSync(path.join(ADDIN, 'publish', file), 'utf8'));
      const entry = xml.jsplugins.jspluginonline;
      expect(entry).toMatchObject({ '@name': 'banxie', '@type': 'wps' });
      expect(entry['@url']).toMatch(/^https?:\/\/.+\/$/);
    }
  });
});

describe('ribbon buttons on the WPS simulator', () => {
  function install(annotated: string) {
    const sim = simFrom(annotated);
    (window as unknown as { Application: unknown }).Application = sim.Application;
    return sim;
  }

  test('OnAddinLoad keeps the ribbonUI; the pane button creates the pane once, then toggles it', () => {
    const sim = install('特此|');
    const ui = { Invalidate: jest.fn(), InvalidateControl: jest.fn() };
    expect(main.OnAddinLoad(ui)).toBe(true);
    expect(sim.Application.ribbonUI).toBe(ui);
    main.OnAction({ Id: main.CONTROLS.showPane });
    expect(sim.Application.taskPanes).toHaveLength(1);
    const pane = sim.Application.taskPanes[0];
    expect(pane.url).toBe(main.addinBase(window.location.href) + 'taskpane.html');
    expect(pane.Visible).toBe(true);
    main.OnAction({ Id: main.CONTROLS.showPane });
    expect(sim.Application.taskPanes).toHaveLength(1);
    expect(pane.Visible).toBe(false);
  });

  test('accept next, accept and dismiss act on the ghost the pane showed', async () => {
    const sim = install('为切实做好|');
    const pane = new WpsHost({ Application: sim.Application, pollMs: 0 });
    try {
      await pane.showGhost('安全生产工作，现将');
      main.OnAction({ Id: main.CONTROLS.acceptNext });
      await new Promise((r) => setTimeout(r, 0));
      expect(view(sim)).toBe('为切实做好安全生产|[工作，现将]'); // one word: 安全生产 is one of the official terms (core/text)
      main.OnAction({ Id: main.CONTROLS.accept });
      await new Promise((r) => setTimeout(r, 0));
      expect(view(sim)).toBe('为切实做好安全生产工作，现将|');
      await pane.showGhost('有关事项通知如下：');
      main.OnAction({ Id: main.CONTROLS.dismiss });
      await new Promise((r) => setTimeout(r, 0));
      expect(view(sim)).toBe('为切实做好安全生产工作，现将|');
      expect(sim.Application.ActiveDocument!.Bookmarks.Exists(GHOST_BOOKMARK)).toBe(false);
      expect(sim.model.listenerCount('DocumentBeforeSave')).toBe(1); // only the pane's host
    } finally {
      pane.dispose();
    }
  });

  test('addinBase is the folder of the page', () => {
    expect(main.addinBase('https://intranet/banxie/wps/index.html?x=1')).toBe('https://intranet/banxie/wps/');
  });

  test('offline, the pane is opened with the service the package named in index.html; online, next to index.html alone', () => {
    const page = (html: string) => new DOMParser().parseFromString(html, 'text/html');
    const offline = page('<html><head><meta name="banxie-service" content="https://banxie.example.gov.cn/addin" /></head><body></body></html>');
    expect(main.packagedService(offline)).toBe('https://banxie.example.gov.cn/addin');
    expect(main.paneUrl('file:///home/u/.local/share/Kingsoft/wps/jsaddons/banxie_1.2.3/index.html', main.packagedService(offline)))
      .toBe('file:///home/u/.local/share/Kingsoft/wps/jsaddons/banxie_1.2.3/taskpane.html?service=https%3A%2F%2Fbanxie.example.gov.cn%2Faddin');
    expect(main.packagedService(page('<html><head></head><body></body></html>'))).toBe('');
    expect(main.paneUrl('https://intranet/banxie/wps/index.html', '')).toBe('https://intranet/banxie/wps/taskpane.html');
  });

  test('the admin policy the build wrote into the add-in page reaches the pane where the page\'s own address has none', () => {
    const page = new DOMParser().parseFromString('<html><head><meta name="banxie-pane-query" content="paneOnly=1&amp;norms=errors" /></head></html>', 'text/html');
    expect(main.packagedPaneQuery(page)).toBe('paneOnly=1&norms=errors');
    expect(main.paneUrl('https://intranet/banxie/wps/index.html', '', main.packagedPaneQuery(page))).toBe('https://intranet/banxie/wps/taskpane.html?paneOnly=1&norms=errors');
    expect(main.paneUrl('file:///x/banxie_1.2.3/index.html', 'https://b.example/addin', 'norms=off'))
      .toBe('file:///x/banxie_1.2.3/taskpane.html?norms=off&service=https%3A%2F%2Fb.example%2Faddin');
    expect(main.paneUrl('https://intranet/banxie/wps/index.html?paneOnly=1', '', 'norms=off')).toBe('https://intranet/banxie/wps/taskpane.html?paneOnly=1');
  });

  test('the pane gets the add-in page\'s query: the admin policy on the WPS list\'s address reaches it', () => {
    expect(main.paneUrl('https://intranet/banxie/wps/index.html?token=org-0123456789abcdef&userToken=1#top'))
      .toBe('https://intranet/banxie/wps/taskpane.html?token=org-0123456789abcdef&userToken=1');
    expect(main.paneUrl('https://intranet/banxie/wps/')).toBe('https://intranet/banxie/wps/taskpane.html');
  });
});
