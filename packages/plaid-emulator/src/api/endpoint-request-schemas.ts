import type { FieldSchema, ObjectSchema } from '../server/request-schema';

/** Plaid's `Products` enum, as the 2020-09-14 spec lists it. */
export const PLAID_PRODUCTS = [
  'assets',
  'auth',
  'balance',
  'balance_plus',
  'beacon',
  'identity',
  'identity_match',
  'investments',
  'investments_auth',
  'liabilities',
  'payment_initiation',
  'identity_verification',
  'transactions',
  'credit_details',
  'income',
  'income_verification',
  'standing_orders',
  'transfer',
  'employment',
  'recurring_transactions',
  'transactions_refresh',
  'signal',
  'statements',
  'processor_payments',
  'processor_identity',
  'profile',
  'cra_base_report',
  'cra_income_insights',
  'cra_partner_insights',
  'cra_network_insights',
  'cra_cashflow_insights',
  'cra_monitoring',
  'cra_lend_score',
  'cra_plaid_credit_score',
  'layer',
  'pay_by_bank',
  'protect_linked_bank',
  'protect_transactions',
] as const;

/** Plaid's `CountryCode` enum. */
export const PLAID_COUNTRY_CODES = [
  'US',
  'GB',
  'ES',
  'NL',
  'FR',
  'IE',
  'CA',
  'DE',
  'IT',
  'PL',
  'DK',
  'NO',
  'SE',
  'EE',
  'LT',
  'LV',
  'PT',
  'BE',
  'AT',
  'FI',
] as const;

const string: FieldSchema = { type: 'string' };
const nullableString: FieldSchema = { type: 'string', nullable: true };
const boolean: FieldSchema = { type: 'boolean' };
const anyObject: ObjectSchema = { type: 'object' };
const product: FieldSchema = { type: 'string', enum: PLAID_PRODUCTS };
const productList: FieldSchema = { type: 'array', items: product, nullable: true };
const countryCode: FieldSchema = { type: 'string', enum: PLAID_COUNTRY_CODES };
const accountIds: ObjectSchema = { type: 'object', properties: { account_ids: { type: 'array', items: string } } };

const credentials = { client_id: string, secret: string } as const;

function itemRequest(extra: Record<string, FieldSchema> = {}, required: readonly string[] = []): ObjectSchema {
  return {
    type: 'object',
    properties: { ...credentials, access_token: string, ...extra },
    required: ['access_token', ...required],
  };
}

export const linkTokenCreateSchema: ObjectSchema = {
  type: 'object',
  required: ['client_name', 'language', 'country_codes'],
  properties: {
    ...credentials,
    client_name: { type: 'string', minLength: 1 },
    language: { type: 'string', minLength: 1 },
    country_codes: { type: 'array', items: countryCode, minItems: 1 },
    user: {
      type: 'object',
      required: ['client_user_id'],
      properties: {
        client_user_id: { type: 'string', minLength: 1 },
        legal_name: string,
        name: anyObject,
        phone_number: string,
        phone_number_verified_time: { type: 'string', nullable: true, format: 'date-time' },
        email_address: string,
        email_address_verified_time: { type: 'string', nullable: true, format: 'date-time' },
        ssn: string,
        date_of_birth: { type: 'string', nullable: true, format: 'date' },
        address: anyObject,
        id_number: anyObject,
      },
    },
    user_id: string,
    products: productList,
    required_if_supported_products: productList,
    optional_products: productList,
    additional_consented_products: productList,
    webhook: { type: 'string', format: 'url' },
    access_token: { type: 'string', minLength: 1, nullable: true },
    access_tokens: { type: 'array', items: string },
    link_customization_name: string,
    appearance_mode: string,
    redirect_uri: string,
    android_package_name: string,
    institution_data: anyObject,
    card_switch: anyObject,
    account_filters: anyObject,
    eu_config: anyObject,
    institution_id: string,
    payment_configuration: anyObject,
    payment_initiation: anyObject,
    employment: anyObject,
    income_verification: anyObject,
    base_report: anyObject,
    credit_partner_insights: anyObject,
    cra_options: anyObject,
    consumer_report_permissible_purpose: string,
    auth: anyObject,
    transfer: anyObject,
    update: {
      type: 'object',
      properties: {
        account_selection_enabled: boolean,
        reauthorization_enabled: boolean,
        user: boolean,
        item_ids: { type: 'array', items: string, nullable: true },
      },
    },
    identity_verification: anyObject,
    statements: anyObject,
    third_party_user_token: string,
    investments: anyObject,
    investments_auth: anyObject,
    hosted_link: {
      type: 'object',
      properties: {
        delivery_method: string,
        completion_redirect_uri: string,
        url_lifetime_seconds: { type: 'integer' },
        is_mobile_app: boolean,
      },
    },
    transactions: { type: 'object', properties: { days_requested: { type: 'integer', minimum: 1, maximum: 730 } } },
    cashflow_report: anyObject,
    cra_enabled: boolean,
    identity: anyObject,
    financekit_supported: boolean,
    enable_multi_item_link: boolean,
    user_token: string,
  },
};

