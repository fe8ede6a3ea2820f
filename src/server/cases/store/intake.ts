/**
 * The case store's entry for intake (POST /api/cases): the case with its clocks and first timeline entries in one
 * statement, batched across the intakes that arrive together — the shape ADR 0010 and 0012 measured. Only the
 * store writes `cases`, `case_clocks` and `case_timeline` (decision.ts for actions, sweep.ts for the sweep).
 */
import { sql, type SQL } from 'drizzle-orm';
import type {
  CaseClosure,
  CaseKind,
  CaseState,
  Channel,
  JsonObject,
  RepairType,
  Severity,
} from '../../../domain/case/case';
import { caseFactsHash } from '../../../domain/case/facts-digest';
import type { StoredClock } from '../../../domain/case/stored-clocks';
import { chainEntry, FACTS_HASH_KEY } from '../../../domain/record/hash-chain';
import { createBatcher, type BatcherOptions } from '../../db/batcher';
import type { Tx } from '../../db/client';
import { executeNamed } from '../../db/prepared';
import { asStoredJson, asStoredText } from '../../db/text';
import type { CaseRow, ClockRow } from '../cases.repository';
import type { NotificationType } from '../../../contracts/notifications';
import { expiresAt, messageParams } from '../../../domain/messages/types';
import {
  allowedChannels,
  outboxInsert,
  placeOf,
  switchJoin,
  withinDeskHoursSql,
} from '../../outbox/outbox.repository';

export interface IntakeWrite {
  id: string;
  companyId: string;
  number: string;
  channel: Channel;
  kind: CaseKind;
  severity: Severity;
  categoryId: string | null;
  repairType: RepairType | null;
  visitAt: Date | null;
  state: Extract<CaseState, 'received' | 'resolved' | 'closed'>;
  /** `on_the_spot` for a matter answered at intake that needs no callback (INTAKE-6), else null */
  closure: CaseClosure | null;
  closedAt: Date | null;
  receivedAt: Date;
  now: Date;
  recordedById: string;
  firstResponderId: string;
  handlerId: string | null;
  officeId: string | null;
  officeDirectorId: string | null;
  communityId: string | null;
  roomId: string | null;
  address: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterPhoneCanonical: string | null;
  reporterAnonymous: boolean;
  description: string;
  /** the text whose 'simple' tsvector is the search vector (search-text.ts) */
  searchDocument: string;
  selfComplaint: boolean;
  aboutEmployeeId: string | null;
  serviceComplaint: boolean;
  callbackAssigneeId: string | null;
  resolvedAt: Date | null;
  clocks: readonly StoredClock[];
  nextDueAt: Date | null;
  calendarUnknown: boolean;
  entries: readonly { type: string; data: JsonObject; actorId: string | null; at: Date }[];
  /**
   * Bell entries the intake leaves, written by the same statement (the emergency's, EMERGENCY-1): the batched
   * writer carries them so that an emergency keeps the batch's one commit. Recipients that are not active users of
   * the company are skipped, as notify() skips them.
   */
  notices?: readonly { userId: string; type: NotificationType; data: JsonObject }[];
}

/** A bell entry the insert made: what its live event names. */
export interface IntakeNotice {
  id: string;
  companyId: string;
  userId: string;
  type: NotificationType;
  caseId: string;
}

/** The timeline entries of one intake, chained from the genesis hash, as the insert reads them. */
function chainedEntries(w: IntakeWrite) {
  let previous: { seq: number; hash: string } | null = null;
  return w.entries.map((e) => {
    // Millisecond precision: the hash covers at.toISOString() and timestamptz(3) stores exactly that.
    const entry = chainEntry(previous, {
      at: new Date(e.at.getTime()),
      actorId: e.actorId,
      type: e.type,
      data: e.data,
    });
    previous = { seq: entry.seq, hash: entry.hash };
    return {
      seq: entry.seq,
      at: entry.at,
      actor_id: e.actorId,
      type: e.type,
      data: e.data,
      prev_hash: entry.prevHash,
      hash: entry.hash,
    };
  });
}

