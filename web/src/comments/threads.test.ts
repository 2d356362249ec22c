import { describe, expect, it } from 'vitest';
import type { Comment } from '@samenzicht/shared/model/types';
import { isUnread, newestAt, openThreadCount, targetExists, threadsByTarget, threadsOn, unreadCount, unreadIn } from './threads.ts';

const c = (id: string, at: string, extra: Partial<Comment> = {}): Comment => ({
  id,
  on: 'f1',
  author: 'Sam',
  at: `2026-12-02T10:${at}:00Z`,
  text: id,
  replyTo: null,
  resolved: false,
  ...extra,
});

const comments = new Map(
  [
    c('c3', '20', { replyTo: 'c1' }),
    c('c1', '10'),
    c('c2', '15', { replyTo: 'c1', by: 'me' }),
    c('c4', '05', { resolved: true }),
    c('c5', '30', { on: 'l1' }),
    c('c6', '31', { replyTo: 'c404' }),
  ].map((x) => [x.id, x]),
);

const doc = {
  factors: new Map([
    ['f1', {}],
    ['f2', {}],
  ]),
  links: new Map([['l1', { id: 'l1', from: 'f1', to: 'f2', polarity: '+' as const, note: '' }]]),
};

describe('threads', () => {
  it('groups replies under their first comment, oldest first, per target', () => {
    const threads = threadsOn(comments, 'f1');
    expect(threads.map((t) => t.root.id)).toEqual(['c4', 'c1']);
    expect(threads[1]!.replies.map((r) => r.id)).toEqual(['c2', 'c3']);
    expect(threadsOn(comments, 'l1')).toHaveLength(1);
    expect(openThreadCount(comments, 'f1')).toBe(1);
    expect(openThreadCount(comments, 'f9')).toBe(0);
  });

  it('gives the same objects for the same map, and the same empty list for a target without threads (a stable selector)', () => {
    expect(threadsByTarget(comments)).toBe(threadsByTarget(comments));
    expect(threadsOn(comments, 'f9')).toBe(threadsOn(comments, 'f8'));
    expect(threadsOn(new Map(), 'f1')).toBe(threadsOn(comments, 'f9'));
  });

  it('counts what is new since the last look, never what this device wrote', () => {
    expect(isUnread(c('x', '20'), '2026-12-02T10:15:00Z', 'me')).toBe(true);
    expect(isUnread(c('x', '20', { by: 'me' }), '', 'me')).toBe(false);
    // c6 answers a comment that is gone: it cannot be seen, so it never counts.
    expect(unreadCount(comments, '2026-12-02T10:12:00Z', 'me', doc)).toBe(2);
    expect(unreadCount(comments, '', 'other', doc)).toBe(5);
    expect(unreadIn(threadsOn(comments, 'f1'), '2026-12-02T10:12:00Z', 'me')).toBe(1);
    expect(newestAt(comments, doc)).toBe('2026-12-02T10:30:00Z');
    expect(newestAt(new Map(), doc)).toBe('');
    // Nor does a thread on a factor that was deleted.
    expect(unreadCount(comments, '', 'other', { ...doc, factors: new Map([['f2', {}]]) })).toBe(0);
  });

  it('knows which targets can be shown', () => {
    expect(targetExists('f1', doc)).toBe(true);
    expect(targetExists('l1', doc)).toBe(true);
    expect(targetExists('loop:l1', doc)).toBe(true);
    expect(targetExists('loop:l1,l2', doc)).toBe(false);
    expect(targetExists('f9', doc)).toBe(false);
    expect(targetExists('l1', { ...doc, factors: new Map([['f1', {}]]) })).toBe(false);
  });
});
