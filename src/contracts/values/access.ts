/** Usernames and passwords, and each role's default permissions, zod-free for the web (owned by src/domain/access). */
export * from '../../domain/access/credentials';
export { ROLE_PERMISSIONS } from '../../domain/access/roles';
