import type { ItemStatus } from './item-status';

export interface ItemErrorFields {
  type: string;
  code: string;
  message: string;
  displayMessage: string | null;
}

/** One move of an Item to a status, as webhooks and failed Plaid calls report it. */
export interface StatusChange {
  status: ItemStatus;
  /** The webhook or error code behind the change. */
  reason: string;
  /** When it happened: a webhook's JWT iat, or now. An older change than the last applied one is ignored. */
  occurredAt: Date;
  /** Set on errors, cleared (null) on recovery; undefined leaves it as is. */
  error?: ItemErrorFields | null;
  consentExpiresAt?: Date | null;
}
