import 'reflect-metadata';
import { resolveRuntimeSecrets } from '../config/development-secrets';
import { DataDirInUseError, lockDataDir } from '../database/data-dir-lock';
import { openDatabase } from '../database/database';
import { createLogger } from '../logging/logger';
import { TokenCipher } from '../security/token-cipher';
import { reEncryptAccessTokens } from '../services/access-token-rotation.service';
import { loadConfigOrExit } from './exit-on-config-error';

/** `npm run rotate-keys`: re-encrypts every stored access token under the first TOKEN_ENCRYPTION_KEYS key. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel === 'silent' ? 'silent' : 'warn');
  const secrets = await resolveRuntimeSecrets(config);
  let release: (() => Promise<void>) | undefined;
  try {
    if (!config.databaseUrl) release = await lockDataDir(config.dataDir);
    const database = await openDatabase(config, secrets.embeddedDatabasePassword, logger);
    try {
      const result = await reEncryptAccessTokens(database.dataSource, new TokenCipher(secrets.tokenEncryptionKeys));
      process.stdout.write(`Re-encrypted ${result.reEncrypted} access token(s) under key "${result.currentKeyId}".\n`);
    } finally {
      await database.close();
    }
  } catch (error) {
    process.stderr.write(`rotate-keys failed: ${error instanceof DataDirInUseError ? error.message : error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    await release?.();
  }
}

void main();
