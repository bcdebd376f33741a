// Where a model runs, as a coloured badge: the one thing IT and clerks must see at a glance.
import { Badge, Tooltip } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import type { Residency } from '../../core/protocol';

const COLOR: Record<Residency, 'success' | 'informative' | 'brand' | 'danger'> = {
  builtin: 'success',
  local: 'informative',
  intranet: 'brand',
  external: 'danger',
};

export function ResidencyBadge({ residency }: { residency: Residency }): JSX.Element {
  const { t } = useTranslation();
  return (
    <Tooltip content={t(`status.residencyHint.${residency}`)} relationship="description">
      <Badge appearance="tint" color={COLOR[residency]} data-testid={`residency-${residency}`} tabIndex={0}>
        {t(`status.residency.${residency}`)}
      </Badge>
    </Tooltip>
  );
}
