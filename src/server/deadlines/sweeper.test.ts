/**
 * The set-based deadline sweep (CLOCK-6, ESCALATE-2, docs/adr/0007): a batch of due clocks across two
 * offices is warned / breached once each, every breach raises its case one tier (max 3), each tier's people of
 * the case's office are notified once per case and tier, the hash chains stay intact, live events go out, and a
 * second sweep finds nothing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { verifyAllRecords } from '../records/verify-records';
import { createEventBus, flushEvents, type BusMessage } from '../events/event-bus';
import { sweep } from './sweeper';

let t: TestApp;
let s: SeededCompany;
/** per office: a room to report from, an agent's cookie, and the tier people of that office */
const offices: Record<
  'a' | 'b',
  { id: string; roomId: string; cookie: string; supervisors: string[]; director: string }
> = {} as never;
let inactiveSupervisorA: string;

const MINUTE = 60_000;

async function room(officeId: string, name: string) {
  const community = await t.make.community({ officeId, name });
  const building = await t.make.building({ communityId: community.id, name: '1号楼' });
  const unit = await t.make.unit({ buildingId: building.id, name: '1单元' });
  return (await t.make.room({ unitId: unit.id, number: '101' })).id;
}

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  const user = (roles: ('agent' | 'supervisor' | 'director')[], officeId: string, active = true) =>
    t.make.user({ companyId: s.company.id, roles, officeIds: [officeId], active });
  const secondSupervisorA = await user(['supervisor'], s.office.id);
  inactiveSupervisorA = (await user(['supervisor'], s.office.id, false)).id;
  const agentB = await user(['agent'], s.otherOffice.id);
  const supervisorB = await user(['supervisor'], s.otherOffice.id);
  const directorB = await user(['director'], s.otherOffice.id);
  offices.a = {
    id: s.office.id,
    roomId: await room(s.office.id, '翠湖花园'),
    cookie: s.cookies.agent,
    supervisors: [s.users.supervisor.id, secondSupervisorA.id],
    director: s.users.director.id,
  };
  offices.b = {
    id: s.otherOffice.id,
    roomId: await room(s.otherOffice.id, '碧水湾'),
    cookie: await t.login(agentB.username),
    supervisors: [supervisorB.id],
    director: directorB.id,
  };
});
afterAll(() => t.close());

type Plan = 'warn' | 'breach' | 'twoBreaches' | 'atTopTier';
interface Made {
  id: string;
  office: 'a' | 'b';
  plan: Plan;
  version: number;
}

/**
 * `n` repair cases alternating between the two offices, their clocks then set by SQL so that, at the fake
 * clock's now: `warn` — route at its 80 %; `breach` — route past due (already warned); `twoBreaches` — route and
 * reply past due (route first); `atTopTier` — route past due on a case already at tier 3. Other clocks wait.
 */
async function makeCases(n: number): Promise<Made[]> {
  const now = t.clock.now().getTime();
  const at = (ms: number) => new Date(now + ms).toISOString();
  const plans: Plan[] = ['warn', 'breach', 'twoBreaches', 'atTopTier'];
  const made: Made[] = [];
  for (let i = 0; i < n; i++) {
    const office = i % 2 === 0 ? 'a' : 'b';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: offices[office].cookie },
      payload: {
        channel: 'phone',
        kind: 'repair',
        roomId: offices[office].roomId,
        reporter: { name: '李四', phone: '13912345678' },
        description: `厨房下水道堵塞 ${i}`,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    const plan = plans[Math.floor(i / 2) % plans.length];
    const db = t.database.db;
    await db.execute(sql`update case_clocks set next_check_at = null where case_id = ${c.id}`);
    const clock = (name: string, due: number, warned: boolean, next: number) =>
      db.execute(sql`update case_clocks set started_at = ${at(-10 * 60 * MINUTE)}, due_at = ${at(due)},
          warned_at = ${warned ? at(due - 30 * MINUTE) : null}, met_at = null, breached_at = null,
          paused_at = null, stopped_at = null, next_check_at = ${at(next)}
        where case_id = ${c.id} and name = ${name}`);
    if (plan === 'warn') await clock('route', 60 * MINUTE, false, -MINUTE);
    else await clock('route', -2 * MINUTE, true, -2 * MINUTE);
    if (plan === 'twoBreaches') await clock('reply', -MINUTE, false, -MINUTE);
    if (plan === 'atTopTier') await db.execute(sql`update cases set escalation_tier = 3 where id = ${c.id}`);
    const { rows } = await db.execute<{ version: number }>(sql`select version from cases where id = ${c.id}`);
    made.push({ id: c.id, office, plan, version: rows[0].version });
  }
  return made;
}

