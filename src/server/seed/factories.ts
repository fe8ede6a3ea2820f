/**
 * Factories shared by the demo seed, the server tests and e2e (docs/ARCHITECTURE.md convention 8):
 * `await make.room({ ... })` creates whatever parents it needs. They write through Drizzle, in the caller's
 * transaction when given one, and fill realistic defaults.
 */
import { eq } from 'drizzle-orm';
import { parsePhone } from '../../domain/property/phone';
import type { Role } from '../../domain/access/roles';
import type { Tx } from '../db/client';
import * as t from '../db/schema';
import { hashPassword } from '../auth/passwords';

let counter = 0;
const next = () => ++counter;

// Hashing is deliberately slow; tests create many users with the same password.
const hashCache = new Map<string, Promise<string>>();
const cachedHash = (password: string) => {
  let h = hashCache.get(password);
  if (!h) hashCache.set(password, (h = hashPassword(password)));
  return h;
};

export const TEST_PASSWORD = 'test-password-123';

export function factories(db: Tx) {
  const make = {
    async company(v: Partial<typeof t.companies.$inferInsert> = {}) {
      const n = next();
      const [row] = await db
        .insert(t.companies)
        .values({ name: `测试物业服务有限公司${n}`, shortName: `测试${n}`, ...v })
        .returning();
      return row;
    },

    async office(v: Partial<typeof t.offices.$inferInsert> & { companyId?: string } = {}) {
      const companyId = v.companyId ?? (await make.company()).id;
      const [row] = await db
        .insert(t.offices)
        .values({ name: `第${next()}管理处`, ...v, companyId })
        .returning();
      return row;
    },

    async department(v: Partial<typeof t.departments.$inferInsert> & { companyId?: string } = {}) {
      const companyId = v.companyId ?? (await make.company()).id;
      const [row] = await db
        .insert(t.departments)
        .values({ name: `部门${next()}`, ...v, companyId })
        .returning();
      return row;
    },

    async user(
      v: Partial<Omit<typeof t.users.$inferInsert, 'passwordHash' | 'roles'>> & {
        companyId?: string;
        roles?: Role[];
        officeIds?: string[];
        password?: string;
      } = {},
    ) {
      const { officeIds = [], password = TEST_PASSWORD, roles = ['agent'], ...rest } = v;
      const companyId = v.companyId ?? (await make.company()).id;
      const n = next();
      const [row] = await db
        .insert(t.users)
        .values({
          username: `user${n}_${Math.random().toString(36).slice(2, 8)}`,
          name: `员工${n}`,
          jobNumber: `E${String(n).padStart(5, '0')}`,
          ...rest,
          roles,
          companyId,
          passwordHash: await cachedHash(password),
        })
        .returning();
      if (officeIds.length)
        await db
          .insert(t.userOffices)
          .values(officeIds.map((officeId) => ({ userId: row.id, officeId, companyId })));
      return row;
    },

    async partnerUnit(v: Partial<typeof t.partnerUnits.$inferInsert> & { companyId?: string } = {}) {
      const companyId = v.companyId ?? (await make.company()).id;
      const [row] = await db
        .insert(t.partnerUnits)
        .values({ relation: 'external', service: 'other', name: `单位${next()}`, ...v, companyId })
        .returning();
      return row;
    },

    async community(v: Partial<typeof t.communities.$inferInsert> & { companyId?: string } = {}) {
      const officeId = v.officeId ?? (await make.office({ companyId: v.companyId })).id;
      const [office] = await db.select().from(t.offices).where(eq(t.offices.id, officeId));
      const [row] = await db
        .insert(t.communities)
        .values({ name: `小区${next()}`, ...v, officeId, companyId: office.companyId })
        .returning();
      return row;
    },

    async building(v: Partial<typeof t.buildings.$inferInsert> = {}) {
      const communityId = v.communityId ?? (await make.community()).id;
      const [c] = await db.select().from(t.communities).where(eq(t.communities.id, communityId));
      const [row] = await db
        .insert(t.buildings)
        .values({ name: `${next()}号楼`, ...v, communityId, companyId: c.companyId })
        .returning();
      return row;
    },

    async unit(v: Partial<typeof t.buildingUnits.$inferInsert> = {}) {
      const buildingId = v.buildingId ?? (await make.building()).id;
      const [b] = await db.select().from(t.buildings).where(eq(t.buildings.id, buildingId));
      const [row] = await db
        .insert(t.buildingUnits)
        .values({ name: `${next()}单元`, ...v, buildingId, companyId: b.companyId })
        .returning();
      return row;
    },

    async room(v: Partial<typeof t.rooms.$inferInsert> = {}) {
      const unitId = v.unitId ?? (await make.unit()).id;
      const [u] = await db.select().from(t.buildingUnits).where(eq(t.buildingUnits.id, unitId));
      const [b] = await db.select().from(t.buildings).where(eq(t.buildings.id, u.buildingId));
      const [row] = await db
        .insert(t.rooms)
        .values({
          number: String(100 + next()),
          area: '89.50',
          status: 'occupied',
          ...v,
          unitId,
          buildingId: b.id,
          communityId: b.communityId,
          companyId: u.companyId,
        })
        .returning();
      return row;
    },

    /** A resident with phones, attached to rooms (one person may hold several rooms). */
    async resident(
      v: {
        companyId?: string;
        name?: string;
        phones?: string[];
        rooms?: { roomId: string; relation?: 'owner' | 'tenant' | 'family' }[];
      } = {},
    ) {
      let companyId = v.companyId;
      if (!companyId && v.rooms?.length) {
        const [room] = await db.select().from(t.rooms).where(eq(t.rooms.id, v.rooms[0].roomId));
        companyId = room.companyId;
      }
      companyId ??= (await make.company()).id;
      const [row] = await db
        .insert(t.residents)
        .values({ companyId, name: v.name ?? `住户${next()}` })
        .returning();
      for (const raw of v.phones ?? []) {
        const parsed = parsePhone(raw);
        if (!parsed.ok) throw new Error(`factory: bad phone ${raw}`);
        await db.insert(t.residentPhones).values({
          companyId,
          residentId: row.id,
          raw,
          canonical: parsed.canonical,
          extension: parsed.extension,
        });
      }
      for (const r of v.rooms ?? [])
        await db
          .insert(t.roomResidents)
          .values({ companyId, roomId: r.roomId, residentId: row.id, relation: r.relation ?? 'owner' });
      return row;
    },

    /**
     * A case row as stored, without intake's clocks or timeline: for tests of who may read what (the visibility
     * predicates). The first responder, recorder and company are required; the reporter's canonical phone is
     * derived from the phone given. Keep `departmentId` equal to a department `targetId`, as the writers do.
     */
    async case(
      v: Partial<typeof t.cases.$inferInsert> &
        Pick<typeof t.cases.$inferInsert, 'companyId' | 'firstResponderId' | 'recordedById'>,
    ) {
      const parsed = v.reporterPhone ? parsePhone(v.reporterPhone) : null;
      if (parsed && !parsed.ok) throw new Error(`factory: bad phone ${v.reporterPhone}`);
      const n = next();
      const [row] = await db
        .insert(t.cases)
        .values({
          number: `T${String(n).padStart(8, '0')}`,
          channel: 'phone',
          kind: 'complaint',
          severity: 'general',
          state: 'received',
          receivedAt: new Date('2026-11-20T02:00:00Z'),
          description: `测试事项${n}`,
          reporterPhoneCanonical: parsed?.ok ? parsed.canonical : null,
          ...v,
        })
        .returning();
      return row;
    },

    /**
     * A company's message senders and switches (MSG-3): by default the development sender on both channels and the
     * four staff SMS types on (with a template code) for SMS and webhook. `secret` stands for stored credentials.
     */
    async messageSettings(
      companyId: string,
      v: {
        senders?: {
          channel: 'sms' | 'webhook';
          provider: string;
          settings?: Record<string, unknown>;
          secret?: string | null;
        }[];
        types?: {
          type: string;
          channel: 'sms' | 'webhook';
          enabled?: boolean;
          template?: Record<string, unknown> | null;
        }[];
      } = {},
    ) {
      const senders = v.senders ?? [
        { channel: 'sms' as const, provider: 'dev' },
        { channel: 'webhook' as const, provider: 'dev' },
      ];
      type TypeSwitch = NonNullable<typeof v.types>[number];
      const types: TypeSwitch[] =
        v.types ??
        ['emergency', 'emergency_on_call', 'repair_dispatched', 'breach_escalated'].flatMap((type) => [
          { type, channel: 'sms' as const, template: { code: `SMS_${type}`, params: [] } },
          { type, channel: 'webhook' as const },
        ]);
      for (const x of senders)
        await db
          .insert(t.messageSenders)
          .values({
            companyId,
            channel: x.channel,
            provider: x.provider,
            settings: x.settings ?? {},
            secret: x.secret ?? null,
          })
          .onConflictDoUpdate({
            target: [t.messageSenders.companyId, t.messageSenders.channel],
            set: { provider: x.provider, settings: x.settings ?? {}, secret: x.secret ?? null },
          });
      for (const x of types)
        await db
          .insert(t.messageTypeChannels)
          .values({
            companyId,
            type: x.type,
            channel: x.channel,
            enabled: x.enabled ?? true,
            template: x.template ?? null,
          })
          .onConflictDoUpdate({
            target: [
              t.messageTypeChannels.companyId,
              t.messageTypeChannels.type,
              t.messageTypeChannels.channel,
            ],
            set: { enabled: x.enabled ?? true, template: x.template ?? null },
          });
    },
  };
  return make;
}

export type Factories = ReturnType<typeof factories>;
