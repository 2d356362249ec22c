import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { loadDeviceKey, useCommentsLocal } from './localComments.ts';
import { openThreadCount, threadsOn, unreadIn } from './threads.ts';

/** Open threads and whether anything is new there: for the marks on the canvas. */
function useTargetComments(on: string): { open: number; unread: boolean } {
  const session = useSession();
  const lastSeen = useCommentsLocal(session.id, (s) => s.lastSeen);
  const open = useEditor((s) => openThreadCount(s.doc.comments, on));
  const unread = useEditor((s) => unreadIn(threadsOn(s.doc.comments, on), lastSeen, loadDeviceKey()) > 0);
  return { open, unread };
}

/**
 * The mark on a factor or a link that has open comments: a speech bubble with their number, a dot when one is new.
 * Readable without colour: the number and, for screen readers, a sentence.
 */
export function CommentBadge({ on, className = '', style }: { on: string; className?: string; style?: React.CSSProperties }) {
  const { t } = useTranslation();
  const { open, unread } = useTargetComments(on);
  if (open === 0) return null;
  const label = unread ? t('comments.badgeUnread', { count: open }) : t('comments.badge', { count: open });
  return (
    <span
      className={`comment-badge${unread ? ' comment-badge--unread' : ''} ${className}`}
      style={style}
      title={label}
      role="img"
      aria-label={label}
      data-testid="comment-badge"
      data-on={on}
      data-open={open}
      data-unread={unread}
    >
      <svg width="14" height="14" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path d="M4 5h16v11H9l-5 4z" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinejoin="round" />
      </svg>
      {open}
    </span>
  );
}
