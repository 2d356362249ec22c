/** Parses an untrusted analysis file (CONTRACT.md §1) into the model, naming the place of every error. */
import {
  EVIDENCE_KINDS,
  FACTOR_KINDS,
  LIFE_DOMAINS,
  POLARITIES,
  ROLES,
  isOneOf,
  type Actor,
  type Analysis,
  type Comment,
  type Factor,
  type Link,
  type LoopName,
  type Position,
  type SignalSettings,
  type StanceMark,
} from '../model/types.ts';
import { STANCES } from '../model/stance.ts';
import { SIGNALS_LIMITS, isDefaultSignals, signalsValue } from '../model/signals.ts';
import { placeByKind } from '../graph/placeByKind.ts';
import { POSITION_LIMIT, isCoordinateInRange } from '../model/position.ts';
import { cleanText } from '../model/text.ts';
import { ACTOR_LIMITS } from '../model/actor.ts';
import { COMMENT_LIMITS, isIsoUtc, resolveTarget, threadRootOf } from '../model/comment.ts';
import { ANALYSIS_LIMITS, STORY_MAX_LENGTH } from '../model/analysisLimits.ts';
import { LANGUAGES } from '../model/language.ts';
import { isSignalCode } from '../model/signal.ts';
import { ID_MAX_LENGTH } from '../model/entity.ts';
import { FACTOR_LIMITS } from '../model/factor.ts';
import { LINK_LIMITS } from '../model/link.ts';
import { LOOP_NAME_LIMITS } from '../model/loopName.ts';
import { describeValue, type Issue, type IssueCode, type Parsed } from './errors.ts';
import { CURRENT_FILE_VERSION, migrateFile, type RawFile } from './migrations.ts';

export const FILE_FORMAT = 'samenzicht/analysis';

/**
 * Limits that keep one file from exhausting a browser or the server. They live in the record modules (../model) and
 * are the same numbers the document reader keeps, so a file saved from any live document opens again.
 */
export const FILE_LIMITS = {
  factors: ANALYSIS_LIMITS.factors.read,
  links: ANALYSIS_LIMITS.links.read,
  actors: ANALYSIS_LIMITS.actors.read,
  loops: ANALYSIS_LIMITS.loops.read,
  stances: ANALYSIS_LIMITS.stances.read,
  teamLength: SIGNALS_LIMITS.teamLength,
  comments: ANALYSIS_LIMITS.comments.read,
  commentLength: COMMENT_LIMITS.textLength,
  commentAuthorLength: COMMENT_LIMITS.authorLength,
  labelLength: FACTOR_LIMITS.labelLength,
  noteLength: FACTOR_LIMITS.noteLength,
  linkNoteLength: LINK_LIMITS.noteLength,
  actorNameLength: ACTOR_LIMITS.nameLength,
  loopNameLength: LOOP_NAME_LIMITS.nameLength,
  titleLength: ANALYSIS_LIMITS.titleLength,
  idLength: ID_MAX_LENGTH,
  storyLength: STORY_MAX_LENGTH,
} as const;

const MAX_ERRORS = 100;

const KNOWN_TOP = new Set([
  'format',
  'version',
  'title',
  'factors',
  'links',
  'actors',
  'loops',
  'stances',
  'signals',
  'comments',
  'language',
  'story',
]);
const KNOWN_FACTOR = new Set(['id', 'label', 'kind', 'domain', 'evidence', 'note', 'position', 'signal']);
const KNOWN_LINK = new Set(['id', 'from', 'to', 'polarity', 'note']);
const KNOWN_ACTOR = new Set(['id', 'name', 'role', 'factors']);
const KNOWN_LOOP = new Set(['links', 'name']);
const KNOWN_STANCE = new Set(['actor', 'on', 'stance']);
const KNOWN_SIGNALS = new Set(['share', 'team']);
const KNOWN_COMMENT = new Set(['id', 'on', 'author', 'actor', 'at', 'text', 'replyTo', 'resolved']);

