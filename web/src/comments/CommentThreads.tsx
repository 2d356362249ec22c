import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import * as Y from 'yjs';
import { COMMENT_LIMITS } from '@samenzicht/shared/model/comment';
import { isEntity } from '@samenzicht/shared/model/entity';
import type { Comment } from '@samenzicht/shared/model/types';
import { addComment, editCommentText, removeComments, setCommentResolved } from '@samenzicht/shared/ydoc/comments';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import type { Session } from '../sync/session.ts';
import { LiveTextField } from '../text/LiveTextField.tsx';
import { NeutralHint } from './NeutralHint.tsx';
import { commentsLocal, loadDeviceKey, useCommentsLocal, useMyActor } from './localComments.ts';
import { isUnread, newestAt, threadsOn, unreadCount, unreadIn, type Thread } from './threads.ts';
import './comments.css';

/** The Y.Text of a comment's text, or null (gone, or a string a client wrote). */
function commentText(session: Session, id: string): Y.Text | null {
  const entity = getMaps(session.doc).comments.get(id);
  const value = isEntity(entity) ? entity.get('text') : null;
  return value instanceof Y.Text ? value : null;
}

/** This person's display name, as their presence says. */
function myName(session: Session): string {
  const user = session.provider.awareness.getLocalState()?.user as { name?: unknown } | undefined;
  return typeof user?.name === 'string' ? user.name : '';
}

/** A moment as people read it: day, month and time, in the interface's language. */
export function CommentTime({ at }: { at: string }) {
  const { i18n } = useTranslation();
  const date = new Date(at);
  const short = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(date);
  const full = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full', timeStyle: 'short' }).format(date);
  return (
    <time dateTime={at} title={full}>
      {short}
    </time>
  );
}

