import { loadConfig } from '../../../src/config/config';

describe('issue 22 item 12: the address the gateway listens on', () => {
  it('issue 22 item 12: HOST defaults to 127.0.0.1, off the network; a given HOST is kept', () => {
    const cases = [
      ['unset', {}, '127.0.0.1'],
      ['blank', { HOST: ' ' }, '127.0.0.1'],
      ['every interface, as the Dockerfile and docker-compose.yml ask', { HOST: '0.0.0.0' }, '0.0.0.0'],
      ['an IPv6 address', { HOST: '::1' }, '::1'],
    ] as const;
    const measured = Object.fromEntries(cases.map(([name, env]) => [name, loadConfig(env, '/srv').host]));
    console.log(JSON.stringify(measured, null, 2));
    expect(measured).toEqual(Object.fromEntries(cases.map(([name, , expected]) => [name, expected])));
  });
});
