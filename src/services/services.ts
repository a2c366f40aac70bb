import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config';
import type { JobQueue } from '../jobs/job-queue';
import type { PlaidClient } from '../plaid/plaid-client';
import type { GatewayPubSub } from '../pubsub/gateway-pubsub';
import { AccountRepository } from '../repositories/account.repository';
import { DeploymentTaskLock } from '../repositories/deployment-task-lock';
import { IssuedLinkTokenRepository } from '../repositories/issued-link-token.repository';
import { IssuedPublicTokenRepository } from '../repositories/issued-public-token.repository';
import { ProfileRepository } from '../repositories/profile.repository';
import { SpendingRepository } from '../repositories/spending.repository';
import { RecurringStreamRepository } from '../repositories/recurring-stream.repository';
import { StreamRetentionRepository } from '../repositories/stream-retention.repository';
import { TransactionAnnotationRepository } from '../repositories/transaction-annotation.repository';
import { TransactionRepository } from '../repositories/transaction.repository';
import { TransferValidationRepository } from '../repositories/transfer-validation.repository';
import { WebhookEventRepository } from '../repositories/webhook-event.repository';
import type { TokenCipher } from '../security/token-cipher';
import { AccountService } from './account.service';
import { BalanceService } from './balance.service';
import { EventRelay } from './event-relay';
import { EventReplayService } from './event-replay.service';
import { createItemDoor } from './item-door';
import type { ItemStatusService } from './item-status.service';
import { ItemService } from './item.service';
import { LinkService } from './link.service';
import { LinkSessionRegistry } from './link-session-registry';
import { ProfileService } from './profile.service';
import { RecurringStreamService } from './recurring-stream.service';
import { SandboxService } from './sandbox.service';
import { SpendingService } from './spending.service';
import { StreamRetentionService } from './stream-retention.service';
import { SubscriptionSlots } from './subscription-slots';
import { TransactionAnnotationService } from './transaction-annotation.service';
import { TransactionChangeFeedService } from './transaction-change-feed.service';
import { TransactionQueryService } from './transaction-query.service';
import { SyncQueue } from './sync-queue';
import { TransactionRemoval } from './transaction-removal';
import { TransactionSyncService, type SyncObservation } from './transaction-sync.service';
import { WebhookIntakeService } from './webhook-intake.service';
import { WebhookProcessor } from './webhook-processor.service';
import { StatusWebhooks } from './status-webhooks';
import { TransferValidationService } from './transfer-validation.service';
import { WebhookUrlMigration } from './webhook-url-migration.service';

export interface ServiceDependencies {
  dataSource: DataSource;
  /** For the event relay's own LISTEN connection. */
  databaseUrl: string;
  plaid: PlaidClient;
  cipher: TokenCipher;
  pubSub: GatewayPubSub;
  jobs: JobQueue;
  config: AppConfig;
  logger: Logger;
  onSync?: (observation: SyncObservation) => void;
  /** Tests only: runs just before a sync commits. */
  beforeSyncCommit?: (itemId: string) => Promise<void>;
}

/** The service layer, built once per process and shared by HTTP, WebSocket and jobs. */
export interface Services {
  profiles: ProfileService;
  items: ItemService;
  accounts: AccountService;
  transfers: TransferValidationService;
  transactions: TransactionQueryService;
  transactionChanges: TransactionChangeFeedService;
  recurringStreams: RecurringStreamService;
  annotations: TransactionAnnotationService;
  spending: SpendingService;
  balances: BalanceService;
  itemStatus: ItemStatusService;
  events: EventReplayService;
  subscriptionSlots: SubscriptionSlots;
  relay: EventRelay;
  retention: StreamRetentionService;
  link: LinkService;
  sandbox: SandboxService;
  sync: TransactionSyncService;
  webhookIntake: WebhookIntakeService;
  webhookProcessor: WebhookProcessor;
  webhookUrls: WebhookUrlMigration;
}

