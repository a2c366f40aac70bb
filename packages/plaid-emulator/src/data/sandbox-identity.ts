import type { Owner } from 'plaid';
import { EmailTypeEnum, PhoneNumberTypeEnum } from './plaid-enums';
import { SeededRandom } from './seeded-random';

/** The account holder of Plaid's sandbox test users, as `/identity/get` reports them. */
export const SANDBOX_OWNER: Owner = {
  names: ['Alberta Bobbeth Charleson'],
  phone_numbers: [
    { data: '+1 111-555-3333', primary: false, type: PhoneNumberTypeEnum.Home },
    { data: '+1 111-555-4444', primary: false, type: PhoneNumberTypeEnum.Work },
    { data: '+1 111-555-5555', primary: false, type: PhoneNumberTypeEnum.Mobile },
  ],
  emails: [
    { data: 'accountholder0@example.com', primary: true, type: EmailTypeEnum.Primary },
    { data: 'accountholder1@example.com', primary: false, type: EmailTypeEnum.Secondary },
    { data: 'extraordinarily.long.email.username.123456@reallylonghostname.com', primary: false, type: EmailTypeEnum.Other },
  ],
  addresses: [
    { data: { city: 'Malakoff', region: 'NY', street: '2992 Cameron Road', postal_code: '14236', country: 'US' }, primary: true },
    { data: { city: 'San Matias', region: 'CA', street: '2493 Leisure Lane', postal_code: '93405-2255', country: 'US' }, primary: false },
  ],
};

const FIRST_NAMES = [
  'James',
  'Maria',
  'Robert',
  'Aisha',
  'Wei',
  'Sofia',
  'Daniel',
  'Priya',
  'Michael',
  'Elena',
  'Kwame',
  'Hannah',
  'Luis',
  'Yuki',
  'Omar',
  'Grace',
];
const MIDDLE_NAMES = ['Lee', 'Ann', 'Marie', 'James', 'Rose', 'Alan', 'Jo', 'Kai'];
const LAST_NAMES = [
  'Okafor',
  'Nguyen',
  'Garcia',
  'Smith',
  'Patel',
  'Kowalski',
  'Johnson',
  'Haddad',
  'Tanaka',
  'Silva',
  'Brown',
  'Müller',
  'Rossi',
  'Kim',
  'Andersen',
  'Dubois',
];
const STREETS = ['Maple Avenue', 'Oak Street', 'Cedar Lane', 'Pine Road', 'Elm Court', 'Birch Boulevard', 'Willow Way', 'Harbor Drive'];
const CITIES = [
  { city: 'Austin', region: 'TX', postal_code: '78701' },
  { city: 'Denver', region: 'CO', postal_code: '80202' },
  { city: 'Portland', region: 'OR', postal_code: '97204' },
  { city: 'Columbus', region: 'OH', postal_code: '43215' },
  { city: 'Raleigh', region: 'NC', postal_code: '27601' },
  { city: 'Madison', region: 'WI', postal_code: '53703' },
];

/**
 * An account holder made up from the seed, for Items the control API generates: each
 * such Item gets its own person, and the same seed gives the same person.
 */
export function generatedOwner(seed: string): Owner {
  const random = SeededRandom.fromString(`${seed}|owner`);
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const place = random.pick(CITIES);
  const local = `${first}.${last}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z.]/g, '');
  const areaCode = random.int(201, 989);
  const phone = (suffix: number) => `+1 ${areaCode}-555-${String(suffix).padStart(4, '0')}`;
  return {
    names: [`${first} ${random.pick(MIDDLE_NAMES)} ${last}`],
    phone_numbers: [
      { data: phone(random.int(1000, 9999)), primary: true, type: PhoneNumberTypeEnum.Mobile },
      { data: phone(random.int(1000, 9999)), primary: false, type: PhoneNumberTypeEnum.Home },
    ],
    emails: [
      { data: `${local}@example.com`, primary: true, type: EmailTypeEnum.Primary },
      { data: `${local}${random.int(1, 99)}@example.org`, primary: false, type: EmailTypeEnum.Secondary },
    ],
    addresses: [
      {
        data: { street: `${random.int(10, 9999)} ${random.pick(STREETS)}`, country: 'US', ...place },
        primary: true,
      },
    ],
  };
}
