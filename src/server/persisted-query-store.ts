/** One automatic persisted query to keep: the document under the hash its caller sent it with. */
export interface PersistedQueryRegistration {
  hash: string;
  document: string;
  /** The signed-in caller who sent it, whose quota it counts against. */
  userId: string;
}

/**
 * What became of a registration: kept (new, or an existing one's time renewed), or not
 * because its user's quota for the period is spent, the store holds APQ_MAX_ENTRIES
 * already, or the store cannot be reached.
 */
export type RegistrationOutcome = 'kept' | 'over-user-quota' | 'full' | 'unavailable';

/**
 * Where automatic persisted queries live, hash -> document. Bounded: APQ_MAX_ENTRIES in all,
 * APQ_REGISTRATIONS_PER_USER new ones per user per APQ_TTL_SECONDS; a lookup never throws
 * (a store that cannot answer misses, and the client sends the document in full).
 */
export interface PersistedQueryStore {
  get(hash: string): Promise<string | undefined>;
  register(registration: PersistedQueryRegistration): Promise<RegistrationOutcome>;
  close(): Promise<void>;
}
