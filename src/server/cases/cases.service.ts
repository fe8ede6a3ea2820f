/**
 * The case desk: intake and every action of api.md, each in one transaction that checks `version`, asks the
 * domain (planIntake / decide) what happens, stores it, chains the timeline and notifies the people concerned.
 */
import { sql } from 'drizzle-orm';
import type { Case, CaseDetail, CaseListQuery, CreateCase } from '../../contracts/cases';
import { TOTAL_CAP } from '../../contracts/common';
import type { CaseAction, CaseActor, CaseFacts, ClockName, JsonObject } from '../../domain/case/case';
import { planIntake } from '../../domain/case/intake';
import { CASE_ESCALATION } from '../../domain/case/escalation';
import { escalationRecipients } from '../../domain/deadlines/deadline';
import { escalationStaff } from '../users/users.repository';
import {
  allowedActions,
  canSeeCase,
  decide,
  mergeTargetProblem,
  refusalToError,
  type CaseActionInputs,
} from '../../domain/case/lifecycle';
import { formatCaseNumber } from '../../domain/case/number';
import { caseNumberPrefix } from '../../domain/policy/policy';
import { DomainError, fieldError, notFound, versionConflict } from '../../domain/errors';
import { presentReporter, seesAnonymousIdentity } from '../../domain/privacy/case-visibility';
import { parsePhone } from '../../domain/property/phone';
import type { AppDeps } from '../app';
import type { Tx } from '../db/client';
import { uuidv7 } from '../db/ids';
import { cursorKey, defineCursor } from '../db/paging';
import type { RequestActor } from '../http/types';
import { loadWorkingCalendar } from '../calendar/calendar.service';
import { loadPolicy, policyFromRow } from '../policies/policies.service';
import { attachToCase, listCaseAttachments } from '../attachments/attachments.service';
import { notify } from '../notifications/notifications.service';
import { publishEvent, publishEventSoon } from '../events/event-bus';
import { caseTimelineKind } from '../records/record-kinds';
import type { NewRecordEntry } from '../records/records.repository';
import { appendCaseEntries, storeDecision, storeReveal } from './store/decision';
import { createIntakeWriter, insertIntakes, type IntakeWrite, type StoredIntake } from './store/intake';
import { clockSummary, foldClockEffects, type StoredClock } from '../../domain/case/stored-clocks';
import { checkRecord } from '../records/verify-records';
import * as repo from './cases.repository';
import * as intake from './intake.repository';
import { searchDocument, searchQuery } from './search-text';

type Row = repo.CaseRow;

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * The cases list's cursors, one per order; both carry the first page's count. By arrival: (received_at, id). By
 * next due: (next_due_at, id), the time null for the cases with no running clock that end the list.
 */
const BY_RECEIVED_CURSOR = defineCursor([cursorKey.time, cursorKey.uuid], { counted: true });
const BY_DUE_CURSOR = defineCursor([cursorKey.time.nullable(), cursorKey.uuid], { counted: true });
const person = (id: string | null, name: string | null | undefined) => (id ? { id, name: name ?? '' } : null);