/**
 * The JSON row the insert reads: exactly the columns it writes. A null is left out (jsonb_to_recordset reads a
 * missing key as null): about a quarter of the bytes Node writes and PostgreSQL parses, on the path every batch
 * waits for.
 */
function intakeJson(w: IntakeWrite, row: CaseRow, entries: ReturnType<typeof chainedEntries>) {
  const orOmit = <T>(v: T | null) => v ?? undefined;
  return {
    id: row.id,
    company_id: row.companyId,
    number: row.number,
    channel: row.channel,
    kind: row.kind,
    severity: row.severity,
    category_id: orOmit(row.categoryId),
    repair_type: orOmit(row.repairType),
    visit_at: orOmit(row.visitAt),
    state: row.state,
    received_at: row.receivedAt,
    created_at: row.createdAt,
    recorded_by_id: row.recordedById,
    first_responder_id: row.firstResponderId,
    handler_id: orOmit(row.handlerId),
    office_id: orOmit(row.officeId),
    community_id: orOmit(row.communityId),
    room_id: orOmit(row.roomId),
    address: orOmit(row.address),
    reporter_name: orOmit(row.reporterName),
    reporter_phone: orOmit(row.reporterPhone),
    reporter_phone_canonical: orOmit(w.reporterPhoneCanonical),
    reporter_anonymous: row.reporterAnonymous,
    description: row.description,
    search_document: w.searchDocument,
    self_complaint: row.selfComplaint,
    about_employee_id: orOmit(w.aboutEmployeeId),
    service_complaint: row.serviceComplaint,
    callback_assignee_id: orOmit(row.callbackAssigneeId),
    resolved_at: orOmit(row.resolvedAt),
    closure: orOmit(row.closure),
    closed_at: orOmit(row.closedAt),
    next_due_at: orOmit(row.nextDueAt),
    calendar_unknown: row.calendarUnknown,
    timeline_seq: row.timelineSeq,
    timeline_head: row.timelineHead,
    clocks: w.clocks.map((c) => ({
      id: c.id,
      name: c.name,
      started_at: c.startedAt,
      due_at: orOmit(c.dueAt),
      met_at: orOmit(c.metAt),
      warned_at: orOmit(c.warnedAt),
      breached_at: orOmit(c.breachedAt),
      paused_at: orOmit(c.pausedAt),
      paused_ms: c.pausedMs,
      stopped_at: orOmit(c.stoppedAt),
      calendar_unknown: c.calendarUnknown,
      next_check_at: orOmit(c.nextCheckAt),
    })),
    entries: entries.map((e) => ({ ...e, actor_id: orOmit(e.actor_id) })),
    notices: w.notices?.length
      ? w.notices.map((n) => ({ user_id: n.userId, type: n.type, data: n.data }))
      : undefined,
    // An emergency's messages (MSG-5, MSG-6): their parameters — the number and kind, never the reporter (MSG-7).
    msg_params:
      w.severity === 'emergency' ? messageParams('emergency', { number: w.number, kind: w.kind }) : undefined,
    msg_expires_at: w.severity === 'emergency' ? expiresAt('emergency', w.now) : undefined,
  };
}

/** An intake ready for the insert: its JSON row and the stored row its answer is built from. */
export interface PreparedIntake {
  json: string;
  stored: StoredIntake;
}

/**
 * Everything of an intake's insert that Node computes — its text made storable, its timeline chained from the
 * genesis hash, its JSON row — done by its own request before it joins a batch, so that none of it lies on the
 * path of the batch in flight (the insert sets intake's pace under load, ADR 0012).
 */
