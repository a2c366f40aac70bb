/**
 * Credentials the emulator accepts when none are configured. They only unlock a local
 * fake Plaid, so a fixed, documented value is safer than a generated one that the
 * gateway and a separately started emulator would have to share.
 */
export const DEFAULT_EMULATOR_CLIENT_ID = 'emulator_client_id';
export const DEFAULT_EMULATOR_SECRET = 'emulator_secret';
export const DEFAULT_EMULATOR_PORT = 4010;
