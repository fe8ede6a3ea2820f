/**
 * The storage side of intake (POST /api/cases), built for the hotline at 50 connections (issue 3 benchmark):
 * everything intake reads is one query, the number is one short statement, and the case with its clocks and
 * timeline is one statement — three round trips where the generic action path takes about twenty.
 * Why each part is shaped so: docs/adr/0010-intake-in-one-statement.md.
 */
import { sql } from 'drizzle-orm';
import type { JsonObject } from '../../domain/case/case';
import { caseFactsHash } from '../../domain/case/facts-digest';
import { chainEntry, FACTS_HASH_KEY } from '../../domain/record/hash-chain';
import { createBatcher, type BatcherOptions } from '../db/batcher';
import type { Tx } from '../db/client';
import { executeNamed } from '../db/prepared';
import { asStoredJson, asStoredText } from '../db/text';
import { roomLabel } from '../property/property.repository';
import type { CaseRow, ClockRow } from './cases.repository';

export interface IntakeLookupInput {
  companyId: string;
  actorId: string;
  firstResponderId: string;
  roomId: string | null;
  categoryId: string | null;
  aboutEmployeeId: string | null;
  attachmentIds: readonly string[];
  /** the office when neither the room nor the first responder gives one (the actor's first office) */
  fallbackOfficeId: string | null;
}

/** Everything intake needs from the database, read in one query (nothing is locked while it runs). */
export interface IntakeLookup {
  timeZone: string;
  /** the company_policies row (null: the built-in defaults) */
  policy: { clockPolicy: unknown; numberPrefixes: unknown; version: number } | null;
  actor: { name: string; departmentId: string | null; headOf: string[] };
  /** null when a room id was sent but it is not one of the company's rooms */
  room: { id: string; communityId: string; officeId: string; label: string } | null;
  /** null when a category id was sent but it is not one of the company's categories */
  category: { id: string; name: string; ancestorIds: string[] } | null;
  /** null when not an active (non-service) user of the company */
  firstResponder: { id: string; name: string } | null;
  aboutEmployeeActive: boolean;
  /** the room's office, else the first responder's first office, else the fallback */
  office: { id: string; name: string; directorId: string | null; directorName: string | null } | null;
  attachments: { id: string; filename: string; caseId: string | null }[];
}

/** One lookup of `loadIntakeLookups` per intake: its place in the batch and the row read for it. */
interface LookupRow {
  i: number;
  time_zone: string;
  policy: IntakeLookup['policy'];
  actor_name: string | null;
  actor_department_id: string | null;
  actor_head_of: string[] | null;
  room: {
    id: string;
    community_id: string;
    office_id: string;
    community: string;
    building: string;
    unit: string;
    number: string;
  } | null;
  category: { id: string; name: string; ancestor_ids: string[] | null } | null;
  first_responder: { id: string; name: string } | null;
  office: { id: string; name: string; director_id: string | null; director_name: string | null } | null;
  about_active: boolean;
  attachments: { id: string; filename: string; case_id: string | null }[] | null;
}

/**
 * The lookups of several intakes in one query (the intake batcher sends those that arrive together). An input
 * whose company or actor does not exist gets an Error in its place.
 */
