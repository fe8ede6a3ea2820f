/**
 * SQL of the organisation register. Every query filters by company_id; scope (offices a user belongs to) is
 * passed in by the service as `'all'` or a list of office ids. Rows are mapped to the camelCase contracts here.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { companies, departments, offices, partnerUnits, users } from '../db/schema';
import type { Company, Department, DepartmentFunction, Office, PartnerUnit } from '../../contracts/org';
import type { PartnerRelation, PartnerService } from '../../contracts/org';
import { cappedCount, cursorKey, defineCursor, likePattern, page } from '../db/paging';

export type Scope = 'all' | readonly string[];

export async function getCompany(db: Tx, companyId: string) {
  const [row] = await db.select().from(companies).where(eq(companies.id, companyId));
  return row;
}

export const toCompany = (r: typeof companies.$inferSelect): Company => ({
  id: r.id,
  name: r.name,
  shortName: r.shortName,
  timeZone: r.timeZone,
  version: r.version,
});

/** The company row, locked for the rest of the transaction. */
export async function lockCompany(db: Tx, companyId: string) {
  const [row] = await db.select().from(companies).where(eq(companies.id, companyId)).for('update');
  return row;
}

const idList = (ids: readonly string[]) =>
  ids.length
    ? sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )
    : sql`null::uuid`;

/** The cursor of the offices, departments and partner units lists, all ordered by (name, id). */
const BY_NAME_CURSOR = defineCursor([cursorKey.text, cursorKey.uuid]);
const nameCursor = (row: { name: string; id: string }) => BY_NAME_CURSOR.encode([row.name, row.id]);

/** `(name, id) > cursor` for lists ordered by name, id. */
function afterCursor(alias: SQL, cursor: string | undefined): SQL {
  const after = BY_NAME_CURSOR.decode(cursor)?.key;
  return after ? sql` and (${alias}.name, ${alias}.id) > (${after[0]}::text, ${after[1]}::uuid)` : sql``;
}

/** An active, non-service user of the company: who may head an office or a department. */
export async function isActiveEmployee(db: Tx, companyId: string, userId: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.companyId, companyId),
        eq(users.id, userId),
        eq(users.active, true),
        eq(users.isService, false),
      ),
    );
  return !!row;
}

// ---------------------------------------------------------------------------------------------------------------
// Offices

type OfficeRow = {
  id: string;
  name: string;
  address: string | null;
  phone: string | null;
  director_id: string | null;
  director_name: string | null;
  desk_opens: string;
  desk_closes: string;
  on_call_phone: string | null;
  communities: number;
  departments: number;
  users: number;
  version: number;
};

const toOffice = (r: OfficeRow): Office => ({
  id: r.id,
  name: r.name,
  address: r.address,
  phone: r.phone,
  director: r.director_id && r.director_name ? { id: r.director_id, name: r.director_name } : null,
  deskHours: { opens: r.desk_opens, closes: r.desk_closes },
  onCallPhone: r.on_call_phone,
  counts: { communities: r.communities, departments: r.departments, users: r.users },
  version: r.version,
});

const SELECT_OFFICE = sql`select o.id, o.name, o.address, o.phone, o.version, o.desk_opens, o.desk_closes,
  o.on_call_phone,
  o.director_id, du.name as director_name,
  (select count(*)::int from communities c where c.office_id = o.id) as communities,
  (select count(*)::int from departments d where d.office_id = o.id) as departments,
  (select count(*)::int from user_offices uo where uo.office_id = o.id) as users
  from offices o left join users du on du.id = o.director_id and du.company_id = o.company_id`;

export async function getOffice(db: Tx, companyId: string, id: string): Promise<Office | undefined> {
  const { rows } = await db.execute<OfficeRow>(
    sql`${SELECT_OFFICE} where o.company_id = ${companyId} and o.id = ${id}`,
  );
  return rows[0] && toOffice(rows[0]);
}

/**
 * The office row, locked: `update` before changing or deleting it (a concurrent change or new reference waits);
 * `share` before attaching something to it (a concurrent delete waits, or has already happened).
 */
