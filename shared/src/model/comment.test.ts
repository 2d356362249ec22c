import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addComment, editCommentText, removeComments, setCommentResolved } from '../ydoc/comments.ts';
import { addFactor, addLink, insertAnalysis, removeFactors, replaceAnalysis } from '../ydoc/commands.ts';
import { readAnalysis } from '../ydoc/read.ts';
import { createProjection } from '../ydoc/projection.ts';
import { getMaps } from '../ydoc/shape.ts';
import { parseAnalysisFile, toAnalysisFile } from '../schema/parseAnalysisFile.ts';
import { keepComments, loopTarget, remapTarget, resolveTarget, threadRootOf } from './comment.ts';
import type { Comment } from './types.ts';

const origin = { local: true };

/** A document with two factors, a link each way (one loop) and one person (fictional). */
function setup() {
  const doc = new Y.Doc();
  const f1 = addFactor(doc, origin, { label: 'Schulden', position: { x: 0, y: 0 } }, 'f1');
  const f2 = addFactor(doc, origin, { label: 'Stress', position: { x: 300, y: 0 } }, 'f2');
  const l1 = addLink(doc, origin, { from: f1, to: f2 }, 'l1')!;
  const l2 = addLink(doc, origin, { from: f2, to: f1 }, 'l2')!;
  getMaps(doc).actors.set('a1', new Y.Map(Object.entries({ name: 'Moeder', role: 'parent' })));
  return { doc, f1, f2, l1, l2 };
}

const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 10, minute));

describe('comment targets', () => {
  it('names a factor, a link or a loop in one canonical rotation', () => {
    const factors = new Set(['f1', 'f2']);
    const links = new Set(['l1', 'l2']);
    expect(loopTarget(['l2', 'l1'])).toBe('loop:l1,l2');
    expect(loopTarget(['l1', 'l2'])).toBe('loop:l1,l2');
    expect(resolveTarget('f1', factors, links)).toEqual({ kind: 'factor', id: 'f1' });
    expect(resolveTarget('l2', factors, links)).toEqual({ kind: 'link', id: 'l2' });
    expect(resolveTarget('loop:l1,l2', factors, links)).toEqual({ kind: 'loop', links: ['l1', 'l2'] });
    expect(resolveTarget('loop:l1,l9', factors, links)).toBeNull();
    expect(resolveTarget('loop:', factors, links)).toBeNull();
    expect(resolveTarget('f9', factors, links)).toBeNull();
    expect(remapTarget('loop:l1,l2', (id) => ({ l1: 'x9', l2: 'x1' })[id] ?? id)).toBe('loop:x1,x9');
  });

  it('finds the first comment of a thread, and none for a circle', () => {
    const byId = new Map([
      ['c1', { id: 'c1', replyTo: null }],
      ['c2', { id: 'c2', replyTo: 'c1' }],
      ['c3', { id: 'c3', replyTo: 'c2' }],
      ['x1', { id: 'x1', replyTo: 'x2' }],
      ['x2', { id: 'x2', replyTo: 'x1' }],
    ]);
    expect(threadRootOf('c3', byId)).toBe('c1');
    expect(threadRootOf('c1', byId)).toBe('c1');
    expect(threadRootOf('x1', byId)).toBeNull();
    expect(threadRootOf('nope', byId)).toBeNull();
  });
});

