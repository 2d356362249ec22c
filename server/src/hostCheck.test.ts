import { describe, expect, it } from 'vitest';
import { createHostPolicy, hostNameOf, isHostAllowed } from './hostCheck.ts';

describe('isHostAllowed', () => {
  const policy = createHostPolicy({
    publicUrl: 'https://samenzicht.example.nl',
    allowedOrigins: ['https://intranet.jeugdzorg.example:8443'],
    allowedHosts: ['Samenzicht.lan'],
    host: '0.0.0.0',
  });

  it.each([
    ['an IPv4 address', '127.0.0.1:8080'],
    ['a LAN address', '192.168.1.20:8080'],
    ['an IPv6 address', '[::1]:8080'],
    ['localhost', 'localhost:8080'],
    ['a name under localhost', 'app.localhost'],
    ['the PUBLIC_URL host', 'samenzicht.example.nl'],
    ['an allowed origin host', 'intranet.jeugdzorg.example:8443'],
    ['an ALLOWED_HOSTS name, any case, with a final dot', 'samenzicht.LAN.:8080'],
  ])('allows %s', (_name, host) => {
    expect(isHostAllowed(host, policy)).toBe(true);
  });

  it.each([
    ['a rebinding name', 'attacker.example:8080'],
    ['a name that only ends like ours', 'evil-samenzicht.example.nl'],
    ['garbage', 'a b'],
    ['no Host header', undefined],
    ['an empty Host header', ''],
  ])('refuses %s', (_name, host) => {
    expect(isHostAllowed(host, policy)).toBe(false);
  });

  it('reads the name of a Host header', () => {
    expect(hostNameOf('Example.NL:80')).toBe('example.nl');
    expect(hostNameOf('[::1]:8080')).toBe('::1');
    expect(hostNameOf('x/y')).toBeNull();
  });
});
