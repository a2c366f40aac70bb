import { isIPv4 } from 'node:net';

/** Node reports an IPv4 peer of a dual-stack socket as `::ffff:a.b.c.d`. */
const IPV4_MAPPED = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/**
 * An IP address of this machine's loopback interface: 127.0.0.0/8 or ::1 (IPv4-mapped too),
 * in the canonical form Node's sockets and `URL` give.
 */
export function isLoopbackAddress(address: string): boolean {
  const ipv4 = IPV4_MAPPED.exec(address)?.[1] ?? address;
  if (isIPv4(ipv4)) return ipv4.startsWith('127.');
  return address === '::1';
}

/**
 * A URL's host name (as `URL.hostname` gives it: IPv6 in brackets) that can only mean this
 * machine: a loopback address, or `localhost`, which resolvers answer from the hosts file.
 * Other names under `.localhost` are not trusted: a resolver may send them to DNS.
 */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost') return true;
  return isLoopbackAddress(name.startsWith('[') && name.endsWith(']') ? name.slice(1, -1) : name);
}
