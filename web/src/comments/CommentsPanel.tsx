import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { LOOP_TARGET_PREFIX, loopTarget } from '@samenzicht/shared/model/comment';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { EditorState } from '../store/editorStore.ts';

type View = Pick<EditorState['doc'], 'factors' | 'links'> & Pick<EditorState, 'patterns'>;
import { ThreadView, useSeenWhileShown } from './CommentThreads.tsx';
import { NeutralHintSwitch } from './NeutralHint.tsx';
import { threadsByTarget, type Thread } from './threads.ts';

/** What a thread is about, in words: the factor's text, the link's two ends, or the loop's number and name. */
function describeTarget(state: View, on: string, t: (key: string, values?: Record<string, unknown>) => string): string | null {
  const label = (id: string) => state.factors.get(id)?.label || t('factor.placeholder');
  if (on.startsWith(LOOP_TARGET_PREFIX)) {
    const loop = state.patterns?.loops.find((l) => loopTarget(l.links) === on);
    return loop ? t('comments.onLoop', { loop: loop.name ? `${loop.id} "${loop.name}"` : loop.id }) : null;
  }
  if (state.factors.has(on)) return t('comments.onFactor', { label: label(on) });
  const link = state.links.get(on);
  if (link && state.factors.has(link.from) && state.factors.has(link.to))
    return t('comments.onLink', { from: label(link.from), to: label(link.to) });
  return null;
}

/** Every thread of the analysis, open ones first, each under what it is about; opening it marks all as seen. */
export function CommentsPanel() {
  const { t } = useTranslation();
  const session = useSession();
  const state = useEditor(
    useShallow((s) => ({ comments: s.doc.comments, factors: s.doc.factors, links: s.doc.links, patterns: s.patterns })),
  );
  const byTarget = threadsByTarget(state.comments);
  const seen = useSeenWhileShown(null);
  const groups: Array<{ on: string; title: string; threads: readonly Thread[] }> = [];
  for (const [on, threads] of byTarget) {
    const title = describeTarget(state, on, t);
    if (title) groups.push({ on, title, threads });
  }
  const openOf = (threads: readonly Thread[]) => threads.filter((th) => !th.root.resolved).length;
  groups.sort((a, b) => Number(openOf(b.threads) > 0) - Number(openOf(a.threads) > 0));
  const open = groups.reduce((sum, g) => sum + openOf(g.threads), 0);
  return (
    <div className="comments-panel" data-testid="comments-panel">
      <p data-testid="comments-summary">{groups.length === 0 ? t('comments.panelNone') : t('comments.panelOpen', { count: open })}</p>
      {groups.length === 0 ? <p className="hint">{t('comments.panelHow')}</p> : null}
      {groups.map((group) => (
        <section key={group.on} className="comments-group" data-testid="comments-group" data-on={group.on}>
          <h3>
            <button
              type="button"
              className="link-button comments-target"
              onClick={() =>
                session.store.setState((draft) => {
                  const loop = state.patterns?.loops.find((l) => loopTarget(l.links) === group.on);
                  if (loop) draft.pinnedLoop = loop.id;
                  else {
                    draft.selectedNodes = new Set(state.factors.has(group.on) ? [group.on] : []);
                    draft.selectedEdges = new Set(state.links.has(group.on) ? [group.on] : []);
                  }
                })
              }
              data-testid="comments-target"
            >
              {group.title}
            </button>
          </h3>
          <ul className="threads">
            {group.threads.map((thread) => (
              <ThreadView key={thread.root.id} thread={thread} seen={seen} />
            ))}
          </ul>
        </section>
      ))}
      <NeutralHintSwitch />
    </div>
  );
}
