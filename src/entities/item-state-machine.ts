import { ItemStatus } from './item-status';

/** What can happen to an Item: every path that may move its status names one of these. */
export enum ItemEvent {
  /** Plaid names ITEM_LOGIN_REQUIRED: a failed call, the Item's `error`, an ITEM ERROR webhook. */
  LOGIN_REQUIRED = 'LOGIN_REQUIRED',
  /** Plaid names another error of the Item itself (ITEM_LOCKED, NO_ACCOUNTS, INVALID_ACCESS_TOKEN, ...). */
  ITEM_ERROR = 'ITEM_ERROR',
  /** The user withdrew consent (USER_PERMISSION_REVOKED, ACCESS_NOT_GRANTED), or Plaid no longer knows the Item (ITEM_NOT_FOUND). */
  ACCESS_REVOKED = 'ACCESS_REVOKED',
  PENDING_EXPIRATION = 'PENDING_EXPIRATION',
  PENDING_DISCONNECT = 'PENDING_DISCONNECT',
  /** Plaid's LOGIN_REPAIRED webhook: the user fixed the login outside the app. */
  LOGIN_REPAIRED = 'LOGIN_REPAIRED',
  /** A Plaid call for the Item succeeded (a sync). */
  CALL_SUCCEEDED = 'CALL_SUCCEEDED',
  /** completeRelink: after update mode, Plaid's own /item/get says the Item works. */
  RELINKED = 'RELINKED',
  /** The user removed the Item (its row goes with this event). */
  REMOVED = 'REMOVED',
}

/** A cell of the table: the status the event leads to, or why it changes nothing. */
export type ItemTransitionCell = ItemStatus | { ignored: string };

const LEAVES_REVOKED_ONLY_BY_RELINK = { ignored: 'the Item is revoked until it is relinked' };
const SUCCESS_IS_NO_NEWS = { ignored: 'a successful call changes nothing in this status' };

/**
 * Every status, every event: the one place Item status is decided. Reading across a row:
 * - errors Plaid names move any live Item to the status they mean;
 * - ERROR is left by any success (a sync, LOGIN_REPAIRED, a relink), so a passing error does not stick;
 * - LOGIN_REQUIRED needs the user's login (LOGIN_REPAIRED or a relink): data Plaid answers from
 *   what it already holds proves nothing about the login;
 * - REVOKED is terminal until a relink succeeds (removal reports it REVOKED as it goes).
 */
