/**
 * Copy, cut, paste, duplicate and select all. Copy, cut and paste use the browser's own clipboard events, so they
 * work between analyses, tabs and browsers without a permission prompt; the clipboard holds an analysis file
 * (CONTRACT.md §1) with the chosen factors, the links between them and the people tied to them.
 */
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Analysis } from '@samenzicht/shared/model/types';
import { pasteAnalysis } from '@samenzicht/shared/ydoc/paste';
import { readAnalysis } from '@samenzicht/shared/ydoc/read';
import { boundsOf, pasteOffset, type Rect } from '../files/placement.ts';
import { freeShiftForGroup } from '../canvas/newFactorSpot.ts';
import { fromClipboardText, pickFactors, toClipboardText } from '../files/selection.ts';
import { useSession } from '../store/EditorContext.tsx';
import type { Session } from '../sync/session.ts';
import { deleteSelection } from './editActions.ts';
import { isModalOpen } from '../ui/useNativeDialog.ts';

function isTyping(target: Element | EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** True when the keys belong to something else: typing, selected page text, or an open dialog. */
function belongsElsewhere(): boolean {
  if (isTyping(document.activeElement)) return true;
  // A version or a comparison covers the canvas: what is copied, cut or pasted is not the live analysis there.
  if (document.querySelector('[data-testid="history-view"]')) return true;
  const text = document.getSelection();
  if (text && !text.isCollapsed && text.toString().trim() !== '') return true;
  return isModalOpen();
}

function selectOnly(session: Session, ids: Iterable<string>): void {
  session.store.setState((s) => {
    s.selectedNodes = new Set(ids);
    s.selectedEdges = new Set();
  });
}

/** Listens for the clipboard events and keys of one editor (call it once, inside the React Flow provider). */
export function useClipboard(): void {
  const session = useSession();
  const flow = useReactFlow();

  useEffect(() => {
    const { store, doc, origin, undo } = session;
    // The last text copied or pasted here, and how often it was pasted: each paste lands one step further.
    let last = { text: '', step: 0 };

    const visibleArea = (): Rect | null => {
      const box = document.querySelector('.react-flow')?.getBoundingClientRect();
      if (!box || box.width === 0) return null;
      const a = flow.screenToFlowPosition({ x: box.left, y: box.top });
      const b = flow.screenToFlowPosition({ x: box.right, y: box.bottom });
      return { x: a.x, y: a.y, width: b.x - a.x, height: b.y - a.y };
    };

    const insert = (analysis: Analysis, step: number, keepInView: boolean) => {
      const bounds = boundsOf(analysis.factors)!;
      // Never on top of a factor that is there already (the copied ones included).
      const offset = freeShiftForGroup(flow, bounds, pasteOffset(bounds, step, keepInView ? visibleArea() : null));
      undo.stopCapturing();
      const ids = pasteAnalysis(doc, origin, analysis, offset);
      undo.stopCapturing();
      selectOnly(
        session,
        analysis.factors.map((f) => ids.get(f.id)!),
      );
    };

    const selectionText = () => {
      const { selectedNodes } = store.getState();
      return selectedNodes.size > 0 ? toClipboardText(readAnalysis(doc), selectedNodes) : null;
    };

    const onCopy = (event: ClipboardEvent) => {
      if (belongsElsewhere() || !event.clipboardData) return;
      const text = selectionText();
      if (!text) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
      last = { text, step: 0 };
    };

    const onCut = (event: ClipboardEvent) => {
      if (store.getState().readOnly || belongsElsewhere() || !event.clipboardData) return;
      const text = selectionText();
      if (!text) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
      deleteSelection(session);
      // The first paste after a cut puts the factors back where they were.
      last = { text, step: -1 };
    };

    const onPaste = (event: ClipboardEvent) => {
      if (store.getState().readOnly || belongsElsewhere()) return;
      const text = event.clipboardData?.getData('text/plain') ?? '';
      const analysis = fromClipboardText(text);
      if (!analysis) return;
      event.preventDefault();
      last = { text, step: text === last.text ? last.step + 1 : 1 };
      insert(analysis, last.step, true);
    };

    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'a') {
        if (belongsElsewhere()) return;
        event.preventDefault();
        const { factors, links } = store.getState().doc;
        store.setState((s) => {
          s.selectedNodes = new Set(factors.keys());
          s.selectedEdges = new Set([...links.values()].filter((l) => factors.has(l.from) && factors.has(l.to)).map((l) => l.id));
        });
      } else if (key === 'd') {
        const { readOnly, selectedNodes } = store.getState();
        if (readOnly || selectedNodes.size === 0 || belongsElsewhere()) return;
        event.preventDefault();
        const picked = pickFactors(readAnalysis(doc), selectedNodes);
        if (picked.factors.length > 0) insert(picked, 1, false);
      }
    };

    document.addEventListener('copy', onCopy);
    document.addEventListener('cut', onCut);
    document.addEventListener('paste', onPaste);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('cut', onCut);
      document.removeEventListener('paste', onPaste);
      window.removeEventListener('keydown', onKeyDown);
    };
  }, [session, flow]);
}

/** Mounts the clipboard handling where the React Flow instance is known. */
export function ClipboardKeys(): null {
  useClipboard();
  return null;
}
