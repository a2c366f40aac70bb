import { registerEnumType } from 'type-graphql';
import { AccountType } from '../entities/account-type';
import { ItemStatus, TransactionsUpdateStatus } from '../entities/item-status';
import { FlowDirection, RecurringFrequency, RecurringStreamStatus } from '../entities/recurring-stream-kinds';
import { TransferDeclineReason } from '../entities/transfer-decline-reason';

export {
  AccountType,
  FlowDirection,
  ItemStatus,
  RecurringFrequency,
  RecurringStreamStatus,
  TransactionsUpdateStatus,
  TransferDeclineReason,
};

export enum PlaidProduct {
  TRANSACTIONS = 'TRANSACTIONS',
  AUTH = 'AUTH',
  IDENTITY = 'IDENTITY',
}

export enum SandboxWebhookCode {
  SYNC_UPDATES_AVAILABLE = 'SYNC_UPDATES_AVAILABLE',
  DEFAULT_UPDATE = 'DEFAULT_UPDATE',
  NEW_ACCOUNTS_AVAILABLE = 'NEW_ACCOUNTS_AVAILABLE',
  PENDING_DISCONNECT = 'PENDING_DISCONNECT',
  PENDING_EXPIRATION = 'PENDING_EXPIRATION',
  USER_PERMISSION_REVOKED = 'USER_PERMISSION_REVOKED',
  LOGIN_REPAIRED = 'LOGIN_REPAIRED',
  ERROR = 'ERROR',
}

registerEnumType(ItemStatus, { name: 'ItemStatus' });
registerEnumType(TransactionsUpdateStatus, { name: 'TransactionsUpdateStatus' });
registerEnumType(AccountType, { name: 'AccountType' });
registerEnumType(PlaidProduct, { name: 'PlaidProduct' });
registerEnumType(TransferDeclineReason, { name: 'TransferDeclineReason' });
registerEnumType(SandboxWebhookCode, { name: 'SandboxWebhookCode' });
registerEnumType(FlowDirection, { name: 'FlowDirection' });
registerEnumType(RecurringFrequency, { name: 'RecurringFrequency' });
registerEnumType(RecurringStreamStatus, { name: 'RecurringStreamStatus' });
