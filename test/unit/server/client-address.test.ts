import type { IncomingMessage } from 'node:http';
import { anonymousBudgetKey, clientAddressOf, proxyTrust } from '../../../src/server/client-address';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('clientAddressOf and TRUST_PROXY', () => {
  it.each([
    ['unset: the header is ignored', undefined, '127.0.0.1', '198.51.100.7', '127.0.0.1'],
    ['unset, no header', undefined, '203.0.113.9', undefined, '203.0.113.9'],
    ['one hop: the address the proxy saw', 1, '10.0.0.2', '198.51.100.9, 198.51.100.7', '198.51.100.7'],
    ['two hops', 2, '10.0.0.2', '198.51.100.9, 198.51.100.7', '198.51.100.9'],
    ['loopback, from a loopback proxy', ['loopback'], '127.0.0.1', '198.51.100.7', '198.51.100.7'],
    ['loopback, from elsewhere: not a proxy', ['loopback'], '203.0.113.9', '198.51.100.7', '203.0.113.9'],
    ['a subnet, chained proxies inside it', ['10.0.0.0/8'], '10.0.0.2', '198.51.100.7, 10.1.1.1', '198.51.100.7'],
  ])('%s', (_name, setting, remote, forwardedFor, expected) => {
    expect(clientAddressOf(request(remote, forwardedFor), proxyTrust(setting))).toBe(expected);
  });
});

describe('anonymousBudgetKey', () => {
  it.each([
    ['198.51.100.7', '198.51.100.7'],
    ['::ffff:198.51.100.7', '198.51.100.7'],
    ['::FFFF:127.0.0.1', '127.0.0.1'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::ffff', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002:aaaa::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1', 'fe80:0:0:0::/64'],
    ['', ''],
  ])('keys %j as %j', (address, key) => {
    expect(anonymousBudgetKey(address)).toBe(key);
  });
});
