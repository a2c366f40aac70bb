import { AccountEntity } from './account.entity';
import { EventStreamEntity } from './event-stream.entity';
import { IssuedLinkTokenEntity } from './issued-link-token.entity';
import { IssuedPublicTokenEntity } from './issued-public-token.entity';
import { ItemEntity } from './item.entity';
import { RecurringStreamEntity } from './recurring-stream.entity';
import { StreamEventEntity } from './stream-event.entity';
import { TransactionAnnotationEntity } from './transaction-annotation.entity';
import { TransactionChangeEntity } from './transaction-change.entity';
import { TransactionEntity } from './transaction.entity';
import { TransferValidationEntity } from './transfer-validation.entity';
import { UserProfileEntity } from './user-profile.entity';
import { WebhookEventEntity } from './webhook-event.entity';

export const ENTITIES = [
  UserProfileEntity,
  ItemEntity,
  AccountEntity,
  TransactionEntity,
  WebhookEventEntity,
  TransferValidationEntity,
  EventStreamEntity,
  StreamEventEntity,
  TransactionChangeEntity,
  IssuedLinkTokenEntity,
  IssuedPublicTokenEntity,
  TransactionAnnotationEntity,
  RecurringStreamEntity,
];
