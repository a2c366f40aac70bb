import 'reflect-metadata';
import { resolveRuntimeSecrets } from '../config/development-secrets';
import { createLogger } from '../logging/logger';
import { PlaidClient } from '../plaid/plaid-client';
import { ItemRepository } from '../repositories/item.repository';
import { TokenCipher } from '../security/token-cipher';
import { AccessTokenVault } from '../services/access-token-vault';
import { WebhookUrlMigration } from '../services/webhook-url-migration.service';
import { loadConfigOrExit } from './exit-on-config-error';
import { withDatabase } from './with-database';

/**
 * `npm run move-webhooks`: tells Plaid to send every Item's webhooks to the current
 * PUBLIC_URL. Needs Plaid reachable (PLAID_BASE_URL, or Plaid itself); the gateway does the
 * same at every start.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.logLevel === 'silent' ? 'silent' : 'warn');
  if (config.plaid.env === 'emulator' && !config.plaid.baseUrl) {
    process.stderr.write('The emulator runs inside the gateway: start the gateway (it moves webhooks at start) or set PLAID_BASE_URL.\n');
    process.exit(1);
  }
  try {
    const secrets = await resolveRuntimeSecrets(config);
    const { moved, failed } = await withDatabase(config, secrets, logger, (dataSource) => {
      const plaid = new PlaidClient({ config: config.plaid, baseUrl: config.plaid.baseUrl, logger });
      const vault = new AccessTokenVault(new TokenCipher(secrets.tokenEncryptionKeys));
      return new WebhookUrlMigration({ items: new ItemRepository(dataSource), plaid, vault, publicUrl: config.publicUrl, logger }).run();
    });
    process.stdout.write(`Moved ${moved} Item(s) to ${config.publicUrl}/webhooks/plaid; ${failed} failed (see the log).\n`);
    if (failed > 0) process.exitCode = 1;
  } catch (error) {
    process.stderr.write(`move-webhooks failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

void main();