export const linkTokenGetSchema: ObjectSchema = {
  type: 'object',
  required: ['link_token'],
  properties: { ...credentials, link_token: string },
};

export const publicTokenExchangeSchema: ObjectSchema = {
  type: 'object',
  required: ['public_token'],
  properties: { ...credentials, public_token: string },
};

export const itemGetSchema = itemRequest();

export const itemRemoveSchema = itemRequest({
  reason_code: {
    type: 'string',
    nullable: true,
    enum: ['FRAUD_FIRST_PARTY', 'FRAUD_FALSE_IDENTITY', 'FRAUD_ABUSE', 'FRAUD_OTHER', 'CONNECTION_IS_NON_FUNCTIONAL', 'OTHER'],
  },
  reason_note: { type: 'string', nullable: true, maxLength: 512 },
});

export const itemWebhookUpdateSchema = itemRequest({ webhook: { type: 'string', format: 'url', nullable: true } });

export const accountsGetSchema = itemRequest({ options: accountIds });

export const accountsBalanceGetSchema = itemRequest({
  options: {
    type: 'object',
    properties: { account_ids: { type: 'array', items: string }, min_last_updated_datetime: { type: 'string', format: 'date-time' } },
  },
});

export const authGetSchema = itemRequest({ options: accountIds });

export const identityGetSchema = itemRequest({ options: accountIds });

export const identityMatchSchema = itemRequest({
  user: {
    type: 'object',
    properties: {
      legal_name: nullableString,
      phone_number: nullableString,
      email_address: nullableString,
      address: {
        type: 'object',
        nullable: true,
        properties: {
          city: nullableString,
          region: nullableString,
          street: string,
          postal_code: nullableString,
          country: nullableString,
        },
      },
    },
  },
  options: accountIds,
});

export const transactionsSyncSchema = itemRequest({
  cursor: string,
  count: { type: 'integer', minimum: 1, maximum: 500 },
  options: {
    type: 'object',
    properties: {
      include_original_description: { type: 'boolean', nullable: true },
      include_personal_finance_category: boolean,
      include_logo_and_counterparty_beta: boolean,
      personal_finance_category_version: { type: 'string', enum: ['v1', 'v2'] },
      days_requested: { type: 'integer', minimum: 1, maximum: 730 },
      account_id: string,
    },
  },
});

export const transactionsRefreshSchema = itemRequest();

export const transactionsGetSchema = itemRequest(
  {
    start_date: { type: 'string', format: 'date' },
    end_date: { type: 'string', format: 'date' },
    options: {
      type: 'object',
      properties: {
        account_ids: { type: 'array', items: string },
        count: { type: 'integer', minimum: 1, maximum: 500 },
        offset: { type: 'integer', minimum: 0 },
        include_original_description: { type: 'boolean', nullable: true },
        include_personal_finance_category_beta: boolean,
        include_personal_finance_category: boolean,
        include_logo_and_counterparty_beta: boolean,
        personal_finance_category_version: { type: 'string', enum: ['v1', 'v2'] },
        days_requested: { type: 'integer', minimum: 1, maximum: 730 },
      },
    },
  },
  ['start_date', 'end_date'],
);

