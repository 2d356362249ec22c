import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('has the defaults of CONTRACT §2', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dataDir: path.resolve('./data'),
      unloadGraceMs: 5000,
      compactThreshold: 500,
      flushIntervalMs: 50,
      publicUrl: null,
    });
    expect(config.webDir.endsWith(path.join('dist', 'web'))).toBe(true);
    expect(path.isAbsolute(config.webDir)).toBe(true);
  });

  it('reads PORT, HOST, DATA_DIR and PUBLIC_URL', () => {
    const config = parseConfig({ PORT: '0', HOST: '0.0.0.0', DATA_DIR: '/var/lib/samenzicht', PUBLIC_URL: 'https://samenzicht.example.nl/' });
    expect(config).toMatchObject({ port: 0, host: '0.0.0.0', dataDir: '/var/lib/samenzicht', publicUrl: 'https://samenzicht.example.nl' });
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ PORT: '', HOST: ' ' }).port).toBe(8080);
  });

  it.each([
    ['PORT', { PORT: 'acht' }],
    ['PORT', { PORT: '70000' }],
    ['PORT', { PORT: '80.5' }],
    ['COMPACT_THRESHOLD', { COMPACT_THRESHOLD: '0' }],
    ['FLUSH_INTERVAL_MS', { FLUSH_INTERVAL_MS: '-1' }],
    ['UNLOAD_GRACE_MS', { UNLOAD_GRACE_MS: 'lang' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'samenzicht.example.nl' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'ftp://samenzicht.example.nl' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'https://samenzicht.example.nl/?x=1' }],
  ])('a bad %s is an error naming it', (name, env) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`^${name}: `));
  });
});
