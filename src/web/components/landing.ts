/**
 * Where each role lands after signing in and which menu groups open for it (UI-11): the page of its daily work,
 * not one home for all. Pure, so a table test pins every role; the menu and the login page read it.
 */
import type { Permission } from '../api/queries';
import type { Role } from '../api/types';

/** The side menu's groups (AppLayout's NAV keys). */
export type MenuGroup = 'cases' | 'reports' | 'org' | 'property' | 'settings';

interface RoleLanding {
  /** the page opened after sign-in */
  path: string;
  /** what the page needs; without it the next role (or home) is taken */
  permission: Permission;
  /** the groups of the menu open by default */
  groups: readonly MenuGroup[];
}

/**
 * Per role, in the order a person with several roles is taken by (the widest work first): a director or manager
 * reads the office on the dashboard; a supervisor works the callbacks (the overdue board is beside it); an agent
 * takes calls at intake with 我的工单 next to it; a technician works 我的派工; an auditor reads the reports. An
 * admin's work is the registers (and the desk they may also serve): home, with those groups open.
 */
const LANDINGS: readonly (readonly [Role, RoleLanding])[] = [
  ['manager', { path: '/dashboard', permission: 'reports.read', groups: ['cases', 'reports'] }],
  ['director', { path: '/dashboard', permission: 'reports.read', groups: ['cases', 'reports'] }],
  ['supervisor', { path: '/cases/callbacks', permission: 'cases.read', groups: ['cases'] }],
  ['agent', { path: '/cases/new', permission: 'cases.create', groups: ['cases'] }],
  ['technician', { path: '/m/tasks', permission: 'cases.read', groups: ['cases'] }],
  ['auditor', { path: '/reports/monthly', permission: 'reports.read', groups: ['reports'] }],
  ['admin', { path: '/', permission: 'company.read', groups: ['cases', 'org', 'property'] }],
];

const HOME: RoleLanding = { path: '/', permission: 'company.read', groups: ['cases'] };

function landingOf(me: { roles: readonly string[]; permissions: readonly string[] }): RoleLanding {
  for (const [role, landing] of LANDINGS)
    if (me.roles.includes(role) && me.permissions.includes(landing.permission)) return landing;
  return HOME;
}

/** The page a user lands on after signing in (home when no role of theirs has its own). */
export function landingPath(me: { roles: readonly string[]; permissions: readonly string[] }): string {
  return landingOf(me).path;
}

/** The menu groups open by default: the landing role's, and the group of the page shown. */
export function openMenuGroups(
  me: { roles: readonly string[]; permissions: readonly string[] },
  currentGroup: string | undefined,
): string[] {
  return [...new Set([...(currentGroup ? [currentGroup] : []), ...landingOf(me).groups])];
}
