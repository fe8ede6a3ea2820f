/**
 * Live events across app instances (OPS-5): an event published in instance 1's
 * transaction reaches an SSE client of instance 2 when it commits, never when it rolls back, and only the people
 * it is for.
 */
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type SeededCompany, type TestApp } from '../../../test/test-app';
import { notify } from '../notifications/notifications.service';
import { publishEvent, publishEventSoon } from './event-bus';

let t: TestApp;
let s: SeededCompany;
let second: FastifyInstance;
let base: string;
let bCompanyId: string;

beforeAll(async () => {
  t = await createTestApp();
  s = await t.seedCompany();
  bCompanyId = (await t.make.company()).id;
  second = await t.rebuild();
  await second.listen({ host: '127.0.0.1', port: 0 });
  const address = second.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => t.close());

interface Frame {
  event: string;
  data: Record<string, unknown>;
}

/** A minimal EventSource over node:http (closing it destroys the socket, so the server can shut down at once). */
async function connect(cookie: string) {
  const frames: Frame[] = [];
  const comments: string[] = [];
  let buffer = '';
  const req = http.get(`${base}/api/events`, { headers: { cookie, accept: 'text/event-stream' } });
  const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
    req.once('response', resolve);
    req.once('error', reject);
  });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event) frames.push({ event, data: JSON.parse(data ?? '{}') });
      for (const line of block.split('\n')) if (line.startsWith(':')) comments.push(line);
    }
  });
  res.on('error', () => {});
  const until = async (done: () => boolean, ms: number, what: string) => {
    const deadline = Date.now() + ms;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`${what}; got ${JSON.stringify(frames)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  // the stream opens with `retry` and a `: connected` comment once the instance is LISTENing
  await until(() => comments.includes(': connected'), 5000, 'not connected');
  return {
    frames,
    comments,
    async waitFor(pred: (f: Frame) => boolean, ms = 5000): Promise<Frame> {
      await until(() => frames.some(pred), ms, 'no matching event');
      return frames.find(pred)!;
    },
    async close() {
      req.destroy();
    },
  };
}

/** Parties of a case nobody of the seeded company is on (the office decides who hears of it). */
const strangers = () => ({
  firstResponderId: crypto.randomUUID(),
  recordedById: crypto.randomUUID(),
  handlerId: null,
  callbackAssigneeId: null,
  target: null,
});

const notifyUser = (userId: string, companyId = s.company.id, type: 'assigned' | 'warning' = 'assigned') =>
  t.database.db.transaction((tx) =>
    notify(tx, { companyId, userIds: [userId], type, data: { clock: 'resolve' }, at: t.clock.now() }),
  );

describe('live events over LISTEN/NOTIFY (OPS-5)', () => {
  it('a notification committed through instance 1 reaches the user’s stream on instance 2', async () => {
    const agent = await connect(s.cookies.agent);
    try {
      const [made] = await notifyUser(s.users.agent.id);
      const frame = await agent.waitFor((f) => f.event === 'notification');
      expect(frame.data).toEqual({ id: made.id, type: 'assigned', caseId: null });
    } finally {
      await agent.close();
    }
  });

  it('OPS-5: a case created through instance 1 reaches an SSE client of instance 2', async () => {
    const stream = await connect(s.cookies.supervisor);
    try {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/cases',
        headers: { cookie: s.cookies.agent },
        payload: { channel: 'phone', kind: 'complaint', description: '楼上装修噪音扰民' },
      });
      expect(created.statusCode, created.body).toBe(201);
      const frame = await stream.waitFor((f) => f.event === 'case' && f.data.caseId === created.json().id);
      expect(frame.data.caseId).toBe(created.json().id);
    } finally {
      await stream.close();
    }
  });

  it('events published outside a transaction are coalesced, split under the payload limit, and all arrive', async () => {
    const stream = await connect(s.cookies.manager);
    try {
      // 120 case events of ~190 bytes: more than one NOTIFY payload (8000 bytes) holds.
      const ids = Array.from({ length: 120 }, () => crypto.randomUUID());
      const sent: string[] = [];
      const realExecute = t.database.db.execute.bind(t.database.db);
      const spy = Object.assign(Object.create(t.database.db) as typeof t.database.db, {
        execute: ((q: Parameters<typeof realExecute>[0]) => {
          sent.push('notify');
          return realExecute(q);
        }) as typeof realExecute,
      });
      for (const caseId of ids)
        publishEventSoon(spy, {
          type: 'case',
          companyId: s.company.id,
          caseId,
          officeId: s.office.id,
          parties: strangers(),
        });
      // All arrive: had they gone as one payload over the limit, pg_notify would have refused it and none would.
      for (const caseId of ids) await stream.waitFor((f) => f.event === 'case' && f.data.caseId === caseId);
      // Coalesced: the payloads went in one statement.
      expect(sent.length).toBe(1);
    } finally {
      await stream.close();
    }
  });

  it('nothing is sent when the transaction rolls back', async () => {
    const agent = await connect(s.cookies.agent);
    try {
      let rolledBackId = '';
      await t.database.db
        .transaction(async (tx) => {
          const [made] = await notify(tx, {
            companyId: s.company.id,
            userIds: [s.users.agent.id],
            type: 'warning',
            at: t.clock.now(),
          });
          rolledBackId = made.id;
          throw new Error('roll back');
        })
        .catch(() => {});
      const [committed] = await notifyUser(s.users.agent.id);
      await agent.waitFor((f) => f.data.id === committed.id);
      expect(agent.frames.some((f) => f.data.id === rolledBackId)).toBe(false);
      const list = (await s.as('agent')({ method: 'GET', url: '/api/notifications' })).json();
      expect(list.items.some((n: { id: string }) => n.id === rolledBackId)).toBe(false);
    } finally {
      await agent.close();
    }
  });

  it('a user never receives another user’s notifications', async () => {
    const agent = await connect(s.cookies.agent);
    const supervisor = await connect(s.cookies.supervisor);
    try {
      const [forSupervisor] = await notifyUser(s.users.supervisor.id);
      const [forAgent] = await notifyUser(s.users.agent.id);
      await agent.waitFor((f) => f.data.id === forAgent.id);
      await supervisor.waitFor((f) => f.data.id === forSupervisor.id);
      expect(agent.frames.some((f) => f.data.id === forSupervisor.id)).toBe(false);
      expect(supervisor.frames.some((f) => f.data.id === forAgent.id)).toBe(false);
    } finally {
      await agent.close();
      await supervisor.close();
    }
  });

  it('case events reach the company in office scope, never another company', async () => {
    const director = await connect(s.cookies.director); // office 1 only
    const manager = await connect(s.cookies.manager); // the whole company
    const caseOf = (companyId: string, officeId: string | null) => ({
      type: 'case' as const,
      companyId,
      caseId: crypto.randomUUID(),
      officeId,
      parties: strangers(),
    });
    try {
      const otherCompany = caseOf(bCompanyId, null);
      const otherOffice = caseOf(s.company.id, s.otherOffice.id);
      const mine = caseOf(s.company.id, s.office.id);
      await t.database.db.transaction((tx) => publishEvent(tx, otherCompany));
      await t.database.db.transaction((tx) => t.app.events.publish(tx, otherOffice));
      await t.database.db.transaction((tx) => t.app.events.publish(tx, mine));
      const got = await director.waitFor((f) => f.event === 'case' && f.data.caseId === mine.caseId);
      expect(got.data).toEqual({ caseId: mine.caseId, companyId: s.company.id, officeId: s.office.id });
      await manager.waitFor((f) => f.data.caseId === mine.caseId);
      const seen = (c: typeof director) => c.frames.map((f) => f.data.caseId);
      expect(seen(director)).not.toContain(otherOffice.caseId);
      expect(seen(director)).not.toContain(otherCompany.caseId);
      expect(seen(manager)).toContain(otherOffice.caseId);
      expect(seen(manager)).not.toContain(otherCompany.caseId);
    } finally {
      await director.close();
      await manager.close();
    }
  });

  it('a case event reaches only those who may see the case (canSeeCase), not the office scope', async () => {
    const agent = await connect(s.cookies.agent); // office 1 only
    const technician = await connect(s.cookies.technician); // office 1 only
    try {
      // No office: not everyone's case — only those on it (and the manager, admin) may open it.
      const noOffice = { type: 'case' as const, companyId: s.company.id, caseId: crypto.randomUUID() };
      await t.database.db.transaction((tx) =>
        publishEvent(tx, { ...noOffice, officeId: null, parties: strangers() }),
      );
      // The other office's case the agent took (first responder): theirs to follow wherever it is.
      const taken = { ...noOffice, caseId: crypto.randomUUID(), officeId: s.otherOffice.id };
      await t.database.db.transaction((tx) =>
        publishEvent(tx, { ...taken, parties: { ...strangers(), firstResponderId: s.users.agent.id } }),
      );
      // A marker both may see, published last: once it arrived, the earlier ones would have too.
      const marker = { ...noOffice, caseId: crypto.randomUUID(), officeId: s.office.id };
      await t.database.db.transaction((tx) => publishEvent(tx, { ...marker, parties: strangers() }));
      await agent.waitFor((f) => f.data.caseId === marker.caseId);
      await technician.waitFor((f) => f.data.caseId === marker.caseId);
      const seen = (c: typeof agent) => c.frames.map((f) => f.data.caseId);
      expect(seen(agent)).toContain(taken.caseId);
      expect(seen(agent)).not.toContain(noOffice.caseId);
      expect(seen(technician)).not.toContain(noOffice.caseId);
      expect(seen(technician)).not.toContain(taken.caseId);
      // The parties stay on the server.
      expect(agent.frames.find((f) => f.data.caseId === taken.caseId)!.data).toEqual({
        caseId: taken.caseId,
        companyId: s.company.id,
        officeId: s.otherOffice.id,
      });
    } finally {
      await agent.close();
      await technician.close();
    }
  });

  it('after the listening connection is lost, the instance reconnects and tells streams to resync', async () => {
    const agent = await connect(s.cookies.agent);
    try {
      await t.database.db.execute(
        sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'huiyin-events' and datname = current_database()`,
      );
      await agent.waitFor((f) => f.event === 'resync', 10_000);
      const [made] = await notifyUser(s.users.agent.id);
      await agent.waitFor((f) => f.data.id === made.id);
    } finally {
      await agent.close();
    }
  });

  it('the stream needs a session and the event-stream Accept header', async () => {
    expect((await fetch(`${base}/api/events`, { headers: { accept: 'text/event-stream' } })).status).toBe(
      401,
    );
    const plain = await s.as('agent')({ method: 'GET', url: '/api/events' });
    expect(plain.statusCode).toBe(400);
    expect(plain.json().error.fields['headers.accept']).toMatch(/text\/event-stream/);
  });

  it('closing an instance ends its open streams instead of waiting for them', async () => {
    const third = await t.rebuild();
    await third.listen({ host: '127.0.0.1', port: 0 });
    const port = (third.server.address() as { port: number }).port;
    const req = http.get(`http://127.0.0.1:${port}/api/events`, {
      headers: { cookie: s.cookies.agent, accept: 'text/event-stream' },
    });
    const res = await new Promise<http.IncomingMessage>((resolve) => req.once('response', resolve));
    expect(res.statusCode).toBe(200);
    const ended = new Promise((resolve) => res.on('end', resolve));
    res.resume();
    const started = Date.now();
    await third.close();
    await ended;
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses payloads that are not ids-only (NOTIFY limit 8000 bytes)', async () => {
    await expect(
      t.database.db.transaction((tx) =>
        publishEvent(tx, {
          type: 'case',
          companyId: s.company.id,
          caseId: 'x'.repeat(9000),
          officeId: null,
          parties: strangers(),
        }),
      ),
    ).rejects.toThrow(/too large/);
  });
});
