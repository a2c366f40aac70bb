import { InitialSchema1763715600000 } from './1763715600000-initial-schema';
import { TransactionAccountItemKey1763805600000 } from './1763805600000-transaction-account-item-key';
import { EventStream1764633600000 } from './1764633600000-event-stream';
import { WebhookEventsUnsettled1765000000000 } from './1765000000000-webhook-events-unsettled';
import { LinkPublicToken1796533995056 } from './1796533995056-link-public-token';
import { IssuedLinkTokens1796610000000 } from './1796610000000-issued-link-tokens';
import { TransactionsUserId1796700000000 } from './1796700000000-transactions-user-id';
import { TransactionAnnotations1796800000000 } from './1796800000000-transaction-annotations';
import { RecurringStreams1796810000000 } from './1796810000000-recurring-streams';
import { JsNumberText1796820000000 } from './1796820000000-js-number-text';

/** In the order they apply. */
export const MIGRATIONS = [
  InitialSchema1763715600000,
  TransactionAccountItemKey1763805600000,
  EventStream1764633600000,
  WebhookEventsUnsettled1765000000000,
  LinkPublicToken1796533995056,
  IssuedLinkTokens1796610000000,
  TransactionsUserId1796700000000,
  TransactionAnnotations1796800000000,
  RecurringStreams1796810000000,
  JsNumberText1796820000000,
];
