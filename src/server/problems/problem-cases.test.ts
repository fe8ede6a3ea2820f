/**
 * 001 通知 二.2: a problem's detail lists only the linked cases its reader may see (canSeeCase), whatever the problem's
 * office — a company-level problem (no office) is readable by every office, the cases behind it are not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { problemCases, problems } from '../db/schema';

let t: TestApp;
let s: SeededCompany;
beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
});
afterAll(() => t.close());

describe('problem detail applies the case rule to its cases (PRIV-3, 001 通知 二.2; PROBLEM-1)', () => {
  it('a company-level problem shows an office’s supervisor only their office’s cases; the manager all', async () => {
    const other = await t.make.user({
      companyId: s.company.id,
      roles: ['agent'],
      officeIds: [s.otherOffice.id],
    });
    const mine = await t.make.case({
      companyId: s.company.id,
      officeId: s.office.id,
      firstResponderId: s.users.agent.id,
      recordedById: s.users.agent.id,
      description: '本处电梯困人',
    });
    const theirs = await t.make.case({
      companyId: s.company.id,
      officeId: s.otherOffice.id,
      firstResponderId: other.id,
      recordedById: other.id,
      description: '别处电梯困人',
    });
    const [problem] = await t.database.db
      .insert(problems)
      .values({
        companyId: s.company.id,
        officeId: null,
        scopeType: 'similar_text',
        title: '电梯困人',
        detectedAt: t.clock.now(),
        clusterKey: `test:${crypto.randomUUID()}`,
      })
      .returning();
    await t.database.db
      .insert(problemCases)
      .values([mine, theirs].map((c) => ({ problemId: problem.id, caseId: c.id, companyId: s.company.id })));
    const casesFor = async (role: 'supervisor' | 'manager') => {
      const res = await s.as(role)({ method: 'GET', url: `/api/problems/${problem.id}` });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json().cases as { id: string }[]).map((c) => c.id).sort();
    };
    expect(await casesFor('supervisor')).toEqual([mine.id]);
    expect(await casesFor('manager')).toEqual([mine.id, theirs.id].sort());
  });
});
