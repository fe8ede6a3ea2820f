/**
 * Six months of the demo company's cases (OPS-4), made through the domain's rules as the desk makes them: each
 * case planned by `planIntake` at the instant it was recorded, moved by `decide` at the instant of each action,
 * its clocks swept by the deadline engine as the sweeper sweeps them (`sweepCaseClock`: warnings, breaches,
 * escalations) between its actions and up to now, its clocks folded by `foldClockEffects` and its timeline chained
 * by the one record helper. Nothing is written until the whole history is made; then the cases go in through the
 * intake insert and their histories through the case store's bulk writer (store/history.ts), in the caller's
 * transaction.
 *
 * Deterministic: one seeded generator draws every case's matter and life, so the same world and instant make the
 * same history. Most cases are handled well and on time, as in a real office; a few are late (breaches, escalated),
 * returned, reopened by an unsatisfied callback, invalidated, closed by the director, left waiting. The current
 * month is cut at `now`: its cases stand in every state, a few of their clocks due soon or overdue.
 */
import {
  residentContactOf,
  type CaseAction,
  type CaseActor,
  type ClockName,
  type ReplyVia,
  type RouteTarget,
  type Satisfaction,
  type VerifyMethod,
} from '../../domain/case/case';
import { planIntake } from '../../domain/case/intake';
import { decide, type CaseActionInputs, type RouteInput } from '../../domain/case/lifecycle';
import {
  clockSummary,
  foldClockEffects,
  nextCheckAt,
  type StoredClock,
} from '../../domain/case/stored-clocks';
import { localDateOf, startOfLocalDay, zoneOffsetMs } from '../../domain/clock/deadlines';
import { addDays } from '../../domain/clock/working-calendar';
import type { WorkingCalendar } from '../../domain/clock/working-calendar';
import type { ChainHead } from '../../domain/record/hash-chain';
import type { Tx } from '../db/client';
import { uuidv7 } from '../db/ids';
import { caseSequences } from '../db/schema';
import { loadWorkingCalendar } from '../calendar/calendar.service';
import { loadPolicy, type CompanyPolicy } from '../policies/policies.service';
import { toFacts, type CaseRow, type ClockRow } from '../cases/cases.repository';
import { foldDecision } from '../cases/store/decision';
import { insertPreparedIntakes, prepareIntake, type PreparedIntake } from '../cases/store/intake';
import { storeHistories } from '../cases/store/history';
import { searchDocument } from '../cases/search-text';
import { sweepCaseClock } from '../deadlines/sweeper';
import type { NewRecordEntry } from '../records/records.repository';
import { parsePhone } from '../../domain/property/phone';
import { rng } from './people';
import * as text from './demo-texts';
import {
  between,
  chance,
  DAY,
  DESK,
  DIRECTOR,
  HOUR,
  MIN,
  oneOf,
  OVERSEER,
  pick,
  plus,
  spanOf,
  specsOf,
  TEAMS,
  type DeptFn,
  type Gen,
  type Rand,
  type Route,
  type Spec,
} from './demo-matters';

import type { DemoWorld } from './demo-world';

export { HISTORY_MONTHS } from './demo-matters';

export interface HistoryContext {
  calendar: WorkingCalendar;
  policy: CompanyPolicy;
}

// ---------------------------------------------------------------------------------------------------------------
// A case's life

interface Env extends Gen, HistoryContext {
  actors: Record<string, CaseActor>;
  usernameOf: Map<string, string>;
  department: Map<string, { function: string; headId: string | null }>;
  offsets: Map<number, number>;
}

/** The sweeper looks every 30 s: a clock is swept at the first look after its check is due. */
const SWEEP_EVERY_MS = 30_000;

/** One case, from its intake to now: its row, clocks and entries as the store keeps them, changed in memory. */
export class CaseLife {
  row!: CaseRow;
  clocks = new Map<ClockName, StoredClock>();
  /** the entries after intake's */
  entries: NewRecordEntry[] = [];
  prepared!: PreparedIntake;
  intakeHead!: ChainHead;
  /** the history reached now: nothing later happens */
  cut = false;
  /** a corrective action completed after the case's other actions (HANDLE-3) */
  completeLater?: { at: Date; who: string; result: string };
  /** the instant of the latest action: a script's next step never comes before it */
  lastAt = new Date(0);

  constructor(
    private readonly env: Env,
    readonly spec: Spec,
  ) {}

  get state() {
    return this.row.state;
  }

  clock(name: ClockName): StoredClock | undefined {
    const c = this.clocks.get(name);
    return c && !c.metAt && !c.stoppedAt ? c : undefined;
  }

