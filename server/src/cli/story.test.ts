/** `npm run story` as a person runs it: a real process on real files (CONTRACT.md §3). */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnalysisFile } from '@samenzicht/shared/schema/parseAnalysisFile';
import { storyOf } from '@samenzicht/shared/story/storyOf';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('./story.ts', import.meta.url));
const MEDIUM = join(ROOT, 'examples/medium.samenzicht.json');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function story(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'samenzicht-story-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run story', () => {
  it('prints the story the panel shows, in the analysis language or the one asked for', async () => {
    const raw = JSON.parse(await readFile(MEDIUM, 'utf8')) as Record<string, unknown>;
    const parsed = parseAnalysisFile(raw);
    if (!parsed.ok) throw new Error('medium example does not parse');
    const [nl, en] = await Promise.all([story(MEDIUM), story(MEDIUM, '--lang', 'en')]);
    expect(nl).toEqual({ code: 0, stdout: storyOf(parsed.value, 'nl'), stderr: '' });
    expect(nl.stdout).toContain('“De schuldenspiraal” is een vicieuze cirkel: door schulden komt er meer aanhoudende stress');
    expect(en.code).toBe(0);
    expect(en.stdout).toBe(storyOf(parsed.value, 'en'));
    expect(en.stdout).toContain('What keeps it going');

    const english = join(dir, 'english.samenzicht.json');
    await writeFile(english, JSON.stringify({ ...raw, language: 'en' }));
    expect((await story(english)).stdout).toBe(en.stdout);
  });

  it('prints the facilitator’s edited story when the file carries one', async () => {
    const raw = JSON.parse(await readFile(MEDIUM, 'utf8')) as Record<string, unknown>;
    const edited = join(dir, 'edited.samenzicht.json');
    await writeFile(edited, JSON.stringify({ ...raw, story: 'Ons verhaal, zoals we het samen vertellen.' }));
    const run = await story(edited, '--lang=en');
    expect(run).toEqual({ code: 0, stdout: 'Ons verhaal, zoals we het samen vertellen.\n', stderr: '' });
  });

  it('refuses a bad file, a bad language and a missing file, saying why, with exit code 1', async () => {
    const bad = join(dir, 'bad.samenzicht.json');
    await writeFile(
      bad,
      JSON.stringify({ format: 'samenzicht/analysis', version: 1, factors: [{ id: 'f1', label: 'x', kind: 'probleem' }], links: [] }),
    );
    const [badFile, badLang, none, missing] = await Promise.all([
      story(bad),
      story(MEDIUM, '--lang', 'de'),
      story(),
      story(join(dir, 'er-niet.json')),
    ]);
    expect(badFile.code).toBe(1);
    expect(badFile.stdout).toBe('');
    expect(badFile.stderr).toContain('factors[0].kind: expected one of');
    expect(badLang.code).toBe(1);
    expect(badLang.stderr).toContain('--lang');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('npm run story');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
  });
});
