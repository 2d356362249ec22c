import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { Factor } from '@samenzicht/shared/model/types';
import { KindIcon } from '../canvas/KindIcon.tsx';

export type BareFactorNodeType = Node<{ factor: Factor }, 'factor'>;

/**
 * The same DOM, classes and hooks as canvas/FactorNode (meta row with the kind icon, label, note mark, two
 * handles), without the session: the weight of one node is equal on both sides of the benchmark.
 */
function BareFactorNodeView({ id, data, selected }: NodeProps<BareFactorNodeType>) {
  const { t } = useTranslation();
  const { factor } = data;
  return (
    <div
      className={`factor factor--${factor.kind}${selected ? ' factor--selected' : ''}${factor.evidence === 'hypothesis' ? ' factor--hypothesis' : ''}`}
      data-testid="factor"
      data-factor-id={id}
    >
      <Handle type="target" position={Position.Left} className="factor-handle" />
      <div className="factor-meta">
        <KindIcon kind={factor.kind} />
        <span className="factor-meta-words">
          <span>{t(`kind.${factor.kind}`)}</span>
          {factor.domain ? <span className="factor-domain">· {t(`domain.${factor.domain}`)}</span> : null}
          {factor.evidence === 'hypothesis' ? <span className="factor-evidence">· {t('evidence.hypothesis')}</span> : null}
        </span>
      </div>
      <div className={`factor-label${factor.label ? '' : ' factor-label--empty'}`}>{factor.label || t('factor.placeholder')}</div>
      {factor.note ? (
        <span className="factor-note-mark" title={factor.note} aria-label={factor.note}>
          i
        </span>
      ) : null}
      <Handle type="source" position={Position.Right} className="factor-handle" />
    </div>
  );
}

export const BareFactorNode = memo(BareFactorNodeView);