  /** Intake (INTAKE-1, INTAKE-4, INTAKE-6) at the instant the matter was recorded. */
  take(): void {
    const { env, spec: s } = this;
    const office = env.world.offices[s.officeIndex];
    const category = env.world.categories.get(s.category)!;
    const recorder = env.actors[s.recorder];
    const plan = planIntake(
      {
        channel: s.channel,
        kind: s.kind,
        severity: s.severity,
        categoryId: category.id,
        categoryAncestorIds: category.ancestorIds,
        receivedAt: s.receivedAt,
        recordedById: recorder.userId,
        firstResponderId: env.actors[s.firstResponder].userId,
        aboutEmployeeId: s.aboutEmployee ? env.actors[s.aboutEmployee].userId : null,
        repairType: s.repairType,
        resolvedOnTheSpot: s.onTheSpot ? { result: s.onTheSpot } : null,
        officeDirectorId: office.directorId,
        // HANDLE-7: a fight with people hurt is a special incident from the first call
        specialIncident: s.severity === 'emergency' && s.kind === 'complaint',
      },
      {
        now: s.recordedAt,
        calendar: env.calendar,
        clockPolicy: env.policy.clockPolicy,
        timeZone: env.tz,
        callbackExemptKinds: env.policy.callbackExemptKinds,
      },
    );
    if (!plan.ok)
      throw new Error(`demo history: intake of ${s.number} refused: ${JSON.stringify(plan.fields)}`);
    const id = uuidv7(s.recordedAt.getTime());
    foldClockEffects(this.clocks, id, plan.clocks);
    for (const c of this.clocks.values()) c.id = uuidv7(s.recordedAt.getTime());
    const { nextDueAt, calendarUnknown } = clockSummary(this.clocks.values());
    const phone = s.reporter?.phone ?? null;
    this.prepared = prepareIntake({
      id,
      companyId: env.world.companyId,
      number: s.number!,
      channel: s.channel,
      kind: s.kind,
      severity: plan.severity,
      categoryId: category.id,
      repairType: s.repairType,
      visitAt: plan.visitAt,
      state: plan.state,
      closure: plan.closure,
      closedAt: plan.closedAt,
      receivedAt: plan.receivedAt,
      now: s.recordedAt,
      recordedById: recorder.userId,
      firstResponderId: plan.firstResponderId,
      handlerId: plan.handlerId,
      officeId: office.id,
      officeDirectorId: office.directorId,
      communityId: env.world.communities[s.communityIndex].id,
      roomId: s.roomId,
      address: s.address,
      reporterName: s.reporter?.name ?? null,
      reporterPhone: phone,
      reporterPhoneCanonical: phone ? canonicalPhone(phone) : null,
      reporterAnonymous: s.anonymous,
      description: s.description,
      searchDocument: searchDocument(s.number, s.description, s.address),
      selfComplaint: plan.selfComplaint,
      aboutEmployeeId: s.aboutEmployee ? env.actors[s.aboutEmployee].userId : null,
      serviceComplaint: plan.serviceComplaint,
      callbackAssigneeId: plan.callbackAssigneeId,
      resolvedAt: plan.resolvedAt,
      clocks: [...this.clocks.values()],
      nextDueAt,
      calendarUnknown,
      entries: plan.timeline.map((e) => ({ ...e, actorId: recorder.userId, at: s.recordedAt })),
    });
    const { row } = this.prepared.stored;
    this.row = { ...row, targetDepartmentHeadId: null, targetIsRepairTeam: null };
    this.intakeHead = { seq: row.timelineSeq, hash: row.timelineHead };
    this.lastAt = s.recordedAt;
  }

  /** The sweeper's steps on this case's clocks up to `until` (CLOCK-5, CLOCK-6, ESCALATE-2). */
  sweep(until: Date): void {
    for (;;) {
      let due: StoredClock | undefined;
      for (const c of this.clocks.values())
        if (c.nextCheckAt && (!due || c.nextCheckAt < due.nextCheckAt!)) due = c;
      if (!due) return;
      const at = new Date(Math.ceil((due.nextCheckAt!.getTime() + 1) / SWEEP_EVERY_MS) * SWEEP_EVERY_MS);
      if (at > until) return;
      const { entries, tier } = sweepCaseClock(due, this.row.state, this.row.escalationTier, at);
      due.nextCheckAt = nextCheckAt(due);
      if (!entries.length) continue;
      this.row.escalationTier = tier;
      this.row.version++;
      for (const e of entries) this.entries.push({ type: e.type, data: e.data, actorId: null, at });
    }
  }

