import 'reflect-metadata';
import { resolveRuntimeSecrets } from '../config/development-secrets';
import { createLogger } from '../logging/logger';
import { TokenCipher } from '../security/token-cipher';
import { reEncryptAccessTokens } from '../services/access-token-rotation.service';
import { loadConfigOrExit } from './exit-on-config-error';
import { withDatabase } from './with-database';

/** `npm run rotate-keys`: re-encrypts every stored access token under the first TOKEN_ENCRYPTION_KEYS key. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel === 'silent' ? 'silent' : 'warn');
  try {
    const secrets = await resolveRuntimeSecrets(config);
    const result = await withDatabase(config, secrets, logger, (dataSource) =>
      reEncryptAccessTokens(dataSource, new TokenCipher(secrets.tokenEncryptionKeys)),
    );
    process.stdout.write(`Re-encrypted ${result.reEncrypted} access token(s) under key "${result.currentKeyId}".\n`);
  } catch (error) {
    process.stderr.write(`rotate-keys failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

void main();
