/** Usernames and passwords, zod-free for the web (owned by src/domain/access/credentials.ts). */
export * from '../../domain/access/credentials';
