import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Horreum's API key format, so tools that recognise Horreum keys recognise ours. */
const API_KEY = /^HUSR_[0-9A-F]{8}_[0-9A-F]{4}_[0-9A-F]{4}_[0-9A-F]{4}_[0-9A-F]{12}$/;
const SESSION_PREFIX = 'gs_';

/** A new API key: `HUSR_` and a random UUID (122 random bits), shown once, stored as its SHA-256. */
export function newApiKey(): string {
  return `HUSR_${randomUUID().toUpperCase().replace(/-/g, '_')}`;
}

export function isApiKey(value: string): boolean {
  return API_KEY.test(value);
}

/** A new session token (256 random bits). */
export function newSessionToken(): string {
  return `${SESSION_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function isSessionToken(value: string): boolean {
  return value.startsWith(SESSION_PREFIX) && value.length > 40;
}

/** SHA-256 (base64) of a high-entropy secret: what the database keeps of keys and session tokens. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('base64');
}

/** A password for the bootstrap administrator when none is configured. */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}