class Collector {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  error(path: string, message: string, code: IssueCode, params: Record<string, string | number> = {}): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ path, message, code, params });
  }
  warn(path: string, message: string, code: IssueCode, params: Record<string, string | number> = {}): void {
    if (this.warnings.length < MAX_ERRORS) this.warnings.push({ path, message, code, params });
  }
  get full(): boolean {
    return this.errors.length >= MAX_ERRORS;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function warnUnknown(c: Collector, path: string, obj: Record<string, unknown>, known: Set<string>): void {
  for (const key of Object.keys(obj)) {
    if (!known.has(key)) c.warn(`${path}.${key}`, 'unknown field, ignored', 'unknownField', { name: key });
  }
}

function readString(c: Collector, path: string, value: unknown, maxLength: number, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string') {
    c.error(path, `expected text, got ${describeValue(value)}`, 'expectedText', { got: describeValue(value) });
    return fallback ?? '';
  }
  if (value.length > maxLength) c.error(path, `text is longer than ${maxLength} characters`, 'tooLong', { max: maxLength });
  return value;
}

/** Text a person typed: like readString, without characters that change how other text is shown. */
function readText(c: Collector, path: string, value: unknown, maxLength: number, fallback?: string): string {
  return cleanText(readString(c, path, value, maxLength, fallback));
}

function readId(c: Collector, path: string, value: unknown, seen: Set<string>): string {
  if (typeof value !== 'string' || value.length === 0) {
    c.error(path, `expected a non-empty text id, got ${describeValue(value)}`, 'expectedId', { got: describeValue(value) });
    return '';
  }
  if (value.length > FILE_LIMITS.idLength)
    c.error(path, `id is longer than ${FILE_LIMITS.idLength} characters`, 'tooLong', { max: FILE_LIMITS.idLength });
  if (seen.has(value)) c.error(path, `duplicate id ${describeValue(value)}`, 'duplicateId', { id: describeValue(value) });
  seen.add(value);
  return value;
}

function readEnum<T extends string>(c: Collector, path: string, options: readonly T[], value: unknown, fallback?: T): T {
  if (value === undefined && fallback !== undefined) return fallback;
  if (isOneOf(options, value)) return value;
  c.error(path, `expected one of ${options.join(', ')}, got ${describeValue(value)}`, 'expectedOneOf', {
    options: options.join(', '),
    got: describeValue(value),
  });
  return fallback ?? options[0]!;
}

/** A coordinate: a finite number within ±POSITION_LIMIT; false (and an error) otherwise. */
function readCoordinate(c: Collector, path: string, value: unknown): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    c.error(path, `expected a number, got ${describeValue(value)}`, 'expectedNumber', { got: describeValue(value) });
    return false;
  }
  if (!isCoordinateInRange(value)) {
    c.error(path, `expected a number from -${POSITION_LIMIT} to ${POSITION_LIMIT}, got ${describeValue(value)}`, 'outOfRange', {
      min: -POSITION_LIMIT,
      max: POSITION_LIMIT,
      got: describeValue(value),
    });
    return false;
  }
  return true;
}

function readPosition(c: Collector, path: string, value: unknown): Position | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) {
    c.error(path, `expected an object { x, y }, got ${describeValue(value)}`, 'expectedPosition', { got: describeValue(value) });
    return null;
  }
  const { x, y } = value;
  const xOk = readCoordinate(c, `${path}.x`, x);
  const yOk = readCoordinate(c, `${path}.y`, y);
  return xOk && yOk ? { x: x as number, y: y as number } : null;
}

function readList(c: Collector, path: string, value: unknown, max: number, required: boolean): unknown[] {
  if (value === undefined && !required) return [];
  if (!Array.isArray(value)) {
    c.error(path, `expected a list, got ${describeValue(value)}`, 'expectedList', { got: describeValue(value) });
    return [];
  }
  if (value.length > max) {
    c.error(path, `at most ${max} items are allowed, got ${value.length}`, 'tooMany', { max, count: value.length });
    return [];
  }
  return value;
}

