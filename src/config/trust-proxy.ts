import proxyaddr from 'proxy-addr';
import { ConfigError } from './config-error';
import type { Parse } from './config-parsers';

/**
 * Which proxies may say who the client is (X-Forwarded-For): the number of hops in front of
 * the gateway, or the proxies' addresses and subnets (proxy-addr's forms, which Express's
 * `trust proxy` takes too, with `loopback`, `linklocal` and `uniquelocal`).
 */
export type TrustProxy = number | string[];

/**
 * `true` (trust every hop) is refused: any client could then name any address and pick a
 * fresh anonymous budget for every request.
 */
export const trustProxy: Parse<TrustProxy> = (value, { name }) => {
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > 10) throw new ConfigError(name, `must be a hop count from 1 to 10, or proxy addresses (got "${value}")`);
    return hops;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  for (const entry of entries) {
    try {
      proxyaddr.compile(entry);
    } catch {
      throw new ConfigError(
        name,
        `"${entry}" is neither an address, a subnet (10.0.0.0/8) nor loopback, linklocal or uniquelocal; give the proxies' addresses or their hop count, never every address`,
      );
    }
  }
  return entries;
};
