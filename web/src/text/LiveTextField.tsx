import { useLiveText, type LiveTextOptions } from './useLiveText.ts';

/**
 * A text area of the document that several people can type in at once (useLiveText.ts): every keystroke is written
 * as the smallest change, and what others type shows without moving the caret. Escape leaves the field.
 */
export function LiveTextField({
  value,
  write,
  editing,
  trimOnBlur,
  source,
  maxLength,
  readOnly = false,
  ...rest
}: LiveTextOptions & {
  maxLength: number;
  readOnly?: boolean;
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
  'aria-describedby'?: string;
  'data-testid'?: string;
}) {
  const live = useLiveText<HTMLTextAreaElement>({ value, write, editing, trimOnBlur, source });
  return (
    <textarea
      {...rest}
      {...live}
      maxLength={maxLength}
      readOnly={readOnly}
      rows={3}
      onKeyDown={(e) => {
        if (e.key === 'Escape') e.currentTarget.blur();
      }}
    />
  );
}
