import type {
  AddressDataNullableNoRequiredFields,
  AddressMatchScore,
  EmailAddressMatchScore,
  IdentityMatchUser,
  NameMatchScore,
  Owner,
  PhoneNumberMatchScore,
} from 'plaid';

/**
 * Identity match on Plaid's 0-100 scale: 100 is the same value, roughly 70 and above is
 * what Plaid calls a likely match, and unrelated values land well below that.
 */
export interface IdentityMatchScores {
  legal_name: NameMatchScore;
  phone_number: PhoneNumberMatchScore;
  email_address: EmailAddressMatchScore;
  address: AddressMatchScore;
}

/**
 * A field the client did not send has nothing to be scored against: every member is null
 * (the spec allows the whole object to be null; the official client types it as present).
 */
const UNSCORED_NAME: NameMatchScore = {
  score: null,
  is_first_name_or_last_name_match: null,
  is_nickname_match: null,
  is_business_name_detected: null,
};

const NICKNAMES: Readonly<Record<string, readonly string[]>> = {
  alberta: ['bert', 'berta', 'allie'],
  robert: ['bob', 'bobby', 'rob', 'robbie'],
  william: ['bill', 'billy', 'will', 'liam'],
  elizabeth: ['liz', 'beth', 'lizzie', 'betty'],
  michael: ['mike', 'mikey'],
  james: ['jim', 'jimmy', 'jamie'],
  katherine: ['kate', 'katie', 'kathy'],
  daniel: ['dan', 'danny'],
  margaret: ['maggie', 'peggy', 'meg'],
  richard: ['rick', 'dick', 'rich'],
};

const BUSINESS_MARKERS = new Set(['llc', 'inc', 'corp', 'corporation', 'ltd', 'co', 'company', 'lp', 'llp']);

const STREET_ABBREVIATIONS: Readonly<Record<string, string>> = {
  road: 'rd',
  street: 'st',
  avenue: 'ave',
  lane: 'ln',
  drive: 'dr',
  boulevard: 'blvd',
  court: 'ct',
  place: 'pl',
  north: 'n',
  south: 's',
  east: 'e',
  west: 'w',
  apartment: 'apt',
  suite: 'ste',
};

function normalizeText(value: string): string {
  return value
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9\s]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 1 for equal strings, falling towards 0 with the Levenshtein distance. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return 1 - previous[b.length] / Math.max(a.length, b.length);
}

function isNickname(a: string, b: string): boolean {
  return (NICKNAMES[a]?.includes(b) ?? false) || (NICKNAMES[b]?.includes(a) ?? false);
}

function scoreName(provided: string, ownerName: string): NameMatchScore {
  const given = normalizeText(provided).split(' ').filter(Boolean);
  const owner = normalizeText(ownerName).split(' ').filter(Boolean);
  const businessDetected = given.some((token) => BUSINESS_MARKERS.has(token));
  const result = (score: number, firstOrLast: boolean, nickname: boolean): NameMatchScore => ({
    score: Math.max(0, Math.min(100, Math.round(score))),
    is_first_name_or_last_name_match: firstOrLast,
    is_nickname_match: nickname,
    is_business_name_detected: businessDetected,
  });
  if (given.length === 0 || owner.length === 0) return result(0, false, false);
  const ratio = similarity(given.join(' '), owner.join(' '));
  if (ratio === 1) return result(100, true, false);

  const nickname = isNickname(given[0], owner[0]);
  const firstMatches = given[0] === owner[0] || nickname;
  const lastMatches = given[given.length - 1] === owner[owner.length - 1];
  let score: number;
  if (firstMatches && lastMatches) {
    const givenMiddles = given.slice(1, -1);
    const middlesAgree = givenMiddles.every((token) => owner.slice(1, -1).some((m) => m === token || m.startsWith(token)));
    score = (middlesAgree ? 92 : 84) - (nickname ? 6 : 0);
  } else if (firstMatches || lastMatches) {
    score = 50 + ratio * 15;
  } else {
    score = ratio * 60;
  }
  // A typo in an otherwise identical name still reads as the same person.
  if (ratio >= 0.85) score = Math.max(score, ratio * 100);
  return result(score, firstMatches || lastMatches, nickname);
}

function scoreEmail(provided: string, ownerEmail: string): number {
  const a = provided.trim().toLowerCase();
  const b = ownerEmail.trim().toLowerCase();
  if (a === b) return 100;
  const [localA] = a.split('@');
  const [localB] = b.split('@');
  if (localA && localA === localB) return 60;
  return Math.round(similarity(a, b) * 50);
}

function phoneDigits(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

function scorePhone(provided: string, ownerPhone: string): number {
  const a = phoneDigits(provided);
  const b = phoneDigits(ownerPhone);
  if (a.length === 0) return 0;
  if (a === b) return 100;
  if (a.length >= 7 && a.slice(-7) === b.slice(-7)) return 70;
  return Math.round(similarity(a, b) * 40);
}

function normalizeStreet(street: string): string {
  return normalizeText(street)
    .split(' ')
    .map((token) => STREET_ABBREVIATIONS[token] ?? token)
    .join(' ');
}

function postalPrefix(postal: string | null | undefined): string | null {
  const digits = (postal ?? '').replace(/\s/g, '').toLowerCase();
  return digits.length > 0 ? digits.slice(0, 5) : null;
}

function scoreAddress(provided: AddressDataNullableNoRequiredFields, owner: Owner['addresses'][number]['data']): AddressMatchScore {
  const givenPostal = postalPrefix(provided.postal_code);
  const postalMatch = givenPostal === null ? null : givenPostal === postalPrefix(owner.postal_code);
  const ratio = provided.street ? similarity(normalizeStreet(provided.street), normalizeStreet(owner.street)) : 0;
  let score: number;
  if (ratio >= 0.8) score = ratio * 100 - (postalMatch === false ? 15 : 0) - (postalMatch === null && ratio === 1 ? 10 : 0);
  else if (postalMatch) score = 30 + ratio * 30;
  else score = ratio * 50;
  return { score: Math.max(0, Math.round(score)), is_postal_code_match: postalMatch };
}

function best<T extends { score?: number | null }>(candidates: T[], none: T): T {
  let top: T | null = null;
  for (const candidate of candidates) {
    if (top === null || (candidate.score ?? 0) > (top.score ?? 0)) top = candidate;
  }
  return top ?? none;
}

/** Scores what the client knows about its user against an account's owners (best owner wins). */
export function matchIdentity(user: IdentityMatchUser | undefined, owners: readonly Owner[]): IdentityMatchScores {
  const legalName = user?.legal_name;
  const phone = user?.phone_number;
  const email = user?.email_address;
  const address = user?.address;
  return {
    legal_name: legalName
      ? best(
          owners.flatMap((owner) => owner.names.map((name) => scoreName(legalName, name))),
          UNSCORED_NAME,
        )
      : UNSCORED_NAME,
    phone_number: phone
      ? best<PhoneNumberMatchScore>(
          owners.flatMap((owner) => owner.phone_numbers.map((p) => ({ score: scorePhone(phone, p.data) }))),
          { score: null },
        )
      : { score: null },
    email_address: email
      ? best<EmailAddressMatchScore>(
          owners.flatMap((owner) => owner.emails.map((e) => ({ score: scoreEmail(email, e.data) }))),
          { score: null },
        )
      : { score: null },
    address: address?.street
      ? best(
          owners.flatMap((owner) => owner.addresses.map((a) => scoreAddress(address, a.data))),
          { score: null, is_postal_code_match: null },
        )
      : { score: null, is_postal_code_match: null },
  };
}
