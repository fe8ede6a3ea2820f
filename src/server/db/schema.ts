/**
 * The database schema (Drizzle). Every business row carries company_id: two companies in one database never
 * see each other's data (TENANT-1). Columns are snake_case; repositories map rows to camelCase contracts.
 * PostgreSQL 15 features only (embedded is 18, Debian's is 15).
 */
import { sql } from 'drizzle-orm';
import type {
  CaseClosure,
  CaseKind,
  CaseState,
  Channel,
  ClockName,
  RepairType,
  RouteTarget,
  Satisfaction,
  Severity,
} from '../../domain/case/case';
import type { StoredDeadlineSubject } from '../../domain/deadlines/kinds';
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  jsonb,
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

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });
const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

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
  /** used in the phone greeting "您好，<简称>物业" (INTAKE-3) */
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
    /** desk hours "HH:mm" in the company's time zone; an emergency outside them also goes to the on-call phone (MSG-6) */
    deskOpens: text('desk_opens').notNull().default('08:00'),
    deskCloses: text('desk_closes').notNull().default('20:00'),
    /** canonical mainland mobile (REGISTER-4) */
    onCallPhone: text('on_call_phone'),
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
    /**
     * Created by the demo seed with the well-known demo password (no demo password in production): production refuses its sign-in.
     * Cleared when the password changes.
     */
    demo: boolean('demo').notNull().default(false),
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

/**
 * An admin lifting a login lock-out (login lock-out counted before the password check): append-only, it records who unlocked whom and when, and the
 * lock-out rule ignores the username's attempts up to its latest `at`.
 */
export const loginUnlocks = pgTable(
  'login_unlocks',
  {
    id: id(),
    companyId: companyId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** lower-cased, as login_attempts keys it */
    username: text('username').notNull(),
    unlockedBy: uuid('unlocked_by').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('login_unlocks_username_idx').on(t.username, t.at),
    index('login_unlocks_user_idx').on(t.userId, t.at),
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

/** 兄弟单位 and 外单位: which utility is which differs per company (ROUTE-6). */
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

/**
 * The fee standard for paid repairs of an owner's private part (有偿服务收费标准, REPAIR-3): staff tell the
 * resident the price before the visit. Money is kept in fen (integer), never as a float.
 */
export const feeItems = pgTable(
  'fee_items',
  {
    id: id(),
    companyId: companyId(),
    name: text('name').notNull(),
    /** 个 / 次 / 米 … */
    unit: text('unit').notNull(),
    priceFen: integer('price_fen').notNull(),
    note: text('note'),
    sort: integer('sort').notNull().default(0),
    /** inactive items stay in the register but are not shown to staff at intake or on the technician's task */
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('fee_items_company_name_uq').on(t.companyId, t.name),
    index('fee_items_company_sort_idx').on(t.companyId, t.sort, t.name),
  ],
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
    /** occupied | vacant — occupied households are the denominator of the complaint rate (REPORT-4) */
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
    /** REGISTER-4 canonical form: digits only, +86 dropped, extension apart */
    canonical: text('canonical').notNull(),
    extension: text('extension'),
    /** the order the resident gave the phones in */
    position: integer('position').notNull().default(0),
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

// ---------------------------------------------------------------------------------------------------------
// Case desk

/** Company settings that are policy (docs/rules.md): clocks, number prefixes, callback rules. */
export const companyPolicies = pgTable('company_policies', {
  companyId: uuid('company_id')
    .primaryKey()
    .references(() => companies.id, { onDelete: 'cascade' }),
  /** ClockPolicy of src/domain/policy/policy.ts */
  clockPolicy: jsonb('clock_policy')
    .notNull()
    .default(sql`'{}'::jsonb`),
  /** kind → case-number prefix (INTAKE-8: TS, BX, ZX, JY, BY, QT) */
  /** accountability amounts and recurring-problem detection (LEDGER-1, PROBLEM-1): AccountabilityPolicy of the reports feature */
  reportPolicy: jsonb('report_policy')
    .notNull()
    .default(sql`'{}'::jsonb`),
  /**
   * The report policy has its own version and change record (PUT /api/report-policy): its settings page and the
   * clock policy's are edited apart, so a change to one never makes the other stale.
   */
  reportPolicyVersion: integer('report_policy_version').notNull().default(1),
  reportPolicyUpdatedAt: timestamp('report_policy_updated_at', { withTimezone: true }),
  reportPolicyUpdatedById: uuid('report_policy_updated_by_id'),
  numberPrefixes: jsonb('number_prefixes')
    .notNull()
    .default(sql`'{}'::jsonb`),
  /** kinds answered on the spot that need no callback (INTAKE-11); null = the default (inquiry, praise) */
  callbackExemptKinds: jsonb('callback_exempt_kinds').$type<CaseKind[]>(),
  updatedAt: updatedAt(),
  version: version(),
});

/** 法定节假日 and 调休 entered by admins for years the chinese-days package lacks. */
export const calendarOverrides = pgTable(
  'calendar_overrides',
  {
    companyId: companyId(),
    date: date('date', { mode: 'string' }).notNull(),
    /** holiday | workday */
    kind: text('kind').notNull(),
    name: text('name'),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.date] })],
);

