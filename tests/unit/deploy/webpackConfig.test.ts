// The deployment switches of webpack.config.js, read from the config object (no compile): intranet
// office.js and the shared-runtime task pane. The compiled result is checked in tests/e2e/deploy.test.ts.
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const makeConfig = require(path.join(root, 'webpack.config.js')) as (env: Record<string, unknown>, argv: Record<string, unknown>) => Promise<{
  plugins: { constructor: { name: string }; userOptions?: { filename: string; chunks: string[] }; url?: string; patterns?: { from: string; to: string }[] }[];
}>;

const pages = async (env: Record<string, unknown>) => Object.fromEntries((await makeConfig(env, { mode: 'production' })).plugins
  .filter((p) => p.userOptions?.filename).map((p) => [p.userOptions!.filename, p.userOptions!.chunks]));
const officeJs = async (env: Record<string, unknown>) => (await makeConfig(env, { mode: 'production' })).plugins.find((p) => p.constructor.name === 'OfficeJsTagPlugin')!;
const copies = async (env: Record<string, unknown>) => (await makeConfig(env, { mode: 'production' })).plugins.find((p) => p.constructor.name === 'CopyPlugin')!.patterns!;

const saved = { ...process.env };
beforeEach(() => { delete process.env.BANXIE_OFFICE_JS; delete process.env.BANXIE_OFFICE_JS_URL; });
afterAll(() => { process.env = saved; });

it('by default, office.js comes from Microsoft\'s CDN and nothing is copied from @microsoft/office-js', async () => {
  expect((await officeJs({})).url).toBe('https://appsforoffice.microsoft.com/lib/1/hosted/office.js');
  expect((await copies({})).map((c) => c.to)).not.toContain('office-js');
});

it('officeJs=local copies office.js into office-js/ and points the tag there with a relative URL', async () => {
  expect((await officeJs({ officeJs: 'local' })).url).toBe('office-js/office.js');
  const pattern = (await copies({ officeJs: 'local' })).find((c) => c.to === 'office-js')!;
  expect(pattern.from).toBe(path.join(root, 'node_modules/@microsoft/office-js/dist'));
  process.env.BANXIE_OFFICE_JS = 'local';
  expect((await officeJs({})).url).toBe('office-js/office.js');
});

it('every build has the shared-runtime page (commands bundle loaded with the pane) beside the plain task pane page', async () => {
  // taskpane-lite: the page's inline chooser loads it instead of the others under IE11 (tests/e2e/deploy.test.ts)
  expect((await pages({}))['taskpane.html']).toEqual(['taskpane', 'taskpane-lite']);
  expect((await pages({}))['taskpane-shared.html']).toEqual(['commands', 'taskpane', 'taskpane-lite']);
  // commands.html stays for the default manifest's FunctionFile.
  expect((await pages({}))['commands.html']).toEqual(['commands']);
});

it('names bundles by their content hash (html-webpack-plugin writes the names into the pages) and compresses production builds only', async () => {
  const config = async (mode: string) => (await makeConfig({}, { mode })) as unknown as {
    output: { filename: string; chunkFilename: string; assetModuleFilename: string }; plugins: { constructor: { name: string }; algorithm?: unknown }[];
  };
  const prod = await config('production');
  expect(prod.output).toMatchObject({ filename: '[name].[contenthash:20].js', chunkFilename: '[name].[contenthash:20].js', assetModuleFilename: 'assets/[name].[contenthash:20][ext]' });
  expect(prod.plugins.filter((p) => p.constructor.name === 'CompressionPlugin')).toHaveLength(2);
  const dev = await config('development');
  expect(dev.output.filename).toBe('[name].[contenthash:20].js');
  expect(dev.plugins.filter((p) => p.constructor.name === 'CompressionPlugin')).toHaveLength(0);
});
