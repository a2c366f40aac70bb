import { ConfigError } from './config-error';

/** One AES-256 key of the token keyring, named so a ciphertext can say which key made it. */
export interface EncryptionKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9_.-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Parses `keyId:base64(32 bytes)` entries; the first one is the key that encrypts. */
export function parseEncryptionKeys(value: string, variable = 'TOKEN_ENCRYPTION_KEYS'): EncryptionKey[] {
  const keys = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map((entry, index) => {
      const separator = entry.indexOf(':');
      const id = separator > 0 ? entry.slice(0, separator) : '';
      const material = entry.slice(separator + 1);
      if (!KEY_ID.test(id)) {
        throw new ConfigError(variable, `entry ${index + 1} must be keyId:base64key, with a key id of 1-32 letters, digits, _ . or -`);
      }
      const key = BASE64.test(material) ? Buffer.from(material, 'base64') : Buffer.alloc(0);
      if (key.length !== 32) {
        throw new ConfigError(variable, `key "${id}" must be 32 bytes in base64 (got ${key.length})`);
      }
      return { id, key };
    });
  if (keys.length === 0) throw new ConfigError(variable, 'names no key');
  const ids = new Set(keys.map((k) => k.id));
  if (ids.size !== keys.length) throw new ConfigError(variable, 'names the same key id twice');
  return keys;
}

export function formatEncryptionKeys(keys: EncryptionKey[]): string {
  return keys.map(({ id, key }) => `${id}:${key.toString('base64')}`).join(',');
}
