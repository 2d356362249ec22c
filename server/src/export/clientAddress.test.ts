import { describe, expect, it } from 'vitest';
import { clientKey } from './clientAddress.ts';

describe('clientKey', () => {
  it('keeps an IPv4 address and unmaps an IPv4-mapped IPv6 one', () => {
    expect(clientKey('127.0.0.2')).toBe('127.0.0.2');
    expect(clientKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(clientKey('::ffff:c000:207')).toBe('192.0.2.7');
  });

  it('counts IPv6 addresses per /64, however they are written', () => {
    expect(clientKey('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:0db8:0000:0001:ffff:1:2:3')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey('2001:db8:0:2::5')).not.toBe(clientKey('2001:db8:0:1::5'));
  });

  it('has a key for a socket without an address', () => {
    expect(clientKey(undefined)).toBe('unknown');
  });
});
