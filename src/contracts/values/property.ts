/** The property register's values, zod-free for the web (owned by src/domain/property/values.ts). */
export * from '../../domain/property/values';