export function prepareIntake(given: IntakeWrite): PreparedIntake {
  // The case's free text travels inside JSON: stored, and answered, as a parameter would store it (asStoredText).
  const w: IntakeWrite = {
    ...given,
    description: asStoredText(given.description),
    address: given.address && asStoredText(given.address),
    reporterName: given.reporterName && asStoredText(given.reporterName),
    reporterPhone: given.reporterPhone && asStoredText(given.reporterPhone),
    searchDocument: asStoredText(given.searchDocument),
    // before chaining: the hash covers the data as stored (an on-the-spot result is typed text)
    entries: given.entries.map((e) => ({ ...e, data: asStoredJson(e.data) })),
  };
  // The first entry (`received`) chains the digest of the facts as stored, recomputed by verify from the row.
  const [first, ...rest] = w.entries;
  if (first)
    w.entries = [
      {
        ...first,
        data: {
          ...first.data,
          [FACTS_HASH_KEY]: caseFactsHash({
            description: w.description,
            reporterName: w.reporterName,
            reporterPhone: w.reporterPhone,
            reporterAnonymous: w.reporterAnonymous,
            roomId: w.roomId,
            address: w.address,
            receivedAt: w.receivedAt,
            channel: w.channel,
            kind: w.kind,
          }),
        },
      },
      ...rest,
    ];
  const entries = chainedEntries(w);
  const stored = storedIntake(w, entries.at(-1) ?? null);
  return { json: JSON.stringify(intakeJson(w, stored.row, entries)), stored };
}

export interface StoredIntake {
  row: CaseRow;
  clocks: ClockRow[];
  /** the bell entries the insert made (IntakeWrite.notices), for their live events */
  notices?: IntakeNotice[];
}

/**
 * Inserts cases with their clocks and first timeline entries (chained from the genesis hash) in one statement —
 * the intakes the batcher sends together, or one; returns each stored case row with its clocks, in the order of
 * `writes`. Run alone it is its own transaction; callers that write more (attachments, notifications) run it
 * inside theirs.
 */
export function insertIntakes(db: Tx, writes: readonly IntakeWrite[]): Promise<StoredIntake[]> {
  return insertPreparedIntakes(db, writes.map(prepareIntake));
}

export async function insertPreparedIntakes(
  db: Tx,
  prepared: readonly PreparedIntake[],
): Promise<StoredIntake[]> {
  const { rows } = await executeNamed<{ cases: number; notices: IntakeNotice[] | null }>(
    db,
    'huiyin_insert_intakes',
    insertIntakesSql(prepared),
  );
  const made = rows[0]?.notices ?? [];
  return prepared.map((p) => ({ ...p.stored, notices: made.filter((n) => n.caseId === p.stored.row.id) }));
}

/**
 * The one statement of insertIntakes: the batch's JSON rows as a single parameter, so its text is the same for
 * any batch (it runs as a named prepared statement).
 */