function toView(
  row: Row,
  clocks: repo.ClockRow[],
  names: repo.CaseNames | undefined,
  actor: CaseActor,
): Case {
  const facts = repo.toFacts(row, clocks);
  const reporter = presentReporter(
    { name: row.reporterName, phone: row.reporterPhone, anonymous: row.reporterAnonymous },
    actor,
    facts,
  );
  return {
    id: row.id,
    number: row.number,
    version: row.version,
    channel: row.channel as Case['channel'],
    kind: row.kind as Case['kind'],
    severity: row.severity as Case['severity'],
    category: row.categoryId ? { id: row.categoryId, name: names?.category ?? '' } : null,
    repairType: (row.repairType as Case['repairType']) ?? null,
    visitAt: iso(row.visitAt),
    state: row.state as Case['state'],
    receivedAt: iso(row.receivedAt)!,
    createdAt: iso(row.createdAt)!,
    recordedBy: person(row.recordedById, names?.recorded_by),
    firstResponder: person(row.firstResponderId, names?.first_responder),
    handler: person(row.handlerId, names?.handler),
    department: person(row.departmentId, names?.department),
    target:
      row.targetType && row.targetId
        ? { type: row.targetType as 'department', id: row.targetId, name: names?.target_name ?? '' }
        : null,
    office: person(row.officeId, names?.office),
    room: row.roomId ? { id: row.roomId, label: names?.room_label ?? '' } : null,
    address: row.address,
    reporter: {
      name: reporter.name,
      phone: reporter.phone,
      anonymous: reporter.anonymous,
      masked: reporter.masked,
    },
    description: row.description,
    selfComplaint: row.selfComplaint,
    escalationTier: row.escalationTier,
    satisfaction: (row.satisfaction as Case['satisfaction']) ?? null,
    reopenCount: row.reopenCount,
    mergedInto: row.mergedIntoId ? { id: row.mergedIntoId, number: names?.merged_into_number ?? '' } : null,
    invalid: row.invalid,
    calendarUnknown: row.calendarUnknown,
    callbackAssignee:
      row.state === 'resolved'
        ? person(row.callbackAssigneeId ?? row.firstResponderId, names?.callback_assignee)
        : person(row.callbackAssigneeId, names?.callback_assignee),
    nextDueAt: iso(row.nextDueAt),
    clocks: clocks.map((c) => ({
      name: c.name,
      startedAt: iso(c.startedAt)!,
      dueAt: iso(c.dueAt)!,
      metAt: iso(c.metAt),
      breachedAt: iso(c.breachedAt),
      warnedAt: iso(c.warnedAt),
      stoppedAt: iso(c.stoppedAt),
      pausedMs: c.pausedMs,
      paused: c.pausedAt != null,
      calendarUnknown: c.calendarUnknown,
    })),
    allowedActions: allowedActions(facts, actor),
  };
}

/** Users of the company who exist and are active (ids a client sends). */
async function activeUser(tx: Tx, companyId: string, id: string) {
  const { rows } = await tx.execute<{ id: string; department_id: string | null }>(
    sql`select id, department_id from users where company_id = ${companyId} and id = ${id} and active and not is_service`,
  );
  return rows[0];
}

