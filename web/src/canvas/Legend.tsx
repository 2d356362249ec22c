import { useState } from 'react';
import { Panel } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { FACTOR_KINDS } from '@samenzicht/shared/model/types';
import { KindIcon } from './KindIcon.tsx';
import { NARROW_QUERY } from '../ui/useMediaQuery.ts';

const STORAGE_KEY = 'samenzicht.legend';

/** What the shapes, icons and lines mean; can be hidden (remembered on this device). */
export function Legend() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => {
    try {
      const stored = localStorage.getItem(STORAGE_KEY);
      // Not chosen yet: open, except on a small screen, where it would cover half the diagram.
      return stored === null ? !window.matchMedia(NARROW_QUERY).matches : stored !== 'hidden';
    } catch {
      return true;
    }
  });
  const toggle = () => {
    setOpen(!open);
    try {
      localStorage.setItem(STORAGE_KEY, open ? 'hidden' : 'shown');
    } catch {
      // Not remembered.
    }
  };
  if (!open) {
    return (
      <Panel position="top-left">
        <button type="button" className="legend-toggle" onClick={toggle} data-testid="legend-show">
          {t('legend.show')}
        </button>
      </Panel>
    );
  }
  return (
    <Panel position="top-left" className="legend" data-testid="legend">
      <div className="legend-head">
        <strong>{t('legend.title')}</strong>
        <button type="button" className="link-button" onClick={toggle} aria-label={t('legend.hide')} data-testid="legend-hide">
          ×
        </button>
      </div>
      <ul>
        {FACTOR_KINDS.map((kind) => (
          <li key={kind} className={`legend-kind legend-kind--${kind}`}>
            <span className={`legend-swatch factor--${kind}`}>
              <KindIcon kind={kind} size={14} />
            </span>
            {t(`kind.${kind}`)}
          </li>
        ))}
        <li>
          <span className="legend-swatch legend-swatch--dashed" /> {t('legend.hypothesis')}
        </li>
        <li>
          <span className="legend-line legend-line--plus">+</span> {t('legend.plus')}
        </li>
        <li>
          <span className="legend-line legend-line--minus">−</span> {t('legend.minus')}
        </li>
      </ul>
    </Panel>
  );
}
