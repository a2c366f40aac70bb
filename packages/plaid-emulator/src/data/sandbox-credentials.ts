import type { PlaidError } from 'plaid';
import type { SandboxProfile } from '../state/emulator-state';
import { EmulatedPlaidError, isItemStateErrorCode, plaidErrorBody } from '../errors/plaid-error';

export const SANDBOX_USERNAME = 'user_good';
export const SANDBOX_PASSWORD = 'pass_good';
export const DYNAMIC_USERNAME = 'user_transactions_dynamic';

export interface SandboxLogin {
  profile: SandboxProfile;
  /** The error the new Item starts in (`error_<CODE>` passwords), or null. */
  error: PlaidError | null;
}

/**
 * Reads sandbox credentials as Plaid's sandbox does: `user_good` / `pass_good`;
 * `user_transactions_dynamic` with any password; and a password `error_<CODE>` with
 * either user to get an Item in that error. Anything else is INVALID_CREDENTIALS.
 */
export function interpretSandboxLogin(username: string, password: string): SandboxLogin {
  const profile: SandboxProfile | null =
    username === SANDBOX_USERNAME ? 'user_good' : username === DYNAMIC_USERNAME ? 'user_transactions_dynamic' : null;
  if (profile === null) throw EmulatedPlaidError.of('INVALID_CREDENTIALS');
  const errorCode = /^error_([A-Z_]+)$/.exec(password)?.[1];
  if (errorCode !== undefined) {
    if (!isItemStateErrorCode(errorCode)) throw EmulatedPlaidError.of('INVALID_CREDENTIALS');
    return { profile, error: plaidErrorBody(errorCode) };
  }
  if (profile === 'user_good' && password !== SANDBOX_PASSWORD) throw EmulatedPlaidError.of('INVALID_CREDENTIALS');
  if (password.length === 0) throw EmulatedPlaidError.of('INVALID_CREDENTIALS');
  return { profile, error: null };
}
