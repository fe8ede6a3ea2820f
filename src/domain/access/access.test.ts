import { describe, expect, it } from 'vitest';
import { can, canManageInOffice, canSeeOffice, officeScope, permissionsOf, type Actor } from './access';
import { PERMISSIONS, ROLES } from './roles';

const actor = (roles: Actor['roles'], officeIds: string[] = ['o1']): Actor => ({
  userId: 'u',
  companyId: 'c',
  roles,
  officeIds,
});

describe('access predicates (ACCESS-1)', () => {
  it('admin holds every permission', () => {
    expect(permissionsOf(['admin'])).toEqual([...PERMISSIONS]);
  });

  it('every role has at least read access to the company and no unknown permission', () => {
    for (const role of ROLES) {
      const perms = permissionsOf([role]);
      expect(perms).toContain('company.read');
      for (const p of perms) expect(PERMISSIONS).toContain(p);
    }
  });

  it('auditor is read-only and never sees personal data (PRIV-2)', () => {
    const auditor = actor(['auditor']);
    expect(can(auditor, 'property.read')).toBe(true);
    expect(can(auditor, 'property.manage')).toBe(false);
    expect(can(auditor, 'residents.pii')).toBe(false);
    expect(permissionsOf(['auditor']).some((p) => p.endsWith('.manage') || p.endsWith('.import'))).toBe(
      false,
    );
  });

  it('technician sees rooms but not residents’ phones (masked)', () => {
    expect(can(actor(['technician']), 'property.read')).toBe(true);
    expect(can(actor(['technician']), 'residents.pii')).toBe(false);
  });

  it('only admin manages users, tokens, the organisation and the settings (ACCESS-1)', () => {
    for (const role of ROLES) {
      const expected = role === 'admin';
      expect(can(actor([role]), 'users.manage')).toBe(expected);
      expect(can(actor([role]), 'tokens.manage')).toBe(expected);
      expect(can(actor([role]), 'org.manage')).toBe(expected);
      expect(can(actor([role]), 'settings.manage')).toBe(expected);
    }
  });

  it('permissions of several roles are the union', () => {
    const both = permissionsOf(['technician', 'director']);
    expect(both).toContain('property.import');
    expect(both).toContain('residents.pii');
  });

  it('admin and manager see the whole company; others only their offices', () => {
    expect(officeScope(actor(['admin'], []))).toBe('all');
    expect(officeScope(actor(['manager'], []))).toBe('all');
    expect(officeScope(actor(['director'], ['o1', 'o2']))).toEqual(['o1', 'o2']);
    expect(canSeeOffice(actor(['director'], ['o1']), 'o2')).toBe(false);
    expect(canSeeOffice(actor(['director'], ['o1']), 'o1')).toBe(true);
    expect(canSeeOffice(actor(['agent'], []), 'o1')).toBe(false);
  });

  it('company-level rows are visible to all but managed only by company-wide roles', () => {
    expect(canSeeOffice(actor(['agent']), null)).toBe(true);
    expect(canManageInOffice(actor(['director']), null)).toBe(false);
    expect(canManageInOffice(actor(['manager']), null)).toBe(true);
    expect(canManageInOffice(actor(['director'], ['o1']), 'o1')).toBe(true);
  });
});
