import { AccountEntity } from './account.entity';
import { ItemEntity } from './item.entity';
import { TransactionEntity } from './transaction.entity';
import { TransferValidationEntity } from './transfer-validation.entity';
import { UserProfileEntity } from './user-profile.entity';
import { WebhookEventEntity } from './webhook-event.entity';

export const ENTITIES = [UserProfileEntity, ItemEntity, AccountEntity, TransactionEntity, WebhookEventEntity, TransferValidationEntity];