export async function loadIntakeLookups(
  db: Tx,
  inputs: readonly IntakeLookupInput[],
): Promise<(IntakeLookup | Error)[]> {
  const json = JSON.stringify(
    inputs.map((q, i) => ({
      i,
      company_id: q.companyId,
      actor_id: q.actorId,
      first_responder_id: q.firstResponderId,
      room_id: q.roomId,
      category_id: q.categoryId,
      about_employee_id: q.aboutEmployeeId,
      attachment_ids: q.attachmentIds,
      fallback_office_id: q.fallbackOfficeId,
    })),
  );
  const { rows } = await executeNamed<LookupRow>(
    db,
    'huiyin_intake_lookups',
    sql`select x.i, co.time_zone,
      (select json_build_object('clockPolicy', p.clock_policy, 'numberPrefixes', p.number_prefixes, 'version', p.version)
        from company_policies p where p.company_id = co.id) as policy,
      a.name as actor_name, a.department_id as actor_department_id,
      array(select d.id::text from departments d where d.head_id = a.id and d.company_id = a.company_id) as actor_head_of,
      case when room.id is null then null else json_build_object('id', room.id, 'community_id', room.community_id,
        'office_id', room.office_id, 'community', room.community, 'building', room.building, 'unit', room.unit,
        'number', room.number) end as room,
      (select json_build_object('id', cat.id, 'name', cat.name, 'ancestor_ids', (
          with recursive up(id, depth) as (
            select cat.parent_id, 1 where cat.parent_id is not null
            union all
            select p.parent_id, up.depth + 1 from categories p join up on p.id = up.id where p.parent_id is not null and up.depth < 20
          ) select json_agg(id order by depth) from up))
        from categories cat where cat.company_id = co.id and cat.id = x.category_id) as category,
      (select json_build_object('id', u.id, 'name', u.name) from users u
        where u.company_id = co.id and u.id = x.first_responder_id and u.active and not u.is_service) as first_responder,
      (select json_build_object('id', o.id, 'name', o.name, 'director_id', o.director_id, 'director_name', dir.name)
        from offices o left join users dir on dir.id = o.director_id
        where o.company_id = co.id and o.id = coalesce(room.office_id,
          (select uo.office_id from user_offices uo where uo.user_id = x.first_responder_id order by uo.office_id limit 1),
          x.fallback_office_id)) as office,
      exists (select 1 from users u where u.company_id = co.id and u.id = x.about_employee_id and u.active
        and not u.is_service) as about_active,
      (select json_agg(json_build_object('id', f.id, 'filename', f.filename, 'case_id', f.case_id))
        from attachments f where f.company_id = co.id and f.id = any(x.attachment_ids)) as attachments
    from jsonb_to_recordset(${json}::jsonb) as x(i int, company_id uuid, actor_id uuid, first_responder_id uuid,
      room_id uuid, category_id uuid, about_employee_id uuid, attachment_ids uuid[], fallback_office_id uuid)
    join companies co on co.id = x.company_id
    join users a on a.id = x.actor_id and a.company_id = co.id
    left join lateral (
      select r.id, r.community_id, cm.office_id, cm.name as community, b.name as building, bu.name as unit, r.number
      from rooms r join communities cm on cm.id = r.community_id join buildings b on b.id = r.building_id
        left join building_units bu on bu.id = r.unit_id
      where r.company_id = co.id and r.id = x.room_id
    ) room on true`,
  );
  const byInput = new Map(rows.map((r) => [r.i, r]));
  return inputs.map((q, i) => {
    const r = byInput.get(i);
    return r ? toLookup(r) : new Error(`intake lookup: no company ${q.companyId} with user ${q.actorId}`);
  });
}

function toLookup(r: LookupRow): IntakeLookup {
  return {
    timeZone: r.time_zone,
    policy: r.policy,
    actor: {
      name: r.actor_name ?? '',
      departmentId: r.actor_department_id,
      headOf: r.actor_head_of ?? [],
    },
    room: r.room && {
      id: r.room.id,
      communityId: r.room.community_id,
      officeId: r.room.office_id,
      label: roomLabel(r.room.community, r.room.building, r.room.unit, r.room.number),
    },
    category: r.category && {
      id: r.category.id,
      name: r.category.name,
      ancestorIds: r.category.ancestor_ids ?? [],
    },
    firstResponder: r.first_responder,
    aboutEmployeeActive: r.about_active,
    office: r.office && {
      id: r.office.id,
      name: r.office.name,
      directorId: r.office.director_id,
      directorName: r.office.director_name,
    },
    attachments: (r.attachments ?? []).map((f) => ({ id: f.id, filename: f.filename, caseId: f.case_id })),
  };
}

export interface NumberRequest {
  companyId: string;
  prefix: string;
  year: number;
}

/**
 * Draws the next number of (company, prefix, year) for each request, like a PostgreSQL sequence: in a statement
 * of its own, so the counter rows are locked only for that statement. Requests for the same counter take
 * consecutive numbers in their order; counters are locked in key order, so two batches never deadlock.
 * The commit is asynchronous (synchronous_commit off for this transaction only), so the locks are not held
 * through a disk flush either: holding them through one serialised every intake of the company. Safe because
 * each case that uses a number commits synchronously afterwards, and flushing its commit flushes the WAL before
 * it, counter included. A crash before that loses at most numbers no committed case holds; they are drawn
 * again. A refused or failed intake leaves a gap (api.md).
 * Must not run inside a transaction that goes on writing: the async commit is the transaction's.
 */
