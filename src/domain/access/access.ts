import { COMPANY_WIDE_ROLES, PERMISSIONS, ROLE_PERMISSIONS, type Permission, type Role } from './roles';

/** Who is acting: a signed-in user or an API token acting as that user. */
export interface Actor {
  userId: string;
  companyId: string;
  roles: readonly Role[];
  /** offices (管理处) the user belongs to; ignored for company-wide roles */
  officeIds: readonly string[];
}

export function permissionsOf(roles: readonly Role[]): Permission[] {
  const granted = new Set<Permission>();
  for (const role of roles) for (const p of ROLE_PERMISSIONS[role] ?? []) granted.add(p);
  return PERMISSIONS.filter((p) => granted.has(p));
}

export function can(actor: Pick<Actor, 'roles'>, permission: Permission): boolean {
  return actor.roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
}

export function seesWholeCompany(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((role) => COMPANY_WIDE_ROLES.includes(role));
}

/**
 * Scope: a user sees only the offices (and so the communities) they belong to; admin and manager see the
 * whole company (ACCESS-2). Returns `'all'` or the office ids a query must be restricted to.
 */
export function officeScope(actor: Actor): 'all' | readonly string[] {
  return seesWholeCompany(actor) ? 'all' : actor.officeIds;
}

export function canSeeOffice(actor: Actor, officeId: string | null | undefined): boolean {
  const scope = officeScope(actor);
  if (scope === 'all') return true;
  // Company-level rows (no office) are visible to everyone in the company.
  if (officeId == null) return true;
  return scope.includes(officeId);
}

/** Office-scoped rows may be changed only inside the actor's scope; company-level rows only by company-wide roles. */
export function canManageInOffice(actor: Actor, officeId: string | null | undefined): boolean {
  if (officeId == null) return seesWholeCompany(actor);
  return canSeeOffice(actor, officeId);
}
