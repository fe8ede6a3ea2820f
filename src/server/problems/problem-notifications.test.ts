/**
 * PROBLEM-3 + UI-9: a recurring problem tells its people — the office director when it is raised, the
 * people of each department added to its review (and the director) when it is assigned, the review's people once
 * when its due date passes without measures — each exactly once, in the transaction that made the change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { categories } from '../db/schema';
import { injectHelpers } from './test-api';
import { detectProblems } from './problems.service';
import { notifyOverdueProblems } from './problem-notifications';

type Inject = (opts: InjectOptions) => Promise<LightMyRequestResponse>;

let t: TestApp;
let s: SeededCompany;
let api: Awaited<ReturnType<typeof injectHelpers>>;
let as: (role: keyof SeededCompany['cookies']) => Inject;
let leak: string;
let eng: { id: string; name: string };
let cs: { id: string; name: string };
let quality: { id: string; name: string };
let agent2: string;
let qualityHead: string;
let director2: string;
let director2Username: string;
let problemId: string;
let otherProblemId: string;

const NOW = new Date('2026-11-24T02:00:00Z');
const DAY = 86_400_000;

async function roomsIn(officeId: string, name: string, n: number) {
  const community = await t.make.community({ officeId, name });
  const building = await t.make.building({ communityId: community.id, name: '1号楼' });
  const unit = await t.make.unit({ buildingId: building.id, name: '1单元' });
  const rooms: string[] = [];
  for (let i = 0; i < n; i++) rooms.push((await t.make.room({ unitId: unit.id, number: `${i + 1}01` })).id);
  return rooms;
}

async function plantLeaks(rooms: string[]) {
  for (const roomId of rooms) {
    const res = await as('manager')({
      method: 'POST',
      url: '/api/cases',
      payload: {
        channel: 'phone',
        kind: 'repair',
        roomId,
        categoryId: leak,
        reporter: { name: '王五' },
        description: '卫生间漏水',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}

/** The problem notifications a user has, oldest first. */
async function notes(userId: string, type?: string) {
  const { rows } = await t.database.db.execute<{
    type: string;
    case_id: string | null;
    data: Record<string, unknown>;
  }>(
    sql`select type, case_id, data from notifications where user_id = ${userId} and type like 'problem%'
      ${type ? sql`and type = ${type}` : sql``} order by created_at, id`,
  );
  return rows;
}

