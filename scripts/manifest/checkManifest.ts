// Offline structural check of the add-in-only XML manifest. `office-addin-manifest validate` needs
// the internet, so this stands in for it in `npm test` and in `npm run build` (see README.md here).
import fs from 'node:fs';
import path from 'node:path';
import { imageSize } from 'image-size';
import { parseStrictXml, type XmlElement } from '../xml/strictXml';

export interface ManifestProblem {
  /** Stable code for programs and tests, e.g. `unresolved-resid`. */
  code: string;
  /** Where, as an element path like `OfficeApp/VersionOverrides/Resources`. */
  where: string;
  message: string;
}

export interface CheckOptions {
  /**
   * Map URLs under `baseUrl` to files under `rootDir` and check they exist. Images are always
   * checked (size and format); with `allFiles` every URL (pages too) must resolve to a file —
   * true for a built `dist/`, false for the source tree where pages are built later.
   */
  files?: { baseUrl: string; rootDir: string; allFiles?: boolean };
  /** Every URL must start with this (origin + path); defaults to "all URLs share one origin". */
  expectedBaseUrl?: string;
  /** Functions the FunctionFile page registers; every ExecuteFunction must name one of them. */
  functionNames?: readonly string[];
}

type El = XmlElement;

// Child order of the elements we use, from the OfficeApp 1.1 and VersionOverrides 1.0 schemas.
// An element listed here may contain only these children, in this order (repeats allowed).
const SEQUENCES: Record<string, string[]> = {
  OfficeApp: ['Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl',
    'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions',
    'Dictionary', 'VersionOverrides', 'ExtendedOverrides'],
  DisplayName: ['Override'], Description: ['Override'], IconUrl: ['Override'], HighResolutionIconUrl: ['Override'],
  SupportUrl: ['Override'], SourceLocation: ['Override'], AppDomains: ['AppDomain'],
  Requirements: ['Sets', 'Methods'], Sets: ['Set'], DefaultSettings: ['SourceLocation', 'RequestedWidth', 'RequestedHeight'],
  VersionOverrides: ['Description', 'Requirements', 'Hosts', 'Resources', 'EquivalentAddins', 'VersionOverrides'],
  Hosts: ['Host'], Host: ['Runtimes', 'AllFormFactors', 'DesktopFormFactor', 'MobileFormFactor'], Runtimes: ['Runtime'],
  DesktopFormFactor: ['GetStarted', 'FunctionFile', 'ExtensionPoint', 'SupportsSharedFolders'],
  GetStarted: ['Title', 'Description', 'LearnMoreUrl'],
  ExtensionPoint: ['OfficeTab', 'CustomTab', 'OfficeMenu'], OfficeTab: ['Group'], Group: ['Label', 'Icon', 'Control'],
  Icon: ['bt:Image'], Supertip: ['Title', 'Description'],
  Control: ['Label', 'Supertip', 'Icon', 'Action', 'Enabled'],
  Action: ['TaskpaneId', 'SourceLocation', 'Title', 'SupportsPinning', 'FunctionName'],
  Resources: ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings'],
  'bt:Images': ['bt:Image'], 'bt:Urls': ['bt:Url'], 'bt:ShortStrings': ['bt:String'], 'bt:LongStrings': ['bt:String'],
  'bt:Image': ['bt:Override'], 'bt:Url': ['bt:Override'], 'bt:String': ['bt:Override'],
};

// Children the schema requires (at least one of each).
const REQUIRED: Record<string, string[]> = {
  OfficeApp: ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'SupportUrl',
    'Hosts', 'DefaultSettings', 'Permissions'],
  DefaultSettings: ['SourceLocation'],
  VersionOverrides: ['Hosts', 'Resources'],
  Group: ['Label', 'Icon', 'Control'],
  Control: ['Label', 'Supertip', 'Icon', 'Action'],
  Supertip: ['Title', 'Description'],
  GetStarted: ['Title', 'Description'],
};