export async function lockOffice(db: Tx, companyId: string, id: string, mode: 'update' | 'share' = 'update') {
  const [row] = await db
    .select()
    .from(offices)
    .where(and(eq(offices.companyId, companyId), eq(offices.id, id)))
    .for(mode);
  return row;
}

export async function listOffices(
  db: Tx,
  companyId: string,
  f: { limit: number; cursor?: string; q?: string; scope: Scope },
) {
  const conds: SQL[] = [sql`o.company_id = ${companyId}`];
  if (f.q) conds.push(sql`(o.name ilike ${likePattern(f.q)} or o.address ilike ${likePattern(f.q)})`);
  if (f.scope !== 'all') conds.push(sql`o.id in (${idList(f.scope)})`);
  const where = sql.join(conds, sql` and `);
  const counted = await cappedCount(db, sql`from offices o where ${where}`);
  const { rows } = await db.execute<OfficeRow>(
    sql`${SELECT_OFFICE} where ${where}${afterCursor(sql`o`, f.cursor)} order by o.name, o.id limit ${f.limit + 1}`,
  );
  return page(rows.map(toOffice), f.limit, nameCursor, counted);
}

export async function officeNameTaken(db: Tx, companyId: string, name: string, exceptId?: string) {
  const { rows } = await db.execute(
    sql`select 1 from offices where company_id = ${companyId} and name = ${name}
      ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
  );
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Departments

type DepartmentRow = {
  id: string;
  name: string;
  function: DepartmentFunction;
  office_id: string | null;
  office_name: string | null;
  head_id: string | null;
  head_name: string | null;
  member_count: number;
  version: number;
};

const toDepartment = (r: DepartmentRow): Department => ({
  id: r.id,
  name: r.name,
  function: r.function,
  office: r.office_id ? { id: r.office_id, name: r.office_name ?? '' } : null,
  head: r.head_id && r.head_name ? { id: r.head_id, name: r.head_name } : null,
  memberCount: r.member_count,
  version: r.version,
});

const SELECT_DEPARTMENT = sql`select d.id, d.name, d.function, d.version,
  d.office_id, o.name as office_name, d.head_id, hu.name as head_name,
  (select count(*)::int from users u where u.department_id = d.id) as member_count
  from departments d
  left join offices o on o.id = d.office_id
  left join users hu on hu.id = d.head_id and hu.company_id = d.company_id`;

export async function getDepartment(db: Tx, companyId: string, id: string): Promise<Department | undefined> {
  const { rows } = await db.execute<DepartmentRow>(
    sql`${SELECT_DEPARTMENT} where d.company_id = ${companyId} and d.id = ${id}`,
  );
  return rows[0] && toDepartment(rows[0]);
}

export async function lockDepartment(db: Tx, companyId: string, id: string) {
  const [row] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.companyId, companyId), eq(departments.id, id)))
    .for('update');
  return row;
}

export async function listDepartments(
  db: Tx,
  companyId: string,
  f: {
    limit: number;
    cursor?: string;
    q?: string;
    officeId?: string;
    functions?: readonly DepartmentFunction[];
    scope: Scope;
  },
) {
  const conds: SQL[] = [sql`d.company_id = ${companyId}`];
  if (f.q) conds.push(sql`d.name ilike ${likePattern(f.q)}`);
  if (f.officeId) conds.push(sql`d.office_id = ${f.officeId}`);
  if (f.functions?.length)
    conds.push(
      sql`d.function in (${sql.join(
        f.functions.map((fn) => sql`${fn}`),
        sql`, `,
      )})`,
    );
  // Company departments are visible to everyone in the company; office teams only within scope.
  if (f.scope !== 'all') conds.push(sql`(d.office_id is null or d.office_id in (${idList(f.scope)}))`);
  const where = sql.join(conds, sql` and `);
  const counted = await cappedCount(db, sql`from departments d where ${where}`);
  const { rows } = await db.execute<DepartmentRow>(
    sql`${SELECT_DEPARTMENT} where ${where}${afterCursor(sql`d`, f.cursor)} order by d.name, d.id limit ${f.limit + 1}`,
  );
  return page(rows.map(toDepartment), f.limit, nameCursor, counted);
}

/** Names are unique per company and office (a company department's "office" is none). */
export async function departmentNameTaken(
  db: Tx,
  companyId: string,
  officeId: string | null,
  name: string,
  exceptId?: string,
) {
  const { rows } = await db.execute(
    sql`select 1 from departments where company_id = ${companyId} and name = ${name}
      and office_id is not distinct from ${officeId}::uuid
      ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
  );
  return rows.length > 0;
}

