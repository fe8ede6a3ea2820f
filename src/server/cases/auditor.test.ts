/**
 * ACCESS-7: the auditor reads the whole company — every office's cases and reports — with reporters masked and
 * anonymous ones absent, cannot reveal, and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';

let t: TestApp;
let s: SeededCompany;
let auditorCookie: string;
let named: { id: string; version: number };
let anonymous: { id: string };
let otherOffice: { id: string };

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  // an auditor of no office at all
  const auditor = await t.make.user({ companyId: s.company.id, roles: ['auditor'], officeIds: [] });
  auditorCookie = await t.login(auditor.username);
  const intake = async (cookie: string, body: Record<string, unknown>) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie },
      payload: { channel: 'phone', kind: 'complaint', description: '绿化带无人修剪', ...body },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  named = await intake(s.cookies.agent, { reporter: { name: '郑先生', phone: '13812340000' } });
  anonymous = await intake(s.cookies.agent, {
    reporter: { name: '冯女士', phone: '13812341111', anonymous: true },
  });
  const agent2 = await t.make.user({
    companyId: s.company.id,
    roles: ['agent'],
    officeIds: [s.otherOffice.id],
  });
  otherOffice = await intake(await t.login(agent2.username), { reporter: { name: '陈先生' } });
});
afterAll(() => t.close());

const asAuditor = (opts: InjectOptions) =>
  t.app.inject({ ...opts, headers: { ...opts.headers, cookie: auditorCookie } });

describe('ACCESS-7 the auditor reads the whole company and changes nothing', () => {
  it('ACCESS-7 lists and opens the cases of every office; named reporters masked, anonymous ones absent', async () => {
    const list = await asAuditor({ method: 'GET', url: '/api/cases' });
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([named.id, anonymous.id, otherOffice.id]));
    const one = (await asAuditor({ method: 'GET', url: `/api/cases/${named.id}` })).json();
    expect(one.reporter).toMatchObject({ masked: true, phone: '138****0000' });
    expect(one.allowedActions).toEqual([]);
    const anon = (await asAuditor({ method: 'GET', url: `/api/cases/${anonymous.id}` })).json();
    expect(anon.reporter).toMatchObject({ name: null, phone: null, anonymous: true });
  });

  it('ACCESS-7 reads the reports; cannot reveal, comment or act (403)', async () => {
    const monthly = await asAuditor({ method: 'GET', url: '/api/reports/monthly/status' });
    expect(monthly.statusCode, monthly.body).toBe(200);
    const reveal = await asAuditor({ method: 'POST', url: `/api/cases/${named.id}/reveal` });
    expect(reveal.statusCode).toBe(403);
    for (const [action, body] of [
      ['comment', { text: '看看' }],
      ['escalate', { reason: '超时' }],
    ] as const) {
      const res = await asAuditor({
        method: 'POST',
        url: `/api/cases/${named.id}/actions/${action}`,
        payload: { version: named.version, ...body },
      });
      expect(res.statusCode, `${action}: ${res.body}`).toBe(403);
    }
  });
});
