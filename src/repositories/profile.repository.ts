import type { DataSource, Repository } from 'typeorm';
import { UserProfileEntity } from '../entities/user-profile.entity';

/** The columns a user may set on their profile. */
export type ProfileColumn = keyof Omit<UserProfileEntity, 'userId' | 'createdAt' | 'updatedAt'>;

/** User profiles, one row per user. */
export class ProfileRepository {
  private readonly profiles: Repository<UserProfileEntity>;

  constructor(dataSource: DataSource) {
    this.profiles = dataSource.getRepository(UserProfileEntity);
  }

  findByUserIds(userIds: readonly string[]): Promise<UserProfileEntity[]> {
    return this.profiles
      .createQueryBuilder('profile')
      .where('profile.user_id = ANY(:ids)', { ids: [...userIds] })
      .getMany();
  }

  /** The user's profile, or an empty unsaved one. */
  async findOrEmpty(userId: string): Promise<UserProfileEntity> {
    return (await this.profiles.findOneBy({ userId })) ?? this.profiles.create({ userId });
  }

  /** Writes only the given columns (and `updated_at`), making the row on first use. */
  async upsert(userId: string, changes: Partial<Record<ProfileColumn, string | null>>): Promise<UserProfileEntity> {
    const columns = Object.keys(changes) as ProfileColumn[];
    await this.profiles
      .createQueryBuilder()
      .insert()
      .values({ userId, ...changes })
      .orUpdate([...columns.map(columnName), 'updated_at'], ['user_id'])
      .execute();
    return this.profiles.findOneByOrFail({ userId });
  }
}

function columnName(column: ProfileColumn): string {
  return column.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
