/**
 * The database schema (Drizzle). Every business row carries company_id: two companies in one database never
 * see each other's data (issue 2 §5). Columns are snake_case; repositories map rows to camelCase contracts.
 * PostgreSQL 15 features only (embedded is 18, Debian's is 15).
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const companyId = () =>
  uuid('company_id')
    .notNull()
    .references(() => companies.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
/** optimistic concurrency: every change carries the version it read and increments it */
const version = () => integer('version').notNull().default(1);

export const companies = pgTable('companies', {
  id: id(),
  name: text('name').notNull(),
  /** used in the phone greeting "您好，<简称>物业" (domain.md §1.4) */
  shortName: text('short_name').notNull(),
  timeZone: text('time_zone').notNull().default('Asia/Shanghai'),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  version: version(),
});

export const offices = pgTable(
  'offices',
  {
    id: id(),
    companyId: companyId(),
    name: text('name').notNull(),
    address: text('address'),
    phone: text('phone'),
    /** 管理处主任 */
    directorId: uuid('director_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [uniqueIndex('offices_company_name_uq').on(t.companyId, t.name)],
);

export const departments = pgTable(
  'departments',
  {
    id: id(),
    companyId: companyId(),
    /** null: a company department (客服部, 工程部 …); otherwise an office's team (客服中心, 工程维修组 …) */
    officeId: uuid('office_id').references(() => offices.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    /** what the department does; routing and dispatch use it */
    function: text('function').notNull().default('other'),
    /** escalation and "report to your leader" go to the head */
    headId: uuid('head_id'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('departments_company_office_name_uq').on(
      t.companyId,
      sql`coalesce(${t.officeId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.name,
    ),
  ],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    companyId: companyId(),
    /** unique in the whole database: login needs no company field */
    username: text('username').notNull(),
    name: text('name').notNull(),
    /** 工号 */
    jobNumber: text('job_number'),
    phone: text('phone'),
    departmentId: uuid('department_id').references(() => departments.id, { onDelete: 'set null' }),
    roles: text('roles')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    passwordHash: text('password_hash').notNull(),
    active: boolean('active').notNull().default(true),
    /** service users exist only to own API tokens of an integration */
    isService: boolean('is_service').notNull().default(false),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    index('users_company_idx').on(t.companyId, t.name),
  ],
);

export const userOffices = pgTable(
  'user_offices',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id, { onDelete: 'cascade' }),
    companyId: companyId(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.officeId] }), index('user_offices_office_idx').on(t.officeId)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** sha256 of the cookie value: a database read never yields a usable session */
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    companyId: companyId(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    /** absolute end: idle renewals never go past it */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Counted in PostgreSQL so a lock-out survives a restart and holds across instances. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: id(),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    success: boolean('success').notNull(),
  },
  (t) => [
    index('login_attempts_username_idx').on(t.username, t.at),
    index('login_attempts_ip_idx').on(t.ip, t.at),
  ],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    companyId: companyId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** sha256 of the token; the token itself is shown once */
    tokenHash: text('token_hash').notNull(),
    /** first characters, to recognise a token in the list */
    prefix: text('prefix').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash), index('api_tokens_company_idx').on(t.companyId)],
);

/** 兄弟单位 and 外单位: which utility is which differs per company (domain.md vocabulary). */
export const partnerUnits = pgTable(
  'partner_units',
  {
    id: id(),
    companyId: companyId(),
    /** sister: same group (004 第六条); external: outside body (004 第七条, 000 §7) */
    relation: text('relation').notNull(),
    /** water | power | gas | heating | telecom | municipal | developer | other */
    service: text('service').notNull(),
    name: text('name').notNull(),
    contactPerson: text('contact_person'),
    phone: text('phone'),
    address: text('address'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [uniqueIndex('partner_units_company_name_uq').on(t.companyId, t.name)],
);

export const communities = pgTable(
  'communities',
  {
    id: id(),
    companyId: companyId(),
    officeId: uuid('office_id')
      .notNull()
      .references(() => offices.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    address: text('address'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('communities_company_name_uq').on(t.companyId, t.name),
    index('communities_office_idx').on(t.officeId),
  ],
);

export const buildings = pgTable(
  'buildings',
  {
    id: id(),
    companyId: companyId(),
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [uniqueIndex('buildings_community_name_uq').on(t.communityId, t.name)],
);

/** 单元 (a stairwell of a building); named building_units so "unit" stays free for partner units. */
export const buildingUnits = pgTable(
  'building_units',
  {
    id: id(),
    companyId: companyId(),
    buildingId: uuid('building_id')
      .notNull()
      .references(() => buildings.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
    version: version(),
  },
  (t) => [uniqueIndex('building_units_building_name_uq').on(t.buildingId, t.name)],
);

export const rooms = pgTable(
  'rooms',
  {
    id: id(),
    companyId: companyId(),
    /** denormalised so lists and scope filters need no joins up the tree */
    communityId: uuid('community_id')
      .notNull()
      .references(() => communities.id, { onDelete: 'restrict' }),
    buildingId: uuid('building_id')
      .notNull()
      .references(() => buildings.id, { onDelete: 'restrict' }),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => buildingUnits.id, { onDelete: 'restrict' }),
    number: text('number').notNull(),
    /** square metres (建筑面积) */
    area: numeric('area', { precision: 10, scale: 2 }),
    /** occupied | vacant — occupied households are the denominator of the complaint rate (domain.md §7) */
    status: text('status').notNull().default('occupied'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('rooms_unit_number_uq').on(t.unitId, t.number),
    index('rooms_company_community_idx').on(t.companyId, t.communityId, t.buildingId),
  ],
);

export const residents = pgTable(
  'residents',
  {
    id: id(),
    companyId: companyId(),
    name: text('name').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [index('residents_company_name_idx').on(t.companyId, t.name)],
);

/** One person may have several phones; one phone may belong to several people. */
export const residentPhones = pgTable(
  'resident_phones',
  {
    id: id(),
    companyId: companyId(),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id, { onDelete: 'cascade' }),
    /** as the resident gave it */
    raw: text('raw').notNull(),
    /** api.md canonical form: digits only, +86 dropped, extension apart */
    canonical: text('canonical').notNull(),
    extension: text('extension'),
  },
  (t) => [
    index('resident_phones_lookup_idx').on(t.companyId, t.canonical),
    uniqueIndex('resident_phones_resident_uq').on(
      t.residentId,
      t.canonical,
      sql`coalesce(${t.extension}, '')`,
    ),
  ],
);

/** One person may hold several rooms, as owner, tenant or family. */
export const roomResidents = pgTable(
  'room_residents',
  {
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    residentId: uuid('resident_id')
      .notNull()
      .references(() => residents.id, { onDelete: 'cascade' }),
    companyId: companyId(),
    /** owner | tenant | family */
    relation: text('relation').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.roomId, t.residentId] }),
    index('room_residents_resident_idx').on(t.residentId),
  ],
);
