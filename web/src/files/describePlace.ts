/**
 * Turns the place of a file error (`factors[3].kind`) into words a person can follow ("Factor 4 ("Stress"),
 * soort factor"). The raw path is always shown beside it; this only helps to find the spot.
 */

export type Translate = (key: string, values?: Record<string, unknown>) => string;

const ITEMS = { factors: 'factor', links: 'link', actors: 'actor', loops: 'loop', comments: 'comment' } as const;
type ItemKind = (typeof ITEMS)[keyof typeof ITEMS];

/** Fields with a name in i18n (`files.field.<name>`); any other field is shown as itself. */
const FIELDS = new Set([
  'format',
  'version',
  'title',
  'factors',
  'links',
  'actors',
  'loops',
  'id',
  'label',
  'kind',
  'domain',
  'evidence',
  'note',
  'position',
  'x',
  'y',
  'from',
  'to',
  'polarity',
  'name',
  'role',
  'comments',
  'on',
  'author',
  'actor',
  'at',
  'text',
  'replyTo',
  'resolved',
]);

const SEGMENT = /^([A-Za-z_$][\w$-]*)(?:\[(\d+)\])?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The label or name the item carries in the file, to recognise it by ("Factor 4 ("Stress")"). */
function itemLabel(source: unknown, list: string, index: number): string | null {
  if (!isRecord(source)) return null;
  const items = source[list];
  const item = Array.isArray(items) ? (items[index] as unknown) : undefined;
  if (!isRecord(item)) return null;
  const text = typeof item.label === 'string' ? item.label : typeof item.name === 'string' ? item.name : '';
  const trimmed = text.trim();
  if (!trimmed) return null;
  return trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
}

function fieldName(name: string, t: Translate): string {
  return FIELDS.has(name) ? t(`files.field.${name}`) : t('files.place.unknownField', { name });
}

/**
 * Describes a parser path, or returns null when the path has a shape this does not know (then only the raw path is
 * shown). `source` is the decoded file, used to name the factor or person at that place.
 */
export function describePlace(path: string, t: Translate, source?: unknown): string | null {
  const parts: string[] = [];
  if (path === '') parts.push(t('files.place.file'));
  const segments = path === '' ? [] : path.split('.');
  for (let i = 0; i < segments.length; i++) {
    const match = SEGMENT.exec(segments[i]!);
    if (!match) return null;
    const name = match[1]!;
    const index = match[2] === undefined ? null : Number(match[2]);
    if (i === 0 && index !== null && name in ITEMS) {
      const kind: ItemKind = ITEMS[name as keyof typeof ITEMS];
      const label = itemLabel(source, name, index);
      parts.push(label ? t(`files.place.${kind}Named`, { n: index + 1, label }) : t(`files.place.${kind}`, { n: index + 1 }));
      continue;
    }
    parts.push(fieldName(name, t));
    if (index !== null) parts.push(t('files.place.nth', { n: index + 1 }));
  }
  const text = parts.join(', ');
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
