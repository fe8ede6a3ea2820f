import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { cases, outboxMessages, users } from '../db/schema';
import { notify } from './notifications.service';

let t: TestApp;
let s: SeededCompany;
beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
});
afterAll(() => t.close());

const send = (
  userIds: string[],
  type: 'assigned' | 'warning' | 'breach' = 'assigned',
  companyId = s.company.id,
) =>
  t.database.db.transaction((tx) =>
    notify(tx, { companyId, userIds, type, data: { clock: 'resolve' }, at: t.clock.now() }),
  );
const list = (role: keyof SeededCompany['cookies'], query = '') =>
  s
    .as(role)({ method: 'GET', url: `/api/notifications${query}` })
    .then((r) => r.json());

describe('notifications (the bell, UI-9)', () => {
  it('each user lists only their own notifications, newest first, with the unread count', async () => {
    await send([s.users.technician.id], 'assigned');
    t.clock.advance(1000);
    await send([s.users.technician.id, s.users.supervisor.id], 'warning');
    const mine = await list('technician');
    expect(mine.items.map((n: { type: string }) => n.type)).toEqual(['warning', 'assigned']);
    expect(mine).toMatchObject({ total: 2, unreadCount: 2, totalCapped: false });
    expect(mine.items[0]).toMatchObject({
      caseId: null,
      caseNumber: null,
      data: { clock: 'resolve' },
      readAt: null,
    });
    expect((await list('supervisor')).items).toHaveLength(1);
    expect((await list('agent')).items).toHaveLength(0);
  });

  it('marks one read (404 for someone else’s), then all; ?unread=true filters', async () => {
    const [supervisorsOwn] = (await list('supervisor')).items;
    const { items } = await list('technician');
    expect(
      (await s.as('agent')({ method: 'POST', url: `/api/notifications/${items[0].id}/read` })).statusCode,
    ).toBe(404);
    expect(
      (await s.as('admin')({ method: 'POST', url: `/api/notifications/${items[0].id}/read` })).statusCode,
    ).toBe(404);
    const read = await s.as('technician')({ method: 'POST', url: `/api/notifications/${items[0].id}/read` });
    expect(read.statusCode).toBe(200);
    expect(Math.abs(Date.parse(read.json().readAt) - t.clock.now().getTime())).toBeLessThan(1000);
    const firstReadAt = read.json().readAt;
    t.clock.advance(5000);
    const again = await s.as('technician')({ method: 'POST', url: `/api/notifications/${items[0].id}/read` });
    expect(again.json().readAt).toBe(firstReadAt);

    const unread = await list('technician', '?unread=true');
    expect(unread.items.map((n: { id: string }) => n.id)).toEqual([items[1].id]);
    expect(unread.unreadCount).toBe(1);
    const all = await s.as('technician')({ method: 'POST', url: '/api/notifications/read-all' });
    expect(all.json()).toEqual({ updated: 1 });
    expect((await list('technician')).unreadCount).toBe(0);
    // the supervisor's copy of the shared notification is untouched
    expect((await list('supervisor')).items[0]).toMatchObject({ id: supervisorsOwn.id, readAt: null });
  });

  it('pages with an opaque cursor', async () => {
    const u = await t.make.user({ companyId: s.company.id, roles: ['agent'] });
    for (let i = 0; i < 5; i++) {
      await send([u.id], 'breach');
      t.clock.advance(10);
    }
    const cookie = await t.login(u.username);
    const page1 = (
      await t.app.inject({ method: 'GET', url: '/api/notifications?limit=2', headers: { cookie } })
    ).json();
    expect(page1.items).toHaveLength(2);
    expect(page1.total).toBe(5);
    const seen = [...page1.items];
    let cursor = page1.nextCursor;
    while (cursor) {
      const p = (
        await t.app.inject({
          method: 'GET',
          url: `/api/notifications?limit=2&cursor=${cursor}`,
          headers: { cookie },
        })
      ).json();
      seen.push(...p.items);
      cursor = p.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen.map((n) => n.id)).size).toBe(5);
    const times = seen.map((n) => n.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('notify skips users of another company and deactivated users; outbox rows only for switched-on channels (MSG-3)', async () => {
    const b = await t.make.company();
    const outsider = await t.make.user({ companyId: b.id });
    const former = await t.make.user({ companyId: s.company.id });
    await t.database.db.update(users).set({ active: false }).where(eq(users.id, former.id));
    const made = await send([s.users.director.id, outsider.id, former.id, s.users.director.id]);
    expect(made.map((m) => m.userId)).toEqual([s.users.director.id]);
    const none = await t.database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.notificationId, made[0].id));
    expect(none).toEqual([]);

    // `breach` switched on for both channels: a bell type goes by webhook only, never by SMS
    await t.make.messageSettings(s.company.id, {
      types: [
        { type: 'breach', channel: 'sms', template: { code: 'SMS_1', params: [] } },
        { type: 'breach', channel: 'webhook' },
      ],
    });
    const sent = await send([s.users.director.id], 'breach', s.company.id);
    const rows = await t.database.db
      .select()
      .from(outboxMessages)
      .where(
        inArray(
          outboxMessages.notificationId,
          sent.map((m) => m.id),
        ),
      );
    expect(rows.map((r) => r.channel)).toEqual(['webhook']);
    expect(rows[0]).toMatchObject({
      status: 'pending',
      type: 'breach',
      recipientKind: 'user',
      userId: s.users.director.id,
      params: { clock: 'resolve' },
      idempotencyKey: rows[0].id.replace(/-/g, ''),
    });
    // another company's user cannot be notified through company A, even by id
    expect(await send([outsider.id], 'assigned', s.company.id)).toEqual([]);
  });

  it('another company’s notification is 404 and never listed (TENANT-1)', async () => {
    const b = await t.make.company();
    const bUser = await t.make.user({ companyId: b.id, roles: ['admin'] });
    const [theirs] = await send([bUser.id], 'assigned', b.id);
    const res = await s.as('admin')({ method: 'POST', url: `/api/notifications/${theirs.id}/read` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect(JSON.stringify(await list('admin'))).not.toContain(theirs.id);
  });

  it('a notification of a case its reader may no longer see keeps its type but not the case (canSeeCase)', async () => {
    // A case of the other office the technician (office 1) handles: theirs while they are its handler.
    const handled = await t.make.case({
      companyId: s.company.id,
      officeId: s.otherOffice.id,
      firstResponderId: s.users.agent.id,
      recordedById: s.users.agent.id,
      handlerId: s.users.technician.id,
      state: 'in_progress',
    });
    const [made] = await t.database.db.transaction((tx) =>
      notify(tx, {
        companyId: s.company.id,
        userIds: [s.users.technician.id],
        type: 'assigned',
        caseId: handled.id,
        data: { number: handled.number },
        at: t.clock.now(),
      }),
    );
    const find = async () => (await list('technician')).items.find((n: { id: string }) => n.id === made.id);
    expect(await find()).toMatchObject({
      caseId: handled.id,
      caseNumber: handled.number,
      data: { number: handled.number },
    });
    // Handed to another handler: the technician may not open it any more, and the bell no longer names it.
    await t.database.db
      .update(cases)
      .set({ handlerId: s.users.supervisor.id })
      .where(eq(cases.id, handled.id));
    expect(await find()).toMatchObject({ type: 'assigned', caseId: null, caseNumber: null, data: {} });
    const read = await s.as('technician')({ method: 'POST', url: `/api/notifications/${made.id}/read` });
    expect(read.json()).toMatchObject({ caseId: null, caseNumber: null, data: {} });
  });
});