function readFactors(c: Collector, raw: unknown): Array<Omit<Factor, 'position'> & { position: Position | null }> {
  const seen = new Set<string>();
  const out: Array<Omit<Factor, 'position'> & { position: Position | null }> = [];
  readList(c, 'factors', raw, FILE_LIMITS.factors, true).forEach((item, i) => {
    const path = `factors[${i}]`;
    if (c.full) return;
    if (!isRecord(item))
      return c.error(path, `expected an object, got ${describeValue(item)}`, 'expectedObject', { got: describeValue(item) });
    warnUnknown(c, path, item, KNOWN_FACTOR);
    out.push({
      id: readId(c, `${path}.id`, item.id, seen),
      label: readText(c, `${path}.label`, item.label, FILE_LIMITS.labelLength),
      kind: readEnum(c, `${path}.kind`, FACTOR_KINDS, item.kind),
      domain: item.domain === undefined || item.domain === null ? null : readEnum(c, `${path}.domain`, LIFE_DOMAINS, item.domain),
      evidence: readEnum(c, `${path}.evidence`, EVIDENCE_KINDS, item.evidence, 'observation'),
      note: readText(c, `${path}.note`, item.note, FILE_LIMITS.noteLength, ''),
      position: readPosition(c, `${path}.position`, item.position),
      ...readSignal(c, `${path}.signal`, item.signal),
    });
  });
  return out;
}

/** A factor's signal code (version 2): absent, or lowercase ASCII words joined by `-`. */
function readSignal(c: Collector, path: string, value: unknown): { signal?: string } {
  if (value === undefined || value === null) return {};
  if (isSignalCode(value)) return { signal: value };
  c.error(
    path,
    `expected a code of lowercase words joined by "-" (like "schulden-toeslagen"), got ${describeValue(value)}`,
    'expectedSignalCode',
    {
      got: describeValue(value),
    },
  );
  return {};
}

/** The language (version 2, default Dutch) and the edited story (version 2, absent: the generated one). */
function readLanguageAndStory(c: Collector, file: RawFile): Pick<Analysis, 'language' | 'story'> {
  const language = file.language === undefined ? undefined : readEnum(c, 'language', LANGUAGES, file.language);
  const story = file.story === undefined || file.story === null ? '' : readText(c, 'story', file.story, FILE_LIMITS.storyLength);
  return { ...(language ? { language } : {}), ...(story.trim() !== '' ? { story } : {}) };
}

function readLinks(c: Collector, raw: unknown, factorIds: Set<string>): Link[] {
  const seen = new Set<string>();
  const out: Link[] = [];
  readList(c, 'links', raw, FILE_LIMITS.links, true).forEach((item, i) => {
    const path = `links[${i}]`;
    if (c.full) return;
    if (!isRecord(item))
      return c.error(path, `expected an object, got ${describeValue(item)}`, 'expectedObject', { got: describeValue(item) });
    warnUnknown(c, path, item, KNOWN_LINK);
    const id = readId(c, `${path}.id`, item.id, seen);
    const from = readString(c, `${path}.from`, item.from, FILE_LIMITS.idLength);
    const to = readString(c, `${path}.to`, item.to, FILE_LIMITS.idLength);
    if (typeof item.from === 'string' && !factorIds.has(from))
      c.error(`${path}.from`, `no factor has id ${describeValue(from)}`, 'unknownFactor', { id: describeValue(from) });
    if (typeof item.to === 'string' && !factorIds.has(to))
      c.error(`${path}.to`, `no factor has id ${describeValue(to)}`, 'unknownFactor', { id: describeValue(to) });
    out.push({
      id,
      from,
      to,
      polarity: readEnum(c, `${path}.polarity`, POLARITIES, item.polarity),
      note: readText(c, `${path}.note`, item.note, FILE_LIMITS.linkNoteLength, ''),
    });
  });
  return out;
}

function readIdList(c: Collector, path: string, value: unknown, known: Set<string>, what: string): string[] {
  const list = readList(c, path, value, 10_000, false);
  return list.flatMap((ref, j) => {
    if (typeof ref !== 'string' || !known.has(ref)) {
      c.error(`${path}[${j}]`, `no ${what} has id ${describeValue(ref)}`, what === 'factor' ? 'unknownFactor' : 'unknownLink', {
        id: describeValue(ref),
      });
      return [];
    }
    return [ref];
  });
}

