import { and, desc, eq, gt, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { toDate } from '../db/dates';
import { executeNamed } from '../db/prepared';
import { apiTokens, loginAttempts, sessions, users } from '../db/schema';
import type { Role } from '../../domain/access/roles';
import type { RequestActor } from '../http/types';

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

/** One query per request: the live session (idle and absolute limits) with its active user. */
export async function actorBySession(db: Tx, idHash: string, now: Date, idleMs: number) {
  const idleSince = new Date(now.getTime() - idleMs);
  // Every signed-in request runs it: a prepared statement.
  const { rows } = await executeNamed<ActorRow & { last_seen_at: Date }>(
    db,
    'huiyin_actor_by_session',
    sql`
    select ${ACTOR_COLUMNS}, s.last_seen_at
    from sessions s join users u on u.id = s.user_id
    where s.id_hash = ${idHash} and s.expires_at > ${now} and s.last_seen_at > ${idleSince} and u.active`,
  );
  const row = rows[0];
  return row
    ? { actor: { ...toActor(row), sessionIdHash: idHash }, lastSeenAt: new Date(row.last_seen_at) }
    : null;
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

export async function actorByToken(db: Tx, tokenHash: string) {
  // Every request of an integration runs it: a prepared statement.
  const { rows } = await executeNamed<ActorRow & { token_id: string; last_used_at: string | null }>(
    db,
    'huiyin_actor_by_token',
    sql`
    select ${ACTOR_COLUMNS}, t.id as token_id, t.last_used_at
    from api_tokens t join users u on u.id = t.user_id
    where t.token_hash = ${tokenHash} and t.revoked_at is null and u.active`,
  );
  const row = rows[0];
  return row
    ? {
        ...toActor(row),
        tokenId: row.token_id,
        lastUsedAt: toDate(row.last_used_at),
      }
    : null;
}

export async function markTokenUsed(db: Tx, tokenId: string, now: Date) {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, tokenId));
}

export async function recentAttempts(db: Tx, username: string, since: Date) {
  return db
    .select({ at: loginAttempts.at, success: loginAttempts.success })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username.toLowerCase()), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(200);
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

export async function recordAttempt(db: Tx, a: { username: string; ip: string; at: Date; success: boolean }) {
  await db.insert(loginAttempts).values({ ...a, username: a.username.toLowerCase() });
}

export async function setPasswordHash(db: Tx, userId: string, passwordHash: string, now: Date) {
  await db
    .update(users)
    .set({ passwordHash, passwordChangedAt: now, updatedAt: now })
    .where(eq(users.id, userId));
}

export async function passwordHashOf(db: Tx, userId: string) {
  const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  return row?.passwordHash;
}