/** The category tree (CLASS-3), editable per company. */
export const categories = pgTable(
  'categories',
  {
    id: id(),
    companyId: companyId(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    /** stable key of a default category (facility_repair …); null for a company's own */
    code: text('code'),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
  },
  (t) => [index('categories_company_idx').on(t.companyId, t.parentId)],
);

/** Per company, prefix and year: unique, increasing; a rolled-back intake rolls its increment back too. */
export const caseSequences = pgTable(
  'case_sequences',
  {
    companyId: companyId(),
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.prefix, t.year] })],
);

export const cases = pgTable(
  'cases',
  {
    id: id(),
    companyId: companyId(),
    number: text('number').notNull(),
    version: version(),
    channel: text('channel').$type<Channel>().notNull(),
    kind: text('kind').$type<CaseKind>().notNull(),
    severity: text('severity').$type<Severity>().notNull(),
    categoryId: uuid('category_id'),
    repairType: text('repair_type').$type<RepairType>(),
    /** private (paid) repairs: the visit agreed with the owner (REPAIR-3) */
    visitAt: timestamp('visit_at', { withTimezone: true }),
    /** when the resident was first told the status or time limit (ROUTE-2: the `route` clock needs it) */
    residentToldAt: timestamp('resident_told_at', { withTimezone: true }),
    state: text('state').$type<CaseState>().notNull(),
    /** may be earlier than entry (a letter read today arrived yesterday); never in the future */
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    recordedById: uuid('recorded_by_id').notNull(),
    /** 首问责任人: stays on the case until it closes and can never be removed (FIRSTASK-2) */
    firstResponderId: uuid('first_responder_id').notNull(),
    handlerId: uuid('handler_id'),
    departmentId: uuid('department_id'),
    /** department | sisterUnit | externalUnit | leader */
    targetType: text('target_type').$type<RouteTarget['type']>(),
    targetId: uuid('target_id'),
    officeId: uuid('office_id'),
    communityId: uuid('community_id'),
    roomId: uuid('room_id'),
    address: text('address'),
    reporterName: text('reporter_name'),
    reporterPhone: text('reporter_phone'),
    reporterPhoneCanonical: text('reporter_phone_canonical'),
    reporterAnonymous: boolean('reporter_anonymous').notNull().default(false),
    description: text('description').notNull(),
    /** jieba cutForSearch tokens of number, description and address (tsvector 'simple') */
    searchVector: tsvector('search_vector'),
    /** complaint recorded by the very person it is about (INTAKE-2) */
    selfComplaint: boolean('self_complaint').notNull().default(false),
    /** the employee a complaint is about (INTAKE-2, HANDLE-5) */
    aboutEmployeeId: uuid('about_employee_id'),
    /** a complaint about service: its first reply must apologise (HANDLE-4) */
    serviceComplaint: boolean('service_complaint').notNull().default(false),
    replyCount: integer('reply_count').notNull().default(0),
    /** callback | director | invalidated | merged — how a closed case was closed (reports) */
    closure: text('closure').$type<CaseClosure>(),
    escalationTier: integer('escalation_tier').notNull().default(0),
    satisfaction: text('satisfaction').$type<Satisfaction>(),
    reopenCount: integer('reopen_count').notNull().default(0),
    mergedIntoId: uuid('merged_into_id'),
    invalid: boolean('invalid').notNull().default(false),
    closedUnsatisfied: boolean('closed_unsatisfied').notNull().default(false),
    callbackAssigneeId: uuid('callback_assignee_id'),
    /** a deadline fell in a year with no working-day calendar (CLOCK-2) */
    calendarUnknown: boolean('calendar_unknown').notNull().default(false),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** earliest due time of the open clocks: lists sort by it, the overdue board filters on it */
    nextDueAt: timestamp('next_due_at', { withTimezone: true }),
    timelineSeq: integer('timeline_seq').notNull().default(0),
    timelineHead: text('timeline_head')
      .notNull()
      .default('0000000000000000000000000000000000000000000000000000000000000000'),
  },
  (t) => [
    uniqueIndex('cases_company_number_uq').on(t.companyId, t.number),
    index('cases_company_received_idx').on(
      t.companyId,
      t.receivedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('cases_company_state_idx').on(t.companyId, t.state, t.receivedAt),
    index('cases_company_office_idx').on(t.companyId, t.officeId, t.receivedAt),
    // reports: join clocks and timeline entries back to an office's cases without touching the heap
    index('cases_company_office_id_idx').on(t.companyId, t.officeId, t.id, t.communityId),
    // the dashboard's monthly trend counts by kind without reading the heap (index-only scan)
    index('cases_company_received_trend_idx').on(
      t.companyId,
      t.receivedAt,
      t.kind,
      t.invalid,
      t.mergedIntoId,
      t.officeId,
      t.communityId,
    ),
    index('cases_first_responder_idx').on(t.firstResponderId, t.state),
    index('cases_handler_idx').on(t.handlerId, t.state),
    index('cases_department_idx').on(t.departmentId, t.state),
    index('cases_room_idx').on(t.roomId, t.receivedAt),
    index('cases_phone_idx').on(t.companyId, t.reporterPhoneCanonical),
    // a resident's history: the case search by the reporter's name (SEARCH-2)
    index('cases_reporter_name_idx').on(t.companyId, t.reporterName),
    index('cases_next_due_idx').on(t.companyId, t.nextDueAt),
    index('cases_search_idx').using('gin', t.searchVector),
  ],
);

export const caseClocks = pgTable(
  'case_clocks',
  {
    id: id(),
    companyId: companyId(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** dispatch | contact | route | verify | reply | resolve | callback | corrective */
    name: text('name').$type<ClockName>().notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    metAt: timestamp('met_at', { withTimezone: true }),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    /** total paused time so far, milliseconds */
    pausedMs: bigint('paused_ms', { mode: 'number' }).notNull().default(0),
    /** the clock no longer counts (the case closed, was returned or re-routed); a recorded breach stays */
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    calendarUnknown: boolean('calendar_unknown').notNull().default(false),
    /**
     * When the sweeper must look at this clock next (the 80% warning, then the deadline); null when met or
     * paused. The sweeper reads only this index, so its cost grows with the due clocks, not with the cases.
     */
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('case_clocks_case_name_uq').on(t.caseId, t.name),
    index('case_clocks_next_check_idx')
      .on(t.nextCheckAt)
      .where(sql`${t.nextCheckAt} is not null`),
    // reports: clocks that fell due in a month (REPORT-4)
    index('case_clocks_company_due_idx').on(t.companyId, t.dueAt),
  ],
);

/**
 * The deadlines of every subject kind but the case's clocks (ADR 0019, 0020): a month's summary publication, a
 * quarterly report's steps; notices, visits and slips next. Swept like case_clocks, through its own partial index
 * on next_check_at, with the same lock protocol and the same decision (domain/deadlines/deadline.ts).
 */
export const deadlines = pgTable(
  'deadlines',
  {
    id: id(),
    companyId: companyId(),
    /** the subject's office (its recipients and the viewers' scope); null: company-wide */
    officeId: uuid('office_id').references(() => offices.id, { onDelete: 'cascade' }),
    /** monthly_summary | quarterly_report (domain/deadlines/subjects.ts) */
    kind: text('kind').$type<StoredDeadlineSubject>().notNull(),
    /** the kind's own key of the deadline, unique per company and kind (e.g. `<office>:2026-10`, `<report>:finance`) */
    key: text('key').notNull(),
    /** the subject's row, when it has one (the summary, the report) */
    subjectId: uuid('subject_id'),
    /** which deadline of the subject: `publication`; `service`, `finance`, `publish` */
    name: text('name').notNull(),
    /** how the subject is shown: 2026-10, 2026-Q3 */
    label: text('label').notNull(),
    /** what the kind's notifications carry besides (year, month, quarter, reportId…) */
    data: jsonb('data').$type<Record<string, string | number>>().notNull().default({}),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** fixed reminder instants in place of the fractional warning point; empty: the kind's fraction */
    remindAt: timestamp('remind_at', { withTimezone: true })
      .array()
      .notNull()
      .default(sql`'{}'`),
    remindersSent: integer('reminders_sent').notNull().default(0),
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    metAt: timestamp('met_at', { withTimezone: true }),
    stoppedAt: timestamp('stopped_at', { withTimezone: true }),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    /** the subject's escalation tier as this deadline raised it (0: not escalated) */
    tier: integer('tier').notNull().default(0),
    /** when the sweep must look at it next; null once settled (the sweep reads only this partial index) */
    nextCheckAt: timestamp('next_check_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('deadlines_kind_key_uq').on(t.companyId, t.kind, t.key),
    index('deadlines_next_check_idx')
      .on(t.nextCheckAt)
      .where(sql`${t.nextCheckAt} is not null`),
    // the overdue view: running deadlines of a company by due time
    index('deadlines_company_due_idx')
      .on(t.companyId, t.dueAt)
      .where(sql`${t.metAt} is null and ${t.stoppedAt} is null`),
  ],
);

/** Append-only; a trigger refuses UPDATE and DELETE; each entry chains the previous one's SHA-256 (RECORD-2). */
export const caseTimeline = pgTable(
  'case_timeline',
  {
    caseId: uuid('case_id').notNull(),
    seq: integer('seq').notNull(),
    companyId: uuid('company_id').notNull(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: uuid('actor_id'),
    type: text('type').notNull(),
    data: jsonb('data').notNull(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.seq] }),
    // reports: callbacks answered, reopenings and resolutions in a month (REPORT-4, REPORT-5)
    // case_id as the last key lets month counts of distinct cases run as index-only scans (dashboard, bench)
    index('case_timeline_company_type_at_idx').on(t.companyId, t.type, t.at, t.caseId),
  ],
);

/** Content-addressed file bodies (the PostgreSQL BlobStore); per company so nothing is shared across tenants. */
export const blobs = pgTable(
  'blobs',
  {
    companyId: companyId(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    bytes: bytea('bytes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.sha256] })],
);

export const attachments = pgTable(
  'attachments',
  {
    id: id(),
    companyId: companyId(),
    caseId: uuid('case_id'),
    sha256: text('sha256').notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    uploadedById: uuid('uploaded_by_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_case_idx').on(t.caseId)],
);

/** `Idempotency-Key` per actor, kept 24 h: the same key and body return the first result (API-3). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    actorId: uuid('actor_id').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    response: jsonb('response').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/** Staff notifications (bell + live push); external channels read them through the outbox. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    companyId: companyId(),
    userId: uuid('user_id').notNull(),
    /** NOTIFICATION_TYPES of src/contracts/notifications.ts */
    type: text('type').notNull(),
    caseId: uuid('case_id'),
    data: jsonb('data')
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
);

// ---------------------------------------------------------------------------------------------------------
// The outbox: every message to a person outside the browser (MSG-1…9, docs/adr/0025-one-outbox.md)

/**
 * One row per message and channel (SMS, webhook), to a user, a resident account or a bare phone, written in the
 * transaction of its cause. The delivery worker claims due rows with SKIP LOCKED under a lease; `attempts` is the
 * fencing token of a claim (a late worker's result is discarded).
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: id(),
    companyId: companyId(),
    /** MESSAGE_TYPES of src/domain/messages/types.ts */
    type: text('type').notNull(),
    /** sms | webhook */
    channel: text('channel').notNull(),
    /** user | resident | phone: exactly the column of the kind is set */
    recipientKind: text('recipient_kind').notNull(),
    /** a user's phone is read from users.phone at send time (no copy) */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** the resident's account (its foreign key comes with its table) */
    residentAccountId: uuid('resident_account_id'),
    /** canonical 11 digits (REGISTER-4): kind `phone` only — the office's on-call phone */
    phone: text('phone'),
    caseId: uuid('case_id').references(() => cases.id, { onDelete: 'set null' }),
    notificationId: uuid('notification_id').references(() => notifications.id, { onDelete: 'set null' }),
    /** short named values — never a resident's name or phone (MSG-7) */
    params: jsonb('params')
      .notNull()
      .default(sql`'{}'::jsonb`),
    locale: text('locale').notNull().default('zh-CN'),
    /** the id without dashes: Aliyun OutId, Tencent SessionContext, webhook Idempotency-Key (MSG-2) */
    idempotencyKey: text('idempotency_key').notNull(),
    /** pending | sending | sent | failed | expired | cancelled */
    status: text('status').notNull().default('pending'),
    /** attempts started; also the fencing token of the current claim */
    attempts: integer('attempts').notNull().default(0),
    /** pending: when it is due; sending: when its lease ends */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastCode: text('last_code'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    providerMessageId: text('provider_message_id'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('outbox_messages_key_uq').on(t.companyId, t.idempotencyKey),
    index('outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    index('outbox_messages_list_idx').on(
      t.companyId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('outbox_messages_case_idx').on(t.caseId),
    check(
      'outbox_messages_recipient_ck',
      sql`(${t.recipientKind} = 'user' and ${t.userId} is not null and ${t.residentAccountId} is null and ${t.phone} is null)
        or (${t.recipientKind} = 'resident' and ${t.userId} is null and ${t.residentAccountId} is not null and ${t.phone} is null)
        or (${t.recipientKind} = 'phone' and ${t.userId} is null and ${t.residentAccountId} is null and ${t.phone} is not null)`,
    ),
    check('outbox_messages_channel_ck', sql`${t.channel} in ('sms', 'webhook')`),
    check(
      'outbox_messages_status_ck',
      sql`${t.status} in ('pending', 'sending', 'sent', 'failed', 'expired', 'cancelled')`,
    ),
  ],
);

/** Each delivery attempt of a message and how it ended (MSG-1). */
export const outboxAttempts = pgTable(
  'outbox_attempts',
  {
    id: id(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => outboxMessages.id, { onDelete: 'cascade' }),
    companyId: companyId(),
    attempt: integer('attempt').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }).notNull(),
    /** sent | retry | failed | expired */
    outcome: text('outcome').notNull(),
    code: text('code').notNull(),
    httpStatus: integer('http_status'),
    providerMessageId: text('provider_message_id'),
    /** the provider's message, redacted, at most 200 characters */
    detail: text('detail'),
  },
  (t) => [uniqueIndex('outbox_attempts_message_attempt_uq').on(t.messageId, t.attempt)],
);

/**
 * A company's sender per channel (MSG-3, MSG-4): sms aliyun | tencent | dev, webhook http | dev. `secret` is the
 * credentials encrypted under HUIYIN_SECRET_KEY (`v1:<keyId>:<iv>:<tag>:<ct>`), never returned.
 */
export const messageSenders = pgTable(
  'message_senders',
  {
    companyId: companyId(),
    channel: text('channel').notNull(),
    provider: text('provider').notNull(),
    settings: jsonb('settings')
      .notNull()
      .default(sql`'{}'::jsonb`),
    secret: text('secret'),
    version: version(),
    updatedAt: updatedAt(),
    updatedById: uuid('updated_by_id'),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.channel] })],
);

