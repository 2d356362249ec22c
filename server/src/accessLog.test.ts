import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessLog, GATHER_NAME, NO_NAME, RETRY_DELAYS_MS, parseDisplayName } from './accessLog.ts';
import { DB_FILE_NAME, openSqliteStorage } from './storage/sqliteStorage.ts';
import { Teardown, captureLog, makeTempDir } from './testing.ts';
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

describe('AccessLog retries', () => {
  it('tries a failed write again (3 tries, with the waits in order) and keeps the time of the event', async () => {
    const written: unknown[] = [];
    let calls = 0;
    const storage = {
      appendLog: async (entry: unknown) => {
        calls++;
        if (calls <= 2) throw new Error('disk I/O error');
        written.push(entry);
        return 'inserted';
      },
    } as unknown as Storage;
    const waits: number[] = [];
    const log = captureLog();
    let clock = 1000;
    const accessLog = new AccessLog(storage, log, () => clock++, { wait: async (ms) => void waits.push(ms) });
    await accessLog.record('abc', { name: 'Anna', role: 'editor', action: 'opened' });
    expect(calls).toBe(3);
    expect(waits).toEqual(RETRY_DELAYS_MS);
    expect(written).toEqual([{ analysisId: 'abc', at: 1000, name: 'Anna', role: 'editor', action: 'opened', detail: null }]);
    expect(log.lines).toEqual([]);
  });

  it('logs once when the last try fails too', async () => {
    let calls = 0;
    const storage = { appendLog: () => (calls++, Promise.reject(new Error('disk I/O error'))) } as unknown as Storage;
    const log = captureLog();
    await new AccessLog(storage, log, () => 0, { wait: async () => {} }).record('abc', { name: 'Anna', role: 'editor', action: 'edited' });
    expect(calls).toBe(3);
    expect(log.lines).toEqual(['writing the access log of analysis abc (edited) failed disk I/O error']);
  });
});

describe('AccessLog against a flood', () => {
  let teardown: Teardown;
  let storage: Storage;
  let clock: number;

  beforeEach(async () => {
    teardown = new Teardown();
    storage = openSqliteStorage(path.join(makeTempDir(teardown), DB_FILE_NAME));
    teardown.add(() => storage.close());
    await storage.createAnalysis('a', { facilitator: 'f'.repeat(64), editor: 'e'.repeat(64), viewer: 'v'.repeat(64) }, new Uint8Array([0]));
    clock = 1_000_000;
  });

  afterEach(async () => {
    await teardown.run();
  });

  const make = (burst: number) => new AccessLog(storage, captureLog(), () => clock, { rowRate: { perSecond: 0.1, burst } });
  const rows = async () =>
    (await storage.readLog('a', { limit: 500 })).entries.map((e) => `${e.name}/${e.role}/${e.action}/${e.detail ?? ''}×${e.count}`);

  it('600 identical reads at once are one row with count 600, after created and before rotated', async () => {
    const accessLog = make(100);
    await accessLog.record('a', { name: NO_NAME, role: 'facilitator', action: 'created' });
    clock++;
    await Promise.all(Array.from({ length: 600 }, () => accessLog.logExport('a', 'viewer', 'json')));
    clock++;
    await accessLog.record('a', { name: NO_NAME, role: 'facilitator', action: 'rotated', detail: 'viewer' });
    expect(await rows()).toEqual(['—/facilitator/rotated/viewer×1', '—/viewer/exported/json×600', '—/facilitator/created/×1']);
  });

  it('over the rate, new names are gathered per role and action, counted, never dropped; other roles keep their rows', async () => {
    const accessLog = make(3);
    await Promise.all(Array.from({ length: 10 }, (_, i) => accessLog.record('a', { name: `nep-${i}`, role: 'viewer', action: 'opened' })));
    await accessLog.record('a', { name: 'Anna', role: 'editor', action: 'opened' });
    await accessLog.record('a', { name: NO_NAME, role: 'facilitator', action: 'rotated', detail: 'viewer' });
    const entries = (await storage.readLog('a', { limit: 500 })).entries;
    expect(entries.reduce((sum, e) => sum + e.count, 0)).toBe(12);
    expect(await rows()).toEqual([
      '—/facilitator/rotated/viewer×1',
      'Anna/editor/opened/×1',
      `${GATHER_NAME}/viewer/opened/×7`,
      'nep-2/viewer/opened/×1',
      'nep-1/viewer/opened/×1',
      'nep-0/viewer/opened/×1',
    ]);
  });

  it('created and rotated always get a row of their own, also over the rate', async () => {
    const accessLog = make(1);
    for (let i = 0; i < 3; i++) await accessLog.record('a', { name: NO_NAME, role: 'facilitator', action: 'rotated', detail: 'editor' });
    expect(await rows()).toEqual(Array.from({ length: 3 }, () => '—/facilitator/rotated/editor×1'));
  });

  it('a folded event gives its row back, and the budget refills with time', async () => {
    const accessLog = make(2);
    for (let i = 0; i < 50; i++) await accessLog.logExport('a', 'viewer', 'json');
    await accessLog.record('a', { name: 'Bram', role: 'viewer', action: 'opened' });
    await accessLog.record('a', { name: 'Cor', role: 'viewer', action: 'opened' });
    expect(await rows()).toEqual([`${GATHER_NAME}/viewer/opened/×1`, 'Bram/viewer/opened/×1', '—/viewer/exported/json×50']);
    clock += 10_000;
    await accessLog.record('a', { name: 'Daan', role: 'viewer', action: 'opened' });
    expect((await rows())[0]).toBe('Daan/viewer/opened/×1');
  });
});

describe('parseDisplayName and the placeholders', () => {
  it.each([NO_NAME, GATHER_NAME, ` ${GATHER_NAME} `])('a person cannot go by the placeholder %j', (name) => {
    expect(parseDisplayName(name)).toBe('onbekend');
  });
});
