import { describe, expect, it } from 'vitest';
import { canDelete, canWrite, hashToken, isAnalysisIdShaped, newAnalysisId, newToken, parseAccessRole, parseBearer } from './auth.ts';

describe('tokens', () => {
  it('carry 256 random bits as base64url', () => {
    const token = newToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(new Set(Array.from({ length: 1000 }, newToken)).size).toBe(1000);
  });

  it('are stored as their SHA-256 in hex', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashToken(newToken())).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('analysis ids', () => {
  it('are 22 base64url characters (128 bits)', () => {
    const id = newAnalysisId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(isAnalysisIdShaped(id)).toBe(true);
    expect(isAnalysisIdShaped('../etc/passwd')).toBe(false);
  });
});

describe('parseBearer', () => {
  it('reads a bearer token', () => {
    const token = newToken();
    expect(parseBearer(`Bearer ${token}`)).toBe(token);
    expect(parseBearer(`bearer  ${token}`)).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Basic abcdefabcdefabcdefabcdef', 'Bearer kort', 'Bearer a b', `Bearer ${'a'.repeat(300)}`])(
    'gives null for %j',
    (header) => {
      expect(parseBearer(header)).toBeNull();
    },
  );
});

describe('permissions', () => {
  it('facilitator and editor write, the viewer does not', () => {
    expect([canWrite('facilitator'), canWrite('editor'), canWrite('viewer')]).toEqual([true, true, false]);
  });

  it('only the facilitator deletes', () => {
    expect([canDelete('facilitator'), canDelete('editor'), canDelete('viewer')]).toEqual([true, false, false]);
  });

  it('an unknown stored role grants nothing', () => {
    expect(parseAccessRole('admin')).toBeNull();
    expect(parseAccessRole(undefined)).toBeNull();
    expect(parseAccessRole('viewer')).toBe('viewer');
  });
});
