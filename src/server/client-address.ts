import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import proxyaddr from 'proxy-addr';
import type { TrustProxy } from '../config/trust-proxy';

/** Whether the hop at `address`, `hops` away from the gateway, is a proxy whose X-Forwarded-For is believed. */
export type ProxyTrust = (address: string, hops: number) => boolean;

/** TRUST_PROXY as one function, for Express's `trust proxy` (so `req.ip`) and for the WebSocket's upgrade request alike. */
export function proxyTrust(setting: TrustProxy | undefined): ProxyTrust {
  if (setting === undefined) return () => false;
  if (typeof setting === 'number') return (_address, hops) => hops < setting;
  return proxyaddr.compile(setting);
}

/** The client's address by the same rule as Express's `req.ip`, for a request Express never saw (a WebSocket upgrade). */
export function clientAddressOf(request: IncomingMessage, trust: ProxyTrust): string {
  return proxyaddr(request, trust);
}

/**
 * The key an anonymous caller's budget is kept under: its address, an IPv6 one cut to its /64
 * (what one subscriber is given), so a client cannot take a fresh budget from each of the
 * 2^64 addresses it owns; an IPv4 address written as IPv6 (::ffff:a.b.c.d) is that IPv4 address.
 */
export function anonymousBudgetKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (!isIPv6(address)) return address;
  const [head, tail = ''] = address.toLowerCase().split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === '' ? [] : tail.split(':');
  // `::` stands for as many zero groups as make eight (an embedded IPv4 tail lies past the /64).
  const groups = [...headGroups, ...Array<string>(Math.max(0, 8 - headGroups.length - tailGroups.length)).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