export function insertIntakesSql(prepared: readonly PreparedIntake[]): SQL {
  return sql`with x as materialized (
      select * from jsonb_to_recordset(${`[${prepared.map((p) => p.json).join(',')}]`}::jsonb) as x(id uuid,
        company_id uuid, number text, channel text, kind text, severity text, category_id uuid, repair_type text,
        visit_at timestamptz, state text, received_at timestamptz, created_at timestamptz, recorded_by_id uuid,
        first_responder_id uuid, handler_id uuid, office_id uuid, community_id uuid,
        room_id uuid, address text, reporter_name text, reporter_phone text, reporter_phone_canonical text,
        reporter_anonymous boolean, description text, search_document text, self_complaint boolean,
        about_employee_id uuid, service_complaint boolean, callback_assignee_id uuid, resolved_at timestamptz,
        closure text, closed_at timestamptz,
        next_due_at timestamptz, calendar_unknown boolean, timeline_seq int, timeline_head text, clocks jsonb,
        entries jsonb, notices jsonb, msg_params jsonb, msg_expires_at timestamptz)
    ), c as (
      insert into cases (id, company_id, number, channel, kind, severity, category_id, repair_type, visit_at, state, received_at,
        created_at, updated_at, recorded_by_id, first_responder_id, handler_id, office_id, community_id, room_id, address,
        reporter_name, reporter_phone, reporter_phone_canonical, reporter_anonymous, description, search_vector,
        self_complaint, about_employee_id, service_complaint, callback_assignee_id, resolved_at, closure,
        closed_at, next_due_at, calendar_unknown, timeline_seq, timeline_head)
      select x.id, x.company_id, x.number, x.channel, x.kind, x.severity, x.category_id, x.repair_type, x.visit_at,
        x.state, x.received_at, x.created_at, x.created_at, x.recorded_by_id, x.first_responder_id, x.handler_id, x.office_id,
        x.community_id, x.room_id, x.address, x.reporter_name, x.reporter_phone, x.reporter_phone_canonical,
        x.reporter_anonymous, x.description, to_tsvector('simple', x.search_document), x.self_complaint,
        x.about_employee_id, x.service_complaint, x.callback_assignee_id, x.resolved_at, x.closure, x.closed_at,
        x.next_due_at,
        x.calendar_unknown, x.timeline_seq, x.timeline_head
      from x
      returning id
    ), k as (
      insert into case_clocks (id, company_id, case_id, name, started_at, due_at, met_at, warned_at, breached_at,
        paused_at, paused_ms, stopped_at, calendar_unknown, next_check_at)
      select y.id, x.company_id, x.id, y.name, y.started_at, y.due_at, y.met_at, y.warned_at, y.breached_at,
        y.paused_at, y.paused_ms, y.stopped_at, y.calendar_unknown, y.next_check_at
      from x cross join jsonb_to_recordset(x.clocks) as y(id uuid, name text,
        started_at timestamptz, due_at timestamptz, met_at timestamptz, warned_at timestamptz,
        breached_at timestamptz, paused_at timestamptz, paused_ms bigint, stopped_at timestamptz,
        calendar_unknown boolean, next_check_at timestamptz)
      returning id
    ), t as (
      insert into case_timeline (case_id, seq, company_id, at, actor_id, type, data, prev_hash, hash)
      select x.id, y.seq, x.company_id, y.at, y.actor_id, y.type, y.data, y.prev_hash, y.hash
      from x cross join jsonb_to_recordset(x.entries) as y(seq int, at timestamptz, actor_id uuid,
        type text, data jsonb, prev_hash text, hash text)
    ), n as (
      insert into notifications (company_id, user_id, type, case_id, data, created_at)
      select x.company_id, y.user_id, y.type, x.id, y.data, x.created_at
      from x cross join jsonb_to_recordset(x.notices) as y(user_id uuid, type text, data jsonb)
        join users u on u.id = y.user_id and u.company_id = x.company_id and u.active
      where x.notices is not null
      returning id, company_id as "companyId", user_id as "userId", type, case_id as "caseId"
    ), o as (
      ${outboxInsert(sql`select gen_random_uuid() as id, x.company_id, 'emergency' as type, tc.channel,
          'user' as recipient_kind, n."userId" as user_id, null::text as phone, x.id as case_id,
          n.id as notification_id, x.msg_params || ${placeOf(sql`cm.name`)} as params, x.created_at as at,
          x.msg_expires_at as expires_at
        from n join x on x.id = n."caseId"
        ${switchJoin(sql`x.company_id`, sql`'emergency'`, sql`${allowedChannels('emergency')}::text`)}
        left join communities cm on cm.id = x.community_id
        where n.type = 'emergency' and x.msg_params is not null`)}
    ), oc as (
      ${outboxInsert(sql`select gen_random_uuid() as id, x.company_id, 'emergency_on_call' as type, tc.channel,
          'phone' as recipient_kind, null::uuid as user_id, f.on_call_phone as phone, x.id as case_id,
          null::uuid as notification_id, x.msg_params || ${placeOf(sql`cm.name`)} as params, x.created_at as at,
          x.msg_expires_at as expires_at
        from x join offices f on f.id = x.office_id and f.company_id = x.company_id and f.on_call_phone is not null
        join companies co on co.id = x.company_id
        ${switchJoin(sql`x.company_id`, sql`'emergency_on_call'`, sql`${allowedChannels('emergency_on_call')}::text`)}
        left join communities cm on cm.id = x.community_id
        where x.msg_params is not null and not ${withinDeskHoursSql(sql`x.received_at`, sql`co.time_zone`, sql`f.desk_opens`, sql`f.desk_closes`)}`)}
    )
    select (select count(*)::int from c) as cases, (select json_agg(n) from n) as notices`;
}

