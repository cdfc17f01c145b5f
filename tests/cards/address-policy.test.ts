import { describe, expect, it } from 'vitest';
import { classifyAddress, createAddressPolicy } from '../../src/cards/photo/address-policy.js';
import { ConfigError } from '../../src/errors.js';

// Pure functions: nothing here resolves or connects.
describe('classifyAddress', () => {
  it.each([
    // IPv4 special ranges
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.254', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.254', 'carrierGradeNat'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'reserved'], // documentation, RFC 5737
    ['198.51.100.7', 'reserved'],
    ['203.0.113.9', 'reserved'],
    ['198.18.0.1', 'reserved'], // benchmarking, RFC 2544
    // IPv6 special ranges
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456:789a::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'reserved'], // documentation, RFC 3849
    ['fec0::1', 'deprecatedSiteLocal'],
    ['4000::1', 'reserved'], // outside 2000::/3
    // IPv4 inside IPv6
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['[::ffff:169.254.169.254]', 'linkLocal'],
    ['2002:7f00:1::', 'loopback'], // 6to4 of 127.0.0.1
    ['2002:c0a8:101::1', 'private'], // 6to4 of 192.168.1.1
    ['64:ff9b::a00:1', 'private'], // NAT64 of 10.0.0.1
    ['::ffff:0:a00:1', 'private'], // IPv4-translated 10.0.0.1
    ['::7f00:1', 'loopback'], // IPv4-compatible 127.0.0.1
    ['2001:0:4136:e378:8000:63bf:f5ff:fffe', 'private'], // Teredo, client 10.0.0.1 (inverted)
    ['2001:0:a00:1:8000:63bf:3fff:fdd2', 'private'], // Teredo, server 10.0.0.1
    ['64:ff9b:1::a00:1', 'rfc6052'], // local-use NAT64: where the IPv4 sits is unknown
    ['::808:808', 'reserved'], // IPv4-compatible public: deprecated
    // public
    ['8.8.8.8', 'unicast'],
    ['93.184.216.34', 'unicast'],
    ['172.32.0.1', 'unicast'],
    ['100.128.0.1', 'unicast'],
    ['2606:4700:4700::1111', 'unicast'],
    ['::ffff:8.8.8.8', 'unicast'],
    ['2002:808:808::', 'unicast'], // 6to4 of 8.8.8.8
    ['64:ff9b::808:808', 'unicast'], // DNS64 answer for a public host
    // not addresses
    ['example.com', 'invalid'],
    ['', 'invalid'],
  ])('%s is %s', (address, range) => {
    expect(classifyAddress(address)).toBe(range);
  });
});

describe('createAddressPolicy', () => {
  it('refuses every non-public address and allows public ones when nothing is listed', () => {
    const policy = createAddressPolicy([]);
    expect(policy.checkAddress('127.0.0.1')).toEqual({ allowed: false, range: 'loopback' });
    expect(policy.checkAddress('::ffff:10.0.0.1')).toEqual({ allowed: false, range: 'private' });
    expect(policy.checkAddress('fe80::1')).toEqual({ allowed: false, range: 'linkLocal' });
    expect(policy.checkAddress('not-an-address')).toEqual({ allowed: false, range: 'invalid' });
    expect(policy.checkAddress('8.8.8.8')).toEqual({ allowed: true });
    expect(policy.checkAddress('2606:4700:4700::1111')).toEqual({ allowed: true });
  });

  it.each([
    // entry, address, allowed
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '::ffff:127.0.0.1', true],
    ['127.0.0.1', '127.0.0.2', false],
    ['127.0.0.1/32', '127.0.0.1', true],
    ['127.0.0.1/32', '127.0.0.2', false],
    ['10.0.0.0/8', '10.200.3.4', true],
    ['10.0.0.0/8', '::ffff:10.200.3.4', true],
    ['10.0.0.0/8', '11.0.0.1', true], // public anyway
    ['10.0.0.0/8', '192.168.0.1', false],
    ['::1', '::1', true],
    ['[::1]', '::1', true],
    ['::1', '127.0.0.1', false],
    ['fd00::/8', 'fd00::5', true],
    ['fd00::/8', 'fc00::5', false],
    ['localhost', '127.0.0.1', false], // a name allows the host, not its addresses
  ])('allow-list %s: %s allowed is %s', (entry, address, allowed) => {
    expect(createAddressPolicy([entry]).checkAddress(address).allowed).toBe(allowed);
  });

  it.each([
    // entry, hostname, allowed
    ['localhost', 'localhost', true],
    ['localhost', 'LOCALHOST.', true],
    ['Images.Internal', 'images.internal', true],
    ['images.internal', 'cdn.images.internal', false],
    ['bücher.example', 'xn--bcher-kva.example', true],
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.0/8', '127.0.0.9', true],
    ['::1', '[::1]', true],
    ['127.0.0.1', 'localhost', false],
    ['localhost', '8.8.8.8', false], // public, but not on the list
  ])('allow-list %s: host %s listed is %s', (entry, hostname, allowed) => {
    expect(createAddressPolicy([entry]).isHostAllowed(hostname)).toBe(allowed);
  });

  it('reports every malformed entry at once, naming the setting', () => {
    const entries = [
      '127.0.0.1',
      '10.0.0.0/33',
      '127.1',
      '0x7f000001',
      'http://x',
      'a b',
      '*.example.com',
      '10.0.0.1/x',
    ];
    let thrown: unknown;
    try {
      createAddressPolicy(entries);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const issues = (thrown as ConfigError).issues ?? [];
    expect(issues.map((issue) => issue.path)).toEqual(Array(7).fill('SYNDICARD_IMAGE_ALLOW'));
    expect(issues.map((issue) => issue.message.match(/"(.*)"/)?.[1])).toEqual(entries.slice(1));
  });
});
