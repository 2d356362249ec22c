import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loopTarget } from '@samenzicht/shared/model/comment';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { CommentThreads } from './CommentThreads.tsx';
import { useCommentsLocal, loadDeviceKey } from './localComments.ts';
import { openThreadCount, threadsOn, unreadIn } from './threads.ts';

/** A loop's comments in the loop list: a button with the number of open threads that unfolds them. */
export function LoopComments({ links }: { links: readonly string[] }) {
  const { t } = useTranslation();
  const session = useSession();
  const on = loopTarget(links);
  const [open, setOpen] = useState(false);
  const count = useEditor((s) => openThreadCount(s.doc.comments, on));
  const lastSeen = useCommentsLocal(session.id, (s) => s.lastSeen);
  const unread = useEditor((s) => unreadIn(threadsOn(s.doc.comments, on), lastSeen, loadDeviceKey()));
  return (
    <div className="loop-comments">
      <button type="button" className="link-button" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="loop-comments">
        {count > 0 ? t('comments.loopButtonCount', { count }) : t('comments.loopButton')}
        {unread > 0 ? <span className="comment-new">{t('comments.new')}</span> : null}
      </button>
      {open ? <CommentThreads on={on} title={t('comments.onLoopTitle')} /> : null}
    </div>
  );
}
