/** Where each role lands and which menu groups open for it (UI-11). */
import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '../../contracts/values/access';
import type { Role } from '../api/types';
import { landingPath, openMenuGroups } from './landing';

const as = (...roles: Role[]) => ({
  roles,
  permissions: [...new Set(roles.flatMap((r) => ROLE_PERMISSIONS[r]))],
});

describe('UI-11 each role lands where its work is', () => {
  it.each([
    [['technician'], '/m/tasks', ['cases']],
    [['agent'], '/cases/new', ['cases']],
    [['supervisor'], '/cases/callbacks', ['cases']],
    [['director'], '/dashboard', ['cases', 'reports']],
    [['manager'], '/dashboard', ['cases', 'reports']],
    [['auditor'], '/reports/monthly', ['reports']],
    [['admin'], '/', ['cases', 'org', 'property']],
    // several roles: the widest work first
    [['agent', 'technician'], '/cases/new', ['cases']],
    [['director', 'agent'], '/dashboard', ['cases', 'reports']],
    [['admin', 'agent'], '/cases/new', ['cases']],
    [[], '/', ['cases']],
  ] as [Role[], string, string[]][])('%j → %s, menu groups %j', (roles, path, groups) => {
    expect(landingPath(as(...roles))).toBe(path);
    expect(openMenuGroups(as(...roles), undefined)).toEqual(groups);
  });

  it('a role whose page the user may not open (permissions changed) takes the next role, or home', () => {
    expect(landingPath({ roles: ['director'], permissions: ['cases.read', 'cases.create'] })).toBe('/');
    expect(landingPath({ roles: ['director', 'agent'], permissions: ['cases.read', 'cases.create'] })).toBe(
      '/cases/new',
    );
  });

  it('the group of the page shown opens too, first', () => {
    expect(openMenuGroups(as('technician'), 'property')).toEqual(['property', 'cases']);
    expect(openMenuGroups(as('agent'), 'cases')).toEqual(['cases']);
  });
});
