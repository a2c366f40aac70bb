import { CounterpartyType, TransactionPaymentChannelEnum, TransactionTransactionTypeEnum } from 'plaid';
import type { TransactionRole } from './sandbox-accounts';

/**
 * The merchants and money movements generated histories are made of, each with its
 * personal finance category (Plaid's PFC taxonomy), how it is paid and what it costs.
 * Positive amounts are money out of the account, negative ones money in, as in Plaid.
 */
export interface Merchant {
  /** Transaction `name` (Plaid's cleaned description). */
  name: string;
  /** Raw bank description, returned as `original_description` when asked for. */
  rawDescription: string;
  merchantName: string | null;
  website: string | null;
  pfcPrimary: string;
  pfcDetailed: string;
  channel: TransactionPaymentChannelEnum;
  transactionType: TransactionTransactionTypeEnum;
  counterpartyType: CounterpartyType | null;
  /** Amount range in dollars; equal bounds for fixed prices such as subscriptions. */
  amount: readonly [number, number];
  /** Relative frequency among the merchants allowed on an account. */
  weight: number;
  roles: readonly TransactionRole[];
  /** Card and point-of-sale payments show as pending for a day or two; payroll does not. */
  canBePending: boolean;
}

const SPENDING: readonly TransactionRole[] = ['checking', 'credit'];
const { Online, InStore, Other } = TransactionPaymentChannelEnum;
const { Digital, Place, Special } = TransactionTransactionTypeEnum;

function merchant(fields: Omit<Merchant, 'roles' | 'canBePending'> & Partial<Pick<Merchant, 'roles' | 'canBePending'>>): Merchant {
  return { roles: SPENDING, canBePending: true, ...fields };
}