async function patch(who: Inject, id: string, body: Record<string, unknown>) {
  const current = await who({ method: 'GET', url: `/api/problems/${id}` });
  expect(current.statusCode, current.body).toBe(200);
  const res = await who({
    method: 'PATCH',
    url: `/api/problems/${id}`,
    payload: { version: current.json().version, ...body },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(NOW);
  s = await t.seedCompany();
  api = await injectHelpers(t);
  as = (role) => api.as(s, role);
  const db = t.database.db;
  [{ id: leak }] = await db.insert(categories).values({ companyId: s.company.id, name: '漏水' }).returning();
  // our office names its director; the other office does not, so its director-role users are told
  await db.execute(sql`update offices set director_id = ${s.users.director.id} where id = ${s.office.id}`);
  const d2 = await t.make.user({
    companyId: s.company.id,
    roles: ['director'],
    officeIds: [s.otherOffice.id],
  });
  director2 = d2.id;
  director2Username = d2.username;
  // 工程维修组: a head (the technician); 客服中心: no head, two agents; 品质部: a head who has left
  const department = async (name: string, headId: string | null) => {
    const d = await t.make.department({ companyId: s.company.id, officeId: s.office.id, name });
    if (headId) await db.execute(sql`update departments set head_id = ${headId} where id = ${d.id}`);
    return { id: d.id, name };
  };
  eng = await department('工程维修组', s.users.technician.id);
  cs = await department('客服中心', null);
  agent2 = (await t.make.user({ companyId: s.company.id, roles: ['agent'], officeIds: [s.office.id] })).id;
  await db.execute(
    sql`update users set department_id = ${cs.id} where id in (${s.users.agent.id}, ${agent2})`,
  );
  qualityHead = (await t.make.user({ companyId: s.company.id, roles: ['supervisor'], officeIds: [] })).id;
  quality = await department('品质部', qualityHead);
  await db.execute(sql`update users set active = false where id = ${qualityHead}`);
  await db.execute(sql`update users set department_id = ${quality.id} where id = ${s.users.auditor.id}`);
});
afterAll(() => t.close());

describe('a problem raised tells the office director (PROBLEM-3)', () => {
  it('detection on demand: our director and the other office’s director each hear of their own problem, once', async () => {
    await plantLeaks(await roomsIn(s.office.id, '翠湖花园', 3));
    await plantLeaks(await roomsIn(s.otherOffice.id, '碧水湾', 3));
    const res = await as('manager')({ method: 'POST', url: '/api/problems/detect' });
    expect(res.json()).toEqual({ created: 2, linked: 6 });

    const ours = await notes(s.users.director.id);
    expect(ours).toHaveLength(1);
    expect(ours[0]).toMatchObject({ type: 'problem_raised', case_id: null });
    expect(ours[0].data.title).toBe('翠湖花园 1号楼 · 漏水');
    problemId = ours[0].data.problemId as string;
    const theirs = await notes(director2);
    expect(theirs).toHaveLength(1);
    expect(theirs[0].data.title).toBe('碧水湾 1号楼 · 漏水');
    otherProblemId = theirs[0].data.problemId as string;
    expect(otherProblemId).not.toBe(problemId);
    for (const role of ['admin', 'manager', 'supervisor', 'agent', 'technician', 'auditor'] as const)
      expect(await notes(s.users[role].id), role).toEqual([]);

    // the bell lists it: no case, the problem's id to link to
    const bell = await as('director')({ method: 'GET', url: '/api/notifications' });
    expect(bell.json().items.find((n: { type: string }) => n.type === 'problem_raised')).toMatchObject({
      type: 'problem_raised',
      caseId: null,
      caseNumber: null,
      data: { problemId, title: '翠湖花园 1号楼 · 漏水' },
      readAt: null,
    });
  });

  it('detection again (and a case joining the open problem) tells nobody again', async () => {
    expect(await detectProblems(t.database.db, t.clock, { companyId: s.company.id })).toEqual({
      created: 0,
      linked: 0,
    });
    expect(await notes(s.users.director.id)).toHaveLength(1);
    expect(await notes(director2)).toHaveLength(1);
  });
});

describe('a problem assigned to a review tells the departments’ people and the director', () => {
  it('a head is told for the department; a department without an active head through its members', async () => {
    const dueAt = new Date(NOW.getTime() + 3 * DAY).toISOString();
    await patch(as('supervisor'), problemId, { reviewDepartmentIds: [eng.id, cs.id], dueAt });
    const expected = {
      type: 'problem_assigned',
      case_id: null,
      data: { problemId, title: '翠湖花园 1号楼 · 漏水', departments: expect.any(Array), dueAt },
    };
    for (const id of [s.users.technician.id, s.users.agent.id, agent2])
      expect(await notes(id, 'problem_assigned'), id).toEqual([expected]);
    const [director] = await notes(s.users.director.id, 'problem_assigned');
    expect(director).toEqual(expected);
    expect([...(director.data.departments as string[])].sort()).toEqual([cs.name, eng.name].sort());
    // the one who assigned it, and people of no review department, are not told
    for (const id of [s.users.supervisor.id, s.users.manager.id, s.users.admin.id, director2])
      expect(await notes(id, 'problem_assigned'), id).toEqual([]);
  });

  it('saving the review again tells nobody; adding a department tells only its people (and the director)', async () => {
    await patch(as('supervisor'), problemId, {
      reviewDepartmentIds: [eng.id, cs.id],
      rootCause: '屋面防水层老化',
    });
    expect(await notes(s.users.technician.id, 'problem_assigned')).toHaveLength(1);
    expect(await notes(s.users.director.id, 'problem_assigned')).toHaveLength(1);

    // 品质部's head has left: its members hear of it; the director adds it and is not told of their own change
    await patch(as('director'), problemId, { reviewDepartmentIds: [eng.id, cs.id, quality.id] });
    const [auditor] = await notes(s.users.auditor.id, 'problem_assigned');
    expect(auditor.data).toMatchObject({ problemId, departments: [quality.name] });
    expect(await notes(qualityHead)).toEqual([]);
    expect(await notes(s.users.technician.id, 'problem_assigned')).toHaveLength(1);
    expect(await notes(s.users.agent.id, 'problem_assigned')).toHaveLength(1);
    expect(await notes(s.users.director.id, 'problem_assigned')).toHaveLength(1);
  });
});

describe('a review past its due date without measures tells its people once', () => {
  it('once: the review departments’ people, not the director; a second run tells nobody', async () => {
    // the other office's problem: past due too, but its measures are recorded
    await patch(api.withCookie(await t.login(director2Username)), otherProblemId, {
      dueAt: new Date(NOW.getTime() + DAY).toISOString(),
      measures: '更换屋面防水层',
    });
    t.clock.set(new Date(NOW.getTime() + 3 * DAY + 1000));
    await s.relogin();
    expect(await notifyOverdueProblems(t.database.db, t.clock)).toEqual({ problems: 1, notifications: 4 });
    const expected = [
      {
        type: 'problem_overdue',
        case_id: null,
        data: {
          problemId,
          title: '翠湖花园 1号楼 · 漏水',
          dueAt: new Date(NOW.getTime() + 3 * DAY).toISOString(),
        },
      },
    ];
    for (const id of [s.users.technician.id, s.users.agent.id, agent2, s.users.auditor.id])
      expect(await notes(id, 'problem_overdue'), id).toEqual(expected);
    for (const id of [s.users.director.id, director2, s.users.supervisor.id, qualityHead])
      expect(await notes(id, 'problem_overdue'), id).toEqual([]);

    expect(await notifyOverdueProblems(t.database.db, t.clock)).toEqual({ problems: 0, notifications: 0 });
    // the hourly job runs it with detection
    await detectProblems(t.database.db, t.clock, { companyId: s.company.id });
    expect(await notes(s.users.technician.id, 'problem_overdue')).toHaveLength(1);
  });

  it('a new due date is reminded of once more when it passes; measures recorded end the reminders', async () => {
    const dueAt = new Date(NOW.getTime() + 5 * DAY).toISOString();
    await patch(as('director'), problemId, { dueAt });
    expect(await notifyOverdueProblems(t.database.db, t.clock)).toEqual({ problems: 0, notifications: 0 });
    t.clock.set(new Date(NOW.getTime() + 6 * DAY));
    await s.relogin();
    expect(await notifyOverdueProblems(t.database.db, t.clock)).toEqual({ problems: 1, notifications: 4 });
    expect((await notes(s.users.technician.id, 'problem_overdue')).map((n) => n.data.dueAt)).toEqual([
      new Date(NOW.getTime() + 3 * DAY).toISOString(),
      dueAt,
    ]);

    await patch(as('director'), problemId, {
      dueAt: new Date(NOW.getTime() + 7 * DAY).toISOString(),
      measures: '更换屋面防水层，雨季前复查',
    });
    t.clock.set(new Date(NOW.getTime() + 8 * DAY));
    expect(await notifyOverdueProblems(t.database.db, t.clock)).toEqual({ problems: 0, notifications: 0 });
  });

  it('a review with no department tells the office director', async () => {
    await t.database.db.execute(
      sql`update problems set due_at = ${new Date(NOW.getTime() + 7 * DAY)}, measures = null where id = ${otherProblemId}`,
    );
    expect(await notifyOverdueProblems(t.database.db, t.clock)).toEqual({ problems: 1, notifications: 1 });
    expect(await notes(director2, 'problem_overdue')).toEqual([
      expect.objectContaining({ data: expect.objectContaining({ problemId: otherProblemId }) }),
    ]);
  });
});
