/** The staff roles of a property company (ACCESS-1). */
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
  /** see residents' full names and phones; others get them masked (PRIV-2) */
  'residents.pii',
  /** company settings that are policy: categories, working calendar, clock policy, number prefixes */
  'settings.manage',
  /** read cases in scope (the lifecycle decides each action: src/domain/case/lifecycle.ts) */
  'cases.read',
  /** record a matter: every employee must accept any matter (INTAKE-1) */
  'cases.create',
  /** run the deadline sweep now (POST /api/admin/sweep) */
  'ops.sweep',
  /** read the monthly complaint summaries of the offices in scope, internal and public (REPORT-1, REPORT-3) */
  'reports.read',
  /** edit the public wording of a monthly summary, approve and publish it: the director (own office), the manager */
  'reports.approve',
  /** enter and submit the finance part (经营情况) of the quarterly management-service report (REPORT-5); members of a finance department may too (src/domain/reports/quarterly.ts) */
  'reports.finance',
  /** performance of people and departments and the duty ledger of the offices in scope (LEDGER-3) */
  'accountability.read',
  /** confirm or waive a duty violation: the director of its office, the manager (004 第十三条) */
  'accountability.decide',
  /** read recurring problems (问题) of the offices in scope (PROBLEM-1) */
  'problems.read',
  /** run a problem's cross-department review: departments, due date, root cause, measures, close */
  'problems.manage',
  /** run recurring-problem detection now (POST /api/problems/detect; it also runs hourly) */
  'problems.detect',
  /** read the delivery record of the outbox: every SMS and webhook message and its attempts (MSG-1) */
  'outbox.read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const READ_ALL: Permission[] = ['company.read', 'org.read', 'users.read', 'property.read', 'cases.read'];
const STAFF: Permission[] = ['cases.read', 'cases.create'];

/** Default role → permissions. Admin holds everything; auditor reads and never sees personal data. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  manager: [
    ...READ_ALL,
    ...STAFF,
    'property.manage',
    'property.import',
    'property.export',
    'residents.pii',
    'reports.read',
    'reports.approve',
    'reports.finance',
    'accountability.read',
    'accountability.decide',
    'problems.read',
    'problems.manage',
    'problems.detect',
    'outbox.read',
  ],
  director: [
    ...READ_ALL,
    ...STAFF,
    'property.manage',
    'property.import',
    'property.export',
    'residents.pii',
    'reports.read',
    'reports.approve',
    'accountability.read',
    'accountability.decide',
    'problems.read',
    'problems.manage',
  ],
  supervisor: [
    ...READ_ALL,
    ...STAFF,
    'property.manage',
    'residents.pii',
    'reports.read',
    'accountability.read',
    'problems.read',
    'problems.manage',
  ],
  agent: [
    'company.read',
    'org.read',
    'users.read',
    'property.read',
    'residents.pii',
    ...STAFF,
    'problems.read',
  ],
  technician: ['company.read', 'org.read', 'users.read', 'property.read', ...STAFF],
  auditor: [...READ_ALL, 'reports.read', 'accountability.read', 'problems.read'],
};

/**
 * Roles whose scope is the whole company; every other role sees only the offices it belongs to. The auditor reads
 * the whole company and changes nothing (ACCESS-7): its permissions hold no write.
 */
export const COMPANY_WIDE_ROLES: readonly Role[] = ['admin', 'manager', 'auditor'];
