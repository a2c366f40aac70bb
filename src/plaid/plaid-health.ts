import type { PlaidCallObserver } from './plaid-client';

export type PlaidState = 'up' | 'down' | 'unknown';

/** Plaid's own error codes that mean Plaid (or the bank behind it) is not serving, not that the request was wrong. */
const OUTAGE_OUTCOMES = new Set([
  'timeout',
  'network',
  'INTERNAL_SERVER_ERROR',
  'PLANNED_MAINTENANCE',
  'INSTITUTION_DOWN',
  'INSTITUTION_NOT_RESPONDING',
  'RATE_LIMIT_EXCEEDED',
]);

/**
 * What /readyz says about Plaid, from the calls the gateway made anyway (a probe must not
 * spend Plaid's rate limits): the last call's outcome. Plaid being down never makes the
 * gateway unready: cached reads still work.
 */
export class PlaidHealth {
  private state: PlaidState = 'unknown';

  readonly observe: PlaidCallObserver = ({ outcome }) => {
    if (outcome === 'ok') this.state = 'up';
    else if (OUTAGE_OUTCOMES.has(outcome)) this.state = 'down';
  };

  get current(): PlaidState {
    return this.state;
  }
}
