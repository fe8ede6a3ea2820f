/**
 * The storage side of intake (POST /api/cases), built for the hotline at 50 connections (issue 3 benchmark):
 * everything intake reads is one query, the number is one short statement, and the case with its clocks and
 * timeline is one statement — three round trips where the generic action path takes about twenty.
 * Why each part is shaped so: docs/adr/0010-intake-in-one-statement.md.
 */
import { sql } from 'drizzle-orm';
import type { JsonObject } from '../../domain/case/case';
import { chainEntry } from '../../domain/case/timeline-hash';
import type { Tx } from '../db/client';
import { executeNamed } from '../db/prepared';
import { roomLabel } from '../property/property.repository';
import { normaliseCase, normaliseClock, type CaseRow, type ClockRow } from './cases.repository';

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

export async function loadIntakeLookup(db: Tx, q: IntakeLookupInput): Promise<IntakeLookup> {
  const { rows } = await executeNamed<{
    time_zone: string;
    policy: IntakeLookup['policy'];
    actor_name: string | null;
    actor_department_id: string | null;
    actor_head_of: string[];
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
  }>(
    db,
    'huiyin_intake_lookup',
    sql`with room as (
      select r.id, r.community_id, cm.office_id, cm.name as community, b.name as building, bu.name as unit, r.number
      from rooms r join communities cm on cm.id = r.community_id join buildings b on b.id = r.building_id
        left join building_units bu on bu.id = r.unit_id
      where r.company_id = ${q.companyId} and r.id = ${q.roomId}::uuid
    )
    select co.time_zone,
      (select json_build_object('clockPolicy', p.clock_policy, 'numberPrefixes', p.number_prefixes, 'version', p.version)
        from company_policies p where p.company_id = co.id) as policy,
      a.name as actor_name, a.department_id as actor_department_id,
      array(select d.id::text from departments d where d.head_id = a.id and d.company_id = a.company_id) as actor_head_of,
      (select row_to_json(room) from room) as room,
      (select json_build_object('id', cat.id, 'name', cat.name, 'ancestor_ids', (
          with recursive up(id, depth) as (
            select cat.parent_id, 1 where cat.parent_id is not null
            union all
            select p.parent_id, up.depth + 1 from categories p join up on p.id = up.id where p.parent_id is not null and up.depth < 20
          ) select json_agg(id order by depth) from up))
        from categories cat where cat.company_id = co.id and cat.id = ${q.categoryId}::uuid) as category,
      (select json_build_object('id', u.id, 'name', u.name) from users u
        where u.company_id = co.id and u.id = ${q.firstResponderId} and u.active and not u.is_service) as first_responder,
      (select json_build_object('id', o.id, 'name', o.name, 'director_id', o.director_id, 'director_name', dir.name)
        from offices o left join users dir on dir.id = o.director_id
        where o.company_id = co.id and o.id = coalesce((select office_id from room),
          (select uo.office_id from user_offices uo where uo.user_id = ${q.firstResponderId} order by uo.office_id limit 1),
          ${q.fallbackOfficeId}::uuid)) as office,
      exists (select 1 from users u where u.company_id = co.id and u.id = ${q.aboutEmployeeId}::uuid and u.active
        and not u.is_service) as about_active,
      (select json_agg(json_build_object('id', f.id, 'filename', f.filename, 'case_id', f.case_id))
        from attachments f where f.company_id = co.id
          and f.id = any(string_to_array(${q.attachmentIds.join(',')}, ',')::uuid[])) as attachments
    from companies co join users a on a.id = ${q.actorId} and a.company_id = co.id
    where co.id = ${q.companyId}`,
  );
  const r = rows[0];
  if (!r) throw new Error(`intake lookup: no company ${q.companyId} with user ${q.actorId}`);
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

/**
 * Draws the next number of (company, prefix, year), like a PostgreSQL sequence: in its own statement, so the
 * counter row is locked only for that statement. Its commit is asynchronous (synchronous_commit off for this
 * transaction only), so the lock is not held through a disk flush either: holding it through one serialised
 * every intake of the company. Safe because the case that uses the number commits synchronously afterwards,
 * and flushing its commit flushes the WAL before it, counter included. A crash before that loses at most
 * numbers no committed case holds; they are drawn again. A refused or failed intake leaves a gap (api.md).
 */
export async function drawCaseNumber(
  db: Tx,
  companyId: string,
  prefix: string,
  year: number,
): Promise<number> {
  const { rows } = await executeNamed<{ last_value: number }>(
    db,
    'huiyin_draw_case_number',
    sql`with async_commit as (
      select set_config('synchronous_commit', 'off', true)
    )
    insert into case_sequences (company_id, prefix, year, last_value)
    select ${companyId}, ${prefix}, ${year}, 1 from async_commit
    on conflict (company_id, prefix, year) do update set last_value = case_sequences.last_value + 1
    returning last_value`,
  );
  return rows[0].last_value;
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

const clockJson = (c: ClockRow) => ({
  id: c.id,
  name: c.name,
  started_at: c.started_at,
  due_at: c.due_at,
  met_at: c.met_at,
  warned_at: c.warned_at,
  breached_at: c.breached_at,
  paused_at: c.paused_at,
  paused_ms: c.paused_ms,
  stopped_at: c.stopped_at,
  calendar_unknown: c.calendar_unknown,
  next_check_at: c.next_check_at,
});

/**
 * Inserts the case, its clocks and its first timeline entries (chained here, from the genesis hash) in one
 * statement; returns the stored case row and clocks. Run alone it is its own transaction; callers that write more
 * (attachments, notifications) run it inside theirs.
 */
export async function insertIntake(db: Tx, w: IntakeWrite): Promise<{ row: CaseRow; clocks: ClockRow[] }> {
  let previous: { seq: number; hash: string } | null = null;
  const entries = w.entries.map((e) => {
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
  const head = entries[entries.length - 1];
  const { rows } = await executeNamed<CaseRow & { clocks: Record<string, unknown>[] }>(
    db,
    'huiyin_insert_intake',
    sql`with c as (
      insert into cases (id, company_id, number, channel, kind, severity, category_id, repair_type, visit_at, state, received_at,
        created_at, updated_at, recorded_by_id, first_responder_id, handler_id, office_id, community_id, room_id, address,
        reporter_name, reporter_phone, reporter_phone_canonical, reporter_anonymous, description, search_vector,
        self_complaint, about_employee_id, service_complaint, callback_assignee_id, resolved_at, next_due_at,
        calendar_unknown, timeline_seq, timeline_head)
      values (${w.id}, ${w.companyId}, ${w.number}, ${w.channel}, ${w.kind}, ${w.severity}, ${w.categoryId},
        ${w.repairType}, ${w.visitAt}, ${w.state}, ${w.receivedAt}, ${w.now}, ${w.now}, ${w.recordedById}, ${w.firstResponderId},
        ${w.handlerId}, ${w.officeId}, ${w.communityId}, ${w.roomId}, ${w.address}, ${w.reporterName},
        ${w.reporterPhone}, ${w.reporterPhoneCanonical}, ${w.reporterAnonymous}, ${w.description},
        to_tsvector('simple', ${w.searchDocument}), ${w.selfComplaint}, ${w.aboutEmployeeId}, ${w.serviceComplaint},
        ${w.callbackAssigneeId}, ${w.resolvedAt}, ${w.nextDueAt}, ${w.calendarUnknown}, ${head?.seq ?? 0},
        ${head?.hash ?? ''})
      returning *
    ), k as (
      insert into case_clocks (id, company_id, case_id, name, started_at, due_at, met_at, warned_at, breached_at,
        paused_at, paused_ms, stopped_at, calendar_unknown, next_check_at)
      select x.id, ${w.companyId}, ${w.id}, x.name, x.started_at, x.due_at, x.met_at, x.warned_at, x.breached_at,
        x.paused_at, x.paused_ms, x.stopped_at, x.calendar_unknown, x.next_check_at
      from jsonb_to_recordset(${JSON.stringify(w.clocks.map(clockJson))}::jsonb) as x(id uuid, name text,
        started_at timestamptz, due_at timestamptz, met_at timestamptz, warned_at timestamptz,
        breached_at timestamptz, paused_at timestamptz, paused_ms bigint, stopped_at timestamptz,
        calendar_unknown boolean, next_check_at timestamptz)
      returning *
    ), t as (
      insert into case_timeline (case_id, seq, company_id, at, actor_id, type, data, prev_hash, hash)
      select ${w.id}, x.seq, ${w.companyId}, x.at, x.actor_id, x.type, x.data, x.prev_hash, x.hash
      from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as x(seq int, at timestamptz, actor_id uuid,
        type text, data jsonb, prev_hash text, hash text)
    )
    select c.id, c.company_id, c.number, c.version, c.channel, c.kind, c.severity, c.category_id, c.repair_type, c.visit_at,
      c.state, c.received_at, c.created_at, c.recorded_by_id, c.first_responder_id, c.handler_id, c.department_id,
      c.target_type, c.target_id, c.office_id, c.community_id, c.room_id, c.address, c.reporter_name,
      c.reporter_phone, c.reporter_anonymous, c.description, c.self_complaint, c.service_complaint, c.reply_count,
      c.escalation_tier, c.satisfaction, c.reopen_count, c.merged_into_id, c.invalid, c.closure,
      c.callback_assignee_id, c.calendar_unknown, c.resolved_at, c.closed_at, c.next_due_at, c.timeline_seq,
      c.timeline_head, null::uuid as target_department_head_id, ${w.officeDirectorId}::uuid as office_director_id,
      (select coalesce(json_agg(k order by k.started_at, k.name), '[]'::json) from k) as clocks
    from c`,
  );
  const { clocks, ...row } = rows[0];
  return {
    row: normaliseCase(row as CaseRow),
    clocks: clocks.map((c) => normaliseClock(c as unknown as ClockRow)),
  };
}
