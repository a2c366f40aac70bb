import { isLoopbackAddress, isLoopbackHostname } from '../../../src/security/loopback';

describe('loopback addresses and host names', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.9', true],
    ['::1', true],
    ['::ffff:127.0.0.1', true],
    ['::FFFF:127.1.2.3', true],
    ['192.0.2.2', false],
    ['10.0.0.1', false],
    ['::ffff:192.0.2.2', false],
    ['fd00::2', false],
    ['::', false],
    ['0.0.0.0', false],
    ['', false],
    ['localhost', false],
  ])('address %j -> %s', (address, expected) => {
    expect(isLoopbackAddress(address)).toBe(expected);
  });

  it.each([
    ['localhost', true],
    ['LOCALHOST', true],
    ['localhost.', true],
    ['127.0.0.1', true],
    ['127.9.9.9', true],
    ['[::1]', true],
    ['app.localhost', false],
    ['localhost.example.com', false],
    ['127.0.0.1.example.com', false],
    ['192.0.2.2', false],
    ['[fd00::2]', false],
    ['example.com', false],
  ])('host name %j -> %s', (hostname, expected) => {
    expect(isLoopbackHostname(hostname)).toBe(expected);
  });
});