/**
 * The stored case row and clocks of an intake, as a later read returns them: the written values, and the
 * columns' defaults for what intake does not set (migrations 0001–0012). Built here rather than returned by the
 * INSERT, which cost the database a row and an aggregate per case and Node the parsing of both; cases.test.ts
 * checks that the 201 built from it equals a GET of the case.
 */
function storedIntake(w: IntakeWrite, head: { seq: number; hash: string } | null): StoredIntake {
  const row: CaseRow = {
    id: w.id,
    companyId: w.companyId,
    number: w.number,
    version: 1,
    channel: w.channel,
    kind: w.kind,
    severity: w.severity,
    categoryId: w.categoryId,
    repairType: w.repairType,
    visitAt: w.visitAt,
    state: w.state,
    receivedAt: w.receivedAt,
    createdAt: w.now,
    updatedAt: w.now,
    recordedById: w.recordedById,
    firstResponderId: w.firstResponderId,
    handlerId: w.handlerId,
    departmentId: null,
    targetType: null,
    targetId: null,
    officeId: w.officeId,
    communityId: w.communityId,
    roomId: w.roomId,
    address: w.address,
    reporterName: w.reporterName,
    reporterPhone: w.reporterPhone,
    reporterPhoneCanonical: w.reporterPhoneCanonical,
    reporterAnonymous: w.reporterAnonymous,
    description: w.description,
    selfComplaint: w.selfComplaint,
    aboutEmployeeId: w.aboutEmployeeId,
    serviceComplaint: w.serviceComplaint,
    replyCount: 0,
    escalationTier: 0,
    satisfaction: null,
    reopenCount: 0,
    mergedIntoId: null,
    invalid: false,
    closedUnsatisfied: false,
    closure: w.closure,
    callbackAssigneeId: w.callbackAssigneeId,
    calendarUnknown: w.calendarUnknown,
    resolvedAt: w.resolvedAt,
    closedAt: w.closedAt,
    residentToldAt: null,
    nextDueAt: w.nextDueAt,
    timelineSeq: head?.seq ?? 0,
    timelineHead: head?.hash ?? '',
    targetDepartmentHeadId: null,
    targetIsRepairTeam: null,
    officeDirectorId: w.officeDirectorId,
  };
  const clocks: ClockRow[] = [...w.clocks]
    .sort(
      (a, b) =>
        a.startedAt.getTime() - b.startedAt.getTime() || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
    )
    .map((c) => ({ ...c, companyId: w.companyId }));
  return { row, clocks };
}

/**
 * The insert, batched across the intakes that arrive together (db/batcher.ts, docs/adr/0012-batched-intake.md):
 * at 50 connections a round trip, a statement and a commit serve many intakes. One per database pool.
 */
export function createIntakeWriter(db: Tx, options: BatcherOptions = INTAKE_BATCHING) {
  const inserts = createBatcher(
    (prepared: readonly PreparedIntake[]) => insertPreparedIntakes(db, prepared),
    options,
  );
  return {
    /** a plain intake, its own transaction; an intake that writes more uses insertIntakes in its transaction */
    insert: (write: IntakeWrite) => inserts.run(prepareIntake(write)),
  };
}

/**
 * One batch of a kind at a time: while it is out, the next one fills. Measured at 1,000,000 cases and 50
 * connections (bench/cases.ts, ADR 0012): ~2,800 req/s with one in flight, ~2,650 with two or three (smaller
 * batches, more round trips for the same intakes).
 */
export const INTAKE_BATCHING: BatcherOptions = { maxBatch: 64, maxInFlight: 1 };
