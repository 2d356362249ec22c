import { describe, expect, it } from 'vitest';
import { isOriginAllowed } from './origin.ts';

describe('isOriginAllowed', () => {
  const allowed = ['https://samenzicht.example.nl'];

  it.each([
    ['no Origin header', undefined, 'localhost:8080'],
    ['the same host and port', 'http://localhost:8080', 'localhost:8080'],
    ['the same host, letters in another case', 'http://LocalHost:8080', 'localhost:8080'],
    ['the default port written out in Host', 'https://samen.example', 'samen.example:443'],
    ['an IPv6 host', 'http://[::1]:8080', '[::1]:8080'],
    ['an origin on the list, whatever the Host', 'https://samenzicht.example.nl', 'intern:8080'],
  ])('allows %s', (_name, origin, host) => {
    expect(isOriginAllowed(origin, host, allowed)).toBe(true);
  });

  it.each([
    ['another host', 'http://evil.example', 'localhost:8080'],
    ['another port', 'http://localhost:9999', 'localhost:8080'],
    ['a host that only ends like ours', 'http://notlocalhost:8080', 'localhost:8080'],
    ['null', 'null', 'localhost:8080'],
    ['garbage', 'hallo', 'localhost:8080'],
    ['a file page', 'file:///tmp/x.html', 'localhost:8080'],
    ['no Host header', 'http://localhost:8080', undefined],
    ['a listed host with another scheme', 'http://samenzicht.example.nl', 'intern:8080'],
  ])('refuses %s', (_name, origin, host) => {
    expect(isOriginAllowed(origin, host, allowed)).toBe(false);
  });
});
