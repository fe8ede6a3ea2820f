import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { apiTokens, departments, offices, userOffices, users } from '../db/schema';
import type { User } from '../../contracts/users';
import type { Role } from '../../domain/access/roles';
import type { StaffMember } from '../../domain/deadlines/deadline';
import { cappedCount, cursorKey, defineCursor, likePattern, page } from '../db/paging';

type UserRow = {
  id: string;
  username: string;
  name: string;
  job_number: string | null;
  phone: string | null;
  department_id: string | null;
  department_name: string | null;
  roles: Role[];
  office_ids: string[];
  active: boolean;
  is_service: boolean;
  demo: boolean;
  version: number;
};

/** A user as stored; the service adds the lock-out, which the rule in src/domain/access/lockout.ts decides. */
export type StoredUser = Omit<User, 'lockedUntil'>;

const toUser = (r: UserRow): StoredUser => ({
  id: r.id,
  username: r.username,
  name: r.name,
  jobNumber: r.job_number,
  phone: r.phone,
  departmentId: r.department_id,
  departmentName: r.department_name,
  roles: r.roles,
  officeIds: r.office_ids,
  active: r.active,
  isService: r.is_service,
  demo: r.demo,
  version: r.version,
});

const SELECT_USER = sql`select u.id, u.username, u.name, u.job_number, u.phone, u.department_id, d.name as department_name,
  u.roles, u.active, u.is_service, u.demo, u.version,
  array(select uo.office_id::text from user_offices uo where uo.user_id = u.id order by uo.office_id) as office_ids
  from users u left join departments d on d.id = u.department_id`;

export async function getUser(db: Tx, companyId: string, userId: string): Promise<StoredUser | undefined> {
  const { rows } = await db.execute<UserRow>(
    sql`${SELECT_USER} where u.company_id = ${companyId} and u.id = ${userId}`,
  );
  return rows[0] && toUser(rows[0]);
}

/** The users list is ordered by (name, id). */
const USER_CURSOR = defineCursor([cursorKey.text, cursorKey.uuid]);

export async function listUsers(
  db: Tx,
  companyId: string,
  f: {
    limit: number;
    cursor?: string;
    q?: string;
    officeId?: string;
    departmentId?: string;
    role?: string;
    scopeOfficeIds: 'all' | readonly string[];
  },
) {
  const conds: SQL[] = [sql`u.company_id = ${companyId}`];
  if (f.q)
    conds.push(
      sql`(u.name ilike ${likePattern(f.q)} or u.username ilike ${likePattern(f.q)} or u.job_number ilike ${likePattern(f.q)})`,
    );
  if (f.officeId)
    conds.push(
      sql`exists (select 1 from user_offices uo where uo.user_id = u.id and uo.office_id = ${f.officeId})`,
    );
  if (f.departmentId) conds.push(sql`u.department_id = ${f.departmentId}`);
  if (f.role) conds.push(sql`${f.role} = any(u.roles)`);
  if (f.scopeOfficeIds !== 'all') {
    // Staff of my offices, and company-level staff who belong to no office.
    const ids = f.scopeOfficeIds.length
      ? sql.join(
          f.scopeOfficeIds.map((o) => sql`${o}::uuid`),
          sql`, `,
        )
      : sql`null::uuid`;
    conds.push(sql`(exists (select 1 from user_offices uo where uo.user_id = u.id and uo.office_id in (${ids}))
      or not exists (select 1 from user_offices uo where uo.user_id = u.id))`);
  }
  const where = sql.join(conds, sql` and `);
  const counted = await cappedCount(db, sql`from users u where ${where}`);
  const after = USER_CURSOR.decode(f.cursor)?.key;
  const keyset = after ? sql` and (u.name, u.id) > (${after[0]}::text, ${after[1]}::uuid)` : sql``;
  const { rows } = await db.execute<UserRow>(
    sql`${SELECT_USER} where ${where}${keyset} order by u.name, u.id limit ${f.limit + 1}`,
  );
  return page(rows.map(toUser), f.limit, (u) => USER_CURSOR.encode([u.name, u.id]), counted);
}

