/**
 * The language of an analysis and the facilitator's edited story in the live document (CONTRACT.md §1 version 2,
 * `language` and `story`). Both live in `meta`: `language` a plain string, `story` a Y.Text (model/liveText.ts) so
 * two people editing the story at the same moment both keep what they typed. No `story` means the generated story
 * (story/storyOf.ts) is used.
 */
import type * as Y from 'yjs';
import { STORY_MAX_LENGTH } from '../model/analysisLimits.ts';
import { DEFAULT_LANGUAGE, readLanguage, type Language } from '../model/language.ts';
import { liveText, readLiveText, writeLiveText } from '../model/liveText.ts';
import { readableText } from '../model/text.ts';
import type { Analysis } from '../model/types.ts';
import { getMaps } from './shape.ts';

/** The language the analysis is written in (Dutch when the document does not say). */
export function readDocLanguage(doc: Y.Doc): Language {
  return readLanguage(getMaps(doc).meta.get('language'));
}

/** Whether the document says its language (older ones do not: they are Dutch). */
export function hasDocLanguage(doc: Y.Doc): boolean {
  const value = getMaps(doc).meta.get('language');
  return value === 'nl' || value === 'en';
}

/** The facilitator's edited story, or undefined when the generated story is used (also for an emptied one). */
export function readDocStory(doc: Y.Doc): string | undefined {
  const text = readLiveText(getMaps(doc).meta.get('story'), STORY_MAX_LENGTH);
  return text.trim() === '' ? undefined : text;
}

/** The language and story fields of `readAnalysis`: only what the document holds, so files stay as they were. */
export function languageAndStoryFields(doc: Y.Doc): Pick<Analysis, 'language' | 'story'> {
  const story = readDocStory(doc);
  return { ...(hasDocLanguage(doc) ? { language: readDocLanguage(doc) } : {}), ...(story !== undefined ? { story } : {}) };
}

/** Writes the language and story of `analysis` (replaceAnalysis); call inside a transaction. */
export function writeLanguageAndStory(doc: Y.Doc, analysis: Pick<Analysis, 'language' | 'story'>): void {
  const { meta } = getMaps(doc);
  if (analysis.language) meta.set('language', analysis.language);
  else meta.delete('language');
  const story = readableText(analysis.story ?? '', STORY_MAX_LENGTH);
  if (story.trim() === '') meta.delete('story');
  else meta.set('story', liveText(story));
}

/** Sets the language of the analysis (new labels from the library and the story follow it). */
export function setLanguage(doc: Y.Doc, origin: unknown, language: Language): void {
  const { meta } = getMaps(doc);
  if (meta.get('language') === language) return;
  doc.transact(() => meta.set('language', language ?? DEFAULT_LANGUAGE), origin);
}

/** Writes the facilitator's edit of the story as the smallest change to its text. */
export function setStory(doc: Y.Doc, origin: unknown, text: string): void {
  doc.transact(() => {
    writeLiveText(getMaps(doc).meta, 'story', text, STORY_MAX_LENGTH);
  }, origin);
}

/** Drops the facilitator's edit: the generated story is used again. */
export function resetStory(doc: Y.Doc, origin: unknown): void {
  const { meta } = getMaps(doc);
  if (!meta.has('story')) return;
  doc.transact(() => meta.delete('story'), origin);
}