export const transactionsRecurringGetSchema = itemRequest({
  account_ids: { type: 'array', items: string },
  options: {
    type: 'object',
    properties: {
      include_personal_finance_category: boolean,
      personal_finance_category_version: { type: 'string', enum: ['v1', 'v2'] },
    },
  },
});

export const itemAccessTokenInvalidateSchema = itemRequest();

export const itemImportSchema: ObjectSchema = {
  type: 'object',
  required: ['products', 'user_auth'],
  properties: {
    ...credentials,
    institution_id: string,
    products: { type: 'array', items: product, minItems: 1 },
    user_auth: { type: 'object', required: ['user_id', 'auth_token'], properties: { user_id: string, auth_token: string } },
    options: { type: 'object', properties: { webhook: { type: 'string', format: 'url' } } },
  },
};

/** Plaid's `processor` enum for `/processor/token/create`. */
export const PLAID_PROCESSORS = [
  'dwolla',
  'galileo',
  'modern_treasury',
  'ocrolus',
  'vesta',
  'drivewealth',
  'vopay',
  'achq',
  'check',
  'checkbook',
  'circle',
  'sila_money',
  'rize',
  'svb_api',
  'unit',
  'wyre',
  'lithic',
  'alpaca',
  'astra',
  'moov',
  'treasury_prime',
  'marqeta',
  'checkout',
  'solid',
  'highnote',
  'gemini',
  'apex_clearing',
  'gusto',
  'adyen',
  'atomic',
  'i2c',
  'wepay',
  'riskified',
  'utb',
  'adp_roll',
  'fortress_trust',
  'bond',
  'bakkt',
  'teal',
  'zero_hash',
  'taba_pay',
  'knot',
  'sardine',
  'alloy',
  'finix',
  'nuvei',
  'layer',
  'boom',
  'paynote',
  'stake',
  'wedbush',
  'esusu',
  'ansa',
  'scribeup',
  'straddle',
  'loanpro',
  'bloom_credit',
  'sfox',
  'brale',
  'parafin',
  'cardless',
  'open_ledger',
  'valon',
  'gainbridge',
  'cardlytics',
  'pinwheel',
  'thread_bank',
  'array',
  'fiant',
  'oatfi',
  'curinos',
  'frame',
  'interchecks',
  'interchange',
  'atomicfi',
] as const;

export const processorTokenCreateSchema = itemRequest({ account_id: string, processor: { type: 'string', enum: PLAID_PROCESSORS } }, [
  'account_id',
  'processor',
]);

export const institutionsGetByIdSchema: ObjectSchema = {
  type: 'object',
  required: ['institution_id', 'country_codes'],
  properties: {
    ...credentials,
    institution_id: { type: 'string', minLength: 1 },
    country_codes: { type: 'array', items: countryCode },
    options: {
      type: 'object',
      properties: {
        include_optional_metadata: boolean,
        include_status: boolean,
        include_auth_metadata: boolean,
        include_payment_initiation_metadata: boolean,
      },
    },
  },
};

const productFilter: FieldSchema = { type: 'array', items: product, nullable: true, minItems: 1 };

export const institutionsGetSchema: ObjectSchema = {
  type: 'object',
  required: ['count', 'offset', 'country_codes'],
  properties: {
    ...credentials,
    count: { type: 'integer', minimum: 1, maximum: 500 },
    offset: { type: 'integer', minimum: 0 },
    country_codes: { type: 'array', items: countryCode, minItems: 1 },
    options: {
      type: 'object',
      properties: {
        products: productFilter,
        routing_numbers: { type: 'array', items: string, nullable: true },
        oauth: { type: 'boolean', nullable: true },
        include_optional_metadata: boolean,
        include_auth_metadata: boolean,
        include_payment_initiation_metadata: boolean,
      },
    },
  },
};

