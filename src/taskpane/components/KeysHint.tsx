// The hint under the suggestion (keysHint.ts says what), and the one short line desktop Word needs after a
// click in the pane: the keyboard stays here and Office.js cannot give it back (office-js #316), so the pane
// asks the clerk to click the document. Shown while the pane has the keyboard; gone once the document has it.
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keysHint } from '../keysHint';
import { usePane } from './usePane';

const useStyles = makeStyles({
  muted: { color: tokens.colorNeutralForeground3, display: 'block' },
  back: { display: 'block', fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteMarigoldForeground2 },
});

/** True while the keyboard is in the pane: set by a click or focus inside it, cleared when the window loses
 *  focus (the clerk clicked Word's document) or focus moves outside the pane's root (the playground). */
export function usePaneHasKeys(root: () => Element | null, enabled: boolean): boolean {
  const [has, setHas] = useState(false);
  useEffect(() => {
    if (!enabled) return setHas(false);
    const inside = (e: Event) => {
      const r = root();
      return !!r && e.target instanceof Node && r.contains(e.target);
    };
    const onDown = (e: Event) => setHas(inside(e));
    const onBlur = () => setHas(false);
    document.addEventListener('pointerdown', onDown, true);
    document.addEventListener('focusin', onDown, true);
    window.addEventListener('blur', onBlur);
    return () => {
      document.removeEventListener('pointerdown', onDown, true);
      document.removeEventListener('focusin', onDown, true);
      window.removeEventListener('blur', onBlur);
    };
  }, [enabled, root]);
  return has;
}

export function KeysHint({ id }: { id: string }): JSX.Element {
  const { t } = useTranslation();
  const s = usePane();
  const styles = useStyles();
  return (
    <div id={id} data-testid="keys-hint">
      {keysHint(s.keyboard, t).map((line, i) => (
        <Text key={i} size={200} className={styles.muted}>
          {line}
        </Text>
      ))}
    </div>
  );
}

/** The one line after a click in the pane (desktop Word). Drawn below the buttons: a line appearing above them
 *  would move them under the pointer between press and release, and the click would land elsewhere. */
export function BackToDocument(): JSX.Element {
  const { t } = useTranslation();
  const s = usePane();
  const styles = useStyles();
  const ref = useRef<HTMLDivElement>(null);
  const [root] = useState(() => () => ref.current?.closest('.fui-FluentProvider') ?? null);
  const hasKeys = usePaneHasKeys(root, !!s.keyboard?.paneKeepsKeys);
  return (
    <div ref={ref}>
      {hasKeys && (
        <Text size={200} className={styles.back} role="status" data-testid="back-to-document">
          {t('keys.backToDocument')}
        </Text>
      )}
    </div>
  );
}
