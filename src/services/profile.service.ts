import type { DataSource, Repository } from 'typeorm';
import { UserProfileEntity } from '../entities/user-profile.entity';
import { badUserInput } from '../errors/domain-error';

export interface AddressFields {
  street?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

export interface ProfileFields {
  legalName?: string | null;
  email?: string | null;
  phoneNumber?: string | null;
  address?: AddressFields | null;
}

const MAX_TEXT = 200;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** E.164, the form Plaid's /identity/match expects. */
const PHONE = /^\+[1-9]\d{6,14}$/;
const COUNTRY = /^[A-Z]{2}$/;

type Column = keyof Omit<UserProfileEntity, 'userId' | 'createdAt' | 'updatedAt'>;

export interface ProfileServiceDependencies {
  dataSource: DataSource;
}

/** The user's own identity, which transfer validation matches against the bank's account owner. */
export class ProfileService {
  private readonly profiles: Repository<UserProfileEntity>;

  constructor(deps: ProfileServiceDependencies) {
    this.profiles = deps.dataSource.getRepository(UserProfileEntity);
  }

  async findByUserIds(userIds: readonly string[]): Promise<Array<UserProfileEntity | null>> {
    const rows = await this.profiles
      .createQueryBuilder('profile')
      .where('profile.user_id = ANY(:ids)', { ids: [...userIds] })
      .getMany();
    const byId = new Map(rows.map((row) => [row.userId, row]));
    return userIds.map((id) => byId.get(id) ?? null);
  }

  /** Validates everything first, so a bad field changes nothing. */
  async update(userId: string, input: ProfileFields): Promise<UserProfileEntity> {
    const changes = toColumns(input);
    const columns = Object.keys(changes) as Column[];
    if (columns.length === 0) {
      return (await this.profiles.findOneBy({ userId })) ?? this.profiles.create({ userId });
    }
    await this.profiles
      .createQueryBuilder()
      .insert()
      .values({ userId, ...changes })
      .orUpdate([...columns.map(columnName), 'updated_at'], ['user_id'])
      .execute();
    return this.profiles.findOneByOrFail({ userId });
  }
}

function columnName(column: Column): string {
  return column.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

function toColumns(input: ProfileFields): Partial<Record<Column, string | null>> {
  const changes: Partial<Record<Column, string | null>> = {};
  const set = (column: Column, field: string, value: string | null | undefined, check?: (v: string) => string) => {
    if (value === undefined) return;
    const trimmed = value === null ? '' : value.trim();
    if (trimmed.length > MAX_TEXT) throw badUserInput(`${field} must be at most ${MAX_TEXT} characters`, field);
    changes[column] = trimmed === '' ? null : check ? check(trimmed) : trimmed;
  };
  set('legalName', 'legalName', input.legalName);
  set('email', 'email', input.email, (email) => {
    if (!EMAIL.test(email)) throw badUserInput('email is not a valid email address', 'email');
    return email.toLowerCase();
  });
  set('phoneNumber', 'phoneNumber', input.phoneNumber, (phone) => {
    const compact = phone.replace(/[\s().-]/g, '');
    if (!PHONE.test(compact)) throw badUserInput('phoneNumber must be in E.164 form, e.g. +14155550123', 'phoneNumber');
    return compact;
  });
  if (input.address !== undefined) {
    const address = input.address ?? { street: null, city: null, region: null, postalCode: null, country: null };
    set('addressStreet', 'address.street', address.street);
    set('addressCity', 'address.city', address.city);
    set('addressRegion', 'address.region', address.region);
    set('addressPostalCode', 'address.postalCode', address.postalCode);
    set('addressCountry', 'address.country', address.country, (country) => {
      const upper = country.toUpperCase();
      if (!COUNTRY.test(upper)) throw badUserInput('address.country must be an ISO 3166-1 alpha-2 code, e.g. US', 'address.country');
      return upper;
    });
  }
  return changes;
}
