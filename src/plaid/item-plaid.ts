import type { PlaidError } from 'plaid';
import { ItemEvent, nextItemStatus } from '../entities/item-state-machine';
import type { ItemEntity } from '../entities/item.entity';
import type { StatusChange } from '../entities/item-status-change';
import { PlaidApiError } from './plaid-api-error';
import type { PlaidCallOptions, PlaidClient, PlaidMethod, RequestOf, ResponseOf } from './plaid-client';
import { toDomainError } from './plaid-error-mapping';
import { failedCallChange, itemErrorChange } from './item-status-for-error';

/** The Plaid methods that act on one Item, by its access token. */
export type ItemMethod = { [M in PlaidMethod]: RequestOf<M> extends { access_token: string } ? M : never }[PlaidMethod];

/** An Item method's request without the access token, which the door adds. */
export type ItemRequestOf<M extends ItemMethod> = Omit<RequestOf<M>, 'access_token'>;

export type SealedItem = Pick<ItemEntity, 'id' | 'accessTokenKeyId' | 'accessTokenCiphertext'>;

export interface ItemCallOptions extends PlaidCallOptions {
  /** The caller's own reading of some Plaid errors (e.g. bad input); undefined keeps the contract's reading. */
  readError?: (error: PlaidApiError) => Error | undefined;
}

export interface ItemPlaidDependencies {
  plaid: Pick<PlaidClient, 'call'>;
  openAccessToken: (item: SealedItem) => string;
  /** Stores an Item's status change and tells its subscribers once it has committed. */
  applyStatusChange: (itemId: string, change: StatusChange) => Promise<unknown>;
}

/**
 * The one door for a Plaid call on an Item: it opens the sealed access token, calls through
 * the Plaid client, and on a Plaid error reports the event the error names to the Item's state
 * machine (ITEM_LOGIN_REQUIRED and the others `failedCallChange` knows) before the caller sees
 * the contract's error, with the Item's id.
 */
export class ItemPlaid {
  constructor(private readonly deps: ItemPlaidDependencies) {}

  call<M extends ItemMethod>(
    item: SealedItem,
    method: M,
    request: ItemRequestOf<M>,
    options: ItemCallOptions = {},
  ): Promise<ResponseOf<M>> {
    const { readError, ...callOptions } = options;
    // The spread loses which method's request it is; the keys are exactly RequestOf<M>'s.
    const call = (accessToken: string) => this.deps.plaid.call(method, { ...request, access_token: accessToken }, callOptions);
    return this.run(item, call, readError);
  }

  /** Several calls with the Item's token (e.g. every page of a sync), failing as one call would. */
  async run<T>(
    item: SealedItem,
    work: (accessToken: string) => Promise<T>,
    readError?: (error: PlaidApiError) => Error | undefined,
  ): Promise<T> {
    try {
      return await work(this.deps.openAccessToken(item));
    } catch (error) {
      if (!(error instanceof PlaidApiError)) throw error;
      const change = failedCallChange(error);
      if (change) await this.deps.applyStatusChange(item.id, { ...change, occurredAt: new Date() });
      throw readError?.(error) ?? toDomainError(error, { itemId: item.id });
    }
  }

  /**
   * A call that proves the Item works (a sync's every page) succeeded: an Item in a status a
   * success ends (ERROR) is ACTIVE again. Dated from when the call was asked, so an error
   * reported meanwhile is not overwritten by it.
   */
  async recordSuccess(item: Pick<ItemEntity, 'id' | 'status'>, askedAt: Date): Promise<void> {
    if (typeof nextItemStatus(item.status, ItemEvent.CALL_SUCCEEDED) !== 'string') return;
    await this.deps.applyStatusChange(item.id, {
      event: ItemEvent.CALL_SUCCEEDED,
      reason: 'CALL_SUCCEEDED',
      occurredAt: askedAt,
      error: null,
    });
  }

  /** An Item error Plaid reported inside a successful answer (`item.error` of /item/get): stored, and read as the contract's error. */
  async reportItemError(item: SealedItem, endpoint: ItemMethod, error: PlaidError): Promise<Error> {
    await this.deps.applyStatusChange(item.id, { ...itemErrorChange(error), occurredAt: new Date() });
    return toDomainError(PlaidApiError.fromPlaidError(endpoint, error), { itemId: item.id });
  }
}
