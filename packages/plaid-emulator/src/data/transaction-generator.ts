import type { Location, PaymentMeta, Transaction, TransactionCounterparty } from 'plaid';
import { TransactionPaymentChannelEnum } from './plaid-enums';
import { DAY_MS, isoDate } from '../state/emulator-clock';
import { merchantSlug, merchantsFor, type Merchant } from './merchant-catalog';
import { derivedPlaidId } from '../state/plaid-id';
import { seriesOn, type RecurringSeries } from './recurring-series';
import type { TransactionRole } from './sandbox-accounts';
import { hashString, mixSeed, SeededRandom } from './seeded-random';

export interface TransactionAccount {
  account_id: string;
  role: TransactionRole;
}

/** Everything a generated history depends on; stored with the Item, never the rows themselves. */
export interface GenerationPlan {
  seed: string;
  itemId: string;
  count: number;
  historyDays: number;
  /** Day (epoch days, UTC) the history ends on: the Item's creation day. */
  anchorDay: number;
  accounts: readonly TransactionAccount[];
}

/** Card payments made in the last two days are still pending, as at a real bank. */
const PENDING_DAYS = 2;

const ROLE_WEIGHT: Readonly<Record<TransactionRole, number>> = { checking: 0.55, credit: 0.35, savings: 0.1 };

const CITIES = [
  { city: 'San Francisco', region: 'CA', postal_code: '94103', lat: 37.7749, lon: -122.4194 },
  { city: 'Oakland', region: 'CA', postal_code: '94612', lat: 37.8044, lon: -122.2712 },
  { city: 'New York', region: 'NY', postal_code: '10001', lat: 40.7506, lon: -73.9972 },
  { city: 'Brooklyn', region: 'NY', postal_code: '11201', lat: 40.6943, lon: -73.9903 },
  { city: 'Chicago', region: 'IL', postal_code: '60607', lat: 41.8745, lon: -87.6513 },
  { city: 'Madison', region: 'WI', postal_code: '53703', lat: 43.0747, lon: -89.3841 },
];
const STREETS = ['Market St', 'Mission St', 'Broadway', 'Main St', 'Valencia St', 'State St', 'Atlantic Ave', 'Telegraph Ave'];

const NO_LOCATION: Location = {
  address: null,
  city: null,
  region: null,
  postal_code: null,
  country: null,
  lat: null,
  lon: null,
  store_number: null,
};

function emptyPaymentMeta(): PaymentMeta {
  return {
    reference_number: null,
    ppd_id: null,
    payee: null,
    by_order_of: null,
    payer: null,
    payment_method: null,
    payment_processor: null,
    reason: null,
  };
}

const merchantIdentities = new Map<string, { entityId: string | null; logoUrl: string | null }>();

/** A merchant's Plaid entity id and logo, the same on every transaction (cached: pages are hot). */
function merchantIdentity(merchant: Merchant): { entityId: string | null; logoUrl: string | null } {
  if (merchant.merchantName === null) return { entityId: null, logoUrl: null };
  let identity = merchantIdentities.get(merchant.merchantName);
  if (!identity) {
    identity = {
      entityId: derivedPlaidId('merchant', merchant.merchantName),
      logoUrl: `https://plaid-merchant-logos.plaid.com/${merchantSlug(merchant.merchantName)}.png`,
    };
    merchantIdentities.set(merchant.merchantName, identity);
  }
  return identity;
}

export interface ComposeInput {
  transactionId: string;
  account: TransactionAccount;
  merchant: Merchant;
  amount: number;
  date: string;
  authorizedDate: string;
  pending: boolean;
  /** Source of the incidental details (store, street), so they are reproducible too. */
  random: SeededRandom;
  /** Plaid fills `original_description` only when the client asks for it. */
  withOriginalDescription?: boolean;
}

