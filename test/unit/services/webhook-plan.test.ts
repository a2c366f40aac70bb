import { ItemEvent } from '../../../src/entities/item-state-machine';
import { WebhookOutcome } from '../../../src/entities/webhook-event.entity';
import type { WebhookPayload } from '../../../src/services/webhook-intake.service';
import { planWebhook, planWebhookBatch, type WebhookAction } from '../../../src/services/webhook-plan';

const webhook = (type: string, code: string, fields: Record<string, unknown> = {}): WebhookPayload => ({
  webhook_type: type,
  webhook_code: code,
  item_id: 'plaid-item',
  ...fields,
});

describe('the plan for one webhook', () => {
  it.each<[string, WebhookPayload, WebhookAction]>([
    ['SYNC_UPDATES_AVAILABLE', webhook('TRANSACTIONS', 'SYNC_UPDATES_AVAILABLE'), { kind: 'sync' }],
    ['INITIAL_UPDATE', webhook('TRANSACTIONS', 'INITIAL_UPDATE'), { kind: 'sync' }],
    ['HISTORICAL_UPDATE', webhook('TRANSACTIONS', 'HISTORICAL_UPDATE'), { kind: 'sync' }],
    ['DEFAULT_UPDATE', webhook('TRANSACTIONS', 'DEFAULT_UPDATE'), { kind: 'sync' }],
    ['TRANSACTIONS_REMOVED', webhook('TRANSACTIONS', 'TRANSACTIONS_REMOVED'), { kind: 'sync' }],
    ['TRANSACTIONS RECURRING_TRANSACTIONS_UPDATE', webhook('TRANSACTIONS', 'RECURRING_TRANSACTIONS_UPDATE'), { kind: 'recurring-refresh' }],
    [
      'AUTH',
      webhook('AUTH', 'AUTOMATICALLY_VERIFIED'),
      { kind: 'done', result: { outcome: WebhookOutcome.PROCESSED, note: 'AUTH AUTOMATICALLY_VERIFIED acknowledged' } },
    ],
    [
      'an unknown type',
      webhook('HOLDINGS', 'DEFAULT_UPDATE'),
      { kind: 'done', result: { outcome: WebhookOutcome.IGNORED, note: 'unhandled webhook HOLDINGS DEFAULT_UPDATE' } },
    ],
    [
      'ITEM ERROR',
      webhook('ITEM', 'ERROR', {
        error: { error_type: 'ITEM_ERROR', error_code: 'ITEM_LOGIN_REQUIRED', error_message: 'login', display_message: null },
      }),
      {
        kind: 'status',
        change: {
          event: ItemEvent.LOGIN_REQUIRED,
          reason: 'ITEM_LOGIN_REQUIRED',
          error: { type: 'ITEM_ERROR', code: 'ITEM_LOGIN_REQUIRED', message: 'login', displayMessage: null },
        },
        thenDeleteTransactions: false,
      },
    ],
    [
      'ITEM ERROR without an error',
      webhook('ITEM', 'ERROR'),
      {
        kind: 'status',
        change: {
          event: ItemEvent.ITEM_ERROR,
          reason: 'UNKNOWN',
          error: { type: 'ITEM_ERROR', code: 'UNKNOWN', message: '', displayMessage: null },
        },
        thenDeleteTransactions: false,
      },
    ],
    [
      'PENDING_EXPIRATION',
      webhook('ITEM', 'PENDING_EXPIRATION', { consent_expiration_time: '2026-12-31T00:00:00Z' }),
      {
        kind: 'status',
        change: { event: ItemEvent.PENDING_EXPIRATION, reason: 'PENDING_EXPIRATION', consentExpiresAt: new Date('2026-12-31T00:00:00Z') },
        thenDeleteTransactions: false,
      },
    ],
    [
      'PENDING_EXPIRATION without a date',
      webhook('ITEM', 'PENDING_EXPIRATION'),
      {
        kind: 'status',
        change: { event: ItemEvent.PENDING_EXPIRATION, reason: 'PENDING_EXPIRATION', consentExpiresAt: undefined },
        thenDeleteTransactions: false,
      },
    ],
    [
      'PENDING_DISCONNECT (disconnect_time first)',
      webhook('ITEM', 'PENDING_DISCONNECT', { disconnect_time: '2026-12-01T00:00:00Z', consent_expiration_time: '2026-12-31T00:00:00Z' }),
      {
        kind: 'status',
        change: { event: ItemEvent.PENDING_DISCONNECT, reason: 'PENDING_DISCONNECT', consentExpiresAt: new Date('2026-12-01T00:00:00Z') },
        thenDeleteTransactions: false,
      },
    ],
    [
      'LOGIN_REPAIRED',
      webhook('ITEM', 'LOGIN_REPAIRED'),
      { kind: 'status', change: { event: ItemEvent.LOGIN_REPAIRED, reason: 'LOGIN_REPAIRED', error: null }, thenDeleteTransactions: false },
    ],
    [
      'USER_PERMISSION_REVOKED',
      webhook('ITEM', 'USER_PERMISSION_REVOKED'),
      { kind: 'status', change: { event: ItemEvent.ACCESS_REVOKED, reason: 'USER_PERMISSION_REVOKED' }, thenDeleteTransactions: true },
    ],
    [
      'USER_ACCOUNT_REVOKED',
      webhook('ITEM', 'USER_ACCOUNT_REVOKED', { account_id: 'acc-1' }),
      { kind: 'revoke-account', plaidAccountId: 'acc-1' },
    ],
    [
      'USER_ACCOUNT_REVOKED without an account',
      webhook('ITEM', 'USER_ACCOUNT_REVOKED'),
      { kind: 'done', result: { outcome: WebhookOutcome.IGNORED, note: 'no account_id' } },
    ],
    ['NEW_ACCOUNTS_AVAILABLE', webhook('ITEM', 'NEW_ACCOUNTS_AVAILABLE'), { kind: 'new-accounts' }],
    [
      'WEBHOOK_UPDATE_ACKNOWLEDGED',
      webhook('ITEM', 'WEBHOOK_UPDATE_ACKNOWLEDGED', { new_webhook_url: 'https://new.example.com/webhooks/plaid' }),
      { kind: 'webhook-url', url: 'https://new.example.com/webhooks/plaid' },
    ],
    ['WEBHOOK_UPDATE_ACKNOWLEDGED without a URL', webhook('ITEM', 'WEBHOOK_UPDATE_ACKNOWLEDGED'), { kind: 'webhook-url', url: null }],
    [
      'an unknown ITEM code',
      webhook('ITEM', 'SOMETHING_NEW'),
      { kind: 'done', result: { outcome: WebhookOutcome.IGNORED, note: 'unhandled webhook ITEM SOMETHING_NEW' } },
    ],
  ])('%s', (_case, payload, action) => {
    expect(planWebhook(payload)).toEqual(action);
  });
});