const PERMISSIONS = ['Restricted', 'ReadDocument', 'ReadWriteDocument', 'WriteDocument'];
// The ribbon needs these sizes for every icon (Office picks by DPI); others are optional.
const REQUIRED_ICON_SIZES = ['16', '32', '80'];
// Limits from the schema: resource ids 32 chars, short strings 125, long strings 250.
const MAX_RESID = 32, MAX_SHORT = 125, MAX_LONG = 250;
// Which resource table a `resid` must resolve into, by the referring element.
const RESID_KIND: Record<string, 'bt:Images' | 'bt:Urls' | 'bt:ShortStrings' | 'bt:LongStrings'> = {
  'bt:Image': 'bt:Images', Label: 'bt:ShortStrings', Title: 'bt:ShortStrings', Description: 'bt:LongStrings',
  SourceLocation: 'bt:Urls', FunctionFile: 'bt:Urls', LearnMoreUrl: 'bt:Urls', Runtime: 'bt:Urls',
};

function* walk(el: El): Generator<El> {
  yield el;
  for (const c of el.children) yield* walk(c);
}

/** Checks a manifest's text; returns every problem found (empty = passes). */
export function checkManifest(xml: string, options: CheckOptions = {}): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const report = (code: string, where: string, message: string) => problems.push({ code, where, message });

  // Well-formed as Word's own parser reads it (strict: a `--` in a comment is fatal), or nothing else matters.
  const parsed = parseStrictXml(xml);
  if (!parsed.root) {
    // The first error is the real one; what follows it is usually the parser losing its footing.
    const first = parsed.problems[0] ?? { line: 1, column: 1, message: 'no root element' };
    report('xml-malformed', `line ${first.line}:${first.column}`, first.message);
    return problems;
  }
  const root = parsed.root;
  if (root.name !== 'OfficeApp') report('root', root.path, `root element is <${root.name}>, expected <OfficeApp>`);
  if (root.attrs.xmlns !== 'http://schemas.microsoft.com/office/appforoffice/1.1') report('namespace', root.path, 'OfficeApp must use the appforoffice/1.1 namespace');
  if (root.attrs['xsi:type'] !== 'TaskPaneApp') report('app-type', root.path, `xsi:type is "${root.attrs['xsi:type']}", expected "TaskPaneApp"`);

  const all = [...walk(root)];
  const child = (el: El | undefined, name: string) => el?.children.find((c) => c.name === name);

  // Order and required children.
  for (const el of all) {
    const seq = SEQUENCES[el.name];
    if (seq && el.children.length) {
      let last = -1;
      for (const c of el.children) {
        const i = seq.indexOf(c.name);
        if (i < 0) report('unexpected-element', c.path, `<${c.name}> is not allowed inside <${el.name}>`);
        else if (i < last) report('order', c.path, `<${c.name}> must come before <${seq[last]}> inside <${el.name}>`);
        else last = i;
      }
    }
    for (const req of REQUIRED[el.name] ?? []) {
      if (!child(el, req)) report('missing-element', el.path, `<${el.name}> lacks required <${req}>`);
    }
  }

  // Base manifest values.
  const text = (name: string) => child(root, name)?.text.trim() ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text('Id'))) report('id', 'OfficeApp/Id', 'Id must be a GUID');
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(text('Version'))) report('version', 'OfficeApp/Version', 'Version must look like 1.0.0.0');
  if (!/^[a-z]{2,3}-[A-Z]{2}$/.test(text('DefaultLocale'))) report('locale', 'OfficeApp/DefaultLocale', 'DefaultLocale must look like zh-CN');
  if (child(root, 'Permissions') && !PERMISSIONS.includes(text('Permissions'))) report('permissions', 'OfficeApp/Permissions', `unknown permission "${text('Permissions')}"`);
  for (const el of all) {
    if ((el.name === 'Override' || el.name === 'bt:Override') && !/^[a-z]{2,3}-[A-Z]{2}$/.test(el.attrs.Locale ?? '')) report('locale', el.path, `Override Locale "${el.attrs.Locale}" is not a locale`);
  }
  const baseHost = child(child(root, 'Hosts'), 'Host');
  if (baseHost && baseHost.attrs.Name !== 'Document') report('host', baseHost.path, 'the base manifest must target Host Name="Document" (Word)');
  const wordSet = all.find((e) => e.name === 'Set' && e.attrs.Name === 'WordApi' && e.path.startsWith('OfficeApp/Requirements'));
  if (!wordSet) report('requirements', 'OfficeApp/Requirements', 'no WordApi requirement set');

  // Resources: unique ids within limits, and every resid resolves in the right table.
  const vo = child(root, 'VersionOverrides');
  const resources = child(vo, 'Resources');
  const tables = new Map<string, Map<string, El>>();
  for (const table of resources?.children ?? []) {
    const ids = new Map<string, El>();
    for (const r of table.children) {
      const id = r.attrs.id ?? '';
      if (!id) report('resid-missing-id', r.path, 'resource without id');
      if (id.length > MAX_RESID) report('resid-too-long', r.path, `resource id "${id}" is longer than ${MAX_RESID} characters`);
      if (ids.has(id)) report('resid-duplicate', r.path, `resource id "${id}" is defined twice in <${table.name}>`);
      ids.set(id, r);
      const max = table.name === 'bt:ShortStrings' ? MAX_SHORT : table.name === 'bt:LongStrings' ? MAX_LONG : Infinity;
      for (const v of [r.attrs.DefaultValue ?? '', ...r.children.map((o) => o.attrs.Value ?? '')]) {
        if (!v) report('resource-empty', r.path, `resource "${id}" has an empty value`);
        if (v.length > max) report('resource-too-long', r.path, `resource "${id}" is longer than ${max} characters`);
      }
    }
    tables.set(table.name, ids);
  }
  const used = new Set<string>();
  for (const el of all) {
    if (!('resid' in el.attrs)) continue;
    const kind = RESID_KIND[el.name];
    const id = el.attrs.resid;
    if (!kind) { report('resid-unknown-element', el.path, `<${el.name}> is not expected to carry a resid`); continue; }
    used.add(`${kind}#${id}`);
    if (!tables.get(kind)?.has(id)) report('unresolved-resid', el.path, `resid "${id}" on <${el.name}> has no entry in <${kind}>`);
  }
  for (const [kind, ids] of tables) {
    for (const id of ids.keys()) if (!used.has(`${kind}#${id}`)) report('resid-unused', `${kind}#${id}`, `resource "${id}" is never used`);
  }

  // Ribbon controls: unique ids, complete icons, actions that can run.
  const ids = new Set<string>();
  const ff = all.find((e) => e.name === 'FunctionFile');
  for (const el of all.filter((e) => e.name === 'Control' || e.name === 'Group')) {
    const id = el.attrs.id ?? '';
    if (!id) report('control-id', el.path, `<${el.name}> without id`);
    if (ids.has(id)) report('control-id', el.path, `id "${id}" is used twice`);
    ids.add(id);
    const icon = child(el, 'Icon');
    const sizes = new Set(icon?.children.map((i) => i.attrs.size) ?? []);
    for (const s of REQUIRED_ICON_SIZES) if (icon && !sizes.has(s)) report('icon-size-missing', icon.path, `<${el.name} id="${id}"> has no ${s}px icon`);
    const action = child(el, 'Action');
    if (!action) continue;
    const type = action.attrs['xsi:type'];
    if (type === 'ExecuteFunction') {
      const fn = child(action, 'FunctionName')?.text.trim() ?? '';
      if (!/^[A-Za-z_$][\w$]*$/.test(fn)) report('function-name', action.path, `FunctionName "${fn}" is not a JavaScript identifier`);
      else if (options.functionNames && !options.functionNames.includes(fn)) report('function-name', action.path, `FunctionName "${fn}" is not one of ${options.functionNames.join(', ')}`);
      if (!ff) report('function-file', action.path, 'ExecuteFunction needs a <FunctionFile> in the form factor');
    } else if (type === 'ShowTaskpane') {
      if (!child(action, 'SourceLocation')) report('missing-element', action.path, 'ShowTaskpane lacks <SourceLocation>');
    } else {
      report('action-type', action.path, `unknown action type "${type}"`);
    }
  }

  // URLs: https, one origin (or the expected base), and pointing at files that exist.
  const urls: { url: string; where: string; size?: string }[] = [];
  const urlElements = new Set(['IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'SourceLocation', 'bt:Image', 'bt:Url']);
  for (const el of all) {
    if (urlElements.has(el.name) && el.attrs.DefaultValue !== undefined) {
      urls.push({ url: el.attrs.DefaultValue, where: el.path });
      for (const o of el.children) if (o.attrs.Value !== undefined) urls.push({ url: o.attrs.Value, where: o.path });
    }
    if (el.name === 'ExtendedOverrides') for (const a of ['Url', 'ResourcesUrl']) if (el.attrs[a]) urls.push({ url: el.attrs[a], where: el.path });
    if (el.name === 'AppDomain') urls.push({ url: el.text.trim(), where: el.path });
    // Any other attribute or text that looks like a URL is still a URL the client may load.
    for (const [k, v] of Object.entries(el.attrs)) {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v) && !(urlElements.has(el.name) && k === 'DefaultValue') && !(el.name === 'ExtendedOverrides') && !k.startsWith('xmlns')) {
        urls.push({ url: v, where: `${el.path}@${k}` });
      }
    }
  }
  let origin: string | undefined;
  for (const { url, where } of urls) {
    let u: URL;
    try { u = new URL(url); } catch { report('url-invalid', where, `"${url}" is not an absolute URL`); continue; }
    if (u.protocol !== 'https:') { report('url-not-https', where, `"${url}" is not https (Office loads add-ins only over https)`); continue; }
    if (options.expectedBaseUrl) {
      const base = options.expectedBaseUrl.replace(/\/+$/, '') + '/';
      if (!url.startsWith(base)) report('url-foreign', where, `"${url}" is not under ${base}`);
    } else if (origin === undefined) origin = u.origin;
    else if (u.origin !== origin) report('url-foreign', where, `"${url}" is not on the add-in's origin ${origin}`);
  }

  // Image sizes: every size a control asks for, plus the two base icons.
  const wanted = new Map<string, { size: number; where: string }[]>();
  const want = (url: string | undefined, size: number, where: string) => {
    if (!url) return;
    wanted.set(url, [...(wanted.get(url) ?? []), { size, where }]);
  };
  want(child(root, 'IconUrl')?.attrs.DefaultValue, 32, 'OfficeApp/IconUrl');
  want(child(root, 'HighResolutionIconUrl')?.attrs.DefaultValue, 64, 'OfficeApp/HighResolutionIconUrl');
  for (const el of all) {
    if (el.name === 'bt:Image' && el.attrs.resid && el.attrs.size) {
      want(tables.get('bt:Images')?.get(el.attrs.resid)?.attrs.DefaultValue, Number(el.attrs.size), el.path);
    }
  }
  if (options.files) {
    const { baseUrl, rootDir, allFiles } = options.files;
    const base = baseUrl.replace(/\/+$/, '') + '/';
    const fileOf = (url: string) => (url.startsWith(base) ? path.join(rootDir, decodeURIComponent(url.slice(base.length).split(/[?#]/)[0])) : undefined);
    const seen = new Set<string>();
    for (const { url, where } of urls) {
      if (seen.has(url)) continue;
      seen.add(url);
      const file = fileOf(url);
      const isImage = wanted.has(url) || /\.(png|jpe?g|gif|bmp)$/i.test(url);
      if (!isImage && !allFiles) continue;
      if (!file) { report('file-outside', where, `"${url}" is not under ${base}, cannot check the file`); continue; }
      if (!fs.existsSync(file) || !fs.statSync(file).isFile()) { report('file-missing', where, `"${url}" → ${path.relative(process.cwd(), file)} does not exist`); continue; }
      if (!isImage) continue;
      let dims: { width?: number; height?: number; type?: string };
      try { dims = imageSize(fs.readFileSync(file)); } catch (e) { report('icon-unreadable', where, `${file} is not an image (${(e as Error).message})`); continue; }
      if (dims.type !== 'png') report('icon-format', where, `${file} is ${dims.type}, expected png`);
      for (const { size, where: w } of wanted.get(url) ?? []) {
        if (dims.width !== size || dims.height !== size) report('icon-size', w, `${path.basename(file)} is ${dims.width}x${dims.height}, declared ${size}x${size}`);
      }
    }
  }
  return problems;
}

/** Reads and checks a manifest file. */
export function checkManifestFile(file: string, options: CheckOptions = {}): ManifestProblem[] {
  return checkManifest(fs.readFileSync(file, 'utf8'), options);
}

export function formatProblems(problems: readonly ManifestProblem[]): string {
  return problems.map((p) => `  ${p.code}  ${p.where}: ${p.message}`).join('\n');
}