describe('comment commands', () => {
  it('adds a comment and a reply, resolves and reopens the thread, edits and removes; each one undo step', () => {
    const { doc, f1 } = setup();
    const undo = new Y.UndoManager(getMaps(doc).comments, { trackedOrigins: new Set([origin]) });
    const c1 = addComment(
      doc,
      origin,
      { on: f1, author: 'Sam', actor: 'a1', text: ' Dit begon al eerder. ', by: 'dev1', at: at(15) },
      'c1',
    )!;
    undo.stopCapturing();
    const c2 = addComment(doc, origin, { replyTo: c1, author: 'Noor', text: 'Klopt, in 2019.', at: at(16) }, 'c2')!;
    undo.stopCapturing();
    let comments = readAnalysis(doc).comments!;
    expect(comments).toEqual([
      {
        id: c1,
        on: f1,
        author: 'Sam',
        actor: 'a1',
        at: '2026-12-02T10:15:00.000Z',
        text: 'Dit begon al eerder.',
        replyTo: null,
        resolved: false,
      },
      { id: c2, on: f1, author: 'Noor', at: '2026-12-02T10:16:00.000Z', text: 'Klopt, in 2019.', replyTo: c1, resolved: false },
    ]);
    // The device key stays in the live document only.
    expect(getMaps(doc).comments.get(c1)).toBeInstanceOf(Y.Map);
    expect((getMaps(doc).comments.get(c1) as Y.Map<unknown>).get('by')).toBe('dev1');

    setCommentResolved(doc, origin, c2, true); // a reply resolves its thread
    undo.stopCapturing();
    expect(readAnalysis(doc).comments![0]!.resolved).toBe(true);
    setCommentResolved(doc, origin, c1, false);
    undo.stopCapturing();
    expect(readAnalysis(doc).comments![0]!.resolved).toBe(false);
    undo.undo();
    expect(readAnalysis(doc).comments![0]!.resolved).toBe(true);

    editCommentText(doc, origin, c2, 'Klopt, al in 2019.');
    undo.stopCapturing();
    expect((getMaps(doc).comments.get(c2) as Y.Map<unknown>).get('text')).toBeInstanceOf(Y.Text);
    expect(readAnalysis(doc).comments![1]!.text).toBe('Klopt, al in 2019.');

    removeComments(doc, origin, [c1]); // its reply goes with it
    expect(readAnalysis(doc).comments).toBeUndefined();
    undo.undo();
    comments = readAnalysis(doc).comments!;
    expect(comments.map((c) => c.id)).toEqual([c1, c2]);
  });

  it('refuses an empty text, a target that is not there, and a reply to nothing', () => {
    const { doc, l1, l2 } = setup();
    expect(addComment(doc, origin, { on: 'f1', author: 'Sam', text: '   ' })).toBeNull();
    expect(addComment(doc, origin, { on: 'f9', author: 'Sam', text: 'Hallo' })).toBeNull();
    expect(addComment(doc, origin, { on: 'loop:l1,l9', author: 'Sam', text: 'Hallo' })).toBeNull();
    expect(addComment(doc, origin, { replyTo: 'c404', author: 'Sam', text: 'Hallo' })).toBeNull();
    expect(
      addComment(doc, origin, { on: loopTarget([l2, l1]), author: 'Sam', actor: 'a404', text: 'Deze cirkel herken ik' }),
    ).not.toBeNull();
    const [comment] = readAnalysis(doc).comments!;
    expect(comment).toMatchObject({ on: 'loop:l1,l2' });
    expect(comment!.actor).toBeUndefined();
  });

  it('keeps comments of a deleted factor in the document, so bringing it back brings them back', () => {
    const { doc, f1 } = setup();
    const undo = new Y.UndoManager([getMaps(doc).factors, getMaps(doc).links, getMaps(doc).comments], {
      trackedOrigins: new Set([origin]),
    });
    addComment(doc, origin, { on: f1, author: 'Sam', text: 'Over de schulden' });
    undo.stopCapturing();
    removeFactors(doc, origin, [f1]);
    expect(readAnalysis(doc).comments).toBeUndefined();
    expect(getMaps(doc).comments.size).toBe(1);
    const file = toAnalysisFile(readAnalysis(doc));
    expect(parseAnalysisFile(file).ok).toBe(true);
    undo.undo();
    expect(readAnalysis(doc).comments).toHaveLength(1);
  });

  it('two people typing in one comment at the same moment both keep their text', () => {
    const a = setup().doc;
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const id = addComment(a, origin, { on: 'f1', author: 'Sam', text: 'Veel stress' })!;
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    editCommentText(a, origin, id, 'Veel stress thuis');
    editCommentText(b, origin, id, 'Nog steeds veel stress');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const textA = readAnalysis(a).comments![0]!.text;
    expect(textA).toBe(readAnalysis(b).comments![0]!.text);
    expect(textA).toBe('Nog steeds veel stress thuis');
  });

  it('the projection follows comments incrementally', () => {
    const { doc, f1 } = setup();
    const projection = createProjection(doc);
    const before = projection.get();
    const id = addComment(doc, origin, { on: f1, author: 'Sam', text: 'Een' })!;
    const afterAdd = projection.get();
    expect(afterAdd.comments.get(id)?.text).toBe('Een');
    expect(afterAdd.factors).toBe(before.factors);
    editCommentText(doc, origin, id, 'Een twee');
    expect(projection.get().comments.get(id)?.text).toBe('Een twee');
    projection.destroy();
  });
});

