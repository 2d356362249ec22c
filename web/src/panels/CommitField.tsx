import { useEffect, useState } from 'react';

/**
 * A text field that edits a value from the document: it keeps a local draft while focused and writes once, on
 * blur or Enter, so one edit is one small update and one undo step. Remote changes show while not focused.
 */
export function CommitField({
  value,
  onCommit,
  multiline = false,
  maxLength,
  readOnly = false,
  ...rest
}: {
  value: string;
  onCommit: (value: string) => void;
  multiline?: boolean;
  maxLength: number;
  readOnly?: boolean;
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
  'data-testid'?: string;
}) {
  const [draft, setDraft] = useState(value);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setDraft(value);
  }, [value, focused]);

  const commit = () => {
    setFocused(false);
    if (draft !== value) onCommit(draft.trim() === '' && value === '' ? '' : draft);
  };
  const common = {
    ...rest,
    value: draft,
    maxLength,
    readOnly,
    onFocus: () => setFocused(true),
    onBlur: commit,
    onChange: (e: { target: { value: string } }) => setDraft(e.target.value),
  };
  return multiline ? (
    <textarea
      {...common}
      rows={3}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          setDraft(value);
          (e.target as HTMLTextAreaElement).blur();
        }
      }}
    />
  ) : (
    <input
      {...common}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') {
          setDraft(value);
          setFocused(false);
        }
      }}
    />
  );
}
