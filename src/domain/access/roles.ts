/** The staff roles of a property company (api.md, issue 2). */
export const ROLES = [
  'admin',
  'manager',
  'director',
  'supervisor',
  'agent',
  'technician',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Every permission a route can require. The UI receives the same list from GET /api/auth/me and hides what a
 * user cannot do, so the two never disagree.
 */
export const PERMISSIONS = [
  'company.read',
  'company.manage',
  'org.read',
  'org.manage',
  'users.read',
  'users.manage',
  'tokens.manage',
  'property.read',
  'property.manage',
  'property.import',
  'property.export',
  /** see residents' full names and phones; others get them masked (domain.md §1.8) */
  'residents.pii',
  /** company settings that are policy: categories, working calendar, clock policy, number prefixes */
  'settings.manage',
  /** read cases in scope (the lifecycle decides each action: src/domain/case/lifecycle.ts) */
  'cases.read',
  /** record a matter: every employee must accept any matter (domain.md §1.1) */
  'cases.create',
  /** run the deadline sweep now (POST /api/admin/sweep) */
  'ops.sweep',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = ['company.read', 'org.read', 'users.read', 'property.read', 'cases.read'];
const STAFF: Permission[] = ['cases.read', 'cases.create'];

/** Default role → permissions. Admin holds everything; auditor reads and never sees personal data. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  manager: [...READ_ALL, ...STAFF, 'property.manage', 'property.import', 'property.export', 'residents.pii'],
  director: [...READ_ALL, ...STAFF, 'property.manage', 'property.import', 'property.export', 'residents.pii'],
  supervisor: [...READ_ALL, ...STAFF, 'property.manage', 'residents.pii'],
  agent: ['company.read', 'org.read', 'users.read', 'property.read', 'residents.pii', ...STAFF],
  technician: ['company.read', 'org.read', 'property.read', ...STAFF],
  auditor: READ_ALL,
};

/** Roles whose scope is the whole company; every other role sees only the offices it belongs to. */
export const COMPANY_WIDE_ROLES: readonly Role[] = ['admin', 'manager'];
