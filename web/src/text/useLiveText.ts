import { useCallback, useLayoutEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { diffText, transformOffset } from '@samenzicht/shared/model/liveText';
import { applyDelta, mergeComposition, transformThroughDelta, type TextDelta } from './textSource.ts';
import { useSession } from '../store/EditorContext.tsx';
import type { Editing } from '../sync/editingPresence.ts';
import { holdUndoStep } from './typingUndo.ts';

type TextElement = HTMLInputElement | HTMLTextAreaElement;

export interface LiveTextOptions {
  /** The field's text as the document has it now (from the projection). */
  readonly value: string;
  /** Writes the text as the person sees it; the command turns it into the smallest change (model/liveText.ts). */
  readonly write: (text: string) => void;
  /** The field, told to others while it has focus ("Moeder typt…"). */
  readonly editing: Editing | null;
  /** Labels: spaces at either end go when the field is left (not while typing: a space is typed before a word). */
  readonly trimOnBlur?: boolean;
  /** The field's Y.Text now (null for a string of an older document), whose changes move the caret exactly. */
  readonly source?: () => Y.Text | null;
}

/**
 * A text field that writes every keystroke to the document, instead of once on blur. Why live: the document merges
 * what two people type into one field only when it sees each change as it happens (the smallest change at its
 * place); a whole string written on blur would replace what the other typed meanwhile. Others also see the text as
 * it is typed. Undo stays one step per visit of the field (typingUndo.ts).
 *
 * The element is uncontrolled: a change someone else made is put into it here, with the caret and selection moved
 * through that change, so text typed elsewhere in the field never makes the caret jump: exactly through the Y.Text's
 * delta when it fits the field, else through the smallest change between the two texts (transformOffset). While an
 * input method composes (a phone keyboard composes whole words) nothing is written and nothing put in, since that
 * would break the composition; when it ends, what was composed is put into the document's text at its place, moved
 * through what others typed meanwhile (mergeComposition), so neither is lost.
 */
export function useLiveText<E extends TextElement>({ value, write, editing, trimOnBlur = false, source }: LiveTextOptions) {
  const session = useSession();
  const ref = useRef<E>(null);
  const composing = useRef(false);
  // While composing: the text the field showed when it began, and the Y.Text deltas seen since (null: unknown).
  const composition = useRef<{ base: string; remote: TextDelta[] | null }>({ base: '', remote: null });
  const release = useRef<(() => void) | null>(null);
  // The latest write and trim rule, so that leaving stays one function for the life of the field.
  const latest = useRef({ write, trimOnBlur });
  useLayoutEffect(() => void (latest.current = { write, trimOnBlur }));
  const latestValue = useRef(value);
  latestValue.current = value;

  const bring = useCallback(() => {
    const el = ref.current;
    if (!el || composing.current || el.value === value) return;
    const change = diffText(el.value, value);
    if (document.activeElement !== el || !change) {
      el.value = value;
      return;
    }
    const start = transformOffset(el.selectionStart ?? 0, change);
    const end = transformOffset(el.selectionEnd ?? 0, change);
    const direction = el.selectionDirection ?? 'none';
    el.value = value;
    el.setSelectionRange(start, end, direction);
  }, [value]);
  useLayoutEffect(bring, [bring]);

  const yText = source?.() ?? null;
  useLayoutEffect(() => {
    if (!yText) return;
    const onChange = (event: Y.YTextEvent) => {
      const el = ref.current;
      const now = yText.toString();
      const delta = event.delta as TextDelta;
      if (composing.current) {
        composition.current.remote?.push(delta);
        return;
      }
      if (!el || el.value === now || document.activeElement !== el) return;
      // Only when the delta turns what the field shows into the new text; else the render's `bring` diffs.
      if (applyDelta(el.value, delta) !== now) return;
      const start = transformThroughDelta(el.selectionStart ?? 0, delta);
      const end = transformThroughDelta(el.selectionEnd ?? 0, delta);
      const direction = el.selectionDirection ?? 'none';
      el.value = now;
      el.setSelectionRange(start, end, direction);
    };
    yText.observe(onChange);
    return () => {
      yText.unobserve(onChange);
      // Another Y.Text from here on (a string turned into one, a factor put back): its deltas do not follow ours.
      composition.current.remote = null;
    };
  }, [yText]);

  const leave = useCallback(() => {
    const el = ref.current;
    if (el && latest.current.trimOnBlur && el.value.trim() !== el.value) {
      el.value = el.value.trim();
      latest.current.write(el.value);
    }
    release.current?.();
    release.current = null;
    session.setEditing(null);
  }, [session]);

  // A field removed while focused (its factor was deleted, the selection changed) ends its undo step and presence.
  useLayoutEffect(() => () => void (release.current && leave()), [leave]);

  return {
    ref,
    defaultValue: value,
    onFocus: (event: { currentTarget: TextElement }) => {
      // A field that only shows (a viewer, a newer document) is no one typing.
      if (event.currentTarget.readOnly) return;
      release.current?.();
      release.current = holdUndoStep(session.undo);
      session.setEditing(editing);
    },
    onBlur: leave,
    onInput: (event: { currentTarget: TextElement }) => {
      if (composing.current) return;
      const el = event.currentTarget;
      // What was typed goes in at the caret. `write` diffs the whole text, which cannot tell where a letter went when
      // its neighbour is the same letter: a space typed right before someone else's space would be taken as coming
      // after it, and everything typed next would land inside their sentence. `write` then finds nothing left to do,
      // or only cleans (its limits and rules stay the only ones).
      if (yText?.doc && el.selectionStart === el.selectionEnd) {
        const change = diffText(yText.toString(), el.value, el.selectionEnd ?? undefined);
        if (change) {
          yText.doc.transact(() => {
            if (change.remove > 0) yText.delete(change.index, change.remove);
            if (change.insert) yText.insert(change.index, change.insert);
          }, session.origin);
        }
      }
      write(el.value);
    },
    onCompositionStart: (event: { currentTarget: TextElement }) => {
      composing.current = true;
      composition.current = { base: event.currentTarget.value, remote: yText ? [] : null };
    },
    onCompositionEnd: (event: { currentTarget: TextElement }) => {
      composing.current = false;
      const el = event.currentTarget;
      const { base, remote } = composition.current;
      const now = yText?.toString() ?? latestValue.current;
      const { text, caret } = mergeComposition(base, el.value, now, remote);
      if (el.value !== text) {
        const change = caret === null ? diffText(el.value, text) : null;
        const at = caret ?? (change ? transformOffset(el.selectionStart ?? 0, change) : text.length);
        el.value = text;
        el.setSelectionRange(at, at);
      }
      write(text);
    },
  };
}