export async function drawCaseNumbers(db: Tx, requests: readonly NumberRequest[]): Promise<number[]> {
  const key = (r: NumberRequest) => `${r.companyId}\u0000${r.prefix}\u0000${r.year}`;
  const counters = new Map<string, NumberRequest & { n: number }>();
  for (const r of requests) {
    const c = counters.get(key(r));
    if (c) c.n++;
    else counters.set(key(r), { ...r, n: 1 });
  }
  const ordered = [...counters.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const counterJson = JSON.stringify(
    ordered.map((c, ord) => ({ ord, company_id: c.companyId, prefix: c.prefix, year: c.year, n: c.n })),
  );
  const { rows } = await executeNamed<{
    company_id: string;
    prefix: string;
    year: number;
    last_value: number;
  }>(
    db,
    'huiyin_draw_case_numbers',
    sql`with async_commit as (
      select set_config('synchronous_commit', 'off', true)
    )
    insert into case_sequences (company_id, prefix, year, last_value)
    select x.company_id, x.prefix, x.year, x.n
    from jsonb_to_recordset(${counterJson}::jsonb) as x(ord int, company_id uuid, prefix text, year int, n int),
      async_commit
    order by x.ord
    on conflict (company_id, prefix, year) do update set last_value = case_sequences.last_value + excluded.last_value
    returning company_id, prefix, year, last_value`,
  );
  // The first number of each counter's run: its new last value less the numbers drawn, plus one.
  const next = new Map<string, number>();
  for (const r of rows) {
    const k = key({ companyId: r.company_id, prefix: r.prefix, year: r.year });
    next.set(k, Number(r.last_value) - counters.get(k)!.n + 1);
  }
  return requests.map((r) => {
    const k = key(r);
    const n = next.get(k)!;
    next.set(k, n + 1);
    return n;
  });
}

export interface IntakeWrite {
  id: string;
  companyId: string;
  number: string;
  channel: string;
  kind: string;
  severity: string;
  categoryId: string | null;
  repairType: string | null;
  visitAt: Date | null;
  state: string;
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
  clocks: readonly ClockRow[];
  nextDueAt: Date | null;
  calendarUnknown: boolean;
  entries: readonly { type: string; data: JsonObject; actorId: string | null; at: Date }[];
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
    company_id: row.company_id,
    number: row.number,
    channel: row.channel,
    kind: row.kind,
    severity: row.severity,
    category_id: orOmit(row.category_id),
    repair_type: orOmit(row.repair_type),
    visit_at: orOmit(row.visit_at),
    state: row.state,
    received_at: row.received_at,
    created_at: row.created_at,
    recorded_by_id: row.recorded_by_id,
    first_responder_id: row.first_responder_id,
    handler_id: orOmit(row.handler_id),
    office_id: orOmit(row.office_id),
    community_id: orOmit(row.community_id),
    room_id: orOmit(row.room_id),
    address: orOmit(row.address),
    reporter_name: orOmit(row.reporter_name),
    reporter_phone: orOmit(row.reporter_phone),
    reporter_phone_canonical: orOmit(w.reporterPhoneCanonical),
    reporter_anonymous: row.reporter_anonymous,
    description: row.description,
    search_document: w.searchDocument,
    self_complaint: row.self_complaint,
    about_employee_id: orOmit(w.aboutEmployeeId),
    service_complaint: row.service_complaint,
    callback_assignee_id: orOmit(row.callback_assignee_id),
    resolved_at: orOmit(row.resolved_at),
    next_due_at: orOmit(row.next_due_at),
    calendar_unknown: row.calendar_unknown,
    timeline_seq: row.timeline_seq,
    timeline_head: row.timeline_head,
    clocks: w.clocks.map((c) => ({
      id: c.id,
      name: c.name,
      started_at: c.started_at,
      due_at: orOmit(c.due_at),
      met_at: orOmit(c.met_at),
      warned_at: orOmit(c.warned_at),
      breached_at: orOmit(c.breached_at),
      paused_at: orOmit(c.paused_at),
      paused_ms: c.paused_ms,
      stopped_at: orOmit(c.stopped_at),
      calendar_unknown: c.calendar_unknown,
      next_check_at: orOmit(c.next_check_at),
    })),
    entries: entries.map((e) => ({ ...e, actor_id: orOmit(e.actor_id) })),
  };
}

/** An intake ready for the insert: its JSON row and the stored row its answer is built from. */
interface PreparedIntake {
  json: string;
  stored: StoredIntake;
}

/**
 * Everything of an intake's insert that Node computes — its text made storable, its timeline chained from the
 * genesis hash, its JSON row — done by its own request before it joins a batch, so that none of it lies on the
 * path of the batch in flight (the insert sets intake's pace under load, ADR 0012).
 */