const expectedTier: Record<Plan, number> = { warn: 0, breach: 1, twoBreaches: 2, atTopTier: 3 };

describe('set-based sweep (CLOCK-6, ESCALATE-2, ADR 0007)', () => {
  it('60 cases in two offices: each clock warned or breached once, one tier per breach, each tier notified once per case, chains intact, a second sweep does nothing', async () => {
    const cases = await makeCases(60);
    // The intakes' own live events (coalesced, sent a few ms later) must not be counted as the sweep's.
    await flushEvents(t.database.db);
    const count = (p: Plan) => cases.filter((c) => c.plan === p).length;
    const events: BusMessage[] = [];
    const bus = createEventBus(t.database.pool);
    const unsubscribe = await bus.subscribe((m) => events.push(m));
    try {
      const result = await sweep(t.database.db, t.clock, { companyId: s.company.id });
      expect(result).toEqual({
        warned: count('warn'),
        breached: count('breach') + 2 * count('twoBreaches') + count('atTopTier'),
        escalated: count('breach') + 2 * count('twoBreaches'),
      });

      const db = t.database.db;
      const ids = sql.join(
        cases.map((c) => sql`${c.id}::uuid`),
        sql`, `,
      );
      const { rows: caseRows } = await db.execute<{
        id: string;
        escalation_tier: number;
        version: number;
        handler_id: string | null;
        first_responder_id: string;
      }>(
        sql`select id, escalation_tier, version, handler_id, first_responder_id from cases where id in (${ids})`,
      );
      const { rows: timeline } = await db.execute<{
        case_id: string;
        type: string;
        data: Record<string, unknown>;
      }>(
        sql`select case_id, type, data from case_timeline where case_id in (${ids})
          and type in ('clock_warned', 'clock_breached', 'escalated') order by case_id, seq`,
      );
      const { rows: notes } = await db.execute<{
        id: string;
        user_id: string;
        type: string;
        case_id: string;
        data: Record<string, unknown>;
      }>(
        sql`select id, user_id, type, case_id, data from notifications where case_id in (${ids})
          and type in ('warning', 'breach', 'escalated')`,
      );
      for (const c of cases) {
        const row = caseRows.find((r) => r.id === c.id)!;
        expect(row.escalation_tier, c.plan).toBe(expectedTier[c.plan]);
        expect(row.version, 'one version per case and sweep').toBe(c.version + 1);
        const entries = timeline
          .filter((e) => e.case_id === c.id)
          .map(
            (e) =>
              `${e.type}:${String(e.data.clock)}${e.type === 'escalated' ? `:${String(e.data.tier)}` : ''}`,
          );
        expect(entries, c.plan).toEqual(
          {
            warn: ['clock_warned:route'],
            breach: ['clock_breached:route', 'escalated:route:1'],
            twoBreaches: [
              'clock_breached:route',
              'escalated:route:1',
              'clock_breached:reply',
              'escalated:reply:2',
            ],
            atTopTier: ['clock_breached:route'],
          }[c.plan],
        );

        const people = [...new Set([row.handler_id, row.first_responder_id].filter((x): x is string => !!x))];
        const mine = notes.filter((n) => n.case_id === c.id);
        const of = (type: string) =>
          mine
            .filter((n) => n.type === type)
            .map((n) => n.user_id)
            .sort();
        const clocks = c.plan === 'twoBreaches' ? 2 : 1;
        expect(of('warning')).toEqual(c.plan === 'warn' ? [...people].sort() : []);
        expect(of('breach')).toEqual(
          c.plan === 'warn' ? [] : people.flatMap((p) => Array<string>(clocks).fill(p)).sort(),
        );
        const o = offices[c.office];
        const tierPeople = {
          warn: [],
          breach: o.supervisors,
          twoBreaches: [...o.supervisors, o.director],
          atTopTier: [],
        }[c.plan];
        expect(of('escalated'), `${c.plan} in office ${c.office}`).toEqual([...tierPeople].sort());
        for (const n of mine.filter((x) => x.type === 'escalated'))
          expect(n.data.tier).toBe(o.supervisors.includes(n.user_id) ? 1 : 2);
      }
      expect(notes.some((n) => n.user_id === inactiveSupervisorA)).toBe(false);

      const [report] = await verifyAllRecords(db, { companyId: s.company.id });
      expect(report.broken).toEqual([]);
      expect(report.checked).toBe(60);
      const detail = await s.as('director')({ method: 'GET', url: `/api/cases/${cases[4].id}` });
      expect(detail.json().timelineIntact).toBe(true);

      // live events: each case once, each bell entry once, to its user
      const deadline = Date.now() + 5000;
      const live = () => events.filter((e) => e.type === 'notification').length;
      while (live() < notes.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const caseEvents = events.filter((e) => e.type === 'case');
      expect(caseEvents.map((e) => e.caseId).sort()).toEqual(cases.map((c) => c.id).sort());
      expect(caseEvents.find((e) => e.caseId === cases[1].id)).toMatchObject({
        companyId: s.company.id,
        officeId: offices.b.id,
      });
      const noteEvents = events.filter((e) => e.type === 'notification');
      expect(noteEvents.map((e) => `${e.notificationId}:${e.userId}`).sort()).toEqual(
        notes.map((n) => `${n.id}:${n.user_id}`).sort(),
      );

      const again = await sweep(db, t.clock, { companyId: s.company.id });
      expect(again).toEqual({ warned: 0, breached: 0, escalated: 0 });
      // nothing new written by the second sweep
      const { rows: counts } = await db.execute<{ timeline: number; notes: number }>(
        sql`select (select count(*) from case_timeline where case_id in (${ids})
            and type in ('clock_warned', 'clock_breached', 'escalated'))::int as timeline,
          (select count(*) from notifications where case_id in (${ids})
            and type in ('warning', 'breach', 'escalated'))::int as notes`,
      );
      expect(counts[0]).toEqual({ timeline: timeline.length, notes: notes.length });
    } finally {
      unsubscribe();
      await bus.close();
    }
  });

  it('two sweepers at once, then a third: every clock handled exactly once, no tier skipped', async () => {
    const cases = await makeCases(20);
    const count = (p: Plan) => cases.filter((c) => c.plan === p).length;
    const runs = await Promise.all([
      sweep(t.database.db, t.clock, { companyId: s.company.id }),
      sweep(t.database.db, t.clock, { companyId: s.company.id }),
    ]);
    // a clock skipped because the other sweeper held its case is taken by the next round
    runs.push(await sweep(t.database.db, t.clock, { companyId: s.company.id }));
    const total = (k: 'warned' | 'breached' | 'escalated') => runs.reduce((n, r) => n + r[k], 0);
    expect({ warned: total('warned'), breached: total('breached'), escalated: total('escalated') }).toEqual({
      warned: count('warn'),
      breached: count('breach') + 2 * count('twoBreaches') + count('atTopTier'),
      escalated: count('breach') + 2 * count('twoBreaches'),
    });
    const ids = sql.join(
      cases.map((c) => sql`${c.id}::uuid`),
      sql`, `,
    );
    const { rows } = await t.database.db.execute<{ id: string; escalation_tier: number; entries: number }>(
      sql`select c.id, c.escalation_tier, (select count(*) from case_timeline e where e.case_id = c.id
          and e.type in ('clock_warned', 'clock_breached', 'escalated'))::int as entries
        from cases c where c.id in (${ids})`,
    );
    for (const c of cases) {
      const row = rows.find((r) => r.id === c.id)!;
      expect(row.escalation_tier, c.plan).toBe(expectedTier[c.plan]);
      expect(row.entries, c.plan).toBe({ warn: 1, breach: 2, twoBreaches: 4, atTopTier: 1 }[c.plan]);
    }
    expect((await verifyAllRecords(t.database.db, { companyId: s.company.id }))[0].broken).toEqual([]);
  });

  it('a stored next check earlier than the clock’s own warning point is corrected: no entry, the case untouched', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/cases',
      headers: { cookie: offices.a.cookie },
      payload: {
        channel: 'phone',
        kind: 'inquiry',
        roomId: offices.a.roomId,
        description: '询问物业费缴纳方式',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json() as { id: string; version: number };
    const now = t.clock.now();
    await t.database.db.execute(
      sql`update case_clocks set next_check_at = ${new Date(now.getTime() - 1000)} where case_id = ${c.id}`,
    );
    await sweep(t.database.db, t.clock, { companyId: s.company.id });
    const { rows } = await t.database.db.execute<{ version: number; seq: number; early: number }>(
      sql`select c.version, c.timeline_seq as seq,
          (select count(*) from case_clocks k where k.case_id = c.id and k.next_check_at <= ${now})::int as early
        from cases c where c.id = ${c.id}`,
    );
    expect(rows[0]).toEqual({ version: c.version, seq: 1, early: 0 });
  });
});
