import { AxiosError } from 'axios';
import { PlaidErrorType, type PlaidError } from 'plaid';
import { ItemEvent } from '../../../src/entities/item-state-machine';
import { ItemStatus } from '../../../src/entities/item-status';
import type { StatusChange } from '../../../src/entities/item-status-change';
import { DomainError, badUserInput } from '../../../src/errors/domain-error';
import { ItemPlaid } from '../../../src/plaid/item-plaid';
import { PlaidApiError } from '../../../src/plaid/plaid-api-error';
import type { PlaidClient } from '../../../src/plaid/plaid-client';

const item = { id: '6f1c2a52-8b3e-4d0a-9c65-0d8f1f4b2a10', accessTokenKeyId: 'k1', accessTokenCiphertext: Buffer.from('sealed') };
const plaidError = (type: PlaidErrorType, code: string): PlaidError => ({
  error_type: type,
  error_code: code,
  error_message: `${code} message`,
  display_message: null,
  request_id: 'req-1',
});

describe("ItemPlaid, the one door for an Item's Plaid calls", () => {
  let outcome: () => Promise<unknown>;
  let requests: Array<{ method: string; request: unknown; options: unknown }>;
  let changes: Array<{ itemId: string; change: StatusChange }>;
  let door: ItemPlaid;

  beforeEach(() => {
    requests = [];
    changes = [];
    outcome = () => Promise.resolve({ accounts: [] });
    const plaid: Pick<PlaidClient, 'call'> = {
      call: ((method: string, request: unknown, options: unknown) => {
        requests.push({ method, request, options });
        return outcome();
      }) as PlaidClient['call'],
    };
    door = new ItemPlaid({
      plaid,
      openAccessToken: (sealed) => `access-of-${sealed.id}`,
      applyStatusChange: async (itemId, change) => {
        changes.push({ itemId, change });
      },
    });
  });

  it('opens the sealed token into the request and passes the client options on', async () => {
    await door.call(item, 'accountsBalanceGet', { options: { account_ids: ['a'] } }, { retryRateLimits: false });
    expect(requests).toEqual([
      {
        method: 'accountsBalanceGet',
        request: { options: { account_ids: ['a'] }, access_token: `access-of-${item.id}` },
        options: { retryRateLimits: false },
      },
    ]);
    expect(changes).toEqual([]);
  });

  it.each([
    [PlaidErrorType.ItemError, 'ITEM_LOGIN_REQUIRED', ItemEvent.LOGIN_REQUIRED, 'ITEM_LOGIN_REQUIRED'],
    [PlaidErrorType.ItemError, 'USER_PERMISSION_REVOKED', ItemEvent.ACCESS_REVOKED, 'USER_PERMISSION_REVOKED'],
    [PlaidErrorType.ItemError, 'ITEM_NOT_FOUND', ItemEvent.ACCESS_REVOKED, 'ITEM_NOT_FOUND'],
    [PlaidErrorType.RateLimitExceeded, 'RATE_LIMIT_EXCEEDED', undefined, 'RATE_LIMITED'],
    [PlaidErrorType.InstitutionError, 'INSTITUTION_DOWN', undefined, 'PLAID_UNAVAILABLE'],
  ])('on %s %s: reports %s once, then throws %s with the item id', async (type, code, event, domainCode) => {
    outcome = () => Promise.reject(PlaidApiError.fromPlaidError('transactionsSync', plaidError(type, code)));
    const thrown = await door.call(item, 'transactionsSync', { count: 10 }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: domainCode, details: { itemId: item.id, plaidErrorCode: code } });
    expect(changes.map(({ itemId, change }) => ({ itemId, event: change.event, reason: change.reason }))).toEqual(
      event ? [{ itemId: item.id, event, reason: code }] : [],
    );
  });

  it("throws the caller's reading of an error when it has one, after recording the status", async () => {
    outcome = () =>
      Promise.reject(PlaidApiError.fromPlaidError('sandboxItemResetLogin', plaidError(PlaidErrorType.ItemError, 'ITEM_LOGIN_REQUIRED')));
    const refused = badUserInput('refused');
    await expect(door.call(item, 'sandboxItemResetLogin', {}, { readError: () => refused })).rejects.toBe(refused);
    expect(changes).toHaveLength(1);
  });

  it('keeps the contract reading when the caller has none for this error', async () => {
    const timeout = PlaidApiError.from('authGet', new AxiosError('timeout of 1ms exceeded', 'ECONNABORTED'));
    outcome = () => Promise.reject(timeout);
    await expect(door.call(item, 'authGet', {}, { readError: () => undefined })).rejects.toMatchObject({
      code: 'PLAID_UNAVAILABLE',
      details: { itemId: item.id },
    });
    expect(changes).toEqual([]);
  });

  it('lets any other failure through as it is', async () => {
    const bug = new TypeError('not Plaid');
    outcome = () => Promise.reject(bug);
    await expect(door.call(item, 'itemGet', {})).rejects.toBe(bug);
    expect(changes).toEqual([]);
  });

  it('fails several calls with one token as one call would', async () => {
    const thrown = await door
      .run(item, async (accessToken) => {
        expect(accessToken).toBe(`access-of-${item.id}`);
        throw PlaidApiError.fromPlaidError('itemGet', plaidError(PlaidErrorType.ItemError, 'ITEM_LOGIN_REQUIRED'));
      })
      .catch((error: unknown) => error);
    expect(thrown).toMatchObject({ code: 'ITEM_LOGIN_REQUIRED', details: { itemId: item.id } });
    expect(changes).toHaveLength(1);
  });

  it("records an Item error Plaid reported in a successful answer, whatever its code, and answers the contract's error", async () => {
    const error = await door.reportItemError(item, 'itemGet', plaidError(PlaidErrorType.ItemError, 'ITEM_LOCKED'));
    expect(error).toMatchObject({ code: 'ITEM_ERROR', details: { itemId: item.id, plaidErrorCode: 'ITEM_LOCKED' } });
    expect(changes).toEqual([{ itemId: item.id, change: expect.objectContaining({ event: ItemEvent.ITEM_ERROR, reason: 'ITEM_LOCKED' }) }]);
  });

  it.each([
    [ItemStatus.ERROR, [ItemEvent.CALL_SUCCEEDED]],
    [ItemStatus.ACTIVE, []],
    [ItemStatus.LOGIN_REQUIRED, []],
    [ItemStatus.REVOKED, []],
  ])('item 6: a success reported for an Item in %s reports %j', async (status, events) => {
    const askedAt = new Date();
    await door.recordSuccess({ id: item.id, status }, askedAt);
    expect(changes).toEqual(
      events.map((event) => ({ itemId: item.id, change: { event, reason: 'CALL_SUCCEEDED', occurredAt: askedAt, error: null } })),
    );
  });
});
