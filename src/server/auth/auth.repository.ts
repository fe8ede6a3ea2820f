import { and, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { toDate } from '../db/dates';
import { executeNamed } from '../db/prepared';
import {
  apiTokens,
  loginAttempts,
  loginUnlocks,
  residentAccounts,
  residentSessions,
  sessions,
  users,
} from '../db/schema';
import type { Role } from '../../domain/access/roles';
import type { RequestActor, RequestResident } from '../http/types';

type ActorRow = {
  id: string;
  company_id: string;
  username: string;
  name: string;
  roles: Role[];
  office_ids: string[];
};

const toActor = (r: ActorRow): RequestActor => ({
  userId: r.id,
  companyId: r.company_id,
  username: r.username,
  name: r.name,
  roles: r.roles,
  officeIds: r.office_ids,
});

const ACTOR_COLUMNS = sql`u.id, u.company_id, u.username, u.name, u.roles,
  array(select uo.office_id::text from user_offices uo where uo.user_id = u.id order by uo.office_id) as office_ids`;

export async function findUserForLogin(db: Tx, username: string) {
  const [row] = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      active: users.active,
      isService: users.isService,
      demo: users.demo,
    })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function actorByUserId(db: Tx, userId: string): Promise<RequestActor | null> {
  const { rows } = await db.execute<ActorRow>(
    sql`select ${ACTOR_COLUMNS} from users u where u.id = ${userId} and u.active`,
  );
  return rows[0] ? toActor(rows[0]) : null;
}

export interface SessionActor {
  actor: RequestActor;
  lastSeenAt: Date;
}

/**
 * The live sessions (idle and absolute limits) with their active users, for the requests that arrive together
 * (auth.hook.ts batches them): null where a session is not live. `now` is each request's own.
 */
export async function actorsBySessions(
  db: Tx,
  lookups: readonly { idHash: string; now: Date; idleMs: number }[],
): Promise<(SessionActor | null)[]> {
  // Every signed-in request runs it: a prepared statement.
  const { rows } = await executeNamed<ActorRow & { i: number; last_seen_at: Date }>(
    db,
    'huiyin_actors_by_sessions',
    actorsBySessionsSql(lookups),
  );
  const byInput = new Map(rows.map((r) => [r.i, r]));
  return lookups.map((l, i) => {
    const row = byInput.get(i);
    return row
      ? { actor: { ...toActor(row), sessionIdHash: l.idHash }, lastSeenAt: new Date(row.last_seen_at) }
      : null;
  });
}

/** The one query of actorsBySessions: the lookups as a single JSON parameter, one text for any batch. */
export function actorsBySessionsSql(lookups: readonly { idHash: string; now: Date; idleMs: number }[]): SQL {
  const input = lookups.map((l, i) => ({
    i,
    id_hash: l.idHash,
    now: l.now,
    idle_since: new Date(l.now.getTime() - l.idleMs),
  }));
  return sql`
    select x.i, ${ACTOR_COLUMNS}, s.last_seen_at
    from jsonb_to_recordset(${JSON.stringify(input)}::jsonb) as x(i int, id_hash text, now timestamptz,
      idle_since timestamptz)
    join sessions s on s.id_hash = x.id_hash join users u on u.id = s.user_id
    where s.expires_at > x.now and s.last_seen_at > x.idle_since and u.active`;
}

export async function touchSession(db: Tx, idHash: string, now: Date) {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.idHash, idHash));
}

export async function createSession(
  db: Tx,
  s: { idHash: string; userId: string; companyId: string; now: Date; expiresAt: Date },
) {
  await db.insert(sessions).values({
    idHash: s.idHash,
    userId: s.userId,
    companyId: s.companyId,
    createdAt: s.now,
    lastSeenAt: s.now,
    expiresAt: s.expiresAt,
  });
}

export async function deleteSession(db: Tx, idHash: string) {
  await db.delete(sessions).where(eq(sessions.idHash, idHash));
}

export async function deleteUserSessions(db: Tx, userId: string, exceptIdHash?: string) {
  await db
    .delete(sessions)
    .where(
      exceptIdHash
        ? and(eq(sessions.userId, userId), sql`${sessions.idHash} <> ${exceptIdHash}`)
        : eq(sessions.userId, userId),
    );
}

export type TokenActor = RequestActor & { tokenId: string; lastUsedAt: Date | null };

/** The actors of API tokens (hashed), for the requests that arrive together: null where a token is unknown or revoked. */
export async function actorsByTokens(db: Tx, tokenHashes: readonly string[]): Promise<(TokenActor | null)[]> {
  // Every request of an integration runs it: a prepared statement.
  const { rows } = await executeNamed<
    ActorRow & { token_hash: string; token_id: string; last_used_at: string | null }
  >(
    db,
    'huiyin_actors_by_tokens',
    sql`
    select ${ACTOR_COLUMNS}, t.token_hash, t.id as token_id, t.last_used_at
    from api_tokens t join users u on u.id = t.user_id
    where t.token_hash = any(string_to_array(${tokenHashes.join(',')}, ',')) and t.revoked_at is null and u.active`,
  );
  const byHash = new Map(rows.map((r) => [r.token_hash, r]));
  return tokenHashes.map((hash) => {
    const row = byHash.get(hash);
    return row ? { ...toActor(row), tokenId: row.token_id, lastUsedAt: toDate(row.last_used_at) } : null;
  });
}

