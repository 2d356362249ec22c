import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useEditor } from '../store/EditorContext.tsx';
import type { EditableField } from '../sync/editingPresence.ts';
import './alsoEditing.css';

/** "Ook Moeder past dit aan.": the others typing in this same field right now, by name (not only by colour). */
export function AlsoEditing({ id, field }: { id: string; field: EditableField }) {
  const { t, i18n } = useTranslation();
  const names = useEditor(useShallow((s) => s.peers.filter((p) => p.editing?.id === id && p.editing.field === field).map((p) => p.name)));
  if (names.length === 0) return null;
  const list = new Intl.ListFormat(i18n.language, { type: 'conjunction' }).format(names);
  return (
    <p className="also-editing" role="status" data-testid={`also-editing-${field}`}>
      {t('editing.also', { names: list, count: names.length })}
    </p>
  );
}
