import type { UserProfileEntity } from '../entities/user-profile.entity';
import { badUserInput } from '../errors/domain-error';
import type { ProfileColumn, ProfileRepository } from '../repositories/profile.repository';

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

export interface ProfileServiceDependencies {
  profiles: ProfileRepository;
}

/** The user's own identity, which transfer validation matches against the bank's account owner. */
export class ProfileService {
  constructor(private readonly deps: ProfileServiceDependencies) {}

  async findByUserIds(userIds: readonly string[]): Promise<Array<UserProfileEntity | null>> {
    const rows = await this.deps.profiles.findByUserIds(userIds);
    const byId = new Map(rows.map((row) => [row.userId, row]));
    return userIds.map((id) => byId.get(id) ?? null);
  }

  /** Validates everything first, so a bad field changes nothing. */
  async update(userId: string, input: ProfileFields): Promise<UserProfileEntity> {
    const changes = toColumns(input);
    if (Object.keys(changes).length === 0) return this.deps.profiles.findOrEmpty(userId);
    return this.deps.profiles.upsert(userId, changes);
  }
}

function toColumns(input: ProfileFields): Partial<Record<ProfileColumn, string | null>> {
  const changes: Partial<Record<ProfileColumn, string | null>> = {};
  const set = (column: ProfileColumn, field: string, value: string | null | undefined, check?: (v: string) => string) => {
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
