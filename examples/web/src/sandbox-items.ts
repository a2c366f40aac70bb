/**
 * The Items this browser linked as Plaid's sandbox user `user_transactions_dynamic`, the only
 * ones `/sandbox/transactions/create` accepts. The API cannot say which user an Item was
 * linked with (nor can Plaid), so the app remembers the ones it linked that way itself.
 */
const STORAGE_KEY = 'plaid-gateway-demo:transactions-dynamic-items';

export const DYNAMIC_SANDBOX_USER = 'user_transactions_dynamic';

export function dynamicItemIds(): Set<string> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return new Set(Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : []);
  } catch {
    // Unreadable (edited by hand, or storage refused): as if nothing were remembered.
    return new Set();
  }
}

export function rememberDynamicItem(itemId: string): Set<string> {
  const ids = dynamicItemIds().add(itemId);
  localStorage.setItem(STORAGE_KEY, JSON.stringify([...ids]));
  return ids;
}
