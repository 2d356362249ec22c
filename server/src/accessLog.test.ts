import { describe, expect, it } from 'vitest';
import { AccessLog, parseDisplayName } from './accessLog.ts';
import { captureLog } from './testing.ts';
import type { Storage } from './storage/storage.ts';

describe('parseDisplayName', () => {
  it.each([
    ['Anna', 'Anna'],
    ['  Anna de Vries  ', 'Anna de Vries'],
    ['Anna\nBram', 'AnnaBram'],
    ['\u202eanna', 'anna'],
    ['x'.repeat(41), 'x'.repeat(40)],
    ['a'.repeat(39) + ' b', 'a'.repeat(39)],
    ['', 'onbekend'],
    ['\t\r\n', 'onbekend'],
    [null, 'onbekend'],
    [42, 'onbekend'],
  ])('%j → %j', (raw, expected) => {
    expect(parseDisplayName(raw)).toBe(expected);
  });
});

describe('AccessLog', () => {
  it('a failed write is reported in the server log and does not reject', async () => {
    const failing = { appendLog: () => Promise.reject(new Error('FOREIGN KEY constraint failed')) } as unknown as Storage;
    const log = captureLog();
    const accessLog = new AccessLog(failing, log, () => 0);
    await expect(accessLog.record('abc', { name: 'Anna', role: 'editor', action: 'opened' })).resolves.toBeUndefined();
    expect(log.lines).toEqual(['writing the access log of analysis abc (opened) failed FOREIGN KEY constraint failed']);
  });

  it('logExport writes an exported entry with the format as detail', async () => {
    const written: unknown[] = [];
    const storage = { appendLog: async (entry: unknown) => void written.push(entry) } as unknown as Storage;
    await new AccessLog(storage, captureLog(), () => 1234).logExport('abc', 'viewer', 'png');
    expect(written).toEqual([{ analysisId: 'abc', at: 1234, name: '—', role: 'viewer', action: 'exported', detail: 'png' }]);
  });
});
