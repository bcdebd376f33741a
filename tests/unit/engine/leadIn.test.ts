import { BuiltinEngine } from '../../../src/engine';
import { buildDigest } from '../../../src/core/digest';

const HEAD = '某某县人民政府办公室关于做好防汛工作的通知\n各乡镇人民政府：\n为做好今年防汛工作，经县政府同意，';
const engine = new BuiltinEngine();
const at = (text: string) => engine.suggest(buildDigest(text, text.length), 40);

describe('lead-in announcing a list', () => {
  it('proposes a new paragraph opening with the first top-level heading after ……如下：', () => {
    expect(at(HEAD + '现将有关事项通知如下：')).toBe('\n一、');
  });
  it('proposes the heading alone once the clerk pressed Enter', () => {
    expect(at(HEAD + '现将有关事项通知如下：\n')).toBe('一、');
  });
  it('goes one level down inside a section', () => {
    expect(at(HEAD + '现将有关事项通知如下：\n一、工作要求\n各乡镇要做好以下工作：')).toBe('\n（一）');
  });
  it('does not take the 主送 line for a lead-in', () => {
    expect(at('某某县人民政府办公室关于做好防汛工作的通知\n各乡镇：')).not.toBe('\n一、');
  });
});
