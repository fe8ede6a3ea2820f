/** The organisation's values, zod-free for the web (owned by src/domain/org/values.ts). */
export * from '../../domain/org/values';
