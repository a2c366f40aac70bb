import type * as Plaid from 'plaid';

/**
 * The values of Plaid's enums the emulator uses, as in the `plaid` client, without loading it:
 * its one 10 MB module took most of the bin's start-up. Each name is also the enum's type, so
 * `Products` reads as in code that imports it from 'plaid'; a unit test checks every value
 * against the client's.
 */
function member<Member>(value: string): Member {
  // The value is the member's own (the unit test proves it); the enum type is nominal.
  return value as unknown as Member;
}

export const AccountHolderCategory = {
  Business: member<Plaid.AccountHolderCategory.Business>('business'),
  Personal: member<Plaid.AccountHolderCategory.Personal>('personal'),
} as const;
export type AccountHolderCategory = Plaid.AccountHolderCategory;

export const AccountSubtype = {
  _401k: member<Plaid.AccountSubtype._401k>('401k'),
  CashManagement: member<Plaid.AccountSubtype.CashManagement>('cash management'),
  Cd: member<Plaid.AccountSubtype.Cd>('cd'),
  Checking: member<Plaid.AccountSubtype.Checking>('checking'),
  CreditCard: member<Plaid.AccountSubtype.CreditCard>('credit card'),
  Hsa: member<Plaid.AccountSubtype.Hsa>('hsa'),
  Ira: member<Plaid.AccountSubtype.Ira>('ira'),
  MoneyMarket: member<Plaid.AccountSubtype.MoneyMarket>('money market'),
  Mortgage: member<Plaid.AccountSubtype.Mortgage>('mortgage'),
  Savings: member<Plaid.AccountSubtype.Savings>('savings'),
  Student: member<Plaid.AccountSubtype.Student>('student'),
} as const;
export type AccountSubtype = Plaid.AccountSubtype;

export const AccountType = {
  Credit: member<Plaid.AccountType.Credit>('credit'),
  Depository: member<Plaid.AccountType.Depository>('depository'),
  Investment: member<Plaid.AccountType.Investment>('investment'),
  Loan: member<Plaid.AccountType.Loan>('loan'),
} as const;
export type AccountType = Plaid.AccountType;

export const CounterpartyType = {
  FinancialInstitution: member<Plaid.CounterpartyType.FinancialInstitution>('financial_institution'),
  IncomeSource: member<Plaid.CounterpartyType.IncomeSource>('income_source'),
  Marketplace: member<Plaid.CounterpartyType.Marketplace>('marketplace'),
  Merchant: member<Plaid.CounterpartyType.Merchant>('merchant'),
  PaymentApp: member<Plaid.CounterpartyType.PaymentApp>('payment_app'),
} as const;
export type CounterpartyType = Plaid.CounterpartyType;

export const CountryCode = {
  Ca: member<Plaid.CountryCode.Ca>('CA'),
  Gb: member<Plaid.CountryCode.Gb>('GB'),
  Us: member<Plaid.CountryCode.Us>('US'),
} as const;
export type CountryCode = Plaid.CountryCode;

export const EmailTypeEnum = {
  Other: member<Plaid.EmailTypeEnum.Other>('other'),
  Primary: member<Plaid.EmailTypeEnum.Primary>('primary'),
  Secondary: member<Plaid.EmailTypeEnum.Secondary>('secondary'),
} as const;
export type EmailTypeEnum = Plaid.EmailTypeEnum;

export const ItemAuthMethod = {
  InstantAuth: member<Plaid.ItemAuthMethod.InstantAuth>('INSTANT_AUTH'),
} as const;
export type ItemAuthMethod = Plaid.ItemAuthMethod;

export const ItemUpdateTypeEnum = {
  Background: member<Plaid.ItemUpdateTypeEnum.Background>('background'),
} as const;
export type ItemUpdateTypeEnum = Plaid.ItemUpdateTypeEnum;

export const ItemWithConsentFieldsUpdateTypeEnum = {
  Background: member<Plaid.ItemWithConsentFieldsUpdateTypeEnum.Background>('background'),
} as const;
export type ItemWithConsentFieldsUpdateTypeEnum = Plaid.ItemWithConsentFieldsUpdateTypeEnum;

export const PendingDisconnectWebhookReason = {
  TokenExpiration: member<Plaid.PendingDisconnectWebhookReason.TokenExpiration>('INSTITUTION_TOKEN_EXPIRATION'),
} as const;
export type PendingDisconnectWebhookReason = Plaid.PendingDisconnectWebhookReason;

export const PhoneNumberTypeEnum = {
  Home: member<Plaid.PhoneNumberTypeEnum.Home>('home'),
  Mobile: member<Plaid.PhoneNumberTypeEnum.Mobile>('mobile'),
  Work: member<Plaid.PhoneNumberTypeEnum.Work>('work'),
} as const;
export type PhoneNumberTypeEnum = Plaid.PhoneNumberTypeEnum;

