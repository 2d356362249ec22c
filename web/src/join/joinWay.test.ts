import { describe, expect, it } from 'vitest';
import { parseJoinWay, withJoinWay } from './joinWay.ts';
import { codeJoinPath } from './joinApi.ts';
import { parseAnalysisLocation } from '../sync/links.ts';

describe('joinWay', () => {
  it('puts via before the fragment, so the token stays in the fragment', () => {
    const link = 'https://samenzicht.example.nl/a/abcdefghijklmnopqrstuv#tok_en-1234567890abcdef';
    const qr = withJoinWay(link, 'qr');
    expect(qr).toBe('https://samenzicht.example.nl/a/abcdefghijklmnopqrstuv?via=qr#tok_en-1234567890abcdef');
    const url = new URL(qr);
    expect(parseJoinWay(url.search)).toBe('qr');
    expect(parseAnalysisLocation(url.pathname, url.hash)).toEqual({ id: 'abcdefghijklmnopqrstuv', token: 'tok_en-1234567890abcdef' });
    expect(withJoinWay('http://h/a/x?lang=nl#t', 'code')).toBe('http://h/a/x?lang=nl&via=code#t');
  });

  it('reads only qr and code', () => {
    expect(parseJoinWay('?via=code')).toBe('code');
    expect(parseJoinWay('?via=link')).toBeNull();
    expect(parseJoinWay('?via=QR')).toBeNull();
    expect(parseJoinWay('')).toBeNull();
  });

  it('opens a code join with the token in the fragment only', () => {
    const url = new URL(codeJoinPath({ id: 'abcdefghijklmnopqrstuv', token: 'T'.repeat(43) }), 'http://h');
    expect(url.pathname).toBe('/a/abcdefghijklmnopqrstuv');
    expect(url.search).toBe('?via=code');
    expect(url.hash).toBe(`#${'T'.repeat(43)}`);
  });
});
