/** The outbox's value lists for the web, zod-free (owned by src/domain/messages). */
export { DEFAULT_SMS_TYPES, MESSAGE_CHANNELS, MESSAGE_STATUSES } from '../../domain/messages/types';