/** What still refers to an office or a department; deleting either is refused while any is non-zero. */
export async function officeReferences(db: Tx, id: string) {
  const { rows } = await db.execute<{ communities: number; departments: number; users: number }>(
    sql`select
      (select count(*)::int from communities where office_id = ${id}) as communities,
      (select count(*)::int from departments where office_id = ${id}) as departments,
      (select count(*)::int from user_offices where office_id = ${id}) as users`,
  );
  return rows[0];
}

export async function departmentMemberCount(db: Tx, id: string) {
  const { rows } = await db.execute<{ n: number }>(
    sql`select count(*)::int as n from users where department_id = ${id}`,
  );
  return rows[0].n;
}

// ---------------------------------------------------------------------------------------------------------------
// Partner units

export const toPartnerUnit = (r: typeof partnerUnits.$inferSelect): PartnerUnit => ({
  id: r.id,
  relation: r.relation as PartnerRelation,
  service: r.service as PartnerService,
  name: r.name,
  contactPerson: r.contactPerson,
  phone: r.phone,
  address: r.address,
  version: r.version,
});

export async function getPartnerUnit(db: Tx, companyId: string, id: string, lock = false) {
  const q = db
    .select()
    .from(partnerUnits)
    .where(and(eq(partnerUnits.companyId, companyId), eq(partnerUnits.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function listPartnerUnits(
  db: Tx,
  companyId: string,
  f: {
    limit: number;
    cursor?: string;
    q?: string;
    relations?: readonly PartnerRelation[];
    services?: readonly PartnerService[];
  },
) {
  const inList = (values: readonly string[]) =>
    sql.join(
      values.map((v) => sql`${v}`),
      sql`, `,
    );
  const conds: SQL[] = [sql`p.company_id = ${companyId}`];
  if (f.q)
    conds.push(
      sql`(p.name ilike ${likePattern(f.q)} or p.contact_person ilike ${likePattern(f.q)} or p.phone ilike ${likePattern(f.q)})`,
    );
  if (f.relations?.length) conds.push(sql`p.relation in (${inList(f.relations)})`);
  if (f.services?.length) conds.push(sql`p.service in (${inList(f.services)})`);
  const where = sql.join(conds, sql` and `);
  const counted = await cappedCount(db, sql`from partner_units p where ${where}`);
  const { rows } = await db.execute<{
    id: string;
    relation: PartnerRelation;
    service: PartnerService;
    name: string;
    contact_person: string | null;
    phone: string | null;
    address: string | null;
    version: number;
  }>(
    sql`select p.id, p.relation, p.service, p.name, p.contact_person, p.phone, p.address, p.version
      from partner_units p where ${where}${afterCursor(sql`p`, f.cursor)} order by p.name, p.id limit ${f.limit + 1}`,
  );
  const items = rows.map((r): PartnerUnit => ({
    id: r.id,
    relation: r.relation,
    service: r.service,
    name: r.name,
    contactPerson: r.contact_person,
    phone: r.phone,
    address: r.address,
    version: r.version,
  }));
  return page(items, f.limit, nameCursor, counted);
}

export async function partnerUnitNameTaken(db: Tx, companyId: string, name: string, exceptId?: string) {
  const { rows } = await db.execute(
    sql`select 1 from partner_units where company_id = ${companyId} and name = ${name}
      ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
  );
  return rows.length > 0;
}

// ── updates: the fields given (undefined leaves a column as it is), the row's version one up ──────────────────

/** What an update may change of a row: any column but its key, its company and its version. */
type Patch<T extends { $inferInsert: unknown }> = Omit<
  Partial<T['$inferInsert']>,
  'id' | 'companyId' | 'version' | 'createdAt'
>;

export async function updateCompany(db: Tx, companyId: string, patch: Patch<typeof companies>) {
  const [row] = await db
    .update(companies)
    .set({ ...patch, version: sql`${companies.version} + 1` })
    .where(eq(companies.id, companyId))
    .returning();
  return row;
}

export async function updateOffice(db: Tx, id: string, patch: Patch<typeof offices>) {
  await db
    .update(offices)
    .set({ ...patch, version: sql`${offices.version} + 1` })
    .where(eq(offices.id, id));
}

export async function updateDepartment(db: Tx, id: string, patch: Patch<typeof departments>) {
  await db
    .update(departments)
    .set({ ...patch, version: sql`${departments.version} + 1` })
    .where(eq(departments.id, id));
}

export async function updatePartnerUnit(db: Tx, id: string, patch: Patch<typeof partnerUnits>) {
  const [row] = await db
    .update(partnerUnits)
    .set({ ...patch, version: sql`${partnerUnits.version} + 1` })
    .where(eq(partnerUnits.id, id))
    .returning();
  return row;
}

/** Whether the company has this office (a filter a client sends). */
export async function officeExists(db: Tx, companyId: string, id: string): Promise<boolean> {
  const { rows } = await db.execute(
    sql`select 1 from offices where company_id = ${companyId} and id = ${id}`,
  );
  return rows.length > 0;
}

/** A company by its id, or else by its name or short name (the CLI's argument). */
export async function findCompany(db: Tx, idOrName: string, isId: boolean) {
  const byId = isId ? await db.select().from(companies).where(eq(companies.id, idOrName)) : [];
  if (byId.length) return byId[0];
  const [byName] = await db
    .select()
    .from(companies)
    .where(sql`${companies.name} = ${idOrName} or ${companies.shortName} = ${idOrName}`);
  return byName;
}

export async function insertCompany(db: Tx, values: typeof companies.$inferInsert) {
  const [row] = await db.insert(companies).values(values).returning();
  return row;
}

/** The oldest company (production's first admin joins it). */
export async function firstCompany(db: Tx) {
  const [row] = await db.select().from(companies).orderBy(companies.createdAt).limit(1);
  return row;
}

// ── inserts and deletes of the register ──────────────────────────────────────────────────────────────────────

export async function insertOffice(db: Tx, values: typeof offices.$inferInsert): Promise<string> {
  const [row] = await db.insert(offices).values(values).returning({ id: offices.id });
  return row.id;
}

export async function deleteOffice(db: Tx, id: string) {
  await db.delete(offices).where(eq(offices.id, id));
}

export async function insertDepartment(db: Tx, values: typeof departments.$inferInsert): Promise<string> {
  const [row] = await db.insert(departments).values(values).returning({ id: departments.id });
  return row.id;
}

export async function deleteDepartment(db: Tx, id: string) {
  await db.delete(departments).where(eq(departments.id, id));
}

export async function insertPartnerUnit(db: Tx, values: typeof partnerUnits.$inferInsert) {
  const [row] = await db.insert(partnerUnits).values(values).returning();
  return row;
}

export async function deletePartnerUnit(db: Tx, id: string) {
  await db.delete(partnerUnits).where(eq(partnerUnits.id, id));
}

/** Every company's (or one company's) id and time zone, for timed work that runs per company. */
export async function companyTimeZones(db: Tx, companyId?: string) {
  const { rows } = await db.execute<{ id: string; time_zone: string }>(
    sql`select id, time_zone from companies ${companyId ? sql`where id = ${companyId}` : sql``} order by id`,
  );
  return rows;
}

/** One company's time zone (its month and its day boundaries). */
export async function companyTimeZone(db: Tx, companyId: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ time_zone: string }>(
    sql`select time_zone from companies where id = ${companyId}`,
  );
  return rows[0]?.time_zone;
}
