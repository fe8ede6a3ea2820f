/** The property register's value lists and limits (zod-free; contracts validate with them, the web lists them). */

export const ROOM_STATUSES = ['occupied', 'vacant'] as const;
export const RESIDENT_RELATIONS = ['owner', 'tenant', 'family'] as const;
/** phones one resident may hold */
export const MAX_RESIDENT_PHONES = 5;
