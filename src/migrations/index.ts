import { InitialSchema1763715600000 } from './1763715600000-initial-schema';

/** In the order they apply. */
export const MIGRATIONS = [InitialSchema1763715600000];
