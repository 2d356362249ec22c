import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TTF_FILES, WEB_FONT_FILES } from '@samenzicht/shared/export/fontFiles';

// Vite needs the font paths spelled out in import statements; they must stay the files the shared export names.
const source = readFileSync(new URL('./exportFonts.ts', import.meta.url), 'utf8');
const imported = [...source.matchAll(/^import \w+ from '([^']+)\?url';$/gm)].map((m) => m[1]);

describe('the export fonts of the browser', () => {
  it('imports exactly the files of shared/src/export/fontFiles.ts', () => {
    expect(imported.sort()).toEqual([...Object.values(TTF_FILES), ...WEB_FONT_FILES.map((f) => f.file)].sort());
  });

  it('has a URL for every web font subset', () => {
    for (const face of WEB_FONT_FILES) expect(source).toContain(`'${face.file}': `);
  });
});
