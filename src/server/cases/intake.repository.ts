/**
 * What intake (POST /api/cases) reads, and its number draw, built for the hotline at 50 connections: everything
 * intake reads is one query and the number is one short statement; the case with its clocks and timeline is the
 * case store's one statement (store/intake.ts) — three round trips where the generic action path takes about
 * twenty. Why each part is shaped so: docs/adr/0010-intake-in-one-statement.md.
 */
import { sql, type SQL } from 'drizzle-orm';
import { createBatcher, type BatcherOptions } from '../db/batcher';
import { INTAKE_BATCHING } from './store/intake';
import type { Tx } from '../db/client';
import { executeNamed } from '../db/prepared';
import { roomLabel } from '../../domain/property/room';
import type { Role } from '../../domain/access/roles';

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
  /** an emergency: read whom it tells too (EMERGENCY-1), so the intake needs no read of its own for them */
  emergency: boolean;
}

/** Everything intake needs from the database, read in one query (nothing is locked while it runs). */
export interface IntakeLookup {
  timeZone: string;
  /** the company_policies row (null: the built-in defaults) */
  policy: {
    clockPolicy: unknown;
    numberPrefixes: unknown;
    callbackExemptKinds: unknown;
    version: number;
  } | null;
  actor: { name: string; departmentId: string | null; headOf: string[] };
  /** null when a room id was sent but it is not one of the company's rooms */
  room: { id: string; communityId: string; officeId: string; label: string } | null;
  /** null when a category id was sent but it is not one of the company's categories */
  category: { id: string; name: string; ancestorIds: string[] } | null;
  /** null when not an active (non-service) user of the company */
  firstResponder: { id: string; name: string } | null;
  aboutEmployeeActive: boolean;
  /** the room's office, else the first responder's first office, else the fallback */
  office: {
    id: string;
    name: string;
    phone: string | null;
    directorId: string | null;
    directorName: string | null;
  } | null;
  attachments: { id: string; filename: string; caseId: string | null }[];
  /**
   * For an emergency (EMERGENCY-1), the people it may tell besides the office director: the company's active
   * supervisors with their offices (the deadline engine's escalationRecipients picks the office's) and the active
   * heads of the office's repair (engineering) teams. Null when the intake is no emergency.
   */
  emergencyPeople: {
    supervisors: { id: string; roles: Role[]; officeIds: string[] }[];
    repairTeamHeadIds: string[];
  } | null;
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
  office: {
    id: string;
    name: string;
    phone: string | null;
    director_id: string | null;
    director_name: string | null;
  } | null;
  about_active: boolean;
  attachments: { id: string; filename: string; case_id: string | null }[] | null;
  emergency_supervisors: { id: string; roles: Role[]; office_ids: string[] }[] | null;
  emergency_repair_heads: string[] | null;
}

/**
 * The lookups of several intakes in one query (the intake batcher sends those that arrive together). An input
 * whose company or actor does not exist gets an Error in its place.
 */
export async function loadIntakeLookups(
  db: Tx,
  inputs: readonly IntakeLookupInput[],
): Promise<(IntakeLookup | Error)[]> {
  const { rows } = await executeNamed<LookupRow>(db, 'huiyin_intake_lookups', intakeLookupsSql(inputs));
  const byInput = new Map(rows.map((r) => [r.i, r]));
  return inputs.map((q, i) => {
    const r = byInput.get(i);
    return r ? toLookup(r) : new Error(`intake lookup: no company ${q.companyId} with user ${q.actorId}`);
  });
}

