/** A change description (sync/describeChange.ts) in the reader's language. */
import type { TFunction } from 'i18next';
import type { ChangeDescription } from '../sync/describeChange.ts';

/** "factor 'Schaamte' toegevoegd", "naam van kringloop R1", … */
export function describeInWords(t: TFunction, description: ChangeDescription): string {
  const key = `undo.what.${description.kind}`;
  if ('name' in description) return t(key, { name: description.name || t('factor.placeholder') });
  if ('count' in description) return t(key, { count: description.count });
  if ('from' in description)
    return t(key, { from: description.from || t('factor.placeholder'), to: description.to || t('factor.placeholder') });
  if ('loop' in description) return t(key, { loop: description.loop });
  return t(key);
}
