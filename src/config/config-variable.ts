import type { Parse } from './config-parsers';

/** One environment variable of the runtime contract: what loadConfig reads and the README documents. */
export interface ConfigVariable<T> {
  readonly name: string;
  /** What it does, for the README (markdown). */
  readonly description: string;
  /** The README's default column (markdown): the default itself, or what being unset means. */
  readonly shownDefault: string;
  /** A secret has no default to show (see `optional`); the README marks it. */
  readonly secret: boolean;
  /** The value from the variable's text (undefined when unset or blank); `value` reads the variables a default follows. */
  readonly resolve: (text: string | undefined, value: ReadValue, cwd: string) => T;
}

export type ReadValue = <T>(variable: ConfigVariable<T>) => T;

interface Described<T> {
  name: string;
  description: string;
  parse: Parse<T>;
}

/**
 * Unset, it takes `default`, parsed like a given value. A default that follows other
 * variables is a function of their values, and `shownDefault` says how it follows them.
 */
export function withDefault<T>(
  spec: Described<T> & ({ default: string; shownDefault?: string } | { default: (value: ReadValue) => string; shownDefault: string }),
): ConfigVariable<T> {
  const fallback = spec.default;
  return {
    name: spec.name,
    description: spec.description,
    shownDefault: spec.shownDefault ?? `\`${fallback as string}\``,
    secret: false,
    resolve: (text, value, cwd) =>
      spec.parse(text ?? (typeof fallback === 'function' ? fallback(value) : fallback), { name: spec.name, cwd }),
  };
}

/** Unset, it is undefined: `whenUnset` says what the gateway does then. Only these may be secret, so no secret has a default to print. */
export function optional<T>(spec: Described<T> & { whenUnset: string; secret?: boolean }): ConfigVariable<T | undefined> {
  return {
    name: spec.name,
    description: spec.description,
    shownDefault: spec.whenUnset,
    secret: spec.secret ?? false,
    resolve: (text, _value, cwd) => (text === undefined ? undefined : spec.parse(text, { name: spec.name, cwd })),
  };
}

export interface ConfigReader {
  value: ReadValue;
  /** Whether the variable was given (not blank), as opposed to defaulted. */
  isSet: (variable: ConfigVariable<unknown>) => boolean;
}

/** Reads each variable once, trimmed, a blank one as unset; a default reads the variables it follows on demand. */
export function configReader(env: Record<string, string | undefined>, cwd: string): ConfigReader {
  const resolved = new Map<ConfigVariable<unknown>, unknown>();
  const textOf = (variable: ConfigVariable<unknown>): string | undefined => {
    const text = env[variable.name]?.trim();
    return text === '' ? undefined : text;
  };
  const value: ReadValue = <T>(variable: ConfigVariable<T>): T => {
    if (!resolved.has(variable)) resolved.set(variable, variable.resolve(textOf(variable), value, cwd));
    return resolved.get(variable) as T;
  };
  return { value, isSet: (variable) => textOf(variable) !== undefined };
}