export const institutionsSearchSchema: ObjectSchema = {
  type: 'object',
  required: ['query', 'country_codes'],
  properties: {
    ...credentials,
    query: { type: 'string', minLength: 1 },
    products: productFilter,
    country_codes: { type: 'array', items: countryCode },
    options: {
      type: 'object',
      properties: {
        oauth: { type: 'boolean', nullable: true },
        include_optional_metadata: boolean,
        include_auth_metadata: { type: 'boolean', nullable: true },
        include_payment_initiation_metadata: { type: 'boolean', nullable: true },
        payment_initiation: {
          type: 'object',
          nullable: true,
          properties: { payment_id: nullableString, consent_id: nullableString },
        },
      },
    },
  },
};

/** `/categories/get` takes an empty body and no keys; whatever is sent is ignored, as on Plaid. */
export const categoriesGetSchema: ObjectSchema = anyObject;

export const webhookVerificationKeyGetSchema: ObjectSchema = {
  type: 'object',
  required: ['key_id'],
  properties: { ...credentials, key_id: string },
};

export const sandboxPublicTokenCreateSchema: ObjectSchema = {
  type: 'object',
  required: ['institution_id', 'initial_products'],
  properties: {
    ...credentials,
    institution_id: string,
    initial_products: { type: 'array', items: product, minItems: 1 },
    options: {
      type: 'object',
      properties: {
        webhook: { type: 'string', format: 'url' },
        override_username: nullableString,
        override_password: nullableString,
        transactions: {
          type: 'object',
          nullable: true,
          properties: {
            start_date: { type: 'string', format: 'date' },
            end_date: { type: 'string', format: 'date' },
            days_requested: { type: 'integer', minimum: 1, maximum: 730 },
          },
        },
        statements: { type: 'object', nullable: true },
        income_verification: anyObject,
      },
    },
    user_token: string,
    user_id: string,
  },
};

/**
 * The one place the emulator accepts more than Plaid's spec: PENDING_EXPIRATION, so teams can
 * drive an Item into that state without waiting for real consent to run out. Plaid's own
 * sandbox refuses it (INVALID_FIELD).
 */
export const EMULATOR_WEBHOOK_CODE_EXTENSIONS = ['PENDING_EXPIRATION'] as const;

export const SANDBOX_WEBHOOK_CODES = [
  'DEFAULT_UPDATE',
  'NEW_ACCOUNTS_AVAILABLE',
  'SMS_MICRODEPOSITS_VERIFICATION',
  'AUTHORIZATION_GRANTED',
  'USER_PERMISSION_REVOKED',
  'USER_ACCOUNT_REVOKED',
  'PENDING_DISCONNECT',
  'RECURRING_TRANSACTIONS_UPDATE',
  'LOGIN_REPAIRED',
  'SYNC_UPDATES_AVAILABLE',
  'PRODUCT_READY',
  'ERROR',
  ...EMULATOR_WEBHOOK_CODE_EXTENSIONS,
] as const;

export const sandboxItemFireWebhookSchema = itemRequest(
  {
    webhook_type: {
      type: 'string',
      enum: ['AUTH', 'HOLDINGS', 'INVESTMENTS_TRANSACTIONS', 'ITEM', 'LIABILITIES', 'TRANSACTIONS', 'ASSETS'],
    },
    webhook_code: { type: 'string', enum: SANDBOX_WEBHOOK_CODES },
  },
  ['webhook_code'],
);

export const sandboxItemResetLoginSchema = itemRequest();

export const sandboxTransactionsCreateSchema = itemRequest(
  {
    transactions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['date_transacted', 'date_posted', 'amount', 'description'],
        properties: {
          date_transacted: { type: 'string', format: 'date' },
          date_posted: { type: 'string', format: 'date' },
          amount: { type: 'number' },
          description: { type: 'string', minLength: 1 },
          iso_currency_code: string,
        },
      },
    },
  },
  ['transactions'],
);
