import { useTranslation } from 'react-i18next';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { loadDeviceKey, useCommentsLocal } from './localComments.ts';
import { unreadCount } from './threads.ts';

/** The number of comments new for this person (since they last looked), or nothing. */
export function UnreadBadge() {
  const { t } = useTranslation();
  const session = useSession();
  const lastSeen = useCommentsLocal(session.id, (s) => s.lastSeen);
  const count = useEditor((s) => unreadCount(s.doc.comments, lastSeen, loadDeviceKey(), s.doc));
  if (count === 0) return null;
  return (
    <span className="unread-badge" data-testid="comments-unread" data-count={count}>
      <span aria-hidden="true">{count}</span>
      <span className="visually-hidden">{t('comments.unread', { count })}</span>
    </span>
  );
}
