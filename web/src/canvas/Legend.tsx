import { useRef, useState } from 'react';
import { Panel, useStore, type ReactFlowState } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { FACTOR_KINDS } from '@samenzicht/shared/model/types';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { LOOP_LABELS_KEY } from '../store/editorStore.ts';
import { KindIcon } from './KindIcon.tsx';
import { NARROW_QUERY } from '../ui/useMediaQuery.ts';
import { useLegendCorner } from './useLegendCorner.ts';

const STORAGE_KEY = 'samenzicht.legend';
/** On a canvas narrower than this (a phone) the legend starts folded: open, it would hide most of the diagram. */
const NARROW_PX = 600;
const selectNarrow = (s: ReactFlowState) => s.width > 0 && s.width < NARROW_PX;

/** Shows or hides the R1/B1 labels of loops on the canvas (remembered on this device). */
export function LoopLabelsToggle() {
  const { t } = useTranslation();
  const session = useSession();
  const show = useEditor((s) => s.showLoopLabels);
  const toggle = (value: boolean) => {
    session.store.setState((s) => void (s.showLoopLabels = value));
    try {
      localStorage.setItem(LOOP_LABELS_KEY, value ? 'shown' : 'hidden');
    } catch {
      // Not remembered.
    }
  };
  return (
    <label className="check legend-check">
      <input type="checkbox" checked={show} onChange={(e) => toggle(e.target.checked)} data-testid="loop-labels-toggle" />
      {t('present.loopLabels')}
    </label>
  );
}

/**
 * What the shapes, icons and lines mean; can be hidden (remembered on this device). It sits in the first corner
 * where it covers no factor, and folds to its button when no corner is free.
 */
export function Legend({ withControls }: { withControls: boolean }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(() => {
    try {
      const stored = localStorage.getItem(STORAGE_KEY);
      // Not chosen yet: open, except on a small screen, where it would cover half the diagram.
      return stored === null ? !window.matchMedia(NARROW_QUERY).matches : stored !== 'hidden';
    } catch {
      return true;
    }
  });
  const corner = useLegendCorner(box, withControls);
  // Asked for while no corner is free: shown anyway, until hidden again.
  const [forced, setForced] = useState(false);
  const toggle = () => {
    setOpen(!open);
    setForced(false);
    try {
      localStorage.setItem(STORAGE_KEY, open ? 'hidden' : 'shown');
    } catch {
      // Not remembered.
    }
  };
  const narrow = useStore(selectNarrow);
  const folded = !open || ((corner === null || narrow) && !forced);
  return (
    <>
      {folded ? (
        <Panel position={corner ?? 'top-left'}>
          <button type="button" className="legend-toggle" onClick={open ? () => setForced(true) : toggle} data-testid="legend-show">
            {t('legend.show')}
          </button>
        </Panel>
      ) : null}
      {open ? (
        <Panel
          position={corner ?? 'top-left'}
          className={`legend${folded ? ' legend--folded' : ''}`}
          style={corner?.startsWith('bottom') && withControls ? { marginBottom: corner === 'bottom-left' ? 115 : 180 } : undefined}
          data-testid="legend"
          data-corner={corner ?? 'none'}
          ref={box}
          aria-hidden={folded || undefined}
        >
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
            <li>
              <span className="legend-loop">↻ R1</span> {t('present.loopLegend')}
            </li>
          </ul>
          <LoopLabelsToggle />
        </Panel>
      ) : null}
    </>
  );
}
