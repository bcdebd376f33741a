// Host detection and theme: office.js absent, present outside Office, in Word; WPS's Application.
import { adminPolicyFromUrl, detectHostKind, officeThemeKind, queryParam } from '../../../src/taskpane/detectHost';

test('Word only when office.js reports the Word host', () => {
  expect(detectHostKind({ Office: {} }, 'Word')).toBe('word');
  expect(detectHostKind({ Office: {} }, null)).toBe('none'); // office.js in a plain browser
  expect(detectHostKind({}, 'Word')).toBe('none');
  expect(detectHostKind({ Office: {} }, 'Excel')).toBe('none');
});

test('WPS by its Application object; a random global named Application is not WPS', () => {
  expect(detectHostKind({ Application: { ActiveDocument: {}, CreateTaskPane: () => null } })).toBe('wps');
  expect(detectHostKind({ Application: 'x' })).toBe('none');
  expect(detectHostKind({ Application: {} })).toBe('none');
  expect(detectHostKind({})).toBe('none');
});

test('theme follows Office body background; anything odd is light', () => {
  expect(officeThemeKind({ context: { officeTheme: { bodyBackgroundColor: '#262626' } } })).toBe('dark');
  expect(officeThemeKind({ context: { officeTheme: { bodyBackgroundColor: '#FFFFFF' } } })).toBe('light');
  expect(officeThemeKind({ context: {} })).toBe('light');
  expect(officeThemeKind(undefined)).toBe('light');
  expect(officeThemeKind({ get context(): never { throw new Error('not in Office'); } })).toBe('light');
});

test('the admin lock comes from the page address the manifest points at', () => {
  expect(adminPolicyFromUrl('?service=https%3A%2F%2Fbanxie.gov.local&serviceLocked=1')).toEqual({ serviceUrl: 'https://banxie.gov.local', serviceUrlLocked: true });
  expect(adminPolicyFromUrl('?service=https://x')).toEqual({ serviceUrl: 'https://x', serviceUrlLocked: false });
  expect(adminPolicyFromUrl('')).toEqual({});
});

test('query parameters read as URLSearchParams reads them (IE11 has none): +, %-escapes, repeats, bare names', () => {
  const cases: [string, string][] = [['?a=1&service=https%3A%2F%2Fx&b', 'service'], ['?q=a+b%20c', 'q'], ['?x=1&x=2', 'x'], ['?flag', 'flag'], ['', 'none']];
  for (const [search, name] of cases) expect([search, queryParam(search, name)]).toEqual([search, new URLSearchParams(search).get(name)]);
});
test('…a malformed escape stays as written rather than failing the page', () => {
  expect(queryParam('?bad=%E0%A4%A', 'bad')).toBe('%E0%A4%A');
});