/** Builds a full Plaid `Transaction` the way Plaid enriches one. */
export function composeTransaction(input: ComposeInput): Transaction {
  const { merchant, random } = input;
  let location = NO_LOCATION;
  if (merchant.channel === TransactionPaymentChannelEnum.InStore && merchant.merchantName !== null) {
    const place = random.pick(CITIES);
    location = {
      address: `${random.int(10, 2999)} ${random.pick(STREETS)}`,
      city: place.city,
      region: place.region,
      postal_code: place.postal_code,
      country: 'US',
      lat: Math.round((place.lat + (random.next() - 0.5) * 0.05) * 1e4) / 1e4,
      lon: Math.round((place.lon + (random.next() - 0.5) * 0.05) * 1e4) / 1e4,
      store_number: String(random.int(100, 9999)),
    };
  }
  const { entityId, logoUrl } = merchantIdentity(merchant);
  const counterparties: TransactionCounterparty[] =
    merchant.counterpartyType && merchant.merchantName
      ? [
          {
            name: merchant.merchantName,
            type: merchant.counterpartyType,
            website: merchant.website,
            logo_url: logoUrl,
            entity_id: entityId,
            confidence_level: 'VERY_HIGH',
          },
        ]
      : [];
  const paymentMeta = emptyPaymentMeta();
  if (merchant.pfcDetailed === 'INCOME_WAGES') {
    paymentMeta.payer = merchant.merchantName;
    paymentMeta.ppd_id = merchant.rawDescription.replace(/^.*PPD ID: /, '');
  }
  return {
    account_id: input.account.account_id,
    amount: input.amount,
    iso_currency_code: 'USD',
    unofficial_currency_code: null,
    category: null,
    category_id: null,
    check_number: null,
    date: input.date,
    location,
    name: merchant.name,
    merchant_name: merchant.merchantName,
    original_description: input.withOriginalDescription === false ? null : merchant.rawDescription,
    payment_meta: paymentMeta,
    pending: input.pending,
    pending_transaction_id: null,
    account_owner: null,
    transaction_id: input.transactionId,
    transaction_type: merchant.transactionType,
    logo_url: logoUrl,
    website: merchant.website,
    authorized_date: input.authorizedDate,
    authorized_datetime: null,
    datetime: null,
    payment_channel: merchant.channel,
    personal_finance_category: { primary: merchant.pfcPrimary, detailed: merchant.pfcDetailed, confidence_level: 'VERY_HIGH' },
    transaction_code: null,
    personal_finance_category_icon_url: `https://plaid-category-icons.plaid.com/PFC_${merchant.pfcPrimary}.png`,
    counterparties,
    merchant_entity_id: entityId,
  };
}

/**
 * Computes any transaction of an Item's generated history from (seed, item, index) alone:
 * index 0 is the oldest, the last index falls on the anchor day. Nothing is kept between
 * calls, so a 100,000-transaction history costs no memory until a page is served.
 */
export class TransactionGenerator {
  private readonly baseHash: number;
  private readonly dates = new Map<number, string>();
  private readonly seriesByDay = new Map<number, RecurringSeries[]>();
  private readonly merchantsByRole: ReadonlyMap<TransactionRole, readonly Merchant[]>;

  constructor(readonly plan: GenerationPlan) {
    this.baseHash = hashString(`${plan.seed}|${plan.itemId}`);
    this.merchantsByRole = new Map(plan.accounts.map((account) => [account.role, merchantsFor(account.role)]));
  }

  get count(): number {
    return this.plan.count;
  }

  generatedId(index: number): string {
    return derivedPlaidId(this.plan.seed, this.plan.itemId, 'transaction', index);
  }

  daysAgo(index: number): number {
    return Math.floor(((this.plan.count - 1 - index) * this.plan.historyDays) / this.plan.count);
  }

  /** Lowest index dated less than `days` days before the anchor day (dates ascend with the index). */
  firstIndexWithinDays(days: number): number {
    let index = this.plan.count;
    while (index > 0 && this.daysAgo(index - 1) < days) index--;
    return index;
  }

  /** Lowest index that may still be pending: the candidates a refresh posts. */
  firstPossiblyPendingIndex(): number {
    return this.firstIndexWithinDays(PENDING_DAYS);
  }

  /** Lowest index dated exactly `daysAgo` days before the anchor day (when any index is). */
  private firstIndexOfDaysAgo(daysAgo: number): number {
    const { count, historyDays } = this.plan;
    return Math.max(0, count - Math.ceil(((daysAgo + 1) * count) / historyDays));
  }

  /** The recurring series falling on a day that this Item has an account for (cached: every row asks). */
  private seriesOn(day: number): RecurringSeries[] {
    let series = this.seriesByDay.get(day);
    if (series === undefined) {
      series = seriesOn(day).filter((candidate) => this.plan.accounts.some((account) => account.role === candidate.role));
      this.seriesByDay.set(day, series);
    }
    return series;
  }