/** Writes a new comment or a reply; Ctrl+Enter (or ⌘+Enter) also sends it. */
export function Composer({
  on,
  replyTo = null,
  onDone,
  autoFocus = false,
}: {
  on: string;
  replyTo?: string | null;
  onDone?: () => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const session = useSession();
  const actor = useMyActor(session.provider.awareness);
  const actorKnown = useEditor((s) => (actor ? s.doc.actors.has(actor) : false));
  const [text, setText] = useState('');
  const id = useId();
  const send = () => {
    if (text.trim() === '') return;
    const made = addComment(session.doc, session.origin, {
      on,
      replyTo,
      author: myName(session),
      actor: actorKnown ? actor : null,
      text,
      by: loadDeviceKey(),
    });
    if (made) {
      setText('');
      onDone?.();
    }
  };
  return (
    <form
      className="comment-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        {replyTo ? t('comments.replyLabel') : t('comments.writeLabel')}
      </label>
      <textarea
        id={id}
        value={text}
        rows={2}
        maxLength={COMMENT_LIMITS.textLength}
        placeholder={replyTo ? t('comments.replyPlaceholder') : t('comments.writePlaceholder')}
        autoFocus={autoFocus}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            send();
          } else if (e.key === 'Escape' && onDone) {
            e.preventDefault();
            onDone();
          }
        }}
        data-testid={replyTo ? 'comment-reply-text' : 'comment-text'}
      />
      <NeutralHint text={text} />
      <div className="comment-buttons">
        <button type="submit" disabled={text.trim() === ''} data-testid={replyTo ? 'comment-reply-send' : 'comment-send'}>
          {replyTo ? t('comments.sendReply') : t('comments.send')}
        </button>
        {onDone ? (
          <button type="button" className="link-button" onClick={onDone}>
            {t('comments.cancel')}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function CommentView({ comment, seen, replies = 0 }: { comment: Comment; seen: string; replies?: number }) {
  const { t } = useTranslation();
  const session = useSession();
  const readOnly = useEditor((s) => s.readOnly);
  const facilitator = useEditor((s) => s.role === 'facilitator');
  const actorName = useEditor((s) => (comment.actor ? s.doc.actors.get(comment.actor)?.name : undefined));
  const [editing, setEditing] = useState(false);
  const own = comment.by !== undefined && comment.by === loadDeviceKey();
  const unread = isUnread(comment, seen, loadDeviceKey());
  return (
    <div className={`comment${unread ? ' comment--unread' : ''}`} data-testid="comment" data-comment-id={comment.id}>
      <div className="comment-head">
        <strong className="comment-author">{comment.author || t('comments.someone')}</strong>
        {actorName && actorName.trim().toLowerCase() !== comment.author.trim().toLowerCase() ? (
          <span className="comment-actor">{t('comments.as', { actor: actorName })}</span>
        ) : null}
        <CommentTime at={comment.at} />
        {unread ? (
          <span className="comment-new" data-testid="comment-new">
            {t('comments.new')}
          </span>
        ) : null}
      </div>
      {editing ? (
        <div className="comment-edit">
          <LiveTextField
            value={comment.text}
            write={(text) => editCommentText(session.doc, session.origin, comment.id, text)}
            editing={null}
            source={() => commentText(session, comment.id)}
            maxLength={COMMENT_LIMITS.textLength}
            aria-label={t('comments.editLabel')}
            data-testid="comment-edit-text"
          />
          <button type="button" onClick={() => setEditing(false)} data-testid="comment-edit-done">
            {t('comments.done')}
          </button>
        </div>
      ) : (
        <p className="comment-text" data-testid="comment-body">
          {comment.text}
        </p>
      )}
      <NeutralHint text={comment.text} />
      {!readOnly && (own || facilitator) && !editing ? (
        <div className="comment-buttons comment-buttons--quiet">
          {own ? (
            <button type="button" className="link-button" onClick={() => setEditing(true)} data-testid="comment-edit">
              {t('comments.edit')}
            </button>
          ) : null}
          <button
            type="button"
            className="link-button"
            onClick={() => removeComments(session.doc, session.origin, [comment.id])}
            data-testid="comment-delete"
          >
            {replies > 0 ? t('comments.deleteThread') : t('comments.delete')}
          </button>
        </div>
      ) : null}
    </div>
  );
}

export function ThreadView({ thread, seen }: { thread: Thread; seen: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const readOnly = useEditor((s) => s.readOnly);
  const [replying, setReplying] = useState(false);
  const { root, replies } = thread;
  const body = (
    <>
      <CommentView comment={root} seen={seen} replies={replies.length} />
      {replies.length > 0 ? (
        <ul className="comment-replies">
          {replies.map((reply) => (
            <li key={reply.id}>
              <CommentView comment={reply} seen={seen} />
            </li>
          ))}
        </ul>
      ) : null}
      {replying ? <Composer on={root.on} replyTo={root.id} onDone={() => setReplying(false)} autoFocus /> : null}
      {!readOnly && !replying ? (
        <div className="comment-buttons">
          {root.resolved ? null : (
            <button type="button" onClick={() => setReplying(true)} data-testid="comment-reply">
              {t('comments.reply')}
            </button>
          )}
          <button
            type="button"
            onClick={() => setCommentResolved(session.doc, session.origin, root.id, !root.resolved)}
            data-testid={root.resolved ? 'comment-reopen' : 'comment-resolve'}
          >
            {root.resolved ? t('comments.reopen') : t('comments.resolve')}
          </button>
        </div>
      ) : null}
    </>
  );
  if (root.resolved) {
    return (
      <li className="thread thread--resolved" data-testid="thread" data-resolved="true" data-thread-id={root.id}>
        <details>
          <summary>
            <span className="thread-resolved">{t('comments.resolved')}</span> {root.text.slice(0, 60)}
            {root.text.length > 60 ? '…' : ''}{' '}
            {replies.length > 0 ? <span className="hint">{t('comments.replies', { count: replies.length })}</span> : null}
          </summary>
          {body}
        </details>
      </li>
    );
  }
  return (
    <li className="thread" data-testid="thread" data-resolved="false" data-thread-id={root.id}>
      {body}
    </li>
  );
}

/**
 * Marks comments as seen once they are shown, when nothing new is elsewhere: this person's marker is one time per
 * analysis, so it moves only when every new comment is in view. Returns the time seen before this view opened, so the
 * "new" marks stay while the view is open.
 */
export function useSeenWhileShown(threads: readonly Thread[] | null): string {
  const session = useSession();
  const lastSeen = useCommentsLocal(session.id, (s) => s.lastSeen);
  const [before] = useState(lastSeen);
  const comments = useEditor((s) => s.doc.comments);
  const doc = useEditor(useShallow((s) => ({ factors: s.doc.factors, links: s.doc.links })));
  const device = loadDeviceKey();
  const everything = threads === null;
  const allNew = unreadCount(comments, lastSeen, device, doc);
  const newHere = everything ? allNew : unreadIn(threads, lastSeen, device);
  useEffect(() => {
    if (allNew > 0 && newHere === allNew) commentsLocal(session.id).getState().markSeen(newestAt(comments, doc));
  }, [allNew, newHere, comments, doc, session.id]);
  return before;
}

/** The threads on one factor, link or loop, with a field to start a new one (not for viewers). */
export function CommentThreads({ on, title }: { on: string; title: string }) {
  const { t } = useTranslation();
  const readOnly = useEditor((s) => s.readOnly);
  const threads = useEditor((s) => threadsOn(s.doc.comments, on));
  const seen = useSeenWhileShown(threads);
  const open = threads.filter((th) => !th.root.resolved).length;
  return (
    <section className="comments" aria-label={title} data-testid="comments" data-on={on}>
      <h3 className="comments-title">
        {t('comments.title')}
        {open > 0 ? <span className="comments-count">{t('comments.openCount', { count: open })}</span> : null}
      </h3>
      {threads.length === 0 ? <p className="hint">{readOnly ? t('comments.noneViewer') : t('comments.none')}</p> : null}
      {threads.length > 0 ? (
        <ul className="threads">
          {threads.map((thread) => (
            <ThreadView key={thread.root.id} thread={thread} seen={seen} />
          ))}
        </ul>
      ) : null}
      {readOnly ? null : <Composer on={on} />}
    </section>
  );
}