describe('the plan for a batch of webhooks', () => {
  const now = Date.parse('2026-12-03T12:00:00Z');
  const item = (id: string) => ({ id, plaidItemId: `plaid-${id}` });
  const items = new Map([item('a'), item('b')].map((entry) => [entry.plaidItemId, entry]));
  let sequence = 0;
  const event = (plaidItemId: string | null, payload: WebhookPayload, ageMs = 0) => ({
    id: `event-${(sequence += 1)}`,
    plaidItemId,
    receivedAt: new Date(now - ageMs),
    payload,
  });

  it("sorts each webhook by what it asks for, keeping every Item's status changes in arrival order", () => {
    const sync = event('plaid-a', webhook('TRANSACTIONS', 'SYNC_UPDATES_AVAILABLE'));
    const error = event('plaid-a', webhook('ITEM', 'ERROR'));
    const repaired = event('plaid-a', webhook('ITEM', 'LOGIN_REPAIRED'));
    const revoked = event('plaid-b', webhook('ITEM', 'USER_PERMISSION_REVOKED'));
    const accounts = event('plaid-b', webhook('ITEM', 'NEW_ACCOUNTS_AVAILABLE'));
    const url = event('plaid-b', webhook('ITEM', 'WEBHOOK_UPDATE_ACKNOWLEDGED', { new_webhook_url: 'https://x/webhooks/plaid' }));
    const auth = event('plaid-b', webhook('AUTH', 'AUTOMATICALLY_VERIFIED'));
    const recurring = event('plaid-b', webhook('TRANSACTIONS', 'RECURRING_TRANSACTIONS_UPDATE'));
    const plan = planWebhookBatch([sync, error, revoked, accounts, repaired, url, auth, recurring], items, now);

    expect(plan.syncs).toEqual([{ event: sync, item: item('a') }]);
    expect(plan.recurringRefreshes).toEqual([{ event: recurring, item: item('b') }]);
    expect(plan.newAccounts).toEqual([{ event: accounts, item: item('b') }]);
    expect(plan.own).toEqual([{ event: url, item: item('b'), action: { kind: 'webhook-url', url: 'https://x/webhooks/plaid' } }]);
    expect(plan.statusChanges.map((queue) => queue.map(({ event: { id } }) => id))).toEqual([[error.id, repaired.id], [revoked.id]]);
    expect(plan.statusChanges[1][0].thenDeleteTransactions).toBe(true);
    expect(plan.settled).toEqual([
      { event: auth, item: item('b'), result: { outcome: WebhookOutcome.PROCESSED, note: 'AUTH AUTOMATICALLY_VERIFIED acknowledged' } },
    ]);
    expect(plan.notYetKnown).toEqual([]);
  });

  it.each([
    ['an unknown Item within the grace minute is retried', 'plaid-unknown', 59_000, 'retry'],
    ['an unknown Item past the grace minute is ignored', 'plaid-unknown', 60_000, 'ignored'],
    ['a webhook naming no Item is ignored', null, 0, 'ignored'],
  ])('%s', (_case, plaidItemId, ageMs, expected) => {
    const unknown = event(plaidItemId, webhook('TRANSACTIONS', 'INITIAL_UPDATE'), ageMs);
    const plan = planWebhookBatch([unknown], items, now);
    if (expected === 'retry') {
      expect(plan.notYetKnown).toEqual([unknown]);
      expect(plan.settled).toEqual([]);
    } else {
      expect(plan.notYetKnown).toEqual([]);
      expect(plan.settled).toEqual([
        { event: unknown, item: undefined, result: { outcome: WebhookOutcome.IGNORED, note: 'no such Item here' } },
      ]);
    }
    expect(plan.syncs).toEqual([]);
  });
});