  generated(index: number, withOriginalDescription = true): Transaction {
    if (!Number.isInteger(index) || index < 0 || index >= this.plan.count) throw new RangeError(`no generated transaction ${index}`);
    const random = new SeededRandom(mixSeed(this.baseHash, index));
    const daysAgo = this.daysAgo(index);
    const day = this.plan.anchorDay - daysAgo;
    // The first rows of a day are that day's recurring payments; the rest is noise.
    const series = this.seriesOn(day)[index - this.firstIndexOfDaysAgo(daysAgo)];
    if (series) return this.occurrence(series, this.generatedId(index), day, daysAgo < PENDING_DAYS, random, withOriginalDescription);
    const account = random.weighted(this.plan.accounts, (candidate) => ROLE_WEIGHT[candidate.role]);
    const merchant = random.weighted(this.merchantsByRole.get(account.role)!, (candidate) => candidate.weight);
    const pending = merchant.canBePending && daysAgo < PENDING_DAYS;
    const authorizedLag = pending || !merchant.canBePending ? 0 : random.int(0, 2);
    return composeTransaction({
      transactionId: this.generatedId(index),
      account,
      merchant,
      amount: random.amount(merchant.amount[0], merchant.amount[1]),
      date: this.dateOf(day),
      authorizedDate: this.dateOf(day - authorizedLag),
      pending,
      random,
      withOriginalDescription,
    });
  }

  private occurrence(
    series: RecurringSeries,
    transactionId: string,
    day: number,
    recent: boolean,
    random: SeededRandom,
    withOriginalDescription = true,
  ): Transaction {
    const { merchant } = series;
    return composeTransaction({
      transactionId,
      account: this.plan.accounts.find((account) => account.role === series.role)!,
      merchant,
      amount: random.amount(merchant.amount[0], merchant.amount[1]),
      date: this.dateOf(day),
      authorizedDate: this.dateOf(day),
      pending: merchant.canBePending && recent,
      random,
      withOriginalDescription,
    });
  }

  /**
   * The recurring payments of the days after `fromDay` up to `toDay`: what a refresh finds
   * when time has passed since the history (or the last refresh) ended.
   */
  seriesBetween(fromDay: number, toDay: number): Transaction[] {
    const found: Transaction[] = [];
    for (let day = fromDay + 1; day <= toDay; day++) {
      for (const series of this.seriesOn(day)) {
        const key = `series-${series.key}-${day}`;
        const random = new SeededRandom(hashString(`${this.plan.seed}|${this.plan.itemId}|${key}`));
        const transactionId = derivedPlaidId(this.plan.seed, this.plan.itemId, 'transaction', key);
        found.push(this.occurrence(series, transactionId, day, toDay - day < PENDING_DAYS, random));
      }
    }
    return found;
  }

  /** A transaction outside the generated range (new activity found by a refresh), keyed by name. */
  extra(key: string, day: number, pending: boolean): Transaction {
    const random = new SeededRandom(hashString(`${this.plan.seed}|${this.plan.itemId}|${key}`));
    const spending = this.plan.accounts.filter((account) => account.role !== 'savings');
    const account = random.pick(spending.length > 0 ? spending : this.plan.accounts);
    const candidates = this.merchantsByRole.get(account.role)!.filter((candidate) => !pending || candidate.canBePending);
    const merchant = random.weighted(candidates, (candidate) => candidate.weight);
    return composeTransaction({
      transactionId: derivedPlaidId(this.plan.seed, this.plan.itemId, 'transaction', key),
      account,
      merchant,
      amount: random.amount(merchant.amount[0], merchant.amount[1]),
      date: this.dateOf(day),
      authorizedDate: this.dateOf(day),
      pending,
      random,
    });
  }

  /** The date of a generated row, without generating it. */
  dateOfIndex(index: number): string {
    return this.dateOf(this.plan.anchorDay - this.daysAgo(index));
  }

  dateOf(day: number): string {
    let date = this.dates.get(day);
    if (date === undefined) {
      date = isoDate(day * DAY_MS);
      this.dates.set(day, date);
    }
    return date;
  }
}

export function epochDay(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}