function readActors(c: Collector, raw: unknown, factorIds: Set<string>): Actor[] {
  const seen = new Set<string>();
  const out: Actor[] = [];
  readList(c, 'actors', raw, FILE_LIMITS.actors, false).forEach((item, i) => {
    const path = `actors[${i}]`;
    if (c.full) return;
    if (!isRecord(item))
      return c.error(path, `expected an object, got ${describeValue(item)}`, 'expectedObject', { got: describeValue(item) });
    warnUnknown(c, path, item, KNOWN_ACTOR);
    out.push({
      id: readId(c, `${path}.id`, item.id, seen),
      name: readText(c, `${path}.name`, item.name, FILE_LIMITS.actorNameLength),
      role: readEnum(c, `${path}.role`, ROLES, item.role),
      factors: readIdList(c, `${path}.factors`, item.factors, factorIds, 'factor'),
    });
  });
  return out;
}

function readLoops(c: Collector, raw: unknown, linkIds: Set<string>): LoopName[] {
  const out: LoopName[] = [];
  readList(c, 'loops', raw, FILE_LIMITS.loops, false).forEach((item, i) => {
    const path = `loops[${i}]`;
    if (c.full) return;
    if (!isRecord(item))
      return c.error(path, `expected an object, got ${describeValue(item)}`, 'expectedObject', { got: describeValue(item) });
    warnUnknown(c, path, item, KNOWN_LOOP);
    const links = readIdList(c, `${path}.links`, item.links, linkIds, 'link');
    if (links.length === 0) c.error(`${path}.links`, 'a loop needs at least one link', 'emptyLoop');
    out.push({ links, name: readText(c, `${path}.name`, item.name, FILE_LIMITS.loopNameLength) });
  });
  return out;
}

function readStances(c: Collector, raw: unknown, actorIds: Set<string>, targetIds: Set<string>): StanceMark[] {
  const seen = new Set<string>();
  const out: StanceMark[] = [];
  readList(c, 'stances', raw, FILE_LIMITS.stances, false).forEach((item, i) => {
    const path = `stances[${i}]`;
    if (c.full) return;
    if (!isRecord(item))
      return c.error(path, `expected an object, got ${describeValue(item)}`, 'expectedObject', { got: describeValue(item) });
    warnUnknown(c, path, item, KNOWN_STANCE);
    const actor = readString(c, `${path}.actor`, item.actor, FILE_LIMITS.idLength);
    const on = readString(c, `${path}.on`, item.on, FILE_LIMITS.idLength);
    if (typeof item.actor === 'string' && !actorIds.has(actor))
      c.error(`${path}.actor`, `no actor has id ${describeValue(actor)}`, 'unknownActor', { id: describeValue(actor) });
    if (typeof item.on === 'string' && !targetIds.has(on))
      c.error(`${path}.on`, `no factor or link has id ${describeValue(on)}`, 'unknownTarget', { id: describeValue(on) });
    const stance = readEnum(c, `${path}.stance`, STANCES, item.stance);
    const pair = JSON.stringify([actor, on]);
    if (seen.has(pair))
      c.error(path, `a second stance of actor ${describeValue(actor)} on ${describeValue(on)}`, 'duplicateStance', {
        actor: describeValue(actor),
        on: describeValue(on),
      });
    seen.add(pair);
    out.push({ actor, on, stance });
  });
  return out;
}