export const PlaidErrorType = {
  ApiError: member<Plaid.PlaidErrorType.ApiError>('API_ERROR'),
  InstitutionError: member<Plaid.PlaidErrorType.InstitutionError>('INSTITUTION_ERROR'),
  InvalidInput: member<Plaid.PlaidErrorType.InvalidInput>('INVALID_INPUT'),
  InvalidRequest: member<Plaid.PlaidErrorType.InvalidRequest>('INVALID_REQUEST'),
  ItemError: member<Plaid.PlaidErrorType.ItemError>('ITEM_ERROR'),
  RateLimitExceeded: member<Plaid.PlaidErrorType.RateLimitExceeded>('RATE_LIMIT_EXCEEDED'),
  SandboxError: member<Plaid.PlaidErrorType.SandboxError>('SANDBOX_ERROR'),
  TransactionsError: member<Plaid.PlaidErrorType.TransactionsError>('TRANSACTIONS_ERROR'),
} as const;
export type PlaidErrorType = Plaid.PlaidErrorType;

export const ProductStatusBreakdownRefreshIntervalEnum = {
  Normal: member<Plaid.ProductStatusBreakdownRefreshIntervalEnum.Normal>('NORMAL'),
} as const;
export type ProductStatusBreakdownRefreshIntervalEnum = Plaid.ProductStatusBreakdownRefreshIntervalEnum;

export const ProductStatusStatusEnum = {
  Healthy: member<Plaid.ProductStatusStatusEnum.Healthy>('HEALTHY'),
} as const;
export type ProductStatusStatusEnum = Plaid.ProductStatusStatusEnum;

export const Products = {
  Assets: member<Plaid.Products.Assets>('assets'),
  Auth: member<Plaid.Products.Auth>('auth'),
  Balance: member<Plaid.Products.Balance>('balance'),
  Identity: member<Plaid.Products.Identity>('identity'),
  IdentityMatch: member<Plaid.Products.IdentityMatch>('identity_match'),
  Investments: member<Plaid.Products.Investments>('investments'),
  Liabilities: member<Plaid.Products.Liabilities>('liabilities'),
  PaymentInitiation: member<Plaid.Products.PaymentInitiation>('payment_initiation'),
  RecurringTransactions: member<Plaid.Products.RecurringTransactions>('recurring_transactions'),
  Signal: member<Plaid.Products.Signal>('signal'),
  Statements: member<Plaid.Products.Statements>('statements'),
  Transactions: member<Plaid.Products.Transactions>('transactions'),
  Transfer: member<Plaid.Products.Transfer>('transfer'),
} as const;
export type Products = Plaid.Products;

export const RecurringTransactionFrequency = {
  Annually: member<Plaid.RecurringTransactionFrequency.Annually>('ANNUALLY'),
  Biweekly: member<Plaid.RecurringTransactionFrequency.Biweekly>('BIWEEKLY'),
  Monthly: member<Plaid.RecurringTransactionFrequency.Monthly>('MONTHLY'),
  Weekly: member<Plaid.RecurringTransactionFrequency.Weekly>('WEEKLY'),
} as const;
export type RecurringTransactionFrequency = Plaid.RecurringTransactionFrequency;

export const TransactionPaymentChannelEnum = {
  InStore: member<Plaid.TransactionPaymentChannelEnum.InStore>('in store'),
  Other: member<Plaid.TransactionPaymentChannelEnum.Other>('other'),
  Online: member<Plaid.TransactionPaymentChannelEnum.Online>('online'),
} as const;
export type TransactionPaymentChannelEnum = Plaid.TransactionPaymentChannelEnum;

export const TransactionStreamStatus = {
  Mature: member<Plaid.TransactionStreamStatus.Mature>('MATURE'),
  Tombstoned: member<Plaid.TransactionStreamStatus.Tombstoned>('TOMBSTONED'),
} as const;
export type TransactionStreamStatus = Plaid.TransactionStreamStatus;

export const TransactionTransactionTypeEnum = {
  Special: member<Plaid.TransactionTransactionTypeEnum.Special>('special'),
  Digital: member<Plaid.TransactionTransactionTypeEnum.Digital>('digital'),
  Place: member<Plaid.TransactionTransactionTypeEnum.Place>('place'),
} as const;
export type TransactionTransactionTypeEnum = Plaid.TransactionTransactionTypeEnum;

export const TransactionsUpdateStatus = {
  HistoricalUpdateComplete: member<Plaid.TransactionsUpdateStatus.HistoricalUpdateComplete>('HISTORICAL_UPDATE_COMPLETE'),
  NotReady: member<Plaid.TransactionsUpdateStatus.NotReady>('NOT_READY'),
} as const;
export type TransactionsUpdateStatus = Plaid.TransactionsUpdateStatus;

export const WebhookEnvironmentValues = {
  Sandbox: member<Plaid.WebhookEnvironmentValues.Sandbox>('sandbox'),
} as const;
export type WebhookEnvironmentValues = Plaid.WebhookEnvironmentValues;

export const WebhookType = {
  Auth: member<Plaid.WebhookType.Auth>('AUTH'),
  Transactions: member<Plaid.WebhookType.Transactions>('TRANSACTIONS'),
} as const;
export type WebhookType = Plaid.WebhookType;