export async function setUserOffices(
  db: Tx,
  companyId: string,
  userId: string,
  officeIds: readonly string[],
) {
  await db.delete(userOffices).where(eq(userOffices.userId, userId));
  if (officeIds.length)
    await db.insert(userOffices).values(officeIds.map((officeId) => ({ userId, officeId, companyId })));
}

export async function countActiveAdmins(db: Tx, companyId: string) {
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from users where company_id = ${companyId} and active and 'admin' = any(roles)`,
  );
  return rows[0].n;
}

/**
 * The active staff of these companies holding any of `roles`, with their offices: whom an escalation may reach
 * (domain/deadlines/deadline.ts escalationRecipients decides who is told). A handful per company.
 */
export async function escalationStaff(
  db: Tx,
  companyIds: readonly string[],
  roles: readonly Role[],
): Promise<(StaffMember & { companyId: string })[]> {
  if (!companyIds.length || !roles.length) return [];
  const { rows } = await db.execute<{ id: string; company_id: string; roles: Role[]; office_ids: string[] }>(
    sql`select u.id, u.company_id, u.roles,
        array(select uo.office_id::text from user_offices uo where uo.user_id = u.id) as office_ids
      from users u
      where u.company_id = any(${sql.param([...new Set(companyIds)])}::uuid[]) and u.active
        and u.roles && ${sql.param([...roles])}::text[]`,
  );
  return rows.map((r) => ({
    id: r.id,
    companyId: r.company_id,
    roles: r.roles,
    officeIds: r.office_ids,
    active: true,
  }));
}

// ── the register's writes and the checks around them ─────────────────────────────────────────────────────────

/** Whether a username is taken: usernames are unique without regard to case, across companies. */
export async function usernameTaken(db: Tx, username: string): Promise<boolean> {
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return !!taken;
}

export async function insertUser(db: Tx, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning();
  return row;
}

/** The fields given (undefined leaves a column as it is), when the row is still at `version`; the version one up. */
export async function updateUser(
  db: Tx,
  id: string,
  version: number,
  patch: Omit<Partial<typeof users.$inferInsert>, 'id' | 'companyId' | 'version' | 'createdAt'>,
) {
  await db
    .update(users)
    .set({ ...patch, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, version)));
}

/** Any admin, active or not (production's first admin is created only when there is none). */
export async function anyAdmin(db: Tx): Promise<boolean> {
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from users where 'admin' = any(roles)`,
  );
  return rows[0].n > 0;
}

/** Whether a user of this username exists, in any company (the demo seed's admin). */
export async function usernameExists(db: Tx, username: string): Promise<boolean> {
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from users where username = ${username}`,
  );
  return rows[0]?.n > 0;
}

export async function departmentOfCompany(db: Tx, companyId: string, id: string): Promise<boolean> {
  const [d] = await db
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.companyId, companyId), eq(departments.id, id)));
  return !!d;
}

/** How many of `ids` are offices of the company. */
export async function officesOfCompany(db: Tx, companyId: string, ids: readonly string[]): Promise<number> {
  const found = await db
    .select({ id: offices.id })
    .from(offices)
    .where(and(eq(offices.companyId, companyId), inArray(offices.id, [...ids])));
  return found.length;
}

// ── API tokens ───────────────────────────────────────────────────────────────────────────────────────────────

export type ApiTokenRow = typeof apiTokens.$inferSelect;
export type TokenOwner = { id: string; name: string; username: string };

export async function listApiTokens(db: Tx, companyId: string): Promise<{ t: ApiTokenRow; u: TokenOwner }[]> {
  return db
    .select({ t: apiTokens, u: { id: users.id, name: users.name, username: users.username } })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.companyId, companyId))
    .orderBy(apiTokens.createdAt);
}

export async function insertApiToken(db: Tx, values: typeof apiTokens.$inferInsert) {
  const [row] = await db.insert(apiTokens).values(values).returning();
  return row;
}

/** Revokes the company's token; false when it has none of that id. */
export async function revokeApiToken(db: Tx, companyId: string, id: string, at: Date): Promise<boolean> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.companyId, companyId), eq(apiTokens.id, id)))
    .returning({ id: apiTokens.id });
  return !!row;
}