function readComments(c: Collector, raw: unknown, ids: { factors: Set<string>; links: Set<string>; actors: Set<string> }): Comment[] {
  const seen = new Set<string>();
  const out: Comment[] = [];
  readList(c, 'comments', raw, FILE_LIMITS.comments, false).forEach((item, i) => {
    const path = `comments[${i}]`;
    if (c.full) return;
    if (!isRecord(item))
      return c.error(path, `expected an object, got ${describeValue(item)}`, 'expectedObject', { got: describeValue(item) });
    warnUnknown(c, path, item, KNOWN_COMMENT);
    const id = readId(c, `${path}.id`, item.id, seen);
    const on = readString(c, `${path}.on`, item.on, COMMENT_LIMITS.onLength);
    if (typeof item.on === 'string' && !resolveTarget(on, ids.factors, ids.links))
      c.error(`${path}.on`, `no factor, link or loop is ${describeValue(on)}`, 'unknownTarget', { id: describeValue(on) });
    let actor: string | undefined;
    if (item.actor !== undefined && item.actor !== null) {
      if (typeof item.actor === 'string' && ids.actors.has(item.actor)) actor = item.actor;
      else c.error(`${path}.actor`, `no actor has id ${describeValue(item.actor)}`, 'unknownActor', { id: describeValue(item.actor) });
    }
    if (!isIsoUtc(item.at))
      c.error(`${path}.at`, `expected a time in ISO-8601 UTC like "2026-12-02T10:15:00Z", got ${describeValue(item.at)}`, 'expectedTime', {
        got: describeValue(item.at),
      });
    if (item.resolved !== undefined && typeof item.resolved !== 'boolean')
      c.error(`${path}.resolved`, `expected true or false, got ${describeValue(item.resolved)}`, 'expectedBoolean', {
        got: describeValue(item.resolved),
      });
    const replyTo = item.replyTo === undefined || item.replyTo === null ? null : item.replyTo;
    if (replyTo !== null && typeof replyTo !== 'string')
      c.error(`${path}.replyTo`, `expected a comment id or null, got ${describeValue(replyTo)}`, 'expectedId', {
        got: describeValue(replyTo),
      });
    out.push({
      id,
      on,
      author: readText(c, `${path}.author`, item.author, FILE_LIMITS.commentAuthorLength, ''),
      ...(actor ? { actor } : {}),
      at: typeof item.at === 'string' ? item.at : '',
      text: readText(c, `${path}.text`, item.text, FILE_LIMITS.commentLength),
      replyTo: typeof replyTo === 'string' ? replyTo : null,
      resolved: item.resolved === true,
    });
  });
  // Replies: to a comment of the file, and never round in a circle.
  const byId = new Map(out.map((comment) => [comment.id, comment]));
  out.forEach((comment, i) => {
    if (comment.replyTo === null || c.full) return;
    const path = `comments[${i}].replyTo`;
    if (!byId.has(comment.replyTo))
      c.error(path, `no comment has id ${describeValue(comment.replyTo)}`, 'unknownComment', { id: describeValue(comment.replyTo) });
    else if (threadRootOf(comment.id, byId) === null)
      c.error(path, `replies go round in a circle (or more than ${COMMENT_LIMITS.depth} deep)`, 'replyCircle', {
        max: COMMENT_LIMITS.depth,
      });
  });
  return out;
}

function readSignalSettings(c: Collector, raw: unknown): SignalSettings | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) {
    c.error('signals', `expected an object { share, team }, got ${describeValue(raw)}`, 'expectedObject', { got: describeValue(raw) });
    return undefined;
  }
  warnUnknown(c, 'signals', raw, KNOWN_SIGNALS);
  let share = false;
  if (raw.share !== undefined) {
    if (typeof raw.share === 'boolean') share = raw.share;
    else
      c.error('signals.share', `expected true or false, got ${describeValue(raw.share)}`, 'expectedBoolean', {
        got: describeValue(raw.share),
      });
  }
  const team = readText(c, 'signals.team', raw.team, FILE_LIMITS.teamLength, '');
  return { share, team };
}

/**
 * Parses an analysis file (already JSON-decoded) into an `Analysis`, migrating older versions.
 * Never throws; every error names its path, e.g. `factors[3].kind: expected one of …, got "probleem"`.
 */