export function createServices(deps: ServiceDependencies): Services {
  const { dataSource, plaid, pubSub, jobs, config, logger } = deps;
  const { vault, itemRows, streams, outbox, itemStatus, itemPlaid } = createItemDoor({ dataSource, plaid, cipher: deps.cipher, pubSub });
  const accountRows = new AccountRepository(dataSource);
  const transactionRows = new TransactionRepository(dataSource);
  const webhookEvents = new WebhookEventRepository(dataSource);
  const items = new ItemService({ items: itemRows });
  const removal = new TransactionRemoval({ transactions: transactionRows, outbox });
  const recurringStreamRows = new RecurringStreamRepository(dataSource);
  const statusWebhooks = new StatusWebhooks({ items: itemRows, itemStatus, removal, recurringStreams: recurringStreamRows });
  const accounts = new AccountService({ accounts: accountRows });
  const profiles = new ProfileService({ profiles: new ProfileRepository(dataSource) });
  const linkSessions = new LinkSessionRegistry({
    plaid,
    cipher: deps.cipher,
    linkTokens: new IssuedLinkTokenRepository(dataSource),
    publicTokens: new IssuedPublicTokenRepository(dataSource),
    linkTokensChecked: config.linkTokensCheckedPerExchange,
    logger: logger.child({ component: 'link-sessions' }),
  });
  return {
    profiles,
    items,
    accounts,
    transactions: new TransactionQueryService({ transactions: transactionRows, maxPageSize: config.limits.maxPageSize }),
    transactionChanges: new TransactionChangeFeedService({ streams, transactions: transactionRows, items }),
    recurringStreams: new RecurringStreamService({
      dataSource,
      itemPlaid,
      items: itemRows,
      streams: recurringStreamRows,
      maxAccountIds: config.limits.maxPageSize,
      logger: logger.child({ component: 'recurring-streams' }),
    }),
    annotations: new TransactionAnnotationService({
      dataSource,
      annotations: new TransactionAnnotationRepository(dataSource),
      items: itemRows,
      outbox,
      limits: { maxCategoryCharacters: config.annotationCategoryMaxCharacters },
    }),
    spending: new SpendingService({ spending: new SpendingRepository(dataSource), limits: config.spending }),
    balances: new BalanceService({ dataSource, itemPlaid, items, accounts }),
    transfers: new TransferValidationService({
      itemPlaid,
      items,
      accounts,
      profiles,
      validations: new TransferValidationRepository(dataSource),
      identityThreshold: config.transferIdentityThreshold,
      maxAmount: config.transferMaxAmount,
    }),
    itemStatus,
    events: new EventReplayService({ streams, outbox, pubSub, pageSize: config.subscriptions.replayPageSize }),
    subscriptionSlots: new SubscriptionSlots(config.subscriptions),
    relay: new EventRelay({
      databaseUrl: deps.databaseUrl,
      streams,
      outbox,
      trackedUsers: config.eventRelayTrackedUsers,
      logger: logger.child({ component: 'event-relay' }),
    }),
    retention: new StreamRetentionService({
      retention: new StreamRetentionRepository(dataSource),
      retentionDays: config.jobs.changeRetentionDays,
      failedWebhookRetentionDays: config.jobs.failedWebhookRetentionDays,
    }),
    link: new LinkService({
      dataSource,
      plaid,
      itemPlaid,
      vault,
      items,
      itemRows,
      removal,
      itemStatus,
      linkSessions,
      jobs,
      config,
      logger: logger.child({ component: 'link' }),
    }),
    sandbox: new SandboxService({ config, plaid, itemPlaid, items, linkSessions }),
    sync: new TransactionSyncService({
      dataSource,
      plaid,
      itemPlaid,
      items: itemRows,
      outbox,
      queue: new SyncQueue(config.sync),
      jobs,
      logger: logger.child({ component: 'sync' }),
      onSync: deps.onSync,
      beforeCommit: deps.beforeSyncCommit,
    }),
    webhookIntake: new WebhookIntakeService({
      dataSource,
      webhookEvents,
      items: itemRows,
      statusWebhooks,
      jobs,
      logger: logger.child({ component: 'webhooks' }),
    }),
    webhookProcessor: new WebhookProcessor({
      dataSource,
      webhookEvents,
      items: itemRows,
      accounts: accountRows,
      removal,
      statusWebhooks,
      jobs,
      logger: logger.child({ component: 'webhooks' }),
    }),
    webhookUrls: new WebhookUrlMigration({
      items: itemRows,
      itemPlaid,
      lock: new DeploymentTaskLock(dataSource),
      publicUrl: config.publicUrl,
      logger: logger.child({ component: 'webhook-urls' }),
    }),
  };
}
