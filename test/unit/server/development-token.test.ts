import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { developmentTokenWithheld } from '../../../src/server/development-token';

const PUBLIC_URL = 'https://dev.example.com';

/** A request as the HTTP server sees it: the socket's peer and the headers. */
function request(remoteAddress: string, headers: IncomingHttpHeaders): IncomingMessage {
  return { socket: { remoteAddress }, headers } as unknown as IncomingMessage;
}

describe('issue 22 item 12: who is handed the development token', () => {
  it.each([
    ['curl on the machine', '127.0.0.1', { host: 'localhost:4000' }, undefined],
    ['the address bar', '127.0.0.1', { host: '127.0.0.1:4000', 'sec-fetch-site': 'none' }, undefined],
    ['the demo page', '::1', { host: '[::1]:4000', 'sec-fetch-site': 'same-origin' }, undefined],
    ['an IPv4 peer of a dual-stack socket', '::ffff:127.0.0.1', { host: 'localhost:4000' }, undefined],
    ['its own origin, named', '127.0.0.1', { host: 'localhost:4000', origin: 'http://localhost:4000' }, undefined],
    ['PUBLIC_URL by name', '127.0.0.1', { host: 'dev.example.com', origin: 'https://dev.example.com' }, undefined],
    ['another machine', '192.0.2.7', { host: 'localhost:4000' }, 'NOT_LOCAL'],
    ['another machine claiming loopback', '192.0.2.7', { host: 'localhost:4000', 'x-forwarded-for': '127.0.0.1' }, 'NOT_LOCAL'],
    ['a proxy on the machine', '127.0.0.1', { host: 'localhost:4000', 'x-forwarded-for': '203.0.113.9' }, 'FORWARDED'],
    ['a proxy saying Forwarded', '127.0.0.1', { host: 'localhost:4000', forwarded: 'for=203.0.113.9' }, 'FORWARDED'],
    ['a rebound name', '127.0.0.1', { host: 'evil.example:4000', 'sec-fetch-site': 'same-origin' }, 'FOREIGN_HOST'],
    ['no Host', '127.0.0.1', {}, 'FOREIGN_HOST'],
    ['a Host with user info', '127.0.0.1', { host: 'localhost@evil.example' }, 'FOREIGN_HOST'],
    ['another site', '127.0.0.1', { host: 'localhost:4000', origin: 'https://evil.example' }, 'CROSS_ORIGIN'],
    ['another app on localhost', '127.0.0.1', { host: 'localhost:4000', origin: 'http://localhost:3000' }, 'CROSS_ORIGIN'],
    ['an opaque origin', '127.0.0.1', { host: 'localhost:4000', origin: 'null' }, 'CROSS_ORIGIN'],
    ['a cross-site navigation', '127.0.0.1', { host: 'localhost:4000', 'sec-fetch-site': 'cross-site' }, 'CROSS_ORIGIN'],
    ['a same-site page (another port)', '127.0.0.1', { host: 'localhost:4000', 'sec-fetch-site': 'same-site' }, 'CROSS_ORIGIN'],
  ])('%s -> %s', (_name, remoteAddress, headers, expected) => {
    expect(developmentTokenWithheld(request(remoteAddress, headers), PUBLIC_URL)).toBe(expected);
  });
});