export const MERCHANTS: readonly Merchant[] = [
  merchant({ name: 'Starbucks', rawDescription: 'STARBUCKS STORE 08342', merchantName: 'Starbucks', website: 'starbucks.com', pfcPrimary: 'FOOD_AND_DRINK', pfcDetailed: 'FOOD_AND_DRINK_COFFEE', channel: InStore, transactionType: Place, counterpartyType: CounterpartyType.Merchant, amount: [3.45, 14.9], weight: 9 }),
  merchant({ name: "McDonald's", rawDescription: "MCDONALD'S F2793", merchantName: "McDonald's", website: 'mcdonalds.com', pfcPrimary: 'FOOD_AND_DRINK', pfcDetailed: 'FOOD_AND_DRINK_FAST_FOOD', channel: InStore, transactionType: Place, counterpartyType: CounterpartyType.Merchant, amount: [4.99, 21.5], weight: 5 }),
  merchant({ name: 'KFC', rawDescription: 'KFC #J120028', merchantName: 'KFC', website: 'kfc.com', pfcPrimary: 'FOOD_AND_DRINK', pfcDetailed: 'FOOD_AND_DRINK_FAST_FOOD', channel: InStore, transactionType: Place, counterpartyType: CounterpartyType.Merchant, amount: [6.5, 28], weight: 2 }),
  merchant({ name: 'Chipotle Mexican Grill', rawDescription: 'CHIPOTLE 1472', merchantName: 'Chipotle Mexican Grill', website: 'chipotle.com', pfcPrimary: 'FOOD_AND_DRINK', pfcDetailed: 'FOOD_AND_DRINK_RESTAURANT', channel: InStore, transactionType: Place, counterpartyType: CounterpartyType.Merchant, amount: [9.8, 32], weight: 4 }),
  merchant({ name: 'DoorDash', rawDescription: 'DOORDASH*THAI BASIL', merchantName: 'DoorDash', website: 'doordash.com', pfcPrimary: 'FOOD_AND_DRINK', pfcDetailed: 'FOOD_AND_DRINK_RESTAURANT', channel: Online, transactionType: Digital, counterpartyType: CounterpartyType.Marketplace, amount: [18, 64], weight: 4 }),
  merchant({ name: 'Whole Foods Market', rawDescription: 'WHOLEFDS SFO 10236', merchantName: 'Whole Foods Market', website: 'wholefoodsmarket.com', pfcPrimary: 'FOOD_AND_DRINK', pfcDetailed: 'FOOD_AND_DRINK_GROCERIES', channel: InStore, transactionType: Place, counterpartyType: CounterpartyType.Merchant, amount: [22, 185], weight: 6 }),
  merchant({ name: "Trader Joe's", rawDescription: "TRADER JOE S #131", merchantName: "Trader Joe's", website: 'traderjoes.com', pfcPrimary: 'FOOD_AND_DRINK', pfcDetailed: 'FOOD_AND_DRINK_GROCERIES', channel: InStore, transactionType: Place, counterpartyType: CounterpartyType.Merchant, amount: [15, 120], weight: 5 }),
  merchant({ name: 'Uber', rawDescription: 'UBER 063015 SF**POOL**', merchantName: 'Uber', website: 'uber.com', pfcPrimary: 'TRANSPORTATION', pfcDetailed: 'TRANSPORTATION_TAXIS_AND_RIDE_SHARES', channel: Online, transactionType: Special, counterpartyType: CounterpartyType.Merchant, amount: [6.33, 48], weight: 5 }),
  merchant({ name: 'Lyft', rawDescription: 'LYFT *RIDE SUN 4PM', merchantName: 'Lyft', website: 'lyft.com', pfcPrimary: 'TRANSPORTATION', pfcDetailed: 'TRANSPORTATION_TAXIS_AND_RIDE_SHARES', channel: Online, transactionType: Special, counterpartyType: CounterpartyType.Merchant, amount: [7.1, 42], weight: 3 }),
  merchant({ name: 'Shell', rawDescription: 'SHELL OIL 57444363200', merchantName: 'Shell', website: 'shell.com', pfcPrimary: 'TRANSPORTATION', pfcDetailed: 'TRANSPORTATION_GAS', channel: InStore, transactionType: Place, counterpartyType: CounterpartyType.Merchant, amount: [24, 78], weight: 4 }),
  merchant({ name: 'United Airlines', rawDescription: 'UNITED 0162345678901', merchantName: 'United Airlines', website: 'united.com', pfcPrimary: 'TRAVEL', pfcDetailed: 'TRAVEL_FLIGHTS', channel: Online, transactionType: Special, counterpartyType: CounterpartyType.Merchant, amount: [129, 640], weight: 1, roles: ['credit'] }),
  merchant({ name: 'Airbnb', rawDescription: 'AIRBNB * HMQ4TX9Y2K', merchantName: 'Airbnb', website: 'airbnb.com', pfcPrimary: 'TRAVEL', pfcDetailed: 'TRAVEL_LODGING', channel: Online, transactionType: Digital, counterpartyType: CounterpartyType.Marketplace, amount: [180, 920], weight: 1, roles: ['credit'] }),
  merchant({ name: 'Amazon', rawDescription: 'AMAZON.COM*2K4LM8RT1 AMZN.COM/BILL WA', merchantName: 'Amazon', website: 'amazon.com', pfcPrimary: 'GENERAL_MERCHANDISE', pfcDetailed: 'GENERAL_MERCHANDISE_ONLINE_MARKETPLACES', channel: Online, transactionType: Digital, counterpartyType: CounterpartyType.Marketplace, amount: [7.99, 240], weight: 7 }),
  merchant({ name: 'Target', rawDescription: 'TARGET 00027623', merchantName: 'Target', website: 'target.com', pfcPrimary: 'GENERAL_MERCHANDISE', pfcDetailed: 'GENERAL_MERCHANDISE_SUPERSTORES', channel: InStore, transactionType: Place, counterpartyType: CounterpartyType.Merchant, amount: [12, 160], weight: 4 }),
  merchant({ name: 'Best Buy', rawDescription: 'BEST BUY 00014241', merchantName: 'Best Buy', website: 'bestbuy.com', pfcPrimary: 'GENERAL_MERCHANDISE', pfcDetailed: 'GENERAL_MERCHANDISE_ELECTRONICS', channel: InStore, transactionType: Place, counterpartyType: CounterpartyType.Merchant, amount: [19.99, 899], weight: 1, roles: ['credit'] }),
  merchant({ name: 'SparkFun', rawDescription: 'SPARKFUN ELECTRONICS', merchantName: 'SparkFun', website: 'sparkfun.com', pfcPrimary: 'GENERAL_MERCHANDISE', pfcDetailed: 'GENERAL_MERCHANDISE_ELECTRONICS', channel: Online, transactionType: Digital, counterpartyType: CounterpartyType.Merchant, amount: [8.95, 89.5], weight: 1 }),
  merchant({ name: 'Madison Bicycle Shop', rawDescription: 'MADISON BICYCLE SHOP', merchantName: 'Madison Bicycle Shop', website: null, pfcPrimary: 'GENERAL_MERCHANDISE', pfcDetailed: 'GENERAL_MERCHANDISE_SPORTING_GOODS', channel: InStore, transactionType: Place, counterpartyType: CounterpartyType.Merchant, amount: [25, 500], weight: 1 }),
  merchant({ name: 'CVS Pharmacy', rawDescription: 'CVS/PHARMACY #04512', merchantName: 'CVS Pharmacy', website: 'cvs.com', pfcPrimary: 'MEDICAL', pfcDetailed: 'MEDICAL_PHARMACIES_AND_SUPPLEMENTS', channel: InStore, transactionType: Place, counterpartyType: CounterpartyType.Merchant, amount: [4.29, 65], weight: 3 }),
  merchant({ name: 'Touchstone Climbing', rawDescription: 'TOUCHSTONE CLIMBING', merchantName: 'Touchstone Climbing', website: 'touchstoneclimbing.com', pfcPrimary: 'PERSONAL_CARE', pfcDetailed: 'PERSONAL_CARE_GYMS_AND_FITNESS_CENTERS', channel: InStore, transactionType: Place, counterpartyType: CounterpartyType.Merchant, amount: [78.5, 78.5], weight: 1 }),
  merchant({ name: 'Netflix', rawDescription: 'NETFLIX.COM 866-579-7172 CA', merchantName: 'Netflix', website: 'netflix.com', pfcPrimary: 'ENTERTAINMENT', pfcDetailed: 'ENTERTAINMENT_TV_AND_MOVIES', channel: Online, transactionType: Digital, counterpartyType: CounterpartyType.Merchant, amount: [15.49, 15.49], weight: 1, roles: ['credit'] }),
  merchant({ name: 'Spotify', rawDescription: 'Spotify USA 877-7781161 NY', merchantName: 'Spotify', website: 'spotify.com', pfcPrimary: 'ENTERTAINMENT', pfcDetailed: 'ENTERTAINMENT_MUSIC_AND_AUDIO', channel: Online, transactionType: Digital, counterpartyType: CounterpartyType.Merchant, amount: [10.99, 10.99], weight: 1, roles: ['credit'] }),
  merchant({ name: 'PG&E', rawDescription: 'PGANDE WEB ONLINE PAYMENT', merchantName: 'PG&E', website: 'pge.com', pfcPrimary: 'RENT_AND_UTILITIES', pfcDetailed: 'RENT_AND_UTILITIES_GAS_AND_ELECTRICITY', channel: Online, transactionType: Special, counterpartyType: CounterpartyType.Merchant, amount: [58, 182], weight: 1, roles: ['checking'], canBePending: false }),
  merchant({ name: 'Comcast', rawDescription: 'COMCAST CABLE COMM 800-COMCAST', merchantName: 'Comcast', website: 'xfinity.com', pfcPrimary: 'RENT_AND_UTILITIES', pfcDetailed: 'RENT_AND_UTILITIES_INTERNET_AND_CABLE', channel: Online, transactionType: Special, counterpartyType: CounterpartyType.Merchant, amount: [79.99, 79.99], weight: 1, roles: ['checking'], canBePending: false }),
  merchant({ name: 'Verizon Wireless', rawDescription: 'VZWRLSS*APOCC VISB', merchantName: 'Verizon', website: 'verizon.com', pfcPrimary: 'RENT_AND_UTILITIES', pfcDetailed: 'RENT_AND_UTILITIES_TELEPHONE', channel: Online, transactionType: Special, counterpartyType: CounterpartyType.Merchant, amount: [65, 140], weight: 1, canBePending: false }),
  merchant({ name: 'Greystar Rent Payment', rawDescription: 'GREYSTAR RENT WEB PMTS', merchantName: 'Greystar', website: 'greystar.com', pfcPrimary: 'RENT_AND_UTILITIES', pfcDetailed: 'RENT_AND_UTILITIES_RENT', channel: Online, transactionType: Special, counterpartyType: CounterpartyType.Merchant, amount: [1650, 2450], weight: 0.5, roles: ['checking'], canBePending: false }),
  merchant({ name: 'GEICO', rawDescription: 'GEICO *AUTO 800-841-3000 DC', merchantName: 'GEICO', website: 'geico.com', pfcPrimary: 'GENERAL_SERVICES', pfcDetailed: 'GENERAL_SERVICES_INSURANCE', channel: Online, transactionType: Special, counterpartyType: CounterpartyType.Merchant, amount: [96, 168], weight: 0.5, canBePending: false }),
  merchant({ name: 'Gusto Payroll', rawDescription: 'GUSTO PAY 123456 PPD ID: 9138864001', merchantName: 'Gusto', website: 'gusto.com', pfcPrimary: 'INCOME', pfcDetailed: 'INCOME_WAGES', channel: Other, transactionType: Special, counterpartyType: CounterpartyType.IncomeSource, amount: [-4200, -2400], weight: 1, roles: ['checking'], canBePending: false }),
  merchant({ name: 'Venmo', rawDescription: 'VENMO PAYMENT 1023456789 WEB ID: 3264681992', merchantName: 'Venmo', website: 'venmo.com', pfcPrimary: 'TRANSFER_OUT', pfcDetailed: 'TRANSFER_OUT_ACCOUNT_TRANSFER', channel: Online, transactionType: Special, counterpartyType: CounterpartyType.PaymentApp, amount: [10, 250], weight: 2, roles: ['checking'], canBePending: false }),
  merchant({ name: 'ATM Withdrawal', rawDescription: 'ATM WITHDRAWAL 003291 5TH AVE', merchantName: null, website: null, pfcPrimary: 'TRANSFER_OUT', pfcDetailed: 'TRANSFER_OUT_WITHDRAWAL', channel: InStore, transactionType: Place, counterpartyType: null, amount: [20, 200], weight: 1, roles: ['checking'], canBePending: false }),
  merchant({ name: 'CREDIT CARD 3333 PAYMENT *//', rawDescription: 'CREDIT CARD 3333 PAYMENT *//', merchantName: null, website: null, pfcPrimary: 'LOAN_PAYMENTS', pfcDetailed: 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT', channel: Other, transactionType: Special, counterpartyType: CounterpartyType.FinancialInstitution, amount: [25, 1200], weight: 1, roles: ['checking'], canBePending: false }),
  merchant({ name: 'AUTOMATIC PAYMENT - THANK', rawDescription: 'AUTOMATIC PAYMENT - THANK', merchantName: null, website: null, pfcPrimary: 'LOAN_PAYMENTS', pfcDetailed: 'LOAN_PAYMENTS_CREDIT_CARD_PAYMENT', channel: Other, transactionType: Special, counterpartyType: null, amount: [-1200, -25], weight: 1, roles: ['credit'], canBePending: false }),
  merchant({ name: 'Transfer to Savings', rawDescription: 'ONLINE TRANSFER TO SAV XXXXXX1111', merchantName: null, website: null, pfcPrimary: 'TRANSFER_OUT', pfcDetailed: 'TRANSFER_OUT_SAVINGS', channel: Online, transactionType: Special, counterpartyType: null, amount: [50, 500], weight: 0.7, roles: ['checking'], canBePending: false }),
  merchant({ name: 'Transfer from Checking', rawDescription: 'ONLINE TRANSFER FROM CHK XXXXXX0000', merchantName: null, website: null, pfcPrimary: 'TRANSFER_IN', pfcDetailed: 'TRANSFER_IN_ACCOUNT_TRANSFER', channel: Online, transactionType: Special, counterpartyType: null, amount: [-500, -50], weight: 3, roles: ['savings'], canBePending: false }),
  merchant({ name: 'INTRST PYMNT', rawDescription: 'INTRST PYMNT', merchantName: null, website: null, pfcPrimary: 'INCOME', pfcDetailed: 'INCOME_INTEREST_EARNED', channel: Other, transactionType: Special, counterpartyType: null, amount: [-4.22, -0.18], weight: 1, roles: ['savings'], canBePending: false }),
];

/** The merchants that can appear on an account with this role. */
export function merchantsFor(role: TransactionRole): readonly Merchant[] {
  return MERCHANTS.filter((candidate) => candidate.roles.includes(role));
}

/** Finds a catalog merchant named in a free-text description (sandbox-created transactions). */
export function merchantMentionedIn(description: string): Merchant | undefined {
  const text = description.toLowerCase();
  return MERCHANTS.find((candidate) => candidate.merchantName !== null && text.includes(candidate.merchantName.toLowerCase()));
}

export function merchantSlug(merchantName: string): string {
  return merchantName.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}
