import { loadConfig } from '../../../src/config/config';

describe('issue 22 item 12: the address the gateway listens on', () => {
  it.each([
    ['unset: loopback only, off the network', {}, '127.0.0.1'],
    ['blank: the same', { HOST: ' ' }, '127.0.0.1'],
    ['every interface, as the Dockerfile and docker-compose.yml ask', { HOST: '0.0.0.0' }, '0.0.0.0'],
    ['an IPv6 address', { HOST: '::1' }, '::1'],
  ])('issue 22 item 12: HOST %s -> %s', (_name, env, expected) => {
    const { host } = loadConfig(env, '/srv');
    console.log(`${JSON.stringify(env)} -> host ${host}`);
    expect(host).toBe(expected);
  });
});