export const ITEM_TRANSITIONS: Readonly<Record<ItemStatus, Readonly<Record<ItemEvent, ItemTransitionCell>>>> = {
  [ItemStatus.ACTIVE]: {
    [ItemEvent.LOGIN_REQUIRED]: ItemStatus.LOGIN_REQUIRED,
    [ItemEvent.ITEM_ERROR]: ItemStatus.ERROR,
    [ItemEvent.ACCESS_REVOKED]: ItemStatus.REVOKED,
    [ItemEvent.PENDING_EXPIRATION]: ItemStatus.PENDING_EXPIRATION,
    [ItemEvent.PENDING_DISCONNECT]: ItemStatus.PENDING_DISCONNECT,
    [ItemEvent.LOGIN_REPAIRED]: ItemStatus.ACTIVE,
    [ItemEvent.CALL_SUCCEEDED]: SUCCESS_IS_NO_NEWS,
    [ItemEvent.RELINKED]: ItemStatus.ACTIVE,
    [ItemEvent.REMOVED]: ItemStatus.REVOKED,
  },
  [ItemStatus.LOGIN_REQUIRED]: {
    [ItemEvent.LOGIN_REQUIRED]: ItemStatus.LOGIN_REQUIRED,
    [ItemEvent.ITEM_ERROR]: ItemStatus.ERROR,
    [ItemEvent.ACCESS_REVOKED]: ItemStatus.REVOKED,
    // Written (the consent date is recorded), but the status stays: the login is still broken.
    [ItemEvent.PENDING_EXPIRATION]: ItemStatus.LOGIN_REQUIRED,
    [ItemEvent.PENDING_DISCONNECT]: ItemStatus.LOGIN_REQUIRED,
    [ItemEvent.LOGIN_REPAIRED]: ItemStatus.ACTIVE,
    [ItemEvent.CALL_SUCCEEDED]: { ignored: 'only the user can repair a login (LOGIN_REPAIRED or a relink)' },
    [ItemEvent.RELINKED]: ItemStatus.ACTIVE,
    [ItemEvent.REMOVED]: ItemStatus.REVOKED,
  },
  [ItemStatus.PENDING_EXPIRATION]: {
    [ItemEvent.LOGIN_REQUIRED]: ItemStatus.LOGIN_REQUIRED,
    [ItemEvent.ITEM_ERROR]: ItemStatus.ERROR,
    [ItemEvent.ACCESS_REVOKED]: ItemStatus.REVOKED,
    [ItemEvent.PENDING_EXPIRATION]: ItemStatus.PENDING_EXPIRATION,
    [ItemEvent.PENDING_DISCONNECT]: ItemStatus.PENDING_DISCONNECT,
    [ItemEvent.LOGIN_REPAIRED]: ItemStatus.ACTIVE,
    [ItemEvent.CALL_SUCCEEDED]: { ignored: 'consent still ends: only the user renews it' },
    [ItemEvent.RELINKED]: ItemStatus.ACTIVE,
    [ItemEvent.REMOVED]: ItemStatus.REVOKED,
  },
  [ItemStatus.PENDING_DISCONNECT]: {
    [ItemEvent.LOGIN_REQUIRED]: ItemStatus.LOGIN_REQUIRED,
    [ItemEvent.ITEM_ERROR]: ItemStatus.ERROR,
    [ItemEvent.ACCESS_REVOKED]: ItemStatus.REVOKED,
    [ItemEvent.PENDING_EXPIRATION]: ItemStatus.PENDING_EXPIRATION,
    [ItemEvent.PENDING_DISCONNECT]: ItemStatus.PENDING_DISCONNECT,
    [ItemEvent.LOGIN_REPAIRED]: ItemStatus.ACTIVE,
    [ItemEvent.CALL_SUCCEEDED]: { ignored: 'the Item still disconnects: only the user renews it' },
    [ItemEvent.RELINKED]: ItemStatus.ACTIVE,
    [ItemEvent.REMOVED]: ItemStatus.REVOKED,
  },
  [ItemStatus.ERROR]: {
    [ItemEvent.LOGIN_REQUIRED]: ItemStatus.LOGIN_REQUIRED,
    [ItemEvent.ITEM_ERROR]: ItemStatus.ERROR,
    [ItemEvent.ACCESS_REVOKED]: ItemStatus.REVOKED,
    // Written (the consent date is recorded), but a warning about consent does not hide that the Item fails now.
    [ItemEvent.PENDING_EXPIRATION]: ItemStatus.ERROR,
    [ItemEvent.PENDING_DISCONNECT]: ItemStatus.ERROR,
    [ItemEvent.LOGIN_REPAIRED]: ItemStatus.ACTIVE,
    [ItemEvent.CALL_SUCCEEDED]: ItemStatus.ACTIVE,
    [ItemEvent.RELINKED]: ItemStatus.ACTIVE,
    [ItemEvent.REMOVED]: ItemStatus.REVOKED,
  },
  [ItemStatus.REVOKED]: {
    [ItemEvent.LOGIN_REQUIRED]: LEAVES_REVOKED_ONLY_BY_RELINK,
    [ItemEvent.ITEM_ERROR]: LEAVES_REVOKED_ONLY_BY_RELINK,
    [ItemEvent.ACCESS_REVOKED]: { ignored: 'the Item is already revoked' },
    [ItemEvent.PENDING_EXPIRATION]: LEAVES_REVOKED_ONLY_BY_RELINK,
    [ItemEvent.PENDING_DISCONNECT]: LEAVES_REVOKED_ONLY_BY_RELINK,
    [ItemEvent.LOGIN_REPAIRED]: LEAVES_REVOKED_ONLY_BY_RELINK,
    [ItemEvent.CALL_SUCCEEDED]: LEAVES_REVOKED_ONLY_BY_RELINK,
    [ItemEvent.RELINKED]: ItemStatus.ACTIVE,
    [ItemEvent.REMOVED]: ItemStatus.REVOKED,
  },
};

/** Why a change older than the last one applied is dropped. */
export const STALE_CHANGE = 'older than the last status change applied';

/** Where an Item stands, as far as deciding its next status needs. */
export interface ItemStatusState {
  status: ItemStatus;
  /** When the change last applied happened (whole seconds), or null before any. */
  lastEventAt: Date | null;
}

export type ItemTransition =
  /** Written: the status (maybe unchanged, with fresh details) and the moment it now stands for. */
  { applies: true; status: ItemStatus; eventAt: Date } | { applies: false; why: string };

/**
 * Plaid's webhook `iat` has whole-second resolution, so changes are ordered by the second; a
 * change of the same second as the last one applied arrived later and wins.
 */
export function eventSecond(occurredAt: Date): Date {
  return new Date(Math.floor(occurredAt.getTime() / 1000) * 1000);
}

/** The table's cell, without regard to time (a new Item's first status, a removal). */
export function nextItemStatus(status: ItemStatus, event: ItemEvent): ItemTransitionCell {
  return ITEM_TRANSITIONS[status][event];
}

/** What `event`, which happened at `occurredAt`, does to an Item in `state`: an older event than the last applied never moves it. */
export function decideItemTransition(state: ItemStatusState, event: ItemEvent, occurredAt: Date): ItemTransition {
  const eventAt = eventSecond(occurredAt);
  if (state.lastEventAt && eventAt.getTime() < state.lastEventAt.getTime()) return { applies: false, why: STALE_CHANGE };
  const cell = nextItemStatus(state.status, event);
  return typeof cell === 'string' ? { applies: true, status: cell, eventAt } : { applies: false, why: cell.ignored };
}

/** A new Item's status: ACTIVE, unless Plaid's reading of it names an event that moves it. */
export function newItemStatus(event: ItemEvent | undefined): ItemStatus {
  const cell = event ? nextItemStatus(ItemStatus.ACTIVE, event) : ItemStatus.ACTIVE;
  return typeof cell === 'string' ? cell : ItemStatus.ACTIVE;
}