  /**
   * `who` takes `action` at `at`, decided by the domain (FLOW-1, FLOW-2) and applied as the store applies it; false
   * once the history has reached now. A refusal is a mistake of the demo's script: it throws.
   */
  act<A extends CaseAction>(at: Date, who: string, action: A, input: CaseActionInputs[A]): boolean {
    if (this.cut) return false;
    if (at <= this.lastAt) at = plus(this.lastAt, 30_000);
    if (at.getTime() > this.env.now.getTime()) {
      this.cut = true;
      return false;
    }
    this.sweep(at);
    const actor = this.env.actors[who];
    const clocks = [...this.clocks.values()];
    const decision = decide(toFacts(this.row, clocks as ClockRow[]), actor, action, input, {
      now: at,
      calendar: this.env.calendar,
      clockPolicy: this.env.policy.clockPolicy,
      timeZone: this.env.tz,
    });
    if (!decision.ok)
      throw new Error(
        `demo history: ${who} ${action} on ${this.row.number} (${this.row.state}) refused: ${JSON.stringify(decision)}`,
      );
    const { set, clocksAfter, touched } = foldDecision(this.row, clocks, decision.effects, at);
    for (const name of touched) {
      const c = clocksAfter.get(name)!;
      if (!c.id) c.id = uuidv7(at.getTime());
    }
    Object.assign(this.row, set);
    this.row.version++;
    if (set.targetType !== undefined) {
      // the joined columns a later load reads with the row (cases.repository.ts CASE_SELECT)
      const d = set.targetType === 'department' ? this.env.department.get(set.targetId!) : undefined;
      this.row.targetDepartmentHeadId = d?.headId ?? null;
      this.row.targetIsRepairTeam = d ? d.function === 'engineering' : null;
    }
    this.clocks = clocksAfter;
    this.lastAt = at;
    this.entries.push({
      type: decision.effects.timeline.type,
      data: decision.effects.timeline.data,
      actorId: actor.userId,
      at,
    });
    return true;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The scripts: what people do with each case, and when

/** Local hour of `t`. */
function hourOf(env: Env, t: Date): number {
  const key = Math.floor(t.getTime() / HOUR);
  let offset = env.offsets.get(key);
  if (offset === undefined) env.offsets.set(key, (offset = zoneOffsetMs(t, env.tz)));
  return new Date(t.getTime() + offset).getUTCHours();
}

/** `t`, or when the office's working day next begins (08:00–09:30) when `t` falls in the night. */
function daytime(env: Env, r: Rand, t: Date, from = 8, to = 20): Date {
  const h = hourOf(env, t);
  if (h >= from && h < to) return t;
  const day = localDateOf(h >= to ? plus(t, 6 * HOUR) : t, env.tz);
  return plus(startOfLocalDay(day, env.tz), (from + between(r, 0, 1.5)) * HOUR);
}

/** REGISTER-4: phones compared in canonical form. */
function canonicalPhone(raw: string): string {
  const parsed = parsePhone(raw);
  if (!parsed.ok) throw new Error(`demo history: bad phone ${raw}`);
  return parsed.canonical;
}

const usernameOfId = (env: Env, id: string | null) => (id ? env.usernameOf.get(id)! : null);

/**
 * The target of a route, whether it reaches a repair team (REPAIR-2), and an external unit's contact given to the
 * resident (ROUTE-4) — what the server reads from its registers for a route.
 */
function targetOf(
  env: Env,
  s: Spec,
  route: Route,
): { target: RouteTarget; repairTeam: boolean; unitContact: RouteInput['unitContact'] } {
  const office = env.world.offices[s.officeIndex];
  if (route.type === 'department')
    return {
      target: { type: 'department', id: office.departments[route.fn] },
      repairTeam: route.fn === 'engineering',
      unitContact: null,
    };
  if (route.type === 'leader')
    return { target: { type: 'leader', id: office.directorId }, repairTeam: false, unitContact: null };
  const u = env.world.partnerUnits.find((p) => p.service === route.service && p.relation === route.relation)!;
  return {
    target: { type: route.relation === 'sister' ? 'sisterUnit' : 'externalUnit', id: u.id },
    repairTeam: false,
    unitContact: route.relation === 'external' ? { name: u.name, address: u.address, phone: u.phone } : null,
  };
}

function viaOf(s: Spec): ReplyVia {
  return s.channel === 'hotline' ? 'hotline' : 'phone';
}

/** The life of one case: intake, then what its people do with it, each at its own instant. */
function live(env: Env, s: Spec): CaseLife {
  const r = rng(s.seed ^ 0x5bd1e995);
  const l = new CaseLife(env, s);
  l.take();
  const fr = s.firstResponder;
  const via = viaOf(s);
  const contact = residentContactOf({
    channel: s.channel,
    reporterAnonymous: s.anonymous,
    reporterPhone: s.reporter?.phone ?? null,
  });
  const team = TEAMS[s.officeIndex];
  const overseer = OVERSEER[s.officeIndex];
  const director = DIRECTOR[s.officeIndex];

  if (l.state === 'closed') return done(env, l); // answered on the spot, no callback owed (INTAKE-11)
  if (l.state === 'resolved') {
    callbacks(env, l, r, s.recordedAt);
    return done(env, l);
  }

  let t = s.recordedAt;
  const emergency = s.severity === 'emergency';
  const repairLike = s.kind === 'repair' || emergency;
  const late = (p: number) => chance(r, p);

  // A department that finds the case is not theirs sends it back (HANDLE-2), and the first responder routes again.
  const wrongFirst = s.route.type === 'department' && !emergency && chance(r, repairLike ? 0.015 : 0.035);
  // Routing, and telling the resident within the hour (ROUTE-2); a repair reaches its team within 5 minutes (REPAIR-2).
  let routeAt = repairLike ? plus(t, between(r, 0.3, 1.4) * MIN) : plus(t, between(r, 3, 30) * MIN);
  if (late(repairLike ? 0.035 : 0.03))
    routeAt = plus(t, (repairLike ? between(r, 6, 45) : between(r, 62, 150)) * MIN);
  // Now: the desk is busy — what came in within the last two hours may still wait for routing, and the evening's
  // letters, e-mails and web messages wait for the morning.
  const age = env.now.getTime() - s.receivedAt.getTime();
  if (!emergency && age < 2 * HOUR && late(repairLike ? 0.25 : 0.5))
    routeAt = plus(t, between(r, 15, 150) * MIN);
  if (
    !repairLike &&
    ['email', 'letter', 'mailbox', 'web'].includes(s.channel) &&
    age < 16 * HOUR &&
    late(0.6)
  )
    routeAt = daytime(env, r, plus(t, between(r, 20, 90) * MIN));
  if (s.justIn) routeAt = plus(env.now, between(r, 10, 60) * MIN);
  const told = contact !== 'none' && chance(r, 0.85);
  const route = wrongFirst
    ? {
        type: 'department' as const,
        fn: pick(
          r,
          (['customerService', 'engineering', 'security', 'cleaning', 'greening'] as const).filter(
            (fn) => s.route.type !== 'department' || fn !== s.route.fn,
          ),
        ),
      }
    : s.route;
  const { target, repairTeam, unitContact } = targetOf(env, s, route);
  let members: readonly string[] = route.type === 'department' ? team[route.fn] : [];
  let handler: string | null =
    route.type === 'department' && (emergency || chance(r, 0.55)) ? pick(r, members) : null;
  const privateVisit =
    s.kind === 'repair' && s.repairType === 'private' && !emergency && chance(r, 0.5)
      ? daytime(env, r, plus(routeAt, between(r, 16, 30) * HOUR), 9, 17)
      : null;
  if (
    !l.act(routeAt, fr, 'route', {
      target,
      handlerId: handler ? env.actors[handler].userId : null,
      residentTold: told ? { via } : null,
      targetIsRepairTeam: repairTeam,
      unitContact,
      visitAt: privateVisit,
      note: route.type === 'unit' ? '请对方尽快派人处理。' : null,
    })
  )
    return done(env, l);
  t = routeAt;
  if (s.route.type === 'unit') return withUnit(env, l, r, t, told || contact === 'none');
  if (!told && contact !== 'none') {
    t = plus(t, (late(0.04) ? between(r, 70, 130) : between(r, 5, 35)) * MIN);
    l.act(t, fr, 'reply', { message: pick(r, text.REPLIES), via });
  }

  if (wrongFirst) {
    const back = plus(t, between(r, 20, 120) * MIN);
    if (!l.act(back, members[0], 'return', { reason: pick(r, text.RETURN_REASONS) })) return done(env, l);
    const again = plus(back, (late(0.1) ? between(r, 65, 140) : between(r, 5, 40)) * MIN);
    const right = targetOf(env, s, s.route);
    const rightTeam = s.route.type === 'department' ? team[s.route.fn] : [];
    handler = chance(r, 0.55) ? pick(r, rightTeam) : null;
    if (
      !l.act(again, fr, 'route', {
        target: right.target,
        handlerId: handler ? env.actors[handler].userId : null,
        residentTold: contact !== 'none' ? { via } : null,
        targetIsRepairTeam: right.repairTeam,
      })
    )
      return done(env, l);
    t = again;
    members = rightTeam;
  }

  // Who works it: the handler named, one assigned by the head (ORG-1), a member who accepts, the leader (ROUTE-5).
  if (s.route.type === 'leader') handler = usernameOfId(env, l.row.handlerId);
  if (!handler && s.route.type === 'department' && members.length > 1 && chance(r, 0.3)) {
    const head = usernameOfId(env, l.row.targetDepartmentHeadId) ?? members[0];
    t = plus(t, between(r, 5, 30) * MIN);
    handler = pick(r, members.slice(1));
    l.act(t, head, 'assign', { handlerId: env.actors[handler].userId });
  }
  const worker = handler ?? members[0] ?? usernameOfId(env, l.row.handlerId)!;

  if (emergency) return emergencyWork(env, l, r, worker, t);
  if (s.kind === 'suggestion') return suggestionWork(env, l, r, worker, t);

  // Taken in hand: accepted, or arrived at a private visit or a repair (EMERGENCY-2 meets dispatch on arrival too).
  let startAt = privateVisit
    ? privateVisit
    : repairLike
      ? daytime(env, r, plus(t, between(r, 4, 40) * MIN), 7, 21)
      : daytime(env, r, plus(t, between(r, 10, 150) * MIN));
  if (startAt < t) startAt = plus(t, MIN);
  const receivedAt = s.receivedAt;
  // HANDLE-1: a complaint is verified the same day — by the department, or, when it comes in late in the evening,
  // by the first responder hearing both sides by phone before the department takes it in the morning.
  const endOfDay = plus(startOfLocalDay(addDays(localDateOf(receivedAt, env.tz), 1), env.tz), -1);
  const verifyBody = () => ({
    findings: pick(r, text.FINDINGS),
    method: oneOf<VerifyMethod>(r, { site: 5, interview: 3, both_parties: 2 }),
  });
  let verified = s.kind !== 'complaint';
  if (!verified && startAt.getTime() + 20 * MIN > endOfDay.getTime() && !late(0.05)) {
    const verifyAt = plus(t, between(r, 10, 40) * MIN);
    if (verifyAt < endOfDay) {
      if (!l.act(verifyAt, fr, 'verify', { ...verifyBody(), method: 'interview' })) return done(env, l);
      verified = true;
      t = verifyAt;
      if (startAt < t) startAt = plus(t, MIN);
    }
  }
  const arrives = repairLike && (privateVisit || chance(r, 0.3));
  if (!l.act(startAt, worker, arrives ? 'arrive' : 'accept', arrives ? { at: startAt } : {}))
    return done(env, l);
  t = startAt;
  if (!verified) {
    let verifyAt = plus(t, between(r, 20, 180) * MIN);
    if (verifyAt > endOfDay) verifyAt = plus(t, between(r, 5, 15) * MIN);
    if (verifyAt > endOfDay || late(0.05)) verifyAt = daytime(env, r, plus(endOfDay, 9 * HOUR));
    if (!l.act(verifyAt, chance(r, 0.8) ? worker : fr, 'verify', verifyBody())) return done(env, l);
    t = l.lastAt;
  }
  if (s.kind === 'complaint' && chance(r, 0.015) && l.row.escalationTier < 3) {
    // ESCALATE-2: anyone on the case may take it a tier up
    t = plus(t, between(r, 20, 90) * MIN);
    l.act(t, fr, 'escalate', { reason: pick(r, text.ESCALATE_REASONS) });
  } else if (s.kind === 'complaint' && chance(r, 0.015)) {
    // ESCALATE-3: referred to the director, who decides how and by whom it is handled
    t = plus(t, between(r, 20, 90) * MIN);
    l.act(t, fr, 'refer', { reason: pick(r, text.REFER_REASONS) });
    t = daytime(env, r, plus(t, between(r, 1, 6) * HOUR));
    l.act(t, director, 'recordDecision', {
      decision: 'handle',
      handlerId: env.actors[worker].userId,
      note: pick(r, text.HANDLE_NOTES),
    });
    t = l.lastAt;
  }
  if (s.kind === 'complaint' && chance(r, 0.008)) {
    // HANDLE-6: the resident asks to speak to a leader: the meeting is arranged and recorded
    t = plus(t, between(r, 10, 60) * MIN);
    l.act(t, fr, 'arrangeLeaderMeeting', {
      leaderId: env.world.offices[s.officeIndex].directorId,
      at: daytime(env, r, plus(t, between(r, 20, 44) * HOUR), 9, 17),
      note: pick(r, text.MEETING_NOTES),
    });
    t = l.lastAt;
  }
  if (s.kind === 'complaint' && chance(r, 0.03)) {
    // CLASS-4: a complaint found invalid is explained to the resident and closed as invalidated.
    l.act(plus(t, between(r, 1, 5) * HOUR), s.officeIndex === 0 ? overseer : director, 'invalidate', {
      explanation: pick(r, text.INVALID),
    });
    return done(env, l);
  }

  // How long handling takes; a few run past the 7 days (resolve), some wait on parts, some are extended.
  const quick = repairLike
    ? spanOf(r, [
        [0.5, 6, 65],
        [6, 30, 25],
        [30, 110, 10],
      ])
    : spanOf(r, [
        [3, 24, 55],
        [24, 72, 30],
        [72, 140, 15],
      ]);
  let resolveAt = daytime(env, r, plus(t, quick * HOUR));
  if (late(0.03)) resolveAt = daytime(env, r, plus(receivedAt, between(r, 7.3, 11) * DAY));
  let pause: { waitAt: Date; resumeAt: Date } | null = null;
  let extension: { at: Date; dueAt: Date } | null = null;
  if (chance(r, repairLike ? 0.09 : 0.06)) {
    // FLOW-3: waiting on parts or the owner pauses the resolve clock.
    const waitAt = plus(t, between(r, 1, 5) * HOUR);
    const resumeAt = daytime(env, r, plus(waitAt, between(r, 1.5, 9) * DAY));
    pause = { waitAt, resumeAt };
    resolveAt = daytime(env, r, plus(resumeAt, between(r, 2, 20) * HOUR));
  } else if (chance(r, 0.04)) {
    // CLOCK-3: a later deadline agreed with the resident, before it passes.
    const resolve = l.clock('resolve');
    const at = plus(t, between(r, 1, 3) * DAY);
    if (resolve && !resolve.breachedAt && at < resolve.dueAt) {
      extension = { at, dueAt: plus(resolve.dueAt, between(r, 4, 8) * DAY) };
      resolveAt = daytime(env, r, plus(resolve.dueAt, between(r, 1, 3) * DAY));
    }
  }
  // the answer within 24 h (CLOCK-1), unless it is resolved first
  if (resolveAt.getTime() - receivedAt.getTime() > 18 * HOUR) {
    let replyAt = daytime(env, r, plus(t, between(r, 1, 10) * HOUR));
    if (replyAt.getTime() - receivedAt.getTime() > 23 * HOUR)
      replyAt = plus(receivedAt, between(r, 20, 23) * HOUR);
    if (replyAt <= t) replyAt = plus(t, between(r, 10, 40) * MIN);
    if (late(0.04)) replyAt = plus(receivedAt, between(r, 25, 34) * HOUR);
    l.act(replyAt, chance(r, 0.7) ? worker : fr, 'reply', { message: pick(r, text.REPLIES), via });
    t = l.lastAt;
  }
  if (chance(r, 0.1) && resolveAt.getTime() - t.getTime() > 2 * HOUR) {
    const noteAt = plus(t, between(r, 0.1, 0.3) * (resolveAt.getTime() - t.getTime()));
    l.act(noteAt, chance(r, 0.5) ? worker : fr, 'comment', { text: pick(r, text.COMMENTS) });
    t = l.lastAt;
  }
  if (pause) {
    l.act(pause.waitAt > t ? pause.waitAt : plus(t, 20 * MIN), worker, 'wait', {
      reason: pick(r, text.WAIT_REASONS),
    });
    l.act(pause.resumeAt, worker, 'resume', {});
    t = l.lastAt;
  } else if (extension) {
    const resolve = l.clock('resolve');
    const at = extension.at > t ? extension.at : plus(t, 20 * MIN);
    if (resolve && !resolve.breachedAt && at < resolve.dueAt)
      l.act(at, worker, 'extend', {
        clock: 'resolve',
        dueAt: extension.dueAt,
        reason: pick(r, text.EXTEND_REASONS),
        residentAgreed: true,
      });
    t = l.lastAt;
  }
  if (resolveAt <= t) resolveAt = plus(t, between(r, 30, 120) * MIN);
  resolveCase(env, l, r, worker, resolveAt, route);
  callbacks(env, l, r, resolveAt);
  return done(env, l);
}

/** Handling finished (HANDLE-3: now and then with a corrective action of its own date, later completed). */
function resolveCase(env: Env, l: CaseLife, r: Rand, worker: string, at: Date, route: Route) {
  const fn =
    l.spec.kind === 'praise' || l.spec.kind === 'inquiry' || l.spec.kind === 'suggestion'
      ? l.spec.kind
      : route.type === 'department'
        ? FN_RESULTS[route.fn]
        : route.type;
  const corrective =
    l.spec.kind === 'complaint' && chance(r, 0.15)
      ? { action: pick(r, text.CORRECTIVE), dueAt: daytime(env, r, plus(at, between(r, 10, 20) * DAY)) }
      : null;
  if (
    !l.act(at, worker, 'resolve', {
      result: pick(r, text.RESULTS[fn]),
      remedial: l.spec.kind === 'complaint' && chance(r, 0.3) ? pick(r, text.REMEDIAL) : null,
      corrective,
    })
  )
    return false;
  if (corrective) {
    const doneAt = chance(r, 0.9)
      ? plus(at, between(r, 0.3, 0.9) * (corrective.dueAt.getTime() - at.getTime()))
      : plus(corrective.dueAt, between(r, 1, 5) * DAY);
    // completed by the handler or the department's head, whatever state the case is in by then
    l.completeLater = { at: daytime(env, r, doneAt), who: worker, result: pick(r, text.CORRECTIVE_DONE) };
  }
  return true;
}

const FN_RESULTS: Readonly<Record<DeptFn, string>> = {
  customerService: 'customer_service',
  engineering: 'engineering',
  security: 'security',
  cleaning: 'cleaning',
  greening: 'greening',
};

/**
 * The callback after handling (CALLBACK-2, CALLBACK-3): mostly 满意 or 基本满意, which closes the case; sometimes
 * not reached and tried again; 不满意 reopens it for handling again; a question answered later by appointment
 * (CALLBACK-5); the director closes what cannot be closed by a callback (CALLBACK-4).
 */
function callbacks(env: Env, l: CaseLife, r: Rand, resolvedAt: Date, round = 0): void {
  const s = l.spec;
  const o = s.officeIndex;
  const overseer = OVERSEER[o];
  let t = resolvedAt;
  let caller = usernameOfId(env, l.row.callbackAssigneeId ?? l.row.firstResponderId)!;
  // CALLBACK-6: a callback owed by a colleague out in the community goes to the desk.
  const field = env.actors[caller].roles.includes('technician');
  if (l.state === 'resolved' && (field || chance(r, 0.02))) {
    const to = pick(
      r,
      Object.keys(DESK[o]).filter((u) => u !== caller),
    );
    t = plus(t, between(r, 10, 60) * MIN);
    if (!l.act(t, overseer, 'assignCallback', { assigneeId: env.actors[to].userId })) return;
    caller = to;
  }
  const unreachable =
    residentContactOf({
      channel: s.channel,
      reporterAnonymous: s.anonymous,
      reporterPhone: s.reporter?.phone ?? null,
    }) === 'none';
  // the resident is reached at the latest on the fourth try; nobody to reach after two
  const attempts = unreachable ? 2 : 4;
  for (let attempt = 0; attempt < attempts && l.state === 'resolved'; attempt++) {
    let at = daytime(env, r, plus(t, (attempt ? between(r, 3, 26) : between(r, 2, 36)) * HOUR), 9, 20);
    if (!attempt && chance(r, 0.05)) at = daytime(env, r, plus(t, between(r, 50, 80) * HOUR), 9, 20);
    t = at;
    if (unreachable || (attempt < 3 && chance(r, 0.07))) {
      if (!l.act(at, caller, 'callback', { method: 'phone', reached: false })) return;
      continue;
    }
    if (chance(r, 0.012)) {
      // CALLBACK-5: a question answered at an agreed time, then called back again
      const appointmentAt = daytime(env, r, plus(at, between(r, 20, 40) * HOUR), 9, 18);
      if (
        !l.act(at, caller, 'callback', {
          method: 'phone',
          reached: true,
          satisfaction: 'basically_satisfied',
          appointmentAt,
        })
      )
        return;
      if (
        !l.act(appointmentAt, s.firstResponder, 'reply', {
          message: '您好，关于您回访时询问的问题，现答复如下：已按约定处理完毕，抱歉久等。',
          via: viaOf(s),
        })
      )
        return;
      t = appointmentAt;
      continue;
    }
    const satisfaction = oneOf<Satisfaction>(r, {
      satisfied: 70,
      basically_satisfied: 22,
      unsatisfied: round ? 4 : 8,
    });
    const method = chance(r, 0.1) ? 'visit' : 'phone';
    if (
      !l.act(at, caller, 'callback', {
        method,
        reached: true,
        satisfaction,
        reason: satisfaction === 'unsatisfied' ? pick(r, text.UNSATISFIED) : null,
      })
    )
      return;
    if (satisfaction === 'unsatisfied') {
      if (round > 0) {
        // CALLBACK-4: still unsatisfied after handling again: the director closes it with a reason
        l.act(daytime(env, r, plus(at, between(r, 4, 30) * HOUR)), DIRECTOR[o], 'close', {
          reason: pick(r, text.DIRECTOR_CLOSE),
        });
        break;
      }
      // reopened by the callback (CALLBACK-3): handled again
      const worker = usernameOfId(env, l.row.handlerId) ?? s.firstResponder;
      const again = daytime(env, r, plus(at, between(r, 4, 40) * HOUR));
      if (!l.act(again, worker, 'resolve', { result: '已再次上门处理，问题彻底解决。' })) return;
      callbacks(env, l, r, again, round + 1);
      return;
    }
  }
  if (l.state === 'resolved' && !l.cut) {
    // CALLBACK-4: never reached: the director closes it with a reason
    l.act(daytime(env, r, plus(t, between(r, 20, 50) * HOUR)), DIRECTOR[o], 'close', {
      reason: text.DIRECTOR_CLOSE[0],
    });
  }
  // Now and then a closed matter comes back: reopened and handled once more.
  if (l.state === 'closed' && l.row.closure === 'callback' && chance(r, 0.012)) {
    const back = daytime(env, r, plus(t, between(r, 2, 10) * DAY));
    if (!l.act(back, overseer, 'reopen', { reason: pick(r, text.REOPEN_REASONS) })) return;
    const worker = usernameOfId(env, l.row.handlerId) ?? s.firstResponder;
    const again = daytime(env, r, plus(back, between(r, 3, 30) * HOUR));
    if (!l.act(again, worker, 'resolve', { result: '已再次上门检修，问题已解决。' })) return;
    callbacks(env, l, r, again, round + 1);
  }
}

/**
 * With a sister unit (ROUTE-3: contacted within 30 minutes, recorded) or an external one (ROUTE-4): the first
 * responder handles it, chases the unit's result and feeds it back (ROUTE-7), then resolves.
 */
function withUnit(env: Env, l: CaseLife, r: Rand, routedAt: Date, told: boolean): CaseLife {
  const s = l.spec;
  const fr = s.firstResponder;
  const unitId = l.row.targetId!;
  const unit = env.world.partnerUnits.find((u) => u.id === unitId)!;
  let t = routedAt;
  if (unit.relation === 'sister') {
    t = plus(t, (chance(r, 0.05) ? between(r, 32, 60) : between(r, 5, 25)) * MIN);
    // ROUTE-3: the resident's name, address and contact go to the unit only with their agreement
    const agreed = told && chance(r, 0.7);
    if (
      !l.act(t, fr, 'recordContact', {
        unitId,
        contactPerson: unit.contactPerson,
        via: 'phone',
        note: text.UNIT_NOTES[0],
        passed: agreed ? ['name', 'address', 'contact', 'matter'] : ['matter'],
        residentAgreed: agreed || null,
      })
    )
      return done(env, l);
    // the written report of a major case handed to the unit (ROUTE-3, FORM-1)
    if (s.severity === 'major' || chance(r, 0.2)) {
      t = daytime(env, r, plus(t, between(r, 1, 5) * HOUR));
      if (!l.act(t, fr, 'recordReportSent', { unitId, copies: 2, receiver: unit.contactPerson, at: t }))
        return done(env, l);
    }
  }
  if (!told) {
    // the resident told the status and the unit's address and contact (ROUTE-2, ROUTE-4)
    t = plus(t, between(r, 5, 25) * MIN);
    if (!l.act(t, fr, 'reply', { message: pick(r, text.REPLIES), via: viaOf(s) })) return done(env, l);
  }
  t = plus(t, between(r, 10, 60) * MIN);
  if (!l.act(t, fr, 'accept', {})) return done(env, l);
  const feedback = chance(r, 0.05)
    ? plus(routedAt, between(r, 3.2, 4) * DAY)
    : daytime(env, r, plus(t, between(r, 2, 18) * HOUR));
  if (!l.act(feedback, fr, 'reply', { message: text.UNIT_FEEDBACK[0], via: viaOf(s) })) return done(env, l);
  const resolveAt = daytime(env, r, plus(feedback, between(r, 2, 30) * HOUR));
  resolveCase(env, l, r, fr, resolveAt, { type: 'unit', service: unit.service, relation: unit.relation });
  callbacks(env, l, r, resolveAt);
  return done(env, l);
}

/**
 * A suggestion (SUGGEST-1): the director takes it, adopts it with a rectification plan or declines it with the
 * reason, answers the resident, and it is closed by its callback like any case.
 */
function suggestionWork(env: Env, l: CaseLife, r: Rand, director: string, routedAt: Date): CaseLife {
  const s = l.spec;
  let t = daytime(env, r, plus(routedAt, between(r, 0.5, 20) * HOUR));
  if (!l.act(t, director, 'accept', {})) return done(env, l);
  t = daytime(env, r, plus(t, between(r, 2, 60) * HOUR));
  const adopt = chance(r, 0.7);
  const words = adopt ? pick(r, text.ADOPTED) : pick(r, text.DECLINED);
  if (
    !l.act(
      t,
      director,
      'recordDecision',
      adopt ? { decision: 'adopt', plan: words } : { decision: 'decline', reason: words },
    )
  )
    return done(env, l);
  t = plus(t, between(r, 10, 90) * MIN);
  if (!l.act(t, director, 'reply', { message: `您好，感谢您的建议。${words}`, via: viaOf(s) }))
    return done(env, l);
  const resolveAt = plus(t, between(r, 10, 60) * MIN);
  resolveCase(env, l, r, director, resolveAt, s.route);
  callbacks(env, l, r, resolveAt);
  return done(env, l);
}

/**
 * An emergency (EMERGENCY-1–3): the handler on site within 30 minutes, the resident updated every 2 hours while it
 * is handled, then resolved and called back as usual.
 */
function emergencyWork(env: Env, l: CaseLife, r: Rand, worker: string, routedAt: Date): CaseLife {
  const s = l.spec;
  const arrival = plus(s.receivedAt, (chance(r, 0.08) ? between(r, 33, 55) : between(r, 8, 27)) * MIN);
  const at = arrival < routedAt ? plus(routedAt, 2 * MIN) : arrival;
  if (!l.act(at, worker, 'arrive', { at })) return done(env, l);
  let t = at;
  if (s.kind === 'repair' && chance(r, 0.15))
    // HANDLE-7: someone was hurt: stabilised first, then reported at once
    l.act((t = plus(t, between(r, 5, 20) * MIN)), worker, 'flagSpecialIncident', {
      reason: text.SPECIAL_INCIDENT,
    });
  if (s.kind === 'complaint')
    l.act((t = plus(t, between(r, 10, 40) * MIN)), worker, 'verify', {
      findings: pick(r, text.FINDINGS),
      method: 'site',
    });
  const resolveAt = plus(at, between(r, 0.7, 5) * HOUR);
  for (;;) {
    const next = plus(t, (chance(r, 0.1) ? between(r, 125, 150) : between(r, 50, 110)) * MIN);
    if (next >= resolveAt) break;
    if (!l.act(next, worker, 'reply', { message: pick(r, text.PROGRESS), via: viaOf(s) }))
      return done(env, l);
    t = next;
  }
  resolveCase(env, l, r, worker, resolveAt, l.spec.route);
  callbacks(env, l, r, resolveAt);
  return done(env, l);
}

/** The corrective action done later, then the sweep up to now: the case as it stands. */
function done(env: Env, l: CaseLife): CaseLife {
  const later = l.completeLater;
  if (later && l.clock('corrective')) {
    // the handler completes it, whatever state the case is in by then (HANDLE-3)
    const at = later.at > l.lastAt ? later.at : plus(l.lastAt, 2 * HOUR);
    l.act(at, later.who, 'completeCorrective', { result: later.result });
  }
  l.sweep(env.now);
  return l;
}

// ---------------------------------------------------------------------------------------------------------------
// The whole history

/** What a history holds, for the seed's log and the checks of its tests. */
export interface HistoryCounts {
  cases: number;
  byKind: Record<string, number>;
  byState: Record<string, number>;
  entries: number;
}

/** Plans the history of `world` up to `now`: every case lived in memory, nothing written. */
export function planDemoHistory(world: DemoWorld, now: Date, ctx: HistoryContext): CaseLife[] {
  const env = envOf(world, now, ctx);
  return specsOf(env, ctx.policy).map((s) => live(env, s));
}

function envOf(world: DemoWorld, now: Date, ctx: HistoryContext): Env {
  return {
    world,
    now,
    tz: world.timeZone,
    ...ctx,
    actors: Object.fromEntries(
      Object.entries(world.staff).map(([username, u]) => [
        username,
        {
          userId: u.id,
          roles: u.roles,
          officeIds: u.officeIds,
          departmentIds: u.departmentIds,
          headOfDepartmentIds: u.headOfDepartmentIds,
        },
      ]),
    ),
    usernameOf: new Map(Object.entries(world.staff).map(([username, u]) => [u.id, username])),
    department: new Map(world.departments.map((d) => [d.id, d])),
    offsets: new Map(),
  };
}

export function countHistory(lives: readonly CaseLife[]): HistoryCounts {
  const byKind: Record<string, number> = {};
  const byState: Record<string, number> = {};
  let entries = 0;
  for (const l of lives) {
    byKind[l.row.kind] = (byKind[l.row.kind] ?? 0) + 1;
    byState[l.row.state] = (byState[l.row.state] ?? 0) + 1;
    entries += l.intakeHead.seq + l.entries.length;
  }
  return { cases: lives.length, byKind, byState, entries };
}

/** Cases planned and written together: PostgreSQL writes one chunk while Node plans the next (two cores). */
const CHUNK = 400;

/**
 * Makes the history of `world` up to `now` and writes it in the caller's transaction: the intakes, the case-number
 * counters where the history left them (the next intake goes on from there, INTAKE-8), the histories.
 */
export async function writeDemoHistory(tx: Tx, world: DemoWorld, now: Date): Promise<number> {
  const env = envOf(world, now, {
    calendar: await loadWorkingCalendar(tx, world.companyId),
    policy: await loadPolicy(tx, world.companyId),
  });
  const specs = specsOf(env, env.policy);
  let writing: Promise<unknown> = Promise.resolve();
  const counters = new Map<string, { prefix: string; year: number; n: number }>();
  for (let i = 0; i < specs.length; i += CHUNK) {
    const lives = specs.slice(i, i + CHUNK).map((s) => live(env, s));
    for (const l of lives) {
      const [prefix, year, n] = l.row.number.split('-');
      counters.set(`${prefix}-${year}`, { prefix, year: Number(year), n: Number(n) });
    }
    await writing;
    writing = write(tx, lives);
    // let the statements go out before planning on
    await new Promise((resolve) => setImmediate(resolve));
  }
  await writing;
  await tx.insert(caseSequences).values(
    [...counters.values()].map((c) => ({
      companyId: world.companyId,
      prefix: c.prefix,
      year: c.year,
      lastValue: c.n,
    })),
  );
  return specs.length;
}

async function write(tx: Tx, lives: readonly CaseLife[]) {
  await insertPreparedIntakes(
    tx,
    lives.map((l) => l.prepared),
  );
  await storeHistories(
    tx,
    lives
      .filter((l) => l.entries.length > 0)
      .map((l) => ({
        row: l.row,
        clocks: [...l.clocks.values()],
        intakeHead: l.intakeHead,
        entries: l.entries,
      })),
  );
}
