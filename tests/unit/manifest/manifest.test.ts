// The manifest's structural checks, standing in for the online `office-addin-manifest validate`:
// the real manifest passes, and each kind of breakage in a temp copy is reported.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { XMLParser } from 'fast-xml-parser';
import { checkManifest, checkManifestFile, type CheckOptions } from '../../../scripts/manifest/checkManifest';
import { rewriteManifestUrls, normalisePublicUrl, DEV_BASE_URL } from '../../../scripts/manifest/rewriteManifest';

const root = path.resolve(__dirname, '../../..');
const manifestPath = path.join(root, 'manifest.xml');
const source = fs.readFileSync(manifestPath, 'utf8');
const COMMANDS = ['banxieAccept', 'banxieAcceptNext', 'banxieDismiss', 'banxieSuggestNow'];
const options = (dir = root): CheckOptions => ({ files: { baseUrl: DEV_BASE_URL, rootDir: dir }, functionNames: COMMANDS });

const codes = (xml: string, dir?: string) => checkManifest(xml, options(dir)).map((p) => p.code);

describe('manifest.xml as committed', () => {
  it('passes every structural check, icons included', () => {
    expect(checkManifestFile(manifestPath, options())).toEqual([]);
  });

  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(source).OfficeApp;
  const vo = parsed.VersionOverrides;
  const group = vo.Hosts.Host.DesktopFormFactor.ExtensionPoint.OfficeTab;

  it('is a Word task pane add-in with zh-CN default and an en-US override', () => {
    expect(parsed['xsi:type']).toBe('TaskPaneApp');
    expect(parsed.Hosts.Host.Name).toBe('Document');
    expect(parsed.DefaultLocale).toBe('zh-CN');
    expect(parsed.DisplayName.DefaultValue).toBe('伴写');
    expect(parsed.DisplayName.Override).toEqual({ Locale: 'en-US', Value: 'Banxie' });
    expect(parsed.Description.Override.Locale).toBe('en-US');
  });

  it('asks for ReadWriteDocument and WordApi 1.3 (Word 2016 and later), nothing newer', () => {
    expect(parsed.Permissions).toBe('ReadWriteDocument');
    expect(parsed.Requirements.Sets.Set).toEqual({ Name: 'WordApi', MinVersion: '1.3' });
    // A SharedRuntime requirement or <Runtimes> would lock out Word 2016/2019 perpetual.
    expect(vo.Hosts.Host.Runtimes).toBeUndefined();
  });

  it('opens the task pane and runs the four commands from the Home tab', () => {
    expect(parsed.DefaultSettings.SourceLocation.DefaultValue).toBe('https://localhost:3000/taskpane.html');
    expect(group.id).toBe('TabHome');
    const controls = group.Group.Control as { id: string; Action: { 'xsi:type': string; FunctionName?: string } }[];
    expect(controls.map((c) => c.Action['xsi:type'])).toEqual(['ShowTaskpane', 'ExecuteFunction', 'ExecuteFunction', 'ExecuteFunction', 'ExecuteFunction']);
    expect(controls.filter((c) => c.Action.FunctionName).map((c) => c.Action.FunctionName).sort()).toEqual([...COMMANDS].sort());
    const urls = vo.Resources['bt:Urls']['bt:Url'] as { id: string; DefaultValue: string }[];
    const functionFile = urls.find((u) => u.id === vo.Hosts.Host.DesktopFormFactor.FunctionFile.resid);
    expect(functionFile?.DefaultValue).toBe('https://localhost:3000/commands.html');
  });

  it('has a fixed GUID (changing it makes Office treat the add-in as a new one)', () => {
    expect(parsed.Id).toBe('879ad17a-9797-4bf2-8511-86ef500a4b89');
  });

  it.each([16, 32, 64, 80, 128])('has a %ipx PNG app icon in assets/', (size) => {
    const png = PNG.sync.read(fs.readFileSync(path.join(root, 'assets', `icon-${size}.png`)));
    expect([png.width, png.height]).toEqual([size, size]);
    // A real drawing, not a blank square: both opaque and transparent-or-other-colour pixels.
    const colours = new Set<number>();
    for (let i = 0; i < png.data.length; i += 4) colours.add(png.data.readUInt32BE(i));
    expect(colours.size).toBeGreaterThan(3);
  });
});

