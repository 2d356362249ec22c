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
      maxMessageBytes: 8 * 1024 * 1024,
      maxMessagesPerSecond: 200,
      maxConnectionsPerAnalysis: 250,
      maxConnectionsPerAddress: 100,
      maxBodyBytes: 5 * 1024 * 1024,
      allowedOrigins: [],
      editLogIntervalMs: 5 * 60_000,
      allowedHosts: [],
      maxHttpConnections: 2_000,
      requestTimeoutMs: 60_000,
      maxPresenceBytes: 4096,
    });
    expect(config.webDir.endsWith(path.join('dist', 'web'))).toBe(true);
    expect(path.isAbsolute(config.webDir)).toBe(true);
  });

  it('reads PORT, HOST, DATA_DIR and PUBLIC_URL', () => {
    const config = parseConfig({
      PORT: '0',
      HOST: '0.0.0.0',
      DATA_DIR: '/var/lib/samenzicht',
      PUBLIC_URL: 'https://samenzicht.example.nl/',
    });
    expect(config).toMatchObject({ port: 0, host: '0.0.0.0', dataDir: '/var/lib/samenzicht', publicUrl: 'https://samenzicht.example.nl' });
  });

  it('reads the limits', () => {
    const config = parseConfig({
      MAX_MESSAGE_BYTES: '65536',
      MAX_MESSAGES_PER_SECOND: '50',
      MAX_CONNECTIONS_PER_ANALYSIS: '20',
      MAX_CONNECTIONS_PER_ADDRESS: '10',
      MAX_BODY_BYTES: '1048576',
      EDIT_LOG_INTERVAL_MS: '1000',
      MAX_PRESENCE_BYTES: '2048',
    });
    expect(config).toMatchObject({
      maxMessageBytes: 65536,
      maxMessagesPerSecond: 50,
      maxConnectionsPerAnalysis: 20,
      maxConnectionsPerAddress: 10,
      maxBodyBytes: 1048576,
      editLogIntervalMs: 1000,
      maxPresenceBytes: 2048,
    });
  });

  it('reads ALLOWED_ORIGINS as a comma-separated list of normalized origins', () => {
    const config = parseConfig({ ALLOWED_ORIGINS: ' https://Samenzicht.example.nl , http://localhost:5173/,https://a.example:443 ' });
    expect(config.allowedOrigins).toEqual(['https://samenzicht.example.nl', 'http://localhost:5173', 'https://a.example']);
  });

  it('reads ALLOWED_HOSTS as a comma-separated list of host names in lower case', () => {
    expect(parseConfig({ ALLOWED_HOSTS: ' Samenzicht.LAN, intern ' }).allowedHosts).toEqual(['samenzicht.lan', 'intern']);
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
    ['MAX_MESSAGE_BYTES', { MAX_MESSAGE_BYTES: '8MB' }],
    ['MAX_MESSAGE_BYTES', { MAX_MESSAGE_BYTES: '10' }],
    ['MAX_MESSAGES_PER_SECOND', { MAX_MESSAGES_PER_SECOND: '0' }],
    ['MAX_CONNECTIONS_PER_ANALYSIS', { MAX_CONNECTIONS_PER_ANALYSIS: '-5' }],
    ['MAX_CONNECTIONS_PER_ADDRESS', { MAX_CONNECTIONS_PER_ADDRESS: 'veel' }],
    ['MAX_BODY_BYTES', { MAX_BODY_BYTES: '1.5' }],
    ['EDIT_LOG_INTERVAL_MS', { EDIT_LOG_INTERVAL_MS: '-1' }],
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: 'samenzicht.example.nl' }],
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: 'https://a.example, https://b.example/pad' }],
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: '*' }],
    ['ALLOWED_ORIGINS', { ALLOWED_ORIGINS: 'ws://a.example' }],
    ['ALLOWED_HOSTS', { ALLOWED_HOSTS: 'https://samenzicht.example.nl' }],
    ['ALLOWED_HOSTS', { ALLOWED_HOSTS: 'samenzicht.lan:8080' }],
    ['MAX_HTTP_CONNECTIONS', { MAX_HTTP_CONNECTIONS: '0' }],
    ['REQUEST_TIMEOUT_MS', { REQUEST_TIMEOUT_MS: '10' }],
    ['MAX_PRESENCE_BYTES', { MAX_PRESENCE_BYTES: '4 kB' }],
  ])('a bad %s is an error naming it', (name, env) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(new RegExp(`^${name}: `));
  });
});
