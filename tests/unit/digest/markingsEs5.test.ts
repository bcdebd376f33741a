// The lite pane runs the same digest in Internet Explorer 11 (Word 2016/2019 volume licence): no
// String.prototype.normalize, no `u` or `y` RegExp flags — a RegExp built with them throws when the module
// loads, and es-check cannot see flags passed as strings. The markings module must load and still read
// markings (full-width digits and zero-width spaces included) on such an engine.
type Markings = typeof import('../../../src/core/digest/markings');

function loadAsOnIe11(): Markings {
  const RealRegExp = RegExp;
  const normalize = Object.getOwnPropertyDescriptor(String.prototype, 'normalize')!;
  const Es5RegExp = function (this: unknown, pattern: string | RegExp, flags?: string) {
    if (flags && /[uys]/.test(flags)) throw new SyntaxError(`Invalid regular expression flags: ${flags}`);
    return new RealRegExp(pattern, flags);
  } as unknown as RegExpConstructor;
  Object.defineProperty(Es5RegExp, 'prototype', { value: RealRegExp.prototype });
  let mod: Markings | undefined;
  try {
    globalThis.RegExp = Es5RegExp;
    delete (String.prototype as { normalize?: unknown }).normalize;
    jest.isolateModules(() => { mod = require('../../../src/core/digest/markings'); });
  } finally {
    globalThis.RegExp = RealRegExp;
    Object.defineProperty(String.prototype, 'normalize', normalize);
  }
  return mod!;
}

it('loads without ES2018 and reads markings as the full pane does', () => {
  const ie = loadAsOnIe11();
  expect(ie.detectClassification('机密★１０年\n关于做好防汛工作的通知')).toMatchObject({ classification: '机密' });
  expect(ie.detectClassification('秘\u200b密★1年\n通知')).toMatchObject({ classification: '秘密' });
  expect(ie.detectClassification('份号：000123 密级：机密 保密期限：10年\n通知')).toMatchObject({ classification: '机密' });
  expect(ie.detectClassification('关于做好防汛工作的通知\n各单位：')).toBeNull();
});
