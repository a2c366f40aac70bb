import type { ItemEvent } from './item-state-machine';

export interface ItemErrorFields {
  type: string;
  code: string;
  message: string;
  displayMessage: string | null;
}

/** Something that happened to an Item, as webhooks, Plaid's answers, relinks and removal report it; the state machine decides what it does. */
export interface StatusChange {
  event: ItemEvent;
  /** The webhook or error code behind the change. */
  reason: string;
  /** When it happened: a webhook's JWT iat, or now. An older change than the last applied one is ignored. */
  occurredAt: Date;
  /** Set on errors, cleared (null) on recovery; undefined leaves it as is. */
  error?: ItemErrorFields | null;
  consentExpiresAt?: Date | null;
}
