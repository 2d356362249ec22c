import { describe, expect, it } from 'vitest';
import { nl } from './nl.ts';
import { en } from './en.ts';

function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keyPaths(child, prefix ? `${prefix}.${key}` : key));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
}

describe('i18n', () => {
  it('Dutch and English have exactly the same keys', () => {
    expect(keyPaths(en).sort()).toEqual(keyPaths(nl).sort());
  });

  it('every translation uses the same placeholders as the Dutch text', () => {
    const get = (obj: unknown, path: string) =>
      path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj) as string;
    for (const path of keyPaths(nl)) {
      expect(placeholders(get(en, path)), path).toEqual(placeholders(get(nl, path)));
    }
  });

  it('no text is empty', () => {
    const get = (obj: unknown, path: string) =>
      path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj) as string;
    for (const path of keyPaths(nl)) {
      expect(get(nl, path).trim(), `nl ${path}`).not.toBe('');
      expect(get(en, path).trim(), `en ${path}`).not.toBe('');
    }
  });
});