/** The version of a company's message settings as a whole (senders and switches are saved together). */
export const messageSettings = pgTable('message_settings', {
  companyId: uuid('company_id')
    .primaryKey()
    .references(() => companies.id, { onDelete: 'cascade' }),
  version: version(),
  updatedAt: updatedAt(),
  updatedById: uuid('updated_by_id'),
});

/** A company's switch of a message type on a channel, with its SMS template (MSG-3). No row: off. */
export const messageTypeChannels = pgTable(
  'message_type_channels',
  {
    companyId: companyId(),
    type: text('type').notNull(),
    channel: text('channel').notNull(),
    enabled: boolean('enabled').notNull().default(false),
    /** sms: { code, signName?, params: [{ name, from }] } */
    template: jsonb('template'),
  },
  (t) => [primaryKey({ columns: [t.companyId, t.type, t.channel] })],
);

/** What the development sender "sent" (MSG-9): a deduplicating receiver, read at GET /api/test/outbox. */
export const devMessages = pgTable(
  'dev_messages',
  {
    id: id(),
    companyId: companyId(),
    messageId: uuid('message_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    type: text('type').notNull(),
    channel: text('channel').notNull(),
    recipient: jsonb('recipient').notNull(),
    params: jsonb('params').notNull(),
    text: jsonb('text').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('dev_messages_key_uq').on(t.idempotencyKey),
    index('dev_messages_company_idx').on(t.companyId, t.createdAt),
  ],
);

// ---------------------------------------------------------------------------------------------------------
// Reports, accountability and recurring problems (REPORT-1, LEDGER-1, PROBLEM-1)

/**
 * The monthly complaint summary of an office (office_id) or the whole company (null), one per month. Figures are
 * recomputed from the cases while it is a draft; approval freezes them with the public wording the director edited.
 */
export const monthlySummaries = pgTable(
  'monthly_summaries',
  {
    id: id(),
    companyId: companyId(),
    officeId: uuid('office_id'),
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    /** draft | approved | published */
    status: text('status').notNull().default('draft'),
    /** the figures as computed (internal version; frozen at approval) */
    figures: jsonb('figures'),
    /** the public (公示) version: anonymised figures and the director's wording */
    publicContent: jsonb('public_content'),
    draftedAt: timestamp('drafted_at', { withTimezone: true }).notNull(),
    approvedById: uuid('approved_by_id'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    publishedById: uuid('published_by_id'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('monthly_summaries_uq').on(
      t.companyId,
      sql`coalesce(${t.officeId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.year,
      t.month,
    ),
  ],
);

/** Violations of the first-responder duty derived from facts (004 第十三条); the director confirms or waives each. */
export const dutyViolations = pgTable(
  'duty_violations',
  {
    id: id(),
    companyId: companyId(),
    officeId: uuid('office_id'),
    /** the month the violating event happened (company time zone) */
    year: integer('year').notNull(),
    month: integer('month').notNull(),
    /** user | department */
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    /** first_responder_route_breached | first_responder_callback_breached | department_clock_breached | department_returned */
    kind: text('kind').notNull(),
    caseId: uuid('case_id').notNull(),
    /** the clock or timeline entry that is the evidence */
    clockName: text('clock_name').notNull().default(''),
    evidence: jsonb('evidence').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** yuan, from the company's policy (defaults 50 a person, 100 a department) */
    amount: integer('amount').notNull(),
    /** pending | confirmed | waived */
    status: text('status').notNull().default('pending'),
    decidedById: uuid('decided_by_id'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    version: version(),
  },
  (t) => [
    uniqueIndex('duty_violations_fact_uq').on(t.caseId, t.kind, t.subjectId, t.clockName),
    index('duty_violations_month_idx').on(t.companyId, t.year, t.month),
  ],
);

/** A recurring problem (问题, 000 §9): cases clustered by place and category or by similar text. */
export const problems = pgTable(
  'problems',
  {
    id: id(),
    companyId: companyId(),
    officeId: uuid('office_id'),
    communityId: uuid('community_id'),
    /** room | building | community | similar_text */
    scopeType: text('scope_type').notNull(),
    /** the room, building or community id; null for similar text */
    scopeId: uuid('scope_id'),
    categoryId: uuid('category_id'),
    title: text('title').notNull(),
    /** open | closed — stays open until measures are recorded */
    status: text('status').notNull().default('open'),
    detectedAt: timestamp('detected_at', { withTimezone: true }).notNull(),
    /** cross-department review */
    reviewDepartmentIds: uuid('review_department_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    dueAt: timestamp('due_at', { withTimezone: true }),
    rootCause: text('root_cause'),
    measures: text('measures'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedById: uuid('closed_by_id'),
    /**
     * when the review's assignees were told that the due date passed without measures (notifyOverdueProblems);
     * cleared when the due date changes, so a new date is reminded of once again
     */
    overdueNotifiedAt: timestamp('overdue_notified_at', { withTimezone: true }),
    /** dedupe key of the cluster (scope + category), so detection re-run never raises the same problem twice */
    clusterKey: text('cluster_key').notNull(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    index('problems_company_status_idx').on(t.companyId, t.status),
    // the hourly overdue check reads only open problems not yet reminded of
    index('problems_overdue_idx')
      .on(t.dueAt)
      .where(sql`${t.status} = 'open' and ${t.overdueNotifiedAt} is null and ${t.dueAt} is not null`),
    uniqueIndex('problems_open_cluster_uq')
      .on(t.companyId, t.clusterKey)
      .where(sql`${t.status} = 'open'`),
  ],
);

export const problemCases = pgTable(
  'problem_cases',
  {
    problemId: uuid('problem_id')
      .notNull()
      .references(() => problems.id, { onDelete: 'cascade' }),
    caseId: uuid('case_id').notNull(),
    companyId: companyId(),
  },
  (t) => [primaryKey({ columns: [t.problemId, t.caseId] }), index('problem_cases_case_idx').on(t.caseId)],
);

/** The quarterly management-service report (管理服务报告, 002 篇4 4.2.3) of an office. */
export const quarterlyReports = pgTable(
  'quarterly_reports',
  {
    id: id(),
    companyId: companyId(),
    officeId: uuid('office_id').notNull(),
    year: integer('year').notNull(),
    quarter: integer('quarter').notNull(),
    /** draft | service_submitted | finance_submitted | signed | published */
    status: text('status').notNull().default('draft'),
    serviceContent: jsonb('service_content'),
    financeContent: jsonb('finance_content'),
    serviceSubmittedAt: timestamp('service_submitted_at', { withTimezone: true }),
    financeSubmittedAt: timestamp('finance_submitted_at', { withTimezone: true }),
    /** the owners' committee chair signs on paper; the name and date are recorded */
    chairName: text('chair_name'),
    chairSignedAt: timestamp('chair_signed_at', { withTimezone: true }),
    directorSignedById: uuid('director_signed_by_id'),
    directorSignedAt: timestamp('director_signed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    draftedAt: timestamp('drafted_at', { withTimezone: true }).notNull(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [uniqueIndex('quarterly_reports_uq').on(t.companyId, t.officeId, t.year, t.quarter)],
);
