// 规范 / Format rules list (components/NormsView), English. Keys mirror norms.zh-CN.ts (a test compares).
import type normsZhCN from './norms.zh-CN';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

const normsEn: Shape<typeof normsZhCN> = {
  heading: 'Format',
  count: '{{errors}} error(s), {{advice}} advice',
  none: 'No format problems found',
  error: 'Error',
  advice: 'Advice',
  about: 'Text: 「{{text}}」',
  clause: 'Source: {{clause}}',
  locate: 'Locate',
  locateLabel: 'Select 「{{text}}」 in the document',
  fix: 'Fix',
  fixLabel: 'Change to 「{{text}}」',
  fixDelete: 'Delete 「{{text}}」',
  empty: '(empty)',
  gone: 'The document changed and that text was not found; checked again',
  more: '{{n}} more not listed',
};

export default normsEn;
