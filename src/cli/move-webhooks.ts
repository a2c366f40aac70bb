import 'reflect-metadata';
import { resolveRuntimeSecrets } from '../config/development-secrets';
import { createLogger } from '../logging/logger';
import { PlaidClient } from '../plaid/plaid-client';
import { createGatewayPubSub } from '../pubsub/gateway-pubsub';
import { DeploymentTaskLock } from '../repositories/deployment-task-lock';
import { TokenCipher } from '../security/token-cipher';
import { createItemDoor } from '../services/item-door';
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
    const { moved, failed, skipped } = await withDatabase(config, secrets, logger, (dataSource) => {
      const plaid = new PlaidClient({ config: config.plaid, baseUrl: config.plaid.baseUrl, logger });
      // Nobody subscribes in this process: a status change it records reaches clients through the gateways' relay.
      const pubSub = createGatewayPubSub();
      const door = createItemDoor({ dataSource, plaid, cipher: new TokenCipher(secrets.tokenEncryptionKeys), pubSub });
      return new WebhookUrlMigration({
        items: door.itemRows,
        itemPlaid: door.itemPlaid,
        lock: new DeploymentTaskLock(dataSource),
        publicUrl: config.publicUrl,
        logger,
      }).run();
    });
    if (skipped) {
      process.stderr.write(
        'Another process (a gateway starting, or this command) is moving the webhooks now; try again once it is done.\n',
      );
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`Moved ${moved} Item(s) to ${config.publicUrl}/webhooks/plaid; ${failed} failed (see the log).\n`);
    if (failed > 0) process.exitCode = 1;
  } catch (error) {
    process.stderr.write(`move-webhooks failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

void main();