export async function markTokenUsed(db: Tx, tokenId: string, now: Date) {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, tokenId));
}

/**
 * Serialises the login attempts of one IP and of one username until the transaction ends (login lock-out counted before the password check), so
 * counting the recent attempts and reserving a new one is atomic across requests and instances. The IP is always
 * locked before the username: one order, no deadlock.
 */
export async function lockLoginKeys(tx: Tx, ip: string, username: string) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`huiyin:login-ip:${ip}`}, 0))`);
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`huiyin:login-user:${username.toLowerCase()}`}, 0))`,
  );
}

export async function recentAttempts(db: Tx, username: string, since: Date) {
  return db
    .select({ at: loginAttempts.at, success: loginAttempts.success })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username.toLowerCase()), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(200);
}

/** The recent attempts of several usernames (lower-cased keys), for the users list's lock-out column. */
export async function recentAttemptsOf(db: Tx, usernames: readonly string[], since: Date) {
  const byUsername = new Map<string, { at: Date; success: boolean }[]>();
  if (!usernames.length) return byUsername;
  const rows = await db
    .select({ username: loginAttempts.username, at: loginAttempts.at, success: loginAttempts.success })
    .from(loginAttempts)
    .where(
      and(
        inArray(
          loginAttempts.username,
          usernames.map((u) => u.toLowerCase()),
        ),
        gt(loginAttempts.at, since),
      ),
    );
  for (const r of rows) {
    const list = byUsername.get(r.username) ?? [];
    list.push({ at: r.at, success: r.success });
    byUsername.set(r.username, list);
  }
  return byUsername;
}

/** The latest admin unlock of each username (lower-cased keys). */
export async function latestUnlocks(db: Tx, usernames: readonly string[]) {
  const byUsername = new Map<string, Date>();
  if (!usernames.length) return byUsername;
  const rows = await db
    .select({ username: loginUnlocks.username, at: sql<string>`max(${loginUnlocks.at})` })
    .from(loginUnlocks)
    .where(
      inArray(
        loginUnlocks.username,
        usernames.map((u) => u.toLowerCase()),
      ),
    )
    .groupBy(loginUnlocks.username);
  for (const r of rows) byUsername.set(r.username, new Date(r.at));
  return byUsername;
}

export async function recordUnlock(
  db: Tx,
  u: { companyId: string; userId: string; username: string; unlockedBy: string; at: Date },
) {
  await db.insert(loginUnlocks).values({ ...u, username: u.username.toLowerCase() });
}

export async function recentIpAttempts(db: Tx, ip: string, since: Date, limit: number) {
  const rows = await db
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(limit);
  return rows.map((r) => r.at);
}

/**
 * Reserves an admitted attempt as a failure before its password is checked (login lock-out counted before the password check); `markSucceeded`
 * turns it into a success once the check passes.
 */
export async function reserveAttempt(db: Tx, a: { username: string; ip: string; at: Date }) {
  const [row] = await db
    .insert(loginAttempts)
    .values({ ...a, username: a.username.toLowerCase(), success: false })
    .returning({ id: loginAttempts.id });
  return row.id;
}

export async function markSucceeded(db: Tx, attemptId: string) {
  await db.update(loginAttempts).set({ success: true }).where(eq(loginAttempts.id, attemptId));
}

/** The demo seed's accounts whose password never changed, for production's start-up warning (no demo password in production). */
export async function demoUsernames(db: Tx) {
  const rows = await db
    .select({ username: users.username })
    .from(users)
    .where(eq(users.demo, true))
    .orderBy(users.username);
  return rows.map((r) => r.username);
}

export async function setPasswordHash(db: Tx, userId: string, passwordHash: string, now: Date) {
  await db
    .update(users)
    // A new password is no longer the demo seed's (no demo password in production).
    .set({ passwordHash, passwordChangedAt: now, demo: false, updatedAt: now })
    .where(eq(users.id, userId));
}

export async function passwordHashOf(db: Tx, userId: string) {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash;
}

/** A user's stored row: `me` reads it, and so does the staff admin (users.service.ts). */
export async function getUserRow(db: Tx, companyId: string, userId: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.companyId, companyId), eq(users.id, userId)));
  return row;
}

// ── the residents' sessions (RESIDENT-1): read by the auth hook on resident routes only ─────────────────────
/** The resident of a session cookie (hashed): null when unknown, expired or idle too long. */
export async function residentBySession(
  db: Tx,
  idHash: string,
  now: Date,
  idleMs: number,
): Promise<(RequestResident & { lastSeenAt: Date }) | null> {
  const [row] = await db
    .select({
      accountId: residentAccounts.id,
      companyId: residentAccounts.companyId,
      phone: residentAccounts.phone,
      lastSeenAt: residentSessions.lastSeenAt,
    })
    .from(residentSessions)
    .innerJoin(residentAccounts, eq(residentAccounts.id, residentSessions.accountId))
    .where(
      and(
        eq(residentSessions.idHash, idHash),
        gt(residentSessions.expiresAt, now),
        gt(residentSessions.lastSeenAt, new Date(now.getTime() - idleMs)),
      ),
    );
  return row ? { ...row, sessionIdHash: idHash } : null;
}

export async function touchResidentSession(db: Tx, idHash: string, now: Date) {
  await db.update(residentSessions).set({ lastSeenAt: now }).where(eq(residentSessions.idHash, idHash));
}
