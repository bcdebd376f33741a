// The hint under the suggestion (keysHint.ts says what), and the one short line desktop Word needs after a
// click in the pane: the keyboard stays here and Office.js cannot give it back (office-js #316), so the pane
// asks the clerk to click the document. Shown while the pane has the keyboard; gone once the document has it.
import { Text } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keysHint } from '../keysHint';
import { usePane } from './usePane';

export function KeysHint({ id, className }: { id: string; className: string }): JSX.Element {
  const { t } = useTranslation();
  const s = usePane();
  return (
    <div id={id} data-testid="keys-hint">
      {keysHint(s.keyboard, t).map((line, i) => (
        <Text key={i} size={200} className={className}>
          {line}
        </Text>
      ))}
    </div>
  );
}

/** The line after a click in the pane (desktop Word): shown while focus is inside the pane, hidden when the
 *  window loses focus (the clerk clicked Word's document) or focus moves outside the pane (the playground).
 *  Drawn below the buttons: a line appearing above them would move them under the pointer mid-click. */
export function BackToDocument(): JSX.Element {
  const { t } = useTranslation();
  const enabled = !!usePane().keyboard?.paneKeepsKeys;
  const ref = useRef<HTMLDivElement>(null);
  const [has, setHas] = useState(false);
  useEffect(() => {
    if (!enabled) return setHas(false);
    const onFocus = (e: Event) => setHas(!!ref.current?.closest('.fui-FluentProvider')?.contains(e.target as Node));
    const onBlur = () => setHas(false);
    document.addEventListener('focusin', onFocus, true);
    window.addEventListener('blur', onBlur);
    return () => {
      document.removeEventListener('focusin', onFocus, true);
      window.removeEventListener('blur', onBlur);
    };
  }, [enabled]);
  return (
    <div ref={ref}>
      {has && (
        <Text size={200} weight="semibold" role="status" data-testid="back-to-document" style={{ color: '#8a5a00', display: 'block' }}>
          {t('keys.backToDocument')}
        </Text>
      )}
    </div>
  );
}
