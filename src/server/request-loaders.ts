import DataLoader from 'dataloader';
import type { UserProfileEntity } from '../entities/user-profile.entity';
import type { Services } from '../services/services';

/** Per-request batching: every relation a field resolver follows goes through one of these. */
export interface RequestLoaders {
  profileByUserId: DataLoader<string, UserProfileEntity | null>;
}

export function createRequestLoaders(services: Services): RequestLoaders {
  return {
    profileByUserId: new DataLoader((userIds) => services.profiles.findByUserIds(userIds)),
  };
}