export function casesService(deps: AppDeps) {
  const { db, clock } = deps;
  const intakeReads = intake.createIntakeReads(db);
  const intakeWriter = createIntakeWriter(db);

  async function context(companyId: string) {
    const [calendar, policy, tz] = await Promise.all([
      loadWorkingCalendar(db, companyId),
      loadPolicy(db, companyId),
      db.execute<{ time_zone: string }>(sql`select time_zone from companies where id = ${companyId}`),
    ]);
    return {
      calendar,
      clockPolicy: policy.clockPolicy,
      numberPrefixes: policy.numberPrefixes,
      timeZone: tz.rows[0]?.time_zone ?? 'Asia/Shanghai',
    };
  }

  async function view(tx: Tx, row: Row, actor: CaseActor) {
    const [clocks, names] = await Promise.all([repo.loadClocks(tx, [row.id]), repo.loadNames(tx, [row.id])]);
    return toView(row, clocks, names.get(row.id), actor);
  }

  /** The people told when a case rises to `tier` (the deadline engine's escalationRecipients). */
  async function tierRecipients(
    tx: Tx,
    companyId: string,
    officeId: string | null,
    tier: number,
  ): Promise<string[]> {
    const role = CASE_ESCALATION[tier - 1];
    if (!role) return [];
    return escalationRecipients(role, officeId, await escalationStaff(tx, [companyId], [role]));
  }

  /**
   * A deadline fell in a year with no working-day calendar (issue 3 §5): the case is flagged (calendar_unknown) and
   * the company's admins are told to enter that year's 法定节假日 and 调休 — never silently a plain weekday.
   */
  async function warnAdminsOfUnknownCalendar(
    tx: Tx,
    companyId: string,
    caseId: string,
    number: string,
    effects: readonly { op: string; calendarUnknown?: boolean }[],
    now: Date,
  ) {
    if (!effects.some((e) => e.op === 'start' && e.calendarUnknown)) return;
    const { rows } = await tx.execute<{ id: string }>(
      sql`select id from users where company_id = ${companyId} and active and 'admin' = any(roles)`,
    );
    await notify(tx, {
      companyId,
      userIds: rows.map((r) => r.id),
      type: 'warning',
      caseId,
      data: { number, reason: 'calendar_unknown' },
      at: now,
    });
  }

  async function departmentMembers(tx: Tx, departmentId: string): Promise<string[]> {
    const { rows } = await tx.execute<{
      id: string;
    }>(sql`select id from users where active and (department_id = ${departmentId}
      or id = (select head_id from departments where id = ${departmentId}))`);
    return rows.map((r) => r.id);
  }

  return {
    caseActorOf: (actor: RequestActor) => repo.caseActorOf(db, actor),

    /**
     * Intake: one lookup query, the number, then the case with its clocks and timeline in one statement
     * (intake.repository.ts). Intakes that also attach files or notify someone (resolved on the spot, a deadline
     * in a year without calendar data) run that statement and the rest in one transaction.
     */
    async create(actor: RequestActor, body: CreateCase): Promise<Case> {
      const now = clock.now();
      let phoneCanonical: string | null = null;
      if (body.reporter.phone) {
        const parsed = parsePhone(body.reporter.phone);
        if (!parsed.ok)
          throw fieldError({
            'reporter.phone':
              parsed.reason === 'area_code_required'
                ? 'field.phone_area_code_required'
                : 'field.phone_invalid',
          });
        phoneCanonical = parsed.canonical;
      }
      const firstResponderId = body.firstResponderId ?? actor.userId;
      const attachmentIds = [...new Set(body.attachmentIds ?? [])];
      // Read outside any transaction: nothing is locked while it runs. Everything the client names must belong to
      // this company (another company's id is "not found").
      const [calendar, found] = await Promise.all([
        loadWorkingCalendar(db, actor.companyId),
        intakeReads.lookup({
          companyId: actor.companyId,
          actorId: actor.userId,
          firstResponderId,
          roomId: body.roomId ?? null,
          categoryId: body.categoryId ?? null,
          aboutEmployeeId: body.aboutEmployeeId ?? null,
          attachmentIds,
          // The office: the room's; otherwise the first responder's (their first office), so scope and
          // escalation work; otherwise the recorder's.
          fallbackOfficeId: actor.officeIds[0] ?? null,
        }),
      ]);
      if (body.roomId && !found.room) throw fieldError({ roomId: 'not_found' });
      if (body.categoryId && !found.category) throw fieldError({ categoryId: 'not_found' });
      if (!found.firstResponder) throw fieldError({ firstResponderId: 'not_found' });
      if (body.aboutEmployeeId && !found.aboutEmployeeActive)
        throw fieldError({ aboutEmployeeId: 'not_found' });
      const attachments = attachmentIds.map((attachmentId) => {
        const f = found.attachments.find((x) => x.id === attachmentId);
        if (!f || f.caseId)
          throw fieldError({
            [`attachmentIds.${body.attachmentIds!.indexOf(attachmentId)}`]: 'field.attachment_unavailable',
          });
        return f;
      });
      const policy = policyFromRow(found.policy);
      const plan = planIntake(
        {
          channel: body.channel,
          kind: body.kind,
          severity: body.severity,
          categoryId: body.categoryId,
          categoryAncestorIds: found.category?.ancestorIds,
          receivedAt: body.receivedAt ? new Date(body.receivedAt) : null,
          recordedById: actor.userId,
          firstResponderId,
          aboutEmployeeId: body.aboutEmployeeId,
          repairType: body.repairType,
          visitAt: body.visitAt ? new Date(body.visitAt) : null,
          resolvedOnTheSpot: body.resolvedOnTheSpot,
          officeDirectorId: found.office?.directorId ?? null,
        },
        { now, calendar, clockPolicy: policy.clockPolicy, timeZone: found.timeZone },
      );
      if (!plan.ok)
        throw new DomainError('validation_failed', 'validation_failed', {}, undefined, plan.fields);

      const prefix = caseNumberPrefix(body.kind, policy.numberPrefixes);
      const number = formatCaseNumber(
        prefix,
        plan.numberYear,
        await intakeReads.drawNumber({ companyId: actor.companyId, prefix, year: plan.numberYear }),
      );
      const id = uuidv7(now.getTime());
      const clocks = new Map<ClockName, StoredClock>();
      foldClockEffects(clocks, id, plan.clocks);
      for (const c of clocks.values()) c.id = uuidv7(now.getTime());
      const { nextDueAt, calendarUnknown } = clockSummary(clocks.values());
      const officeId = found.office?.id ?? null;
      const write: IntakeWrite = {
        id,
        companyId: actor.companyId,
        number,
        channel: body.channel,
        kind: body.kind,
        severity: plan.severity,
        categoryId: body.categoryId ?? null,
        repairType: body.repairType ?? null,
        visitAt: plan.visitAt,
        state: plan.state,
        receivedAt: plan.receivedAt,
        now,
        recordedById: actor.userId,
        firstResponderId: plan.firstResponderId,
        handlerId: plan.handlerId,
        officeId,
        officeDirectorId: found.office?.directorId ?? null,
        communityId: found.room?.communityId ?? null,
        roomId: found.room?.id ?? null,
        address: body.address ?? null,
        reporterName: body.reporter.name ?? null,
        reporterPhone: body.reporter.phone ?? null,
        reporterPhoneCanonical: phoneCanonical,
        reporterAnonymous: body.reporter.anonymous,
        description: body.description,
        searchDocument: searchDocument(number, body.description, body.address),
        selfComplaint: plan.selfComplaint,
        aboutEmployeeId: body.aboutEmployeeId ?? null,
        serviceComplaint: plan.serviceComplaint,
        callbackAssigneeId: plan.callbackAssigneeId,
        resolvedAt: plan.resolvedAt,
        clocks: [...clocks.values()],
        nextDueAt,
        calendarUnknown,
        entries: [
          ...plan.timeline.map((t) => ({ ...t, actorId: actor.userId, at: now })),
          ...attachments.map((a) => ({
            type: 'attachment_added',
            data: { attachmentId: a.id, filename: a.filename },
            actorId: actor.userId,
            at: now,
          })),
        ],
      };
      const event = {
        type: 'case' as const,
        companyId: actor.companyId,
        caseId: id,
        officeId,
        // intake names no target: it is routed later
        parties: {
          firstResponderId: write.firstResponderId,
          recordedById: write.recordedById,
          handlerId: write.handlerId,
          callbackAssigneeId: write.callbackAssigneeId,
          target: null,
        },
      };
      const unknownCalendar = plan.clocks.some((e) => e.op === 'start' && e.calendarUnknown);
      let stored: StoredIntake;
      if (attachments.length || plan.state === 'resolved' || unknownCalendar) {
        stored = await db.transaction(async (tx) => {
          const [written] = await insertIntakes(tx, [write]);
          // Checked again under lock: another intake may have taken a file since the lookup.
          await attachToCase(tx, actor.companyId, attachmentIds, id, actor.userId);
          await warnAdminsOfUnknownCalendar(tx, actor.companyId, id, number, plan.clocks, now);
          if (plan.state === 'resolved')
            await notify(tx, {
              companyId: actor.companyId,
              userIds: [plan.callbackAssigneeId ?? plan.firstResponderId],
              type: 'callback_due',
              caseId: id,
              data: { number },
              at: now,
            });
          await publishEvent(tx, event);
          return written;
        });
      } else {
        // The plain intake is one statement, its own transaction. Its live event goes out after the commit,
        // coalesced with others: a NOTIFY inside the transaction would hold PostgreSQL's notify lock through the
        // commit's disk flush and serialise all intakes (docs/adr/0010-intake-in-one-statement.md).
        stored = await intakeWriter.insert(write);
        publishEventSoon(db, event);
      }
      const people = new Map<string, string>([
        [actor.userId, found.actor.name],
        [found.firstResponder.id, found.firstResponder.name],
      ]);
      if (found.office?.directorId) people.set(found.office.directorId, found.office.directorName ?? '');
      const nameOf = (userId: string | null | undefined) => (userId ? (people.get(userId) ?? null) : null);
      const callbackAssignee =
        stored.row.callbackAssigneeId ??
        (stored.row.state === 'resolved' ? stored.row.firstResponderId : null);
      const names: repo.CaseNames = {
        recorded_by: nameOf(stored.row.recordedById),
        first_responder: nameOf(stored.row.firstResponderId),
        handler: nameOf(stored.row.handlerId),
        callback_assignee: nameOf(callbackAssignee),
        department: null,
        office: found.office?.name ?? null,
        category: found.category?.name ?? null,
        room_label: found.room?.label ?? null,
        merged_into_number: null,
        target_name: null,
      };
      const departmentIds = [found.actor.departmentId, ...found.actor.headOf].filter((x): x is string => !!x);
      const cActor: CaseActor = {
        userId: actor.userId,
        roles: actor.roles,
        officeIds: actor.officeIds,
        departmentIds,
        headOfDepartmentIds: found.actor.headOf,
      };
      return toView(stored.row, stored.clocks, names, cActor);
    },

    async get(actor: RequestActor, id: string): Promise<CaseDetail> {
      const cActor = await repo.caseActorOf(db, actor);
      const row = await repo.loadCaseRow(db, actor.companyId, id);
      if (!row) throw notFound();
      const clocks = await repo.loadClocks(db, [id]);
      if (!canSeeCase(repo.toFacts(row, clocks), cActor)) throw notFound();
      const [names, timeline, attachments] = await Promise.all([
        repo.loadNames(db, [id]),
        repo.loadTimeline(db, id),
        listCaseAttachments(db, actor.companyId, id),
      ]);
      const verdict = checkRecord(
        caseTimelineKind,
        { seq: row.timelineSeq, hash: row.timelineHead },
        {
          description: row.description,
          reporterName: row.reporterName,
          reporterPhone: row.reporterPhone,
          reporterAnonymous: row.reporterAnonymous,
          roomId: row.roomId,
          address: row.address,
          receivedAt: row.receivedAt,
          channel: row.channel,
          kind: row.kind,
        },
        timeline.map((t) => ({
          seq: t.seq,
          at: new Date(t.at),
          actorId: t.actor_id,
          type: t.type,
          data: t.data as JsonObject,
          prevHash: t.prev_hash,
          hash: t.hash,
        })),
      );
      return {
        ...toView(row, clocks, names.get(id), cActor),
        timeline: timeline.map((t) => ({
          seq: t.seq,
          at: iso(t.at)!,
          actor: person(t.actor_id, t.actor_name),
          type: t.type as CaseDetail['timeline'][number]['type'],
          data: t.data,
          hash: t.hash,
        })),
        timelineIntact: verdict.intact,
        attachments: attachments.map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size })),
      };
    },

    async list(actor: RequestActor, q: CaseListQuery) {
      const cActor = await repo.caseActorOf(db, actor);
      const now = clock.now();
      const conds = [sql`c.company_id = ${actor.companyId}`, repo.caseVisibleTo(cActor)];
      const anyOf = (col: string, values: readonly string[] | undefined) => {
        if (values?.length)
          conds.push(
            sql`${sql.raw(col)} in (${sql.join(
              values.map((v) => sql`${v}`),
              sql`, `,
            )})`,
          );
      };
      anyOf('c.state', q.state);
      anyOf('c.kind', q.kind);
      anyOf('c.severity', q.severity);
      anyOf('c.community_id', q.communityId);
      anyOf('c.department_id', q.departmentId);
      anyOf('c.handler_id', q.handlerId);
      anyOf('c.first_responder_id', q.firstResponderId);
      if (q.callbackAssigneeId?.length)
        conds.push(
          sql`c.state = 'resolved' and coalesce(c.callback_assignee_id, c.first_responder_id) in (${sql.join(
            q.callbackAssigneeId.map((v) => sql`${v}`),
            sql`, `,
          )})`,
        );
      if (q.overdue === 'true') conds.push(sql`c.next_due_at < ${now}`);
      if (q.overdue === 'false') conds.push(sql`(c.next_due_at is null or c.next_due_at >= ${now})`);
      if (q.receivedFrom) conds.push(sql`c.received_at >= ${new Date(q.receivedFrom)}`);
      if (q.receivedTo) conds.push(sql`c.received_at < ${new Date(q.receivedTo)}`);
      if (q.q) {
        const tsq = searchQuery(q.q);
        const byNumber = sql`c.number = ${q.q.trim().toUpperCase()}`;
        conds.push(tsq ? sql`(c.search_vector @@ to_tsquery('simple', ${tsq}) or ${byNumber})` : byNumber);
      }
      const where = sql.join(conds, sql` and `);
      let keyset = sql``;
      let order = sql`c.received_at desc, c.id desc`;
      // The count runs with the first page only; the cursor carries it to the next pages (a search for a common
      // word counts up to 10,001 matches: as long as the page itself at a million cases, bench).
      let carried: number | undefined;
      if (q.sort === 'nextDue') {
        // Nearest due first; cases with no running clock last (ui.md principle 2).
        order = sql`coalesce(c.next_due_at, 'infinity'::timestamptz) asc, c.id asc`;
        const decoded = BY_DUE_CURSOR.decode(q.cursor);
        carried = decoded?.counted;
        const after = decoded?.key;
        if (after)
          keyset = sql` and (coalesce(c.next_due_at, 'infinity'::timestamptz), c.id) > (${after[0] === null ? sql`'infinity'::timestamptz` : sql`${after[0]}`}, ${after[1]}::uuid)`;
      } else {
        const decoded = BY_RECEIVED_CURSOR.decode(q.cursor);
        carried = decoded?.counted;
        const after = decoded?.key;
        if (after) keyset = sql` and (c.received_at, c.id) < (${after[0]}, ${after[1]}::uuid)`;
      }
      const pageQuery = sql`select ${repo.CASE_COLUMNS}, null as "targetDepartmentHeadId", null as "officeDirectorId" from cases c where ${where}${keyset} order by ${order} limit ${q.limit + 1}`;
      const countQuery = sql`select count(*)::int as n from (select 1 from cases c where ${where} limit ${TOTAL_CAP + 1}) t`;
      let rows: Row[];
      let counted: number;
      if (q.q) {
        // Full-text search, in one transaction: count first, then choose the page's plan from the count.
        // PostgreSQL estimates a tsquery of several words as if they were independent (电梯 & 困人: 1,276 rows
        // estimated, 21,281 found), so for common words it reads and sorts every match to return 51. When there
        // are more than TOTAL_CAP matches the newest ones are dense: walking the received_at index and filtering
        // is the plan (3–13 ms instead of 40–60 ms at a million cases); bitmap and sequential scans are turned off
        // for that one statement. No parallel workers: on a small server they compete with the requests around.
        // (Each SET is a round trip of well under a millisecond; the count it speeds up takes 10–90 ms.)
        ({ rows, counted } = await db.transaction(async (tx) => {
          await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
          // A common word matches ~100,000 cases; with the default 4 MB the bitmap of their rows turns lossy and
          // every row of half the pages is checked again (漏水: 85 → 50 ms with 16 MB).
          await tx.execute(sql`set local work_mem = '16MB'`);
          const n = carried ?? (await tx.execute<{ n: number }>(countQuery)).rows[0].n;
          if (n > TOTAL_CAP && q.sort !== 'nextDue') {
            await tx.execute(sql`set local enable_bitmapscan = off`);
            await tx.execute(sql`set local enable_seqscan = off`);
          }
          return { rows: (await tx.execute<Row>(pageQuery)).rows, counted: n };
        }));
      } else {
        const [page, n] = await Promise.all([
          db.execute<Row>(pageQuery),
          carried ?? db.execute<{ n: number }>(countQuery).then((r) => r.rows[0].n),
        ]);
        rows = page.rows;
        counted = n;
      }
      const pageRows = rows.slice(0, q.limit).map(repo.normaliseCase);
      const ids = pageRows.map((r) => r.id);
      const [clocks, names] = await Promise.all([repo.loadClocks(db, ids), repo.loadNames(db, ids)]);
      const items = pageRows.map((r) =>
        toView(
          r,
          clocks.filter((c) => c.caseId === r.id),
          names.get(r.id),
          cActor,
        ),
      );
      const last = pageRows[pageRows.length - 1];
      return {
        items,
        nextCursor:
          rows.length > q.limit && last
            ? q.sort === 'nextDue'
              ? BY_DUE_CURSOR.encode([iso(last.nextDueAt), last.id], counted)
              : BY_RECEIVED_CURSOR.encode([iso(last.receivedAt)!, last.id], counted)
            : null,
        total: Math.min(counted, TOTAL_CAP),
        totalCapped: counted > TOTAL_CAP,
      };
    },

    async act<A extends CaseAction>(
      actor: RequestActor,
      id: string,
      action: A,
      body: Record<string, unknown> & { version: number },
    ): Promise<Case> {
      const now = clock.now();
      const ctx = await context(actor.companyId);
      const cActor = await repo.caseActorOf(db, actor);
      return db.transaction(async (tx) => {
        const row = await repo.loadCaseRow(tx, actor.companyId, id, { lock: true });
        if (!row) throw notFound();
        const clocks = await repo.loadClocks(tx, [id]);
        const facts = repo.toFacts(row, clocks);
        if (!canSeeCase(facts, cActor)) throw notFound();
        if (row.version !== body.version) throw versionConflict(row.version);
        const input = await toInput(tx, actor.companyId, row, action, body, cActor);
        const decision = decide(facts, cActor, action, input as CaseActionInputs[A], {
          now,
          calendar: ctx.calendar,
          clockPolicy: ctx.clockPolicy,
          timeZone: ctx.timeZone,
        });
        if (!decision.ok) throw refusalToError(decision);
        const clockEffects = decision.effects.clocks;
        // Files attached with a resolution follow its entry on the timeline.
        const moreEntries: NewRecordEntry[] = [];
        if (action === 'resolve' && Array.isArray(body.attachmentIds) && body.attachmentIds.length) {
          const attached = await attachToCase(
            tx,
            actor.companyId,
            body.attachmentIds as string[],
            id,
            actor.userId,
          );
          for (const a of attached)
            moreEntries.push({
              type: 'attachment_added',
              data: { attachmentId: a.id, filename: a.filename },
              actorId: actor.userId,
              at: now,
            });
        }
        if (action === 'merge') {
          const into = input as CaseActionInputs['merge'];
          const target = (await repo.loadCaseRow(tx, actor.companyId, into.intoCaseId, { lock: true }))!;
          await appendCaseEntries(tx, target, [
            {
              type: 'merged',
              data: { fromCaseId: id, fromNumber: row.number },
              actorId: actor.userId,
              at: now,
            },
          ]);
        }
        await storeDecision(tx, {
          row,
          clocks,
          effects: decision.effects,
          actorId: actor.userId,
          now,
          moreEntries,
        });
        await warnAdminsOfUnknownCalendar(tx, actor.companyId, id, row.number, clockEffects, now);

        const after = (await repo.loadCaseRow(tx, actor.companyId, id))!;
        await notifyAfter(tx, actor, action, row, after, now);
        await publishEvent(tx, {
          type: 'case',
          companyId: actor.companyId,
          caseId: id,
          officeId: after.officeId,
          parties: repo.eventParties(after),
        });
        return view(tx, after, cActor);
      });
    },

    /** Whether the actor may see the case (attachments of a case are served only to them). */
    async canSee(actor: RequestActor, id: string): Promise<boolean> {
      const row = await repo.loadCaseRow(db, actor.companyId, id);
      if (!row) return false;
      return canSeeCase(repo.toFacts(row, []), await repo.caseActorOf(db, actor));
    },

    /** Click-to-reveal of a masked reporter phone (issue 3 §12): shown once, written to the timeline. */
    async revealReporter(actor: RequestActor, id: string) {
      const now = clock.now();
      const cActor = await repo.caseActorOf(db, actor);
      return db.transaction(async (tx) => {
        const row = await repo.loadCaseRow(tx, actor.companyId, id, { lock: true });
        if (!row) throw notFound();
        const facts = repo.toFacts(row, await repo.loadClocks(tx, [id]));
        if (!canSeeCase(facts, cActor)) throw notFound();
        if (actor.roles.every((r) => r === 'auditor' || r === 'admin')) throw new DomainError('forbidden');
        if (row.reporterAnonymous && !seesAnonymousIdentity(cActor, facts))
          throw new DomainError('forbidden');
        await storeReveal(tx, row, actor.userId, now);
        return { name: row.reporterName, phone: row.reporterPhone };
      });
    },
  };

  /** Turns the parsed body into the domain's input, checking the ids it names against this company. */
  async function toInput(
    tx: Tx,
    companyId: string,
    row: Row,
    action: CaseAction,
    body: Record<string, unknown>,
    cActor: CaseActor,
  ): Promise<unknown> {
    const date = (v: unknown) => (typeof v === 'string' ? new Date(v) : v);
    const b = body as Record<string, never>;
    switch (action) {
      case 'route': {
        const target = body.target as { type: string; id: string };
        const table = {
          department: 'departments',
          sisterUnit: 'partner_units',
          externalUnit: 'partner_units',
          leader: 'users',
        }[target.type]!;
        const extra =
          target.type === 'sisterUnit'
            ? sql` and relation = 'sister'`
            : target.type === 'externalUnit'
              ? sql` and relation = 'external'`
              : sql``;
        const { rows } = await tx.execute(
          sql`select 1 from ${sql.raw(table)} where company_id = ${companyId} and id = ${target.id}${extra}`,
        );
        if (!rows.length) throw fieldError({ 'target.id': 'not_found' });
        if (body.handlerId && !(await activeUser(tx, companyId, body.handlerId as string)))
          throw fieldError({ handlerId: 'not_found' });
        return {
          target,
          handlerId: body.handlerId ?? null,
          note: body.note ?? null,
          visitAt: date(body.visitAt) ?? null,
        };
      }
      case 'assign': {
        const user = await activeUser(tx, companyId, body.handlerId as string);
        if (!user) throw fieldError({ handlerId: 'not_found' });
        if (row.departmentId) {
          const members =
            await tx.execute(sql`select 1 from users u where u.id = ${user.id} and (u.department_id = ${row.departmentId}
            or u.id = (select head_id from departments where id = ${row.departmentId}))`);
          if (!members.rows.length) throw fieldError({ handlerId: 'field.not_in_department' });
        }
        return { handlerId: user.id };
      }
      case 'assignCallback': {
        const user = await activeUser(tx, companyId, body.assigneeId as string);
        if (!user) throw fieldError({ assigneeId: 'not_found' });
        return { assigneeId: user.id, note: body.note ?? null };
      }
      case 'recordContact': {
        const { rows } = await tx.execute(
          sql`select 1 from partner_units where company_id = ${companyId} and id = ${body.unitId as string}`,
        );
        if (!rows.length) throw fieldError({ unitId: 'not_found' });
        return body;
      }
      case 'extend':
        return { ...b, dueAt: date(body.dueAt) };
      case 'resolve':
        return {
          ...b,
          corrective: body.corrective
            ? { ...(body.corrective as object), dueAt: date((body.corrective as { dueAt: string }).dueAt) }
            : null,
        };
      case 'callback':
        return { ...b, appointmentAt: date(body.appointmentAt) ?? null };
      case 'merge': {
        if (body.intoCaseId === row.id) return body; // decide() answers field.merge_into_self
        const target = await repo.loadCaseRow(tx, companyId, body.intoCaseId as string);
        // A case the actor may not see is not there for them: neither merged into nor told apart by its state.
        if (!target || !canSeeCase(repo.toFacts(target, []), cActor))
          throw fieldError({ intoCaseId: 'not_found' });
        const problem = mergeTargetProblem(
          { id: row.id },
          { id: target.id, state: target.state as CaseFacts['state'] },
        );
        if (problem) throw new DomainError('rule_violation', `rule.${problem}`, {}, { rule: problem });
        return body;
      }
      default:
        return body;
    }
  }

  /** Staff notifications (issue 3 §8): new case in my queue, assigned to me, callback due, result to the director. */
  async function notifyAfter(
    tx: Tx,
    actor: RequestActor,
    action: CaseAction,
    before: Row,
    after: Row,
    now: Date,
  ) {
    const base = { companyId: actor.companyId, caseId: after.id, data: { number: after.number }, at: now };
    const others = (ids: (string | null)[]) => ids.filter((x): x is string => !!x && x !== actor.userId);
    if (action === 'route' && after.departmentId && after.departmentId !== before.departmentId)
      await notify(tx, {
        ...base,
        type: 'queued',
        userIds: others(await departmentMembers(tx, after.departmentId)),
      });
    if (after.handlerId && after.handlerId !== before.handlerId)
      await notify(tx, { ...base, type: 'assigned', userIds: others([after.handlerId]) });
    if (action === 'resolve')
      await notify(tx, {
        ...base,
        type: 'callback_due',
        userIds: others([after.callbackAssigneeId ?? after.firstResponderId]),
      });
    if (action === 'assignCallback')
      await notify(tx, { ...base, type: 'callback_due', userIds: others([after.callbackAssigneeId]) });
    if (action === 'callback') {
      // The result goes back to the director too: "事事有着落、件件有回音" (domain.md §5.1).
      await notify(tx, {
        ...base,
        type: 'callback_result',
        userIds: others([after.officeDirectorId, after.firstResponderId]),
        data: { number: after.number, satisfaction: after.satisfaction },
      });
    }
    if (action === 'escalate')
      await notify(tx, {
        ...base,
        type: 'escalated',
        userIds: others(await tierRecipients(tx, actor.companyId, after.officeId, after.escalationTier)),
        data: { number: after.number, tier: after.escalationTier },
      });
  }
}
