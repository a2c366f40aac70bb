import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppConfig } from './config';
import { formatEncryptionKeys, parseEncryptionKeys, type EncryptionKey } from './encryption-keys';

/**
 * Secrets a zero-set-up run needs, generated once and kept in DATA_DIR (mode 600) so that
 * tokens, encrypted access tokens and the embedded database survive a restart.
 */
interface StoredSecrets {
  authJwtSecret: string;
  tokenEncryptionKeys: string;
  embeddedDatabasePassword: string;
}

export interface RuntimeSecrets {
  /** HS256 secret; undefined when tokens are checked against AUTH_JWKS_URL. */
  authJwtSecret?: string;
  /** True when the auth secret was generated here (then a demo token is printed). */
  authSecretGenerated: boolean;
  tokenEncryptionKeys: EncryptionKey[];
  embeddedDatabasePassword: string;
}

export function secretsFilePath(dataDir: string): string {
  return path.join(dataDir, 'secrets.json');
}

export async function loadOrCreateStoredSecrets(dataDir: string): Promise<StoredSecrets> {
  const file = secretsFilePath(dataDir);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StoredSecrets;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secrets: StoredSecrets = {
    authJwtSecret: randomBytes(32).toString('base64url'),
    tokenEncryptionKeys: formatEncryptionKeys([{ id: `dev-${randomBytes(3).toString('hex')}`, key: randomBytes(32) }]),
    embeddedDatabasePassword: randomBytes(18).toString('base64url'),
  };
  await mkdir(dataDir, { recursive: true, mode: 0o755 });
  await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return secrets;
}

/** Configured secrets win; what is missing (never in production, see loadConfig) comes from DATA_DIR. */
export async function resolveRuntimeSecrets(config: AppConfig): Promise<RuntimeSecrets> {
  const stored = await loadOrCreateStoredSecrets(config.dataDir);
  const useStoredAuth = !config.auth.jwksUrl && !config.auth.jwtSecret;
  return {
    authJwtSecret: config.auth.jwtSecret ?? (useStoredAuth ? stored.authJwtSecret : undefined),
    authSecretGenerated: useStoredAuth,
    tokenEncryptionKeys:
      config.tokenEncryptionKeys ??
      parseEncryptionKeys(stored.tokenEncryptionKeys, `${secretsFilePath(config.dataDir)} tokenEncryptionKeys`),
    embeddedDatabasePassword: stored.embeddedDatabasePassword,
  };
}
