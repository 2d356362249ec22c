import { EdgeLabelRenderer } from '@xyflow/react';
import { linkStancesAt } from '@samenzicht/shared/export/stanceLayout';
import { useEditor } from '../store/EditorContext.tsx';
import { marksSignature } from './derived.ts';
import { StanceMarks } from './StanceMarks.tsx';

/** The stance marks of a link, at 40 % of its line (the +/− sits at 72 %), or beside a short line (linkStancesAt). */
export function LinkStanceMarks({ id, line }: { id: string; line: { s: { x: number; y: number }; e: { x: number; y: number } } }) {
  const any = useEditor((s) => marksSignature(s.doc, id) !== '');
  if (!any) return null;
  const at = linkStancesAt(line.s, line.e);
  return (
    <EdgeLabelRenderer>
      <div
        className="link-stances nodrag nopan"
        style={{ transform: `translate(-50%, -50%) translate(${at.x}px, ${at.y}px)` }}
        data-testid="link-stances"
        data-link-id={id}
      >
        <StanceMarks id={id} />
      </div>
    </EdgeLabelRenderer>
  );
}
