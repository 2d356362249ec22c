import { useTranslation } from 'react-i18next';
import { useEditor } from '../store/EditorContext.tsx';
import './linking.css';

/**
 * The hint on the canvas: how to begin while it is empty, and how to link while there are factors but no links yet.
 * The touch sentence shows on touch screens only (linking.css).
 */
export function CanvasHint() {
  const { t } = useTranslation();
  const factors = useEditor((s) => s.doc.factors.size);
  const noLinks = useEditor((s) => s.doc.links.size === 0);
  const readOnly = useEditor((s) => s.readOnly);
  // A phone has no double click and no keys: its own sentences (shown by linking.css on touch screens only).
  if (factors === 0) {
    return (
      <div className="canvas-empty" data-testid="canvas-hint">
        <p className="pointer-only">{t('canvas.emptyHint')}</p>
        {readOnly ? null : <p className="touch-only">{t('linking.longPressHint')}</p>}
        {readOnly ? null : <p className="pointer-only">{t('linking.hint')}</p>}
        {readOnly ? null : <p className="touch-only">{t('linking.hintTouch')}</p>}
      </div>
    );
  }
  if (factors >= 2 && noLinks && !readOnly) {
    return (
      <div className="canvas-link-hint" data-testid="canvas-hint">
        <span className="pointer-only">{t('linking.hint')}</span>
        <span className="touch-only">{t('linking.hintTouch')}</span>
      </div>
    );
  }
  return null;
}
