import { CounterpartyType, TransactionPaymentChannelEnum, TransactionTransactionTypeEnum } from './plaid-enums';
import { DAY_MS } from '../state/emulator-clock';
import type { Merchant } from './merchant-catalog';
import type { TransactionRole } from './sandbox-accounts';

/**
 * The regular money movements of a generated history: a biweekly salary, monthly rent,
 * monthly subscriptions and a weekly habit. They fall on fixed calendar days among the
 * random noise, so `/transactions/recurring/get` has real streams to find. Their merchants
 * are not in the noise catalog, so noise never blurs a series.
 */
export interface RecurringSeries {
  key: string;
  merchant: Merchant;
  role: TransactionRole;
  /** Whether the series has an occurrence on this day (epoch days, UTC). */
  occursOn(day: number): boolean;
}

const { Online, InStore, Other } = TransactionPaymentChannelEnum;
const { Digital, Place, Special } = TransactionTransactionTypeEnum;
/** Epoch day 0 (1970-01-01) was a Thursday. */
const FRIDAY = 1;
const SATURDAY = 2;

function dayOfMonth(day: number): number {
  return new Date(day * DAY_MS).getUTCDate();
}

function monthly(dayOfTheMonth: number): (day: number) => boolean {
  return (day) => dayOfMonth(day) === dayOfTheMonth;
}

function seriesMerchant(fields: Omit<Merchant, 'weight' | 'roles'>, role: TransactionRole): Merchant {
  return { ...fields, weight: 0, roles: [role] };
}

export const RECURRING_SERIES: readonly RecurringSeries[] = [
  {
    key: 'salary',
    role: 'checking',
    // Every other Friday.
    occursOn: (day) => (((day - FRIDAY) % 14) + 14) % 14 === 0,
    merchant: seriesMerchant(
      {
        name: 'Initech Payroll',
        rawDescription: 'INITECH INC DIR DEP PPD ID: 9876543210',
        merchantName: 'Initech',
        website: 'initech.com',
        pfcPrimary: 'INCOME',
        pfcDetailed: 'INCOME_WAGES',
        channel: Other,
        transactionType: Special,
        counterpartyType: CounterpartyType.IncomeSource,
        amount: [-2875, -2875],
        canBePending: false,
      },
      'checking',
    ),
  },
  {
    key: 'rent',
    role: 'checking',
    occursOn: monthly(1),
    merchant: seriesMerchant(
      {
        name: 'Parkview Apartments Rent',
        rawDescription: 'PARKVIEW APTS ONLINE PMT',
        merchantName: 'Parkview Apartments',
        website: null,
        pfcPrimary: 'RENT_AND_UTILITIES',
        pfcDetailed: 'RENT_AND_UTILITIES_RENT',
        channel: Online,
        transactionType: Special,
        counterpartyType: CounterpartyType.Merchant,
        amount: [1950, 1950],
        canBePending: false,
      },
      'checking',
    ),
  },
  {
    key: 'hulu',
    role: 'credit',
    occursOn: monthly(9),
    merchant: seriesMerchant(
      {
        name: 'Hulu',
        rawDescription: 'HULU 877-8244858 CA',
        merchantName: 'Hulu',
        website: 'hulu.com',
        pfcPrimary: 'ENTERTAINMENT',
        pfcDetailed: 'ENTERTAINMENT_TV_AND_MOVIES',
        channel: Online,
        transactionType: Digital,
        counterpartyType: CounterpartyType.Merchant,
        amount: [17.99, 17.99],
        canBePending: false,
      },
      'credit',
    ),
  },
  {
    key: 'gym',
    role: 'credit',
    occursOn: monthly(17),
    merchant: seriesMerchant(
      {
        name: 'Planet Fitness',
        rawDescription: 'PLANET FITNESS CLUB FEES',
        merchantName: 'Planet Fitness',
        website: 'planetfitness.com',
        pfcPrimary: 'PERSONAL_CARE',
        pfcDetailed: 'PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS',
        channel: Online,
        transactionType: Special,
        counterpartyType: CounterpartyType.Merchant,
        amount: [24.99, 24.99],
        canBePending: false,
      },
      'credit',
    ),
  },
  {
    key: 'audible',
    role: 'credit',
    occursOn: monthly(23),
    merchant: seriesMerchant(
      {
        name: 'Audible',
        rawDescription: 'AUDIBLE ADBL.CO/BILL NJ',
        merchantName: 'Audible',
        website: 'audible.com',
        pfcPrimary: 'GENERAL_MERCHANDISE',
        pfcDetailed: 'GENERAL_MERCHANDISE_BOOKSTORES_AND_NEWSSTANDS',
        channel: Online,
        transactionType: Digital,
        counterpartyType: CounterpartyType.Merchant,
        amount: [14.95, 14.95],
        canBePending: false,
      },
      'credit',
    ),
  },
  {
    key: 'farmers-market',
    role: 'credit',
    occursOn: (day) => ((day % 7) + 7) % 7 === SATURDAY,
    merchant: seriesMerchant(
      {
        name: 'Ferry Plaza Farmers Market',
        rawDescription: 'SQ *FERRY PLAZA FARMERS MKT',
        merchantName: 'Ferry Plaza Farmers Market',
        website: 'foodwise.org',
        pfcPrimary: 'FOOD_AND_DRINK',
        pfcDetailed: 'FOOD_AND_DRINK_GROCERIES',
        channel: InStore,
        transactionType: Place,
        counterpartyType: CounterpartyType.Merchant,
        amount: [24, 38],
        canBePending: true,
      },
      'credit',
    ),
  },
];

/** The series with an occurrence on a day, in a fixed order. */
export function seriesOn(day: number): RecurringSeries[] {
  return RECURRING_SERIES.filter((series) => series.occursOn(day));
}