export function parseAnalysisFile(input: unknown): Parsed<Analysis> {
  const c = new Collector();
  if (!isRecord(input)) {
    c.error('', `expected an analysis file (a JSON object), got ${describeValue(input)}`, 'notAnalysis', { got: describeValue(input) });
    return { ok: false, errors: c.errors, warnings: c.warnings };
  }
  if (input.format !== FILE_FORMAT) {
    c.error('format', `expected "${FILE_FORMAT}", got ${describeValue(input.format)}`, 'wrongFormat', { got: describeValue(input.format) });
    return { ok: false, errors: c.errors, warnings: c.warnings };
  }
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    c.error('version', `expected a whole number of at least 1, got ${describeValue(version)}`, 'badVersion', {
      got: describeValue(version),
    });
    return { ok: false, errors: c.errors, warnings: c.warnings };
  }
  if (version > CURRENT_FILE_VERSION) {
    c.error(
      'version',
      `made by a newer Samenzicht (file version ${version}, this program reads up to ${CURRENT_FILE_VERSION}); update Samenzicht to open it`,
      'newerVersion',
      { version, known: CURRENT_FILE_VERSION },
    );
    return { ok: false, errors: c.errors, warnings: c.warnings };
  }
  const migrated = migrateFile(input as RawFile, version);
  if (!migrated.ok) {
    c.error('version', migrated.reason, 'migrationFailed', { reason: migrated.reason });
    return { ok: false, errors: c.errors, warnings: c.warnings };
  }
  const file = migrated.file;
  warnUnknown(c, '', file, KNOWN_TOP);
  // Warnings for top-level fields read `.name`; drop the leading dot.
  for (let i = 0; i < c.warnings.length; i++) {
    const w = c.warnings[i]!;
    if (w.path.startsWith('.')) c.warnings[i] = { ...w, path: w.path.slice(1) };
  }

  const title = readText(c, 'title', file.title, FILE_LIMITS.titleLength, '');
  const rawFactors = readFactors(c, file.factors);
  const factorIds = new Set(rawFactors.map((f) => f.id));
  const links = readLinks(c, file.links, factorIds);
  const linkIds = new Set(links.map((l) => l.id));
  const actors = readActors(c, file.actors, factorIds);
  const loops = readLoops(c, file.loops, linkIds);
  const stances = readStances(c, file.stances, new Set(actors.map((a) => a.id)), new Set([...factorIds, ...linkIds]));
  const signals = readSignalSettings(c, file.signals);
  const comments = readComments(c, file.comments, { factors: factorIds, links: linkIds, actors: new Set(actors.map((a) => a.id)) });
  const languageAndStory = readLanguageAndStory(c, file);

  if (c.errors.length > 0) return { ok: false, errors: c.errors, warnings: c.warnings };

  const placed = placeByKind(rawFactors);
  const factors: Factor[] = rawFactors.map((f) => ({ ...f, position: f.position ?? placed.get(f.id)! }));
  const value: Analysis = {
    title,
    factors,
    links,
    actors,
    loops,
    // Left out when empty or default, as the document reader does, so a model compares equal however it was made.
    ...(stances.length > 0 ? { stances } : {}),
    ...(signals && !isDefaultSignals(signals) ? { signals } : {}),
    ...(comments.length > 0 ? { comments } : {}),
    ...languageAndStory,
  };
  return { ok: true, value, warnings: c.warnings };
}

/** Parses the text of a file (JSON) and then its content; a JSON syntax error is reported too. */
export function parseAnalysisText(text: string): Parsed<Analysis> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [{ path: '', message: `not valid JSON (${detail})`, code: 'notJson', params: { detail } }], warnings: [] };
  }
  return parseAnalysisFile(json);
}

/** Turns a model into the interchange file of CONTRACT.md §1. */
export function toAnalysisFile(analysis: Analysis): Record<string, unknown> {
  return {
    format: FILE_FORMAT,
    version: CURRENT_FILE_VERSION,
    title: analysis.title,
    factors: analysis.factors.map((f) => ({
      id: f.id,
      label: f.label,
      kind: f.kind,
      ...(f.domain ? { domain: f.domain } : {}),
      evidence: f.evidence,
      note: f.note,
      position: { x: f.position.x, y: f.position.y },
      ...(f.signal ? { signal: f.signal } : {}),
    })),
    links: analysis.links.map((l) => ({ id: l.id, from: l.from, to: l.to, polarity: l.polarity, note: l.note })),
    actors: analysis.actors.map((a) => ({ id: a.id, name: a.name, role: a.role, factors: [...a.factors] })),
    loops: analysis.loops.map((l) => ({ links: [...l.links], name: l.name })),
    ...(analysis.language ? { language: analysis.language } : {}),
    ...(analysis.story ? { story: analysis.story } : {}),
    stances: (analysis.stances ?? []).map((s) => ({ actor: s.actor, on: s.on, stance: s.stance })),
    signals: signalsValue(analysis.signals ?? { share: false, team: '' }),
    ...(analysis.comments && analysis.comments.length > 0 ? { comments: analysis.comments.map(commentFileFields) } : {}),
  };
}

/** A comment as the file holds it (CONTRACT.md §1 v2): without what only the live document keeps. */
function commentFileFields(comment: Comment): Record<string, unknown> {
  return {
    id: comment.id,
    on: comment.on,
    author: comment.author,
    ...(comment.actor ? { actor: comment.actor } : {}),
    at: comment.at,
    text: comment.text,
    replyTo: comment.replyTo,
    resolved: comment.resolved,
  };
}