function prepareIntake(given: IntakeWrite): PreparedIntake {
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

async function insertPreparedIntakes(db: Tx, prepared: readonly PreparedIntake[]): Promise<StoredIntake[]> {
  await executeNamed<{ cases: number }>(
    db,
    'huiyin_insert_intakes',
    sql`with x as materialized (
      select * from jsonb_to_recordset(${`[${prepared.map((p) => p.json).join(',')}]`}::jsonb) as x(id uuid,
        company_id uuid, number text, channel text, kind text, severity text, category_id uuid, repair_type text,
        visit_at timestamptz, state text, received_at timestamptz, created_at timestamptz, recorded_by_id uuid,
        first_responder_id uuid, handler_id uuid, office_id uuid, community_id uuid,
        room_id uuid, address text, reporter_name text, reporter_phone text, reporter_phone_canonical text,
        reporter_anonymous boolean, description text, search_document text, self_complaint boolean,
        about_employee_id uuid, service_complaint boolean, callback_assignee_id uuid, resolved_at timestamptz,
        next_due_at timestamptz, calendar_unknown boolean, timeline_seq int, timeline_head text, clocks jsonb,
        entries jsonb)
    ), c as (
      insert into cases (id, company_id, number, channel, kind, severity, category_id, repair_type, visit_at, state, received_at,
        created_at, updated_at, recorded_by_id, first_responder_id, handler_id, office_id, community_id, room_id, address,
        reporter_name, reporter_phone, reporter_phone_canonical, reporter_anonymous, description, search_vector,
        self_complaint, about_employee_id, service_complaint, callback_assignee_id, resolved_at, next_due_at,
        calendar_unknown, timeline_seq, timeline_head)
      select x.id, x.company_id, x.number, x.channel, x.kind, x.severity, x.category_id, x.repair_type, x.visit_at,
        x.state, x.received_at, x.created_at, x.created_at, x.recorded_by_id, x.first_responder_id, x.handler_id, x.office_id,
        x.community_id, x.room_id, x.address, x.reporter_name, x.reporter_phone, x.reporter_phone_canonical,
        x.reporter_anonymous, x.description, to_tsvector('simple', x.search_document), x.self_complaint,
        x.about_employee_id, x.service_complaint, x.callback_assignee_id, x.resolved_at, x.next_due_at,
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
    )
    select count(*)::int as cases from c`,
  );
  return prepared.map((p) => p.stored);
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
    company_id: w.companyId,
    number: w.number,
    version: 1,
    channel: w.channel,
    kind: w.kind,
    severity: w.severity,
    category_id: w.categoryId,
    repair_type: w.repairType,
    visit_at: w.visitAt,
    state: w.state,
    received_at: w.receivedAt,
    created_at: w.now,
    recorded_by_id: w.recordedById,
    first_responder_id: w.firstResponderId,
    handler_id: w.handlerId,
    department_id: null,
    target_type: null,
    target_id: null,
    office_id: w.officeId,
    community_id: w.communityId,
    room_id: w.roomId,
    address: w.address,
    reporter_name: w.reporterName,
    reporter_phone: w.reporterPhone,
    reporter_anonymous: w.reporterAnonymous,
    description: w.description,
    self_complaint: w.selfComplaint,
    service_complaint: w.serviceComplaint,
    reply_count: 0,
    escalation_tier: 0,
    satisfaction: null,
    reopen_count: 0,
    merged_into_id: null,
    invalid: false,
    closure: null,
    callback_assignee_id: w.callbackAssigneeId,
    calendar_unknown: w.calendarUnknown,
    resolved_at: w.resolvedAt,
    closed_at: null,
    next_due_at: w.nextDueAt,
    timeline_seq: head?.seq ?? 0,
    timeline_head: head?.hash ?? '',
    target_department_head_id: null,
    office_director_id: w.officeDirectorId,
  };
  const clocks = [...w.clocks].sort(
    (a, b) =>
      a.started_at.getTime() - b.started_at.getTime() || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return { row, clocks };
}

/**
 * Intake's three statements, each batched across the intakes that arrive together (db/batcher.ts,
 * docs/adr/0012-batched-intake.md): at 50 connections a round trip, a statement and a commit serve many intakes.
 * One store per database pool.
 */
export function createIntakeStore(db: Tx, options: BatcherOptions = INTAKE_BATCHING) {
  const lookups = createBatcher(
    (inputs: readonly IntakeLookupInput[]) => loadIntakeLookups(db, inputs),
    options,
  );
  const numbers = createBatcher(
    (requests: readonly NumberRequest[]) => drawCaseNumbers(db, requests),
    options,
  );
  const inserts = createBatcher(
    (prepared: readonly PreparedIntake[]) => insertPreparedIntakes(db, prepared),
    options,
  );
  return {
    lookup: (input: IntakeLookupInput) => lookups.run(input),
    /** outside any transaction: its commit is asynchronous (drawCaseNumbers) */
    drawNumber: (request: NumberRequest) => numbers.run(request),
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