/** The one query of loadIntakeLookups: the inputs as a single JSON parameter, one text for any batch. */
export function intakeLookupsSql(inputs: readonly IntakeLookupInput[]): SQL {
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
      emergency: q.emergency,
    })),
  );
  return sql`select x.i, co.time_zone,
      (select json_build_object('clockPolicy', p.clock_policy, 'numberPrefixes', p.number_prefixes,
        'callbackExemptKinds', p.callback_exempt_kinds, 'version', p.version)
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
      case when off.id is null then null else json_build_object('id', off.id, 'name', off.name, 'phone', off.phone,
        'director_id', off.director_id, 'director_name', off.director_name) end as office,
      exists (select 1 from users u where u.company_id = co.id and u.id = x.about_employee_id and u.active
        and not u.is_service) as about_active,
      (select json_agg(json_build_object('id', f.id, 'filename', f.filename, 'case_id', f.case_id))
        from attachments f where f.company_id = co.id and f.id = any(x.attachment_ids)) as attachments,
      case when x.emergency then coalesce((select json_agg(json_build_object('id', u.id, 'roles', u.roles,
          'office_ids', array(select uo.office_id::text from user_offices uo where uo.user_id = u.id)))
        from users u where u.company_id = co.id and u.active and 'supervisor' = any(u.roles)), '[]') end
        as emergency_supervisors,
      case when x.emergency then array(select d.head_id::text from departments d
          join users h on h.id = d.head_id and h.active
        where d.company_id = co.id and d.office_id = off.id and d.function = 'engineering') end as emergency_repair_heads
    from jsonb_to_recordset(${json}::jsonb) as x(i int, company_id uuid, actor_id uuid, first_responder_id uuid,
      room_id uuid, category_id uuid, about_employee_id uuid, attachment_ids uuid[], fallback_office_id uuid,
      emergency boolean)
    join companies co on co.id = x.company_id
    join users a on a.id = x.actor_id and a.company_id = co.id
    left join lateral (
      select r.id, r.community_id, cm.office_id, cm.name as community, b.name as building, bu.name as unit, r.number
      from rooms r join communities cm on cm.id = r.community_id join buildings b on b.id = r.building_id
        left join building_units bu on bu.id = r.unit_id
      where r.company_id = co.id and r.id = x.room_id
    ) room on true
    left join lateral (
      select o.id, o.name, o.phone, o.director_id, dir.name as director_name
      from offices o left join users dir on dir.id = o.director_id
      where o.company_id = co.id and o.id = coalesce(room.office_id,
        (select uo.office_id from user_offices uo where uo.user_id = x.first_responder_id order by uo.office_id limit 1),
        x.fallback_office_id)
    ) off on true`;
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
      phone: r.office.phone ?? null,
      directorId: r.office.director_id,
      directorName: r.office.director_name,
    },
    attachments: (r.attachments ?? []).map((f) => ({ id: f.id, filename: f.filename, caseId: f.case_id })),
    emergencyPeople: r.emergency_supervisors
      ? {
          supervisors: r.emergency_supervisors.map((u) => ({
            id: u.id,
            roles: u.roles,
            officeIds: u.office_ids,
          })),
          repairTeamHeadIds: r.emergency_repair_heads ?? [],
        }
      : null,
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
 * again. A refused or failed intake leaves a gap (INTAKE-8).
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
  const { rows } = await executeNamed<{
    company_id: string;
    prefix: string;
    year: number;
    last_value: number;
  }>(db, 'huiyin_draw_case_numbers', drawCaseNumbersSql(ordered));
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

/**
 * The statement of drawCaseNumbers: each counter (in key order) moved on by its `n` numbers, as a single JSON
 * parameter, one text for any batch.
 */
export function drawCaseNumbersSql(ordered: readonly (NumberRequest & { n: number })[]): SQL {
  const counterJson = JSON.stringify(
    ordered.map((c, ord) => ({ ord, company_id: c.companyId, prefix: c.prefix, year: c.year, n: c.n })),
  );
  return sql`with async_commit as (
      select set_config('synchronous_commit', 'off', true)
    )
    insert into case_sequences (company_id, prefix, year, last_value)
    select x.company_id, x.prefix, x.year, x.n
    from jsonb_to_recordset(${counterJson}::jsonb) as x(ord int, company_id uuid, prefix text, year int, n int),
      async_commit
    order by x.ord
    on conflict (company_id, prefix, year) do update set last_value = case_sequences.last_value + excluded.last_value
    returning company_id, prefix, year, last_value`;
}

/**
 * Intake's reads and its number draw, each batched across the intakes that arrive together (db/batcher.ts,
 * docs/adr/0012-batched-intake.md); the insert is the case store's (store/intake.ts). One per database pool.
 */
export function createIntakeReads(db: Tx, options: BatcherOptions = INTAKE_BATCHING) {
  const lookups = createBatcher(
    (inputs: readonly IntakeLookupInput[]) => loadIntakeLookups(db, inputs),
    options,
  );
  const numbers = createBatcher(
    (requests: readonly NumberRequest[]) => drawCaseNumbers(db, requests),
    options,
  );
  return {
    lookup: (input: IntakeLookupInput) => lookups.run(input),
    /** outside any transaction: its commit is asynchronous (drawCaseNumbers) */
    drawNumber: (request: NumberRequest) => numbers.run(request),
  };
}
