/** What a bell entry is about, zod-free for the web (owned by src/domain/notifications/types.ts). */
export * from '../../domain/notifications/types';