describe('comments in the file', () => {
  const base = () => ({
    format: 'samenzicht/analysis',
    version: 1,
    factors: [
      { id: 'f1', label: 'Schulden', kind: 'perpetuating' },
      { id: 'f2', label: 'Stress', kind: 'perpetuating' },
    ],
    links: [
      { id: 'l1', from: 'f1', to: 'f2', polarity: '+' },
      { id: 'l2', from: 'f2', to: 'f1', polarity: '+' },
    ],
    actors: [{ id: 'a1', name: 'Moeder', role: 'parent' }],
  });
  const comment = (fields: Record<string, unknown>) => ({
    id: 'c1',
    on: 'f1',
    author: 'Moeder',
    actor: 'a1',
    at: '2026-12-02T10:15:00Z',
    text: 'Dit begon al eerder.',
    replyTo: null,
    resolved: false,
    ...fields,
  });

  it('a file without comments (version 1) has none', () => {
    const parsed = parseAnalysisFile(base());
    expect(parsed.ok && parsed.value.comments).toBeUndefined();
    expect(parsed.warnings).toEqual([]);
  });

  it('reads threads on a factor, a link and a loop, and writes them back the same', () => {
    const comments = [
      comment({}),
      comment({ id: 'c2', replyTo: 'c1', actor: undefined, author: 'Sam', text: 'Klopt.', resolved: true }),
      comment({ id: 'c3', on: 'l1', text: 'Waarom?' }),
      comment({ id: 'c4', on: 'loop:l1,l2', text: 'Deze cirkel' }),
    ];
    const parsed = parseAnalysisFile({ ...base(), comments });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.warnings).toEqual([]);
    expect(parsed.value.comments).toHaveLength(4);
    const written = toAnalysisFile(parsed.value).comments as Array<Record<string, unknown>>;
    expect(written[1]).toEqual({
      id: 'c2',
      on: 'f1',
      author: 'Sam',
      at: '2026-12-02T10:15:00Z',
      text: 'Klopt.',
      replyTo: 'c1',
      resolved: true,
    });
    expect(written[0]).toEqual(comment({}));
    const doc = new Y.Doc();
    replaceAnalysis(doc, origin, parsed.value);
    expect(toAnalysisFile(readAnalysis(doc)).comments).toEqual(written);
  });

  it('names the place of every error', () => {
    const parsed = parseAnalysisFile({
      ...base(),
      comments: [
        comment({ on: 'f9' }),
        comment({ id: 'c2', actor: 'a9', at: '2 december' }),
        comment({ id: 'c3', replyTo: 'c404', resolved: 'ja', text: 42 }),
        comment({ id: 'c4', replyTo: 'c5' }),
        comment({ id: 'c5', replyTo: 'c4', on: 'loop:l1,l7', colour: 'red' }),
        comment({ id: 'c1' }),
      ],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    const lines = parsed.errors.map((e) => `${e.path}: ${e.message}`);
    expect(lines).toEqual([
      'comments[0].on: no factor, link or loop is "f9"',
      'comments[1].actor: no actor has id "a9"',
      'comments[1].at: expected a time in ISO-8601 UTC like "2026-12-02T10:15:00Z", got "2 december"',
      'comments[2].resolved: expected true or false, got "ja"',
      'comments[2].text: expected text, got 42',
      'comments[4].on: no factor, link or loop is "loop:l1,l7"',
      'comments[5].id: duplicate id "c1"',
      'comments[2].replyTo: no comment has id "c404"',
      'comments[3].replyTo: replies go round in a circle (or more than 50 deep)',
      'comments[4].replyTo: replies go round in a circle (or more than 50 deep)',
    ]);
    expect(parsed.warnings.map((w) => w.path)).toEqual(['comments[4].colour']);
  });

  it('adding a file next to what is there gives its comments fresh ids that follow the factors', () => {
    const { doc } = setup();
    const parsed = parseAnalysisFile({
      ...base(),
      comments: [comment({}), comment({ id: 'c2', replyTo: 'c1', on: 'f1' }), comment({ id: 'c3', on: 'loop:l1,l2' })],
    });
    if (!parsed.ok) throw new Error('fixture');
    const ids = insertAnalysis(doc, origin, parsed.value);
    const comments = readAnalysis(doc).comments!;
    expect(comments).toHaveLength(3);
    const first = comments.find((c) => c.replyTo === null && c.on === ids.get('f1'))!;
    expect(first.actor).toBe(ids.get('a1'));
    expect(comments.find((c) => c.replyTo !== null)!.replyTo).toBe(first.id);
    expect(comments.find((c) => c.on.startsWith('loop:'))!.on).toBe(loopTarget([ids.get('l1')!, ids.get('l2')!]));
    expect(comments.every((c) => !['c1', 'c2', 'c3'].includes(c.id))).toBe(true);
  });
});

describe('a hostile client writing comments straight into the document', () => {
  it('still gives a file that opens: fields checked, text cut, replies to nothing dropped', () => {
    const { doc } = setup();
    const raw = (fields: Record<string, unknown>) => new Y.Map(Object.entries(fields));
    const comments = getMaps(doc).comments;
    doc.transact(() => {
      comments.set(
        'c1',
        raw({ on: 'f1', author: 42, at: 'gisteren', text: new Y.Text('x'.repeat(6_000)), replyTo: 7, resolved: 'ja', actor: 'a9' }),
      );
      comments.set('c2', raw({ on: 'f1', author: 'Sam', at: '2026-12-02T10:15:00Z', text: 'Antwoord', replyTo: 'c1' }));
      comments.set('c3', raw({ on: 'f1', author: 'Sam', at: '2026-12-02T10:15:00Z', text: 'Weeskind', replyTo: 'c404' }));
      comments.set('c4', raw({ on: { kwaad: true }, text: 'Nergens' }));
      comments.set('c5', 'geen entiteit');
      comments.set('x'.repeat(100), raw({ on: 'f1', text: 'Te lang id' }));
      comments.set('c6', raw({ on: 'loop:' + 'l1,'.repeat(30_000), text: 'Te lange kringloop' }));
    }, 'hostile');
    const analysis = readAnalysis(doc);
    expect(analysis.comments!.map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(analysis.comments![0]).toMatchObject({ author: '', at: '1970-01-01T00:00:00Z', replyTo: null, resolved: false });
    expect(analysis.comments![0]!.text).toHaveLength(5_000);
    expect(analysis.comments![0]!.actor).toBeUndefined();
    const reopened = parseAnalysisFile(JSON.parse(JSON.stringify(toAnalysisFile(analysis))));
    expect(reopened.ok && reopened.value.comments).toEqual(analysis.comments);
  });
});

describe('keepComments (what a file saved from the live document may hold)', () => {
  const ids = { factors: new Set(['f1']), links: new Set<string>(), actors: new Set(['a1']) };
  const c = (id: string, replyTo: string | null, extra: Partial<Comment> = {}): Comment => ({
    id,
    on: 'f1',
    author: 'Sam',
    at: '2026-12-02T10:15:00Z',
    text: id,
    replyTo,
    resolved: false,
    ...extra,
  });

  it('drops replies to nothing, circles, and the replies of a comment beyond the limit; forgets an actor that is gone', () => {
    const kept = keepComments(
      [
        c('c1', null, { actor: 'a9', by: 'dev' }),
        c('c2', 'c1'),
        c('c3', 'c404'),
        c('c4', 'c5'),
        c('c5', 'c4'),
        c('c6', null, { on: 'f9' }),
        c('c7', 'c6'),
      ],
      ids,
      10,
    );
    expect(kept).toEqual([c('c1', null), c('c2', 'c1')]);
    expect(keepComments([c('b1', 'c1'), c('c1', null)], ids, 1)).toEqual([]);
  });

  it('cuts a chain of replies deeper than the limit', () => {
    const chain = [
      c('c000', null),
      ...Array.from({ length: 60 }, (_, i) => c(`c${String(i + 1).padStart(3, '0')}`, `c${String(i).padStart(3, '0')}`)),
    ];
    expect(keepComments(chain, ids, 1000)).toHaveLength(51);
  });
});
