import { CountryCode } from 'plaid';
import { badUserInput } from '../errors/domain-error';

export interface LinkOptionsInput {
  redirectUri?: string | null;
  androidPackageName?: string | null;
  language?: string | null;
  countryCodes?: string[] | null;
}

export interface CheckedLinkOptions {
  language: string;
  countryCodes: CountryCode[];
  redirectUri?: string;
  androidPackageName?: string;
}

/** Languages Link is offered in. */
const LINK_LANGUAGES = new Set(['da', 'de', 'en', 'es', 'et', 'fr', 'it', 'lt', 'lv', 'nl', 'no', 'pl', 'pt', 'ro', 'sv']);
const COUNTRY_CODES = new Set<string>(Object.values(CountryCode));
const ANDROID_PACKAGE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)+$/;

/** A client's Link settings, checked before Plaid sees them: BAD_USER_INPUT names the field at fault. */
export function checkLinkOptions(options: LinkOptionsInput, defaultCountryCodes: readonly string[]): CheckedLinkOptions {
  const language = (options.language ?? 'en').toLowerCase();
  if (!LINK_LANGUAGES.has(language)) throw badUserInput(`language must be one of ${[...LINK_LANGUAGES].join(', ')}`, 'language');
  const countryCodes = options.countryCodes?.length ? options.countryCodes.map((code) => code.toUpperCase()) : [...defaultCountryCodes];
  const unknown = countryCodes.find((code) => !COUNTRY_CODES.has(code));
  if (unknown) throw badUserInput(`countryCodes: "${unknown}" is not a country Plaid serves`, 'countryCodes');
  if (options.redirectUri && !isRedirectUri(options.redirectUri))
    throw badUserInput('redirectUri must be an https URL (http only for localhost)', 'redirectUri');
  if (options.androidPackageName && !ANDROID_PACKAGE.test(options.androidPackageName)) {
    throw badUserInput('androidPackageName is not an Android package name', 'androidPackageName');
  }
  return {
    language,
    countryCodes: countryCodes as CountryCode[],
    ...(options.redirectUri ? { redirectUri: options.redirectUri } : {}),
    ...(options.androidPackageName ? { androidPackageName: options.androidPackageName } : {}),
  };
}

function isRedirectUri(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1'));
  } catch {
    return false;
  }
}
