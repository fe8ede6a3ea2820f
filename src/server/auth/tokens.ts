import { createHash, randomBytes } from 'node:crypto';

/** Session ids and API tokens are random; only their SHA-256 is stored, so a database leak yields no login. */
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
export const newSessionId = () => randomBytes(32).toString('base64url');
export const newApiToken = () => `hy_${randomBytes(32).toString('base64url')}`;
export const SESSION_COOKIE = 'huiyin_sid';
/** The residents' H5 session (RESIDENT-1): a cookie of its own, never read on a staff endpoint. */
export const RESIDENT_COOKIE = 'hy_resident';