describe('the checker reports a broken copy', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banxie-manifest-'));
    fs.cpSync(path.join(root, 'assets'), path.join(dir, 'assets'), { recursive: true });
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const once = (from: string | RegExp, to: string) => {
    const out = source.replace(from, to);
    expect(out).not.toBe(source); // the mutation really happened
    return out;
  };

  it('passes unmutated in the temp dir (so the failures below come from the mutations)', () => {
    expect(codes(source, dir)).toEqual([]);
  });

  it('a missing icon file', () => {
    fs.rmSync(path.join(dir, 'assets', 'dismiss-32.png'));
    const problems = checkManifest(source, options(dir));
    expect(problems).toEqual([expect.objectContaining({ code: 'file-missing', message: expect.stringContaining('dismiss-32.png') })]);
  });

  it('an icon of the wrong size', () => {
    fs.copyFileSync(path.join(dir, 'assets', 'icon-16.png'), path.join(dir, 'assets', 'icon-80.png'));
    expect(codes(source, dir)).toContain('icon-size');
  });

  it('an icon that is not a PNG', () => {
    fs.writeFileSync(path.join(dir, 'assets', 'accept-16.png'), 'not an image');
    expect(codes(source, dir)).toContain('icon-unreadable');
  });

  it('a resid with no resource', () => {
    const xml = once('<Label resid="Accept.Label"/>', '<Label resid="Accept.Lable"/>');
    const problems = checkManifest(xml, options(dir));
    expect(problems).toContainEqual(expect.objectContaining({ code: 'unresolved-resid', message: expect.stringContaining('Accept.Lable') }));
  });

  it('a resid pointing into the wrong table (a URL used as a label)', () => {
    expect(codes(once('<Label resid="Dismiss.Label"/>', '<Label resid="Taskpane.Url"/>'), dir)).toContain('unresolved-resid');
  });

  it('a resource id longer than 32 characters', () => {
    const long = 'Banxie.Resource.Id.Much.Too.Long.X';
    const xml = source.split('"Dismiss.Tip"').join(`"${long}"`);
    expect(codes(xml, dir)).toContain('resid-too-long');
  });

  it('an http URL', () => {
    const xml = once('DefaultValue="https://localhost:3000/commands.html"', 'DefaultValue="http://localhost:3000/commands.html"');
    expect(codes(xml, dir)).toContain('url-not-https');
  });

  it('a URL on another origin', () => {
    const xml = once('DefaultValue="https://localhost:3000/assets/icon-80.png"', 'DefaultValue="https://cdn.example.com/assets/icon-80.png"');
    expect(codes(xml, dir)).toContain('url-foreign');
  });

  it('elements out of schema order', () => {
    const xml = once(/(\s*<DefaultSettings>[\s\S]*?<\/DefaultSettings>)(\s*<Permissions>ReadWriteDocument<\/Permissions>)/, '$2$1');
    expect(checkManifest(xml, options(dir))).toContainEqual(expect.objectContaining({ code: 'order', where: 'OfficeApp/DefaultSettings' }));
  });

  it('a control without its Supertip', () => {
    const xml = once(/<Supertip>\s*<Title resid="Dismiss.Label"\/>\s*<Description resid="Dismiss.Tip"\/>\s*<\/Supertip>/, '');
    expect(codes(xml, dir)).toContain('missing-element');
  });

  it('a required base element removed', () => {
    expect(codes(once(/\s*<Permissions>ReadWriteDocument<\/Permissions>/, ''), dir)).toContain('missing-element');
  });

  it('a misspelt element', () => {
    expect(codes(once('<Permissions>ReadWriteDocument</Permissions>', '<Permission>ReadWriteDocument</Permission>'), dir)).toContain('unexpected-element');
  });

  it('a function the commands page does not register', () => {
    expect(codes(once('<FunctionName>banxieDismiss</FunctionName>', '<FunctionName>banxieDismis</FunctionName>'), dir)).toContain('function-name');
  });

  it('two controls with the same id', () => {
    expect(codes(once('id="Banxie.Dismiss"', 'id="Banxie.Accept"'), dir)).toContain('control-id');
  });

  it('a ribbon icon size left out', () => {
    expect(codes(once('<bt:Image size="80" resid="SuggestNow.80x80"/>', ''), dir)).toEqual(expect.arrayContaining(['icon-size-missing', 'resid-unused']));
  });

  it('malformed XML', () => {
    expect(codes(once('</Permissions>', '</Permission>'), dir)).toEqual(['xml-malformed']);
  });
});

describe('rewriting the manifest for a public URL', () => {
  it('moves every URL under the public URL, and the result passes the checker', () => {
    const out = rewriteManifestUrls(source, 'https://banxie.example.gov.cn/addins/banxie/');
    expect(out).not.toMatch(/localhost/);
    expect(out).toContain('<SourceLocation DefaultValue="https://banxie.example.gov.cn/addins/banxie/taskpane.html"/>');
    const problems = checkManifest(out, {
      expectedBaseUrl: 'https://banxie.example.gov.cn/addins/banxie',
      files: { baseUrl: 'https://banxie.example.gov.cn/addins/banxie', rootDir: root },
      functionNames: COMMANDS,
    });
    expect(problems).toEqual([]);
  });

  it('keeps an origin without a path and a port', () => {
    const out = rewriteManifestUrls(source, 'https://10.1.2.3:8443');
    expect(out).toContain('"https://10.1.2.3:8443/commands.html"');
    expect(checkManifest(out, { expectedBaseUrl: 'https://10.1.2.3:8443' })).toEqual([]);
  });

  it('the checker notices a URL the rewrite would have missed', () => {
    const partial = rewriteManifestUrls(source, 'https://banxie.example').replace('https://banxie.example/taskpane.html"/>\n  </DefaultSettings>', 'https://localhost:3000/taskpane.html"/>\n  </DefaultSettings>');
    expect(partial).not.toBe(rewriteManifestUrls(source, 'https://banxie.example'));
    expect(checkManifest(partial, { expectedBaseUrl: 'https://banxie.example' }).map((p) => p.code)).toEqual(['url-foreign']);
  });

  it.each([
    ['http://banxie.example', /https/],
    ['banxie.example/banxie', /absolute/],
    ['https://banxie.example/?x=1', /query/],
  ])('refuses %s', (url, message) => {
    expect(() => normalisePublicUrl(url)).toThrow(message);
  });
});
