// 规范 tab states and Settings › 规范提示 (components/NormsPanel), English. Keys mirror normsPane.zh-CN.ts.
import type normsPaneZhCN from './normsPane.zh-CN';

const normsPaneEn: Record<keyof typeof normsPaneZhCN, string> = {
  off: 'Format checks are off (turn them on in Settings)',
  waiting: 'Checking the format…',
  failed: 'The format checks could not be loaded; try again later',
  heading: 'Format checks',
  enabled: 'Check the format of official documents (GB/T 9704-2012)',
  advice: 'Show advice (not only errors)',
  rules: 'Rule by rule',
  note: 'The checks run on this computer; nothing is sent.',
};

export default normsPaneEn;
