/** The residents' accounts, codes, sessions and bindings (RESIDENT-1…3): every statement of the feature. */
import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { cappedCount, cursorKey, defineCursor, page } from '../db/paging';
import type { Tx } from '../db/client';
import {
  buildingUnits,
  buildings,
  communities,
  companies,
  residentAccounts,
  residentBindings,
  residentLoginCodes,
  residentPhones,
  residentSessions,
  roomResidents,
  rooms,
  users,
} from '../db/schema';
import type { BindingSource, BindingStatus } from '../../domain/residents/binding';

export type BindingRow = typeof residentBindings.$inferSelect;
export type LoginCodeRow = typeof residentLoginCodes.$inferSelect;

export async function companyByCode(db: Tx, code: string) {
  const [row] = await db
    .select({ id: companies.id, code: companies.code, name: companies.name, shortName: companies.shortName })
    .from(companies)
    .where(eq(companies.code, code));
  return row ?? null;
}

export async function companyById(db: Tx, id: string) {
  const [row] = await db
    .select({ id: companies.id, code: companies.code, name: companies.name, shortName: companies.shortName })
    .from(companies)
    .where(eq(companies.id, id));
  return row!;
}

/** Serialises the sends to one phone of a company, so two requests at once cannot both pass the limits. */
export async function lockPhone(tx: Tx, companyId: string, phone: string) {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`resident-code:${companyId}:${phone}`}, 0))`,
  );
}

/** The phone's sends of the last day and the address's of the last hour: what the send limits count. */
export async function sendHistory(
  tx: Tx,
  q: { companyId: string; phone: string; addressHash: string; now: Date },
): Promise<{ phoneSends: Date[]; addressSends: Date[] }> {
  const dayAgo = new Date(q.now.getTime() - 86_400_000);
  const hourAgo = new Date(q.now.getTime() - 3_600_000);
  const phone = await tx
    .select({ at: residentLoginCodes.createdAt })
    .from(residentLoginCodes)
    .where(
      and(
        eq(residentLoginCodes.companyId, q.companyId),
        eq(residentLoginCodes.phone, q.phone),
        gt(residentLoginCodes.createdAt, dayAgo),
      ),
    );
  const address = await tx
    .select({ at: residentLoginCodes.createdAt })
    .from(residentLoginCodes)
    .where(and(eq(residentLoginCodes.addressHash, q.addressHash), gt(residentLoginCodes.createdAt, hourAgo)));
  return { phoneSends: phone.map((r) => r.at), addressSends: address.map((r) => r.at) };
}

/** A new code for the phone; the phone's earlier codes end with it (only the newest works). */
export async function insertCode(
  tx: Tx,
  c: {
    id: string;
    companyId: string;
    phone: string;
    codeHash: string;
    addressHash: string;
    now: Date;
    expiresAt: Date;
  },
) {
  await tx
    .update(residentLoginCodes)
    .set({ finishedAt: c.now })
    .where(
      and(
        eq(residentLoginCodes.companyId, c.companyId),
        eq(residentLoginCodes.phone, c.phone),
        sql`${residentLoginCodes.finishedAt} is null`,
      ),
    );
  await tx.insert(residentLoginCodes).values({
    id: c.id,
    companyId: c.companyId,
    phone: c.phone,
    codeHash: c.codeHash,
    addressHash: c.addressHash,
    createdAt: c.now,
    expiresAt: c.expiresAt,
  });
}

/** The phone's newest unfinished code, locked for this try. */
export async function latestCodeForUpdate(
  tx: Tx,
  companyId: string,
  phone: string,
): Promise<LoginCodeRow | null> {
  const [row] = await tx
    .select()
    .from(residentLoginCodes)
    .where(
      and(
        eq(residentLoginCodes.companyId, companyId),
        eq(residentLoginCodes.phone, phone),
        sql`${residentLoginCodes.finishedAt} is null`,
      ),
    )
    .orderBy(sql`${residentLoginCodes.createdAt} desc`)
    .limit(1)
    .for('update');
  return row ?? null;
}

export async function recordWrongTry(tx: Tx, id: string, attempts: number, burntAt: Date | null) {
  await tx
    .update(residentLoginCodes)
    .set({ attempts, finishedAt: burntAt })
    .where(eq(residentLoginCodes.id, id));
}

export async function finishCode(tx: Tx, id: string, at: Date) {
  await tx.update(residentLoginCodes).set({ finishedAt: at }).where(eq(residentLoginCodes.id, id));
}

/** The account of the phone, made at its first sign-in. */
export async function upsertAccount(tx: Tx, companyId: string, phone: string, now: Date) {
  const [row] = await tx
    .insert(residentAccounts)
    .values({ companyId, phone, lastSignInAt: now })
    .onConflictDoUpdate({
      target: [residentAccounts.companyId, residentAccounts.phone],
      set: { lastSignInAt: now },
    })
    .returning();
  return row;
}

export async function createSession(
  tx: Tx,
  s: { idHash: string; accountId: string; companyId: string; now: Date; expiresAt: Date },
) {
  await tx.insert(residentSessions).values({
    idHash: s.idHash,
    accountId: s.accountId,
    companyId: s.companyId,
    createdAt: s.now,
    lastSeenAt: s.now,
    expiresAt: s.expiresAt,
  });
}

export async function deleteSession(db: Tx, idHash: string) {
  await db.delete(residentSessions).where(eq(residentSessions.idHash, idHash));
}

/** The rooms the property register lists with this phone (no extension: a mobile). */
export async function registerRoomsOfPhone(tx: Tx, companyId: string, phone: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ roomId: roomResidents.roomId })
    .from(residentPhones)
    .innerJoin(roomResidents, eq(roomResidents.residentId, residentPhones.residentId))
    .where(
      and(
        eq(residentPhones.companyId, companyId),
        eq(residentPhones.canonical, phone),
        sql`${residentPhones.extension} is null`,
      ),
    );
  return rows.map((r) => r.roomId);
}

/** Every binding of the account, in every status, with its room's label parts. */
export async function bindingsOf(tx: Tx, accountId: string) {
  const rows = await tx
    .select({
      id: residentBindings.id,
      roomId: residentBindings.roomId,
      status: residentBindings.status,
      source: residentBindings.source,
      reason: residentBindings.reason,
      createdAt: residentBindings.createdAt,
      decidedAt: residentBindings.decidedAt,
      communityId: rooms.communityId,
      community: communities.name,
      building: buildings.name,
      unit: buildingUnits.name,
      number: rooms.number,
    })
    .from(residentBindings)
    .innerJoin(rooms, eq(rooms.id, residentBindings.roomId))
    .innerJoin(communities, eq(communities.id, rooms.communityId))
    .innerJoin(buildings, eq(buildings.id, rooms.buildingId))
    .innerJoin(buildingUnits, eq(buildingUnits.id, rooms.unitId))
    .where(eq(residentBindings.accountId, accountId))
    .orderBy(asc(residentBindings.createdAt));
  return rows.map((r) => ({ ...r, status: r.status as BindingStatus, source: r.source as BindingSource }));
}

export async function insertBindings(
  tx: Tx,
  rows: {
    companyId: string;
    accountId: string;
    roomId: string;
    status: BindingStatus;
    source: BindingSource;
    now: Date;
  }[],
) {
  if (!rows.length) return [];
  return tx
    .insert(residentBindings)
    .values(
      rows.map((r) => ({
        companyId: r.companyId,
        accountId: r.accountId,
        roomId: r.roomId,
        status: r.status,
        source: r.source,
        createdAt: r.now,
        decidedAt: r.status === 'approved' && r.source === 'register' ? r.now : null,
      })),
    )
    .onConflictDoNothing()
    .returning();
}

/** The account's live binding of a room (pending or approved) ends: the resident unbound it or withdrew. */
export async function removeLiveBinding(tx: Tx, accountId: string, roomId: string, now: Date) {
  return tx
    .update(residentBindings)
    .set({ status: 'removed', decidedAt: now, version: sql`${residentBindings.version} + 1` })
    .where(
      and(
        eq(residentBindings.accountId, accountId),
        eq(residentBindings.roomId, roomId),
        inArray(residentBindings.status, ['pending', 'approved']),
      ),
    )
    .returning({ id: residentBindings.id });
}

export async function deleteAccount(tx: Tx, accountId: string) {
  await tx.delete(residentAccounts).where(eq(residentAccounts.id, accountId));
}

// ── room picking ────────────────────────────────────────────────────────────────────────────────────────────
export async function communitiesOf(db: Tx, companyId: string) {
  return db
    .select({ id: communities.id, name: communities.name })
    .from(communities)
    .where(eq(communities.companyId, companyId))
    .orderBy(asc(communities.name));
}

export async function community(db: Tx, companyId: string, id: string) {
  const [row] = await db
    .select({ id: communities.id })
    .from(communities)
    .where(and(eq(communities.companyId, companyId), eq(communities.id, id)));
  return row ?? null;
}

export async function buildingsOf(db: Tx, companyId: string, communityId: string) {
  return db
    .select({ id: buildings.id, name: buildings.name })
    .from(buildings)
    .where(and(eq(buildings.companyId, companyId), eq(buildings.communityId, communityId)))
    .orderBy(asc(buildings.name));
}

export async function building(db: Tx, companyId: string, id: string) {
  const [row] = await db
    .select({ id: buildings.id })
    .from(buildings)
    .where(and(eq(buildings.companyId, companyId), eq(buildings.id, id)));
  return row ?? null;
}

export async function unitsOf(db: Tx, companyId: string, buildingId: string) {
  return db
    .select({ id: buildingUnits.id, name: buildingUnits.name })
    .from(buildingUnits)
    .where(and(eq(buildingUnits.companyId, companyId), eq(buildingUnits.buildingId, buildingId)))
    .orderBy(asc(buildingUnits.name));
}

export async function unit(db: Tx, companyId: string, id: string) {
  const [row] = await db
    .select({ id: buildingUnits.id })
    .from(buildingUnits)
    .where(and(eq(buildingUnits.companyId, companyId), eq(buildingUnits.id, id)));
  return row ?? null;
}

export async function roomsOfUnit(db: Tx, companyId: string, unitId: string) {
  return db
    .select({ id: rooms.id, number: rooms.number })
    .from(rooms)
    .where(and(eq(rooms.companyId, companyId), eq(rooms.unitId, unitId)))
    .orderBy(asc(rooms.number));
}

export async function roomOfCompany(db: Tx, companyId: string, roomId: string) {
  const [row] = await db
    .select({ id: rooms.id })
    .from(rooms)
    .where(and(eq(rooms.companyId, companyId), eq(rooms.id, roomId)));
  return row ?? null;
}

// ── staff: the inbox ────────────────────────────────────────────────────────────────────────────────────────
/** One binding with what the inbox shows, locked when `forUpdate`; null when not of the company. */
export async function bindingForStaff(tx: Tx, companyId: string, id: string, forUpdate = false) {
  const q = tx
    .select({
      id: residentBindings.id,
      status: residentBindings.status,
      source: residentBindings.source,
      reason: residentBindings.reason,
      decidedAt: residentBindings.decidedAt,
      createdAt: residentBindings.createdAt,
      version: residentBindings.version,
      decidedById: residentBindings.decidedById,
      decidedByName: users.name,
      roomId: rooms.id,
      officeId: communities.officeId,
      community: communities.name,
      building: buildings.name,
      unit: buildingUnits.name,
      number: rooms.number,
      phone: residentAccounts.phone,
    })
    .from(residentBindings)
    .innerJoin(residentAccounts, eq(residentAccounts.id, residentBindings.accountId))
    .innerJoin(rooms, eq(rooms.id, residentBindings.roomId))
    .innerJoin(communities, eq(communities.id, rooms.communityId))
    .innerJoin(buildings, eq(buildings.id, rooms.buildingId))
    .innerJoin(buildingUnits, eq(buildingUnits.id, rooms.unitId))
    .leftJoin(users, eq(users.id, residentBindings.decidedById))
    .where(and(eq(residentBindings.companyId, companyId), eq(residentBindings.id, id)));
  const [row] = forUpdate ? await q.for('update', { of: residentBindings }) : await q;
  return row ?? null;
}
export type StaffBindingRow = NonNullable<Awaited<ReturnType<typeof bindingForStaff>>>;

export async function decideBinding(
  tx: Tx,
  id: string,
  d: { status: 'approved' | 'declined'; reason: string | null; decidedById: string; at: Date },
) {
  await tx
    .update(residentBindings)
    .set({
      status: d.status,
      reason: d.reason,
      decidedById: d.decidedById,
      decidedAt: d.at,
      version: sql`${residentBindings.version} + 1`,
    })
    .where(eq(residentBindings.id, id));
}

/** The inbox is ordered oldest first: (created_at, id). */
const BINDING_CURSOR = defineCursor([cursorKey.time, cursorKey.uuid]);

export interface BindingListFilter {
  companyId: string;
  statuses: readonly BindingStatus[];
  /** null: every office of the company */
  officeIds: readonly string[] | null;
}

/** FROM … WHERE of the inbox: the company's bindings in these statuses, of rooms in these offices. */
export function bindingsFromWhereSql(f: BindingListFilter): SQL {
  const offices = f.officeIds ? sql` and cm.office_id = any(${sql.param([...f.officeIds])}::uuid[])` : sql``;
  return sql`from resident_bindings b
    join resident_accounts a on a.id = b.account_id
    join rooms r on r.id = b.room_id
    join communities cm on cm.id = r.community_id
    join buildings bd on bd.id = r.building_id
    join building_units bu on bu.id = r.unit_id
    left join users d on d.id = b.decided_by_id
    where b.company_id = ${f.companyId} and b.status = any(${sql.param([...f.statuses])}::text[])${offices}`;
}

/** One page of the inbox after `after` (the previous page's last key). */
export function bindingsPageSql(f: BindingListFilter, after: [Date, string] | null, limit: number): SQL {
  const keyset = after
    ? sql` and (b.created_at, b.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
    : sql``;
  return sql`select b.id, b.status, b.source, b.reason, b.decided_at as "decidedAt", b.created_at as "createdAt",
      b.version, b.decided_by_id as "decidedById", d.name as "decidedByName", r.id as "roomId",
      cm.office_id as "officeId", cm.name as community, bd.name as building, bu.name as unit, r.number,
      a.phone
    ${bindingsFromWhereSql(f)}${keyset}
    order by b.created_at, b.id limit ${limit + 1}`;
}

export async function listBindings(db: Tx, f: BindingListFilter, cursor: string | undefined, limit: number) {
  const counted = await cappedCount(db, bindingsFromWhereSql(f));
  const after = BINDING_CURSOR.decode(cursor)?.key ?? null;
  const { rows } = await db.execute<
    StaffBindingRow & { createdAt: string | Date; decidedAt: string | Date | null }
  >(bindingsPageSql(f, after, limit));
  const items = rows.map((r) => ({
    ...r,
    createdAt: new Date(r.createdAt),
    decidedAt: r.decidedAt ? new Date(r.decidedAt) : null,
  }));
  return page(items, limit, (r) => BINDING_CURSOR.encode([r.createdAt.toISOString(), r.id]), counted);
}
