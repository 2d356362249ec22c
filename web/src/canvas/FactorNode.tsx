import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import i18next from 'i18next';
import { useTranslation } from 'react-i18next';
import type { FactorFlowNode } from './flowTypes.ts';
import { KindIcon } from './KindIcon.tsx';
import { FactorHandles } from './FactorHandles.tsx';
import { useFar } from './levelOfDetail.ts';
import { LabelEditor } from './LabelEditor.tsx';
import { StanceMarks } from '../stances/StanceMarks.tsx';
import { CommentBadge } from '../comments/CommentBadge.tsx';

function classNameOf({ data, selected }: NodeProps<FactorFlowNode>): string {
  const { factor, dimmed } = data;
  return `factor factor--${factor.kind}${selected ? ' factor--selected' : ''}${factor.evidence === 'hypothesis' ? ' factor--hypothesis' : ''}${dimmed ? ' factor--dimmed' : ''}`;
}

const outlineOf = (movedBy: FactorFlowNode['data']['movedBy']) => (movedBy ? `3px solid ${movedBy.colour}` : undefined);

/**
 * Zoomed far out: a box of the factor's size and kind; the label stays available as its tooltip. The handles
 * stay, so React Flow keeps measuring them and a link can still be drawn. No translation hook: cheap to draw.
 */
function FarFactor(props: NodeProps<FactorFlowNode>) {
  const { id, data } = props;
  return (
    <div
      className={`${classNameOf(props)} factor--far`}
      style={{ width: data.box.width, height: data.box.height, outline: outlineOf(data.movedBy) }}
      title={data.factor.label || i18next.t('factor.placeholder')}
      data-testid="factor"
      data-factor-id={id}
    >
      <FactorHandles id={id} />
      {/* For screen readers and keyboard users the label stays the factor's name, also zoomed far out. */}
      <span className="visually-hidden">{data.factor.label || i18next.t('factor.placeholder')}</span>
    </div>
  );
}

function FactorNodeView(props: NodeProps<FactorFlowNode>) {
  const far = useFar();
  return far && !props.data.editing ? <FarFactor {...props} /> : <FullFactor {...props} />;
}

function FullFactor(props: NodeProps<FactorFlowNode>) {
  const { t } = useTranslation();
  const { id, data } = props;
  const { factor, editing, movedBy, actorNames } = data;
  const className = classNameOf(props);
  const outline = outlineOf(movedBy);
  return (
    <div className={className} style={outline ? { outline } : undefined} data-testid="factor" data-factor-id={id}>
      <FactorHandles id={id} />
      <div className="factor-meta">
        <KindIcon kind={factor.kind} />
        <span className="factor-meta-words">
          <span>{t(`kind.${factor.kind}`)}</span>
          {factor.domain ? <span className="factor-domain">· {t(`domain.${factor.domain}`)}</span> : null}
          {factor.evidence === 'hypothesis' ? <span className="factor-evidence">· {t('evidence.hypothesis')}</span> : null}
        </span>
      </div>
      {editing ? (
        <LabelEditor id={id} label={factor.label} />
      ) : (
        <div className={`factor-label${factor.label ? '' : ' factor-label--empty'}`}>{factor.label || t('factor.placeholder')}</div>
      )}
      {actorNames ? (
        <div className="factor-actors" title={actorNames}>
          {actorNames}
        </div>
      ) : null}
      <StanceMarks id={id} />
      {factor.note ? (
        <span className="factor-note-mark" title={factor.note} aria-label={factor.note}>
          i
        </span>
      ) : null}
      <CommentBadge on={id} className="factor-comments" />
      {movedBy ? (
        <div className="factor-movedby" style={{ background: movedBy.colour }}>
          {t('canvas.dragging', { name: movedBy.name })}
        </div>
      ) : null}
    </div>
  );
}

export const FactorNode = memo(FactorNodeView);
