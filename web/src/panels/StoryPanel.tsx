import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import * as Y from 'yjs';
import type { Patterns } from '@samenzicht/shared/graph/patterns';
import type { Analysis } from '@samenzicht/shared/model/types';
import { STORY_MAX_LENGTH } from '@samenzicht/shared/model/analysisLimits';
import { storyOf } from '@samenzicht/shared/story/storyOf';
import { getMaps } from '@samenzicht/shared/ydoc/shape';
import { visibleLinks, type ProjectionState } from '@samenzicht/shared/ydoc/projection';
import { setStory, resetStory } from '@samenzicht/shared/ydoc/story';
import { useEditor, useSession } from '../store/EditorContext.tsx';
import { LiveTextField } from '../text/LiveTextField.tsx';
import './story.css';

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The analysis as a file saved from this document holds it (sorted by id, like readAnalysis), for the story. */
function analysisOf(doc: ProjectionState): Analysis {
  return {
    title: doc.title,
    factors: [...doc.factors.values()].sort(byId),
    links: visibleLinks(doc).sort(byId),
    actors: [],
    loops: [...doc.loopNames.values()],
    language: doc.language,
    ...(doc.story !== undefined ? { story: doc.story } : {}),
  };
}

/** Whether the loops the worker found still fit the document (a factor or link on them may just have gone). */
function patternsFit(patterns: Patterns, analysis: Analysis): boolean {
  const factors = new Set(analysis.factors.map((f) => f.id));
  const links = new Set(analysis.links.map((l) => l.id));
  return patterns.loops.every((l) => l.factors.every((id) => factors.has(id)) && l.links.every((id) => links.has(id)));
}

/** Story text as blocks: a block of several lines is a heading and its paragraphs; a single line is a paragraph. */
function StoryText({ text }: { text: string }) {
  const blocks = text
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0);
  return (
    <div className="story-text" data-testid="story-text">
      {blocks.map((lines, i) =>
        lines.length > 1 ? (
          <section key={i}>
            <h3>{lines[0]}</h3>
            {lines.slice(1).map((line, j) => (
              <p key={j}>{line}</p>
            ))}
          </section>
        ) : (
          <p key={i} className={i === 0 ? 'story-lead' : undefined}>
            {lines[0]}
          </p>
        ),
      )}
    </div>
  );
}

/**
 * The analysis as a story in plain words (shared/src/story), to read aloud or on a phone. The facilitator can edit
 * the text before exporting (kept with the analysis, shared live), and go back to the generated story.
 */
export function StoryPanel() {
  const { t } = useTranslation();
  const session = useSession();
  const doc = useEditor((s) => s.doc);
  const patterns = useEditor((s) => s.patterns);
  const facilitator = useEditor((s) => s.role === 'facilitator' && !s.readOnly);
  const [editing, setEditing] = useState(false);
  const last = useRef<string | null>(null);

  const generated = useMemo(() => {
    const analysis = { ...analysisOf(doc), story: undefined };
    if (!patterns || !patternsFit(patterns, analysis)) return last.current;
    return (last.current = storyOf(analysis, analysis.language, patterns));
  }, [doc, patterns]);
  const edited = doc.story;
  const shown = edited ?? generated;

  return (
    <div className="story" data-testid="story">
      <p className="hint">{t('story.intro')}</p>
      {edited !== undefined ? (
        <p className="hint story-edited" data-testid="story-edited">
          {t('story.edited')}
        </p>
      ) : null}
      {facilitator ? (
        <div className="story-actions">
          <button type="button" aria-expanded={editing} onClick={() => setEditing(!editing)} data-testid="story-edit">
            {editing ? t('story.done') : t('story.edit')}
          </button>
          {edited !== undefined ? (
            <button type="button" onClick={() => resetStory(session.doc, session.origin)} data-testid="story-reset">
              {t('story.reset')}
            </button>
          ) : null}
        </div>
      ) : null}
      {facilitator && editing ? (
        <label className="field story-field">
          <span>{t('story.textLabel')}</span>
          <LiveTextField
            value={shown ?? ''}
            write={(text) => setStory(session.doc, session.origin, text)}
            editing={null}
            source={() => {
              const value = getMaps(session.doc).meta.get('story');
              return value instanceof Y.Text ? value : null;
            }}
            maxLength={STORY_MAX_LENGTH}
            data-testid="story-textarea"
          />
        </label>
      ) : shown === null ? (
        <p className="hint">{t('story.waiting')}</p>
      ) : (
        <StoryText text={shown} />
      )}
    </div>
  );
}
