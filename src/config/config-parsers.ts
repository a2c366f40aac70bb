import path from 'node:path';
import { ConfigError } from './config-error';

/** Where a value comes from: its variable names every error, and relative paths start at `cwd`. */
export interface ParseContext {
  name: string;
  cwd: string;
}

/** Turns a variable's trimmed, non-empty text into its value, or throws a ConfigError naming it. */
export type Parse<T> = (value: string, at: ParseContext) => T;

export const text: Parse<string> = (value) => value;

export const pathFromCwd: Parse<string> = (value, { cwd }) => path.resolve(cwd, value);

export function oneOf<T extends string>(allowed: readonly T[]): Parse<T> {
  return (value, { name }) => {
    if (!(allowed as readonly string[]).includes(value)) {
      throw new ConfigError(name, `must be one of ${allowed.join(', ')} (got "${value}")`);
    }
    return value as T;
  };
}

export function integer(min: number, max: number): Parse<number> {
  return (value, { name }) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new ConfigError(name, `must be an integer from ${min} to ${max} (got "${value}")`);
    }
    return Number(value);
  };
}

export const portNumber = integer(0, 65535);

/** Comma-separated, blanks dropped; each entry parsed alone. */
export function listOf<T>(parseEntry: Parse<T>): Parse<T[]> {
  return (value, at) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')
      .map((part) => parseEntry(part, at));
}

export function urlWithProtocol(protocols: string[]): Parse<string> {
  return (value, { name }) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError(name, 'is not a valid URL');
    }
    if (!protocols.includes(url.protocol)) {
      throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
    }
    if (!url.hostname) throw new ConfigError(name, 'has no host');
    return value;
  };
}

export const httpUrl = urlWithProtocol(['http:', 'https:']);

/** An http(s) URL that paths are appended to: without its trailing slashes. */
export const baseUrl: Parse<string> = (value, at) => httpUrl(value, at).replace(/\/+$/, '');

export const postgresUrl: Parse<string> = (value, at) => {
  const url = urlWithProtocol(['postgres:', 'postgresql:'])(value, at);
  if (new URL(url).pathname.replace(/^\//, '') === '') throw new ConfigError(at.name, 'names no database');
  return url;
};

/** An OAuth scope token (RFC 6749 §3.3): printable ASCII without spaces, quotes or backslashes. */
export const scopeToken: Parse<string> = (value, { name }) => {
  if (!/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(value)) throw new ConfigError(name, `"${value}" is not a scope name`);
  return value;
};

export const sqlIdentifier: Parse<string> = (value, { name }) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) throw new ConfigError(name, `"${value}" must be a lower-case SQL identifier`);
  return value;
};
