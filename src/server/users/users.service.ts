import { officeScope } from '../../domain/access/access';
import { DomainError, fieldError, notFound, ruleViolation, versionConflict } from '../../domain/errors';
import { parsePhone } from '../../domain/property/phone';
import type { CreateUserBody, UpdateUserBody, UserListQuery } from '../../contracts/users';
import type { CreateTokenBody } from '../../contracts/auth';
import type { AppDeps } from '../platform/deps';
import type { Tx } from '../db/client';
import type { RequestActor } from '../http/types';
import { hashPassword } from '../auth/passwords';
import { assertPasswordAllowed } from '../auth/auth.service';
import {
  deleteUserSessions,
  getUserRow,
  latestUnlocks,
  recentAttemptsOf,
  recordUnlock,
} from '../auth/auth.repository';
import { lockedUntil } from '../../domain/access/lockout';
import type { User } from '../../contracts/users';
import { newApiToken, sha256 } from '../auth/tokens';
import * as repo from './users.repository';

/** Ids a client sends must belong to the actor's company; another company's id is "not found", never revealed. */
async function assertBelongs(
  db: Tx,
  companyId: string,
  body: { departmentId?: string | null; officeIds?: readonly string[] },
) {
  if (body.departmentId) {
    if (!(await repo.departmentOfCompany(db, companyId, body.departmentId)))
      throw fieldError({ departmentId: 'not_found' });
  }
  if (body.officeIds?.length) {
    const found = await repo.officesOfCompany(db, companyId, body.officeIds);
    if (found !== new Set(body.officeIds).size) throw fieldError({ officeIds: 'not_found' });
  }
}

function checkPhone(phone: string | null | undefined) {
  if (!phone) return;
  const parsed = parsePhone(phone);
  if (!parsed.ok)
    throw fieldError({
      phone:
        parsed.reason === 'area_code_required' ? 'field.phone_area_code_required' : 'field.phone_invalid',
    });
}

export function usersService({ db, clock, config }: AppDeps) {
  /** Adds each user's login lock-out in force, decided by the same rule the login applies (login lock-out counted before the password check). */
  async function withLocks(stored: repo.StoredUser[]): Promise<User[]> {
    const now = clock.now();
    const { maxFailures, windowMs, lockMs } = config.login;
    const usernames = stored.map((u) => u.username);
    const attempts = await recentAttemptsOf(db, usernames, new Date(now.getTime() - windowMs - lockMs));
    const unlocks = await latestUnlocks(db, usernames);
    return stored.map((u) => {
      const key = u.username.toLowerCase();
      const until = lockedUntil(
        attempts.get(key) ?? [],
        now,
        { maxFailures, windowMs, lockMs },
        unlocks.get(key) ?? null,
      );
      return { ...u, lockedUntil: until?.toISOString() ?? null };
    });
  }
  const withLock = async (u: repo.StoredUser) => (await withLocks([u]))[0];

  /** The user if the actor may see them: another company's or another office's is "not found". */
  async function visibleUser(actor: RequestActor, id: string) {
    const user = await repo.getUser(db, actor.companyId, id);
    const scope = officeScope(actor);
    if (!user) throw notFound();
    if (scope !== 'all' && user.officeIds.length && !user.officeIds.some((o) => scope.includes(o)))
      throw notFound();
    return user;
  }

  return {
    async list(actor: RequestActor, q: UserListQuery) {
      const result = await repo.listUsers(db, actor.companyId, { ...q, scopeOfficeIds: officeScope(actor) });
      return { ...result, items: await withLocks(result.items) };
    },

    get: async (actor: RequestActor, id: string) => withLock(await visibleUser(actor, id)),

    /**
     * Lifts the user's login lock-out (login lock-out counted before the password check). The unlock row is the record of who did it and when, and
     * the lock-out rule ignores the attempts before it.
     */
    async unlock(actor: RequestActor, id: string) {
      const user = await visibleUser(actor, id);
      await recordUnlock(db, {
        companyId: actor.companyId,
        userId: user.id,
        username: user.username,
        unlockedBy: actor.userId,
        at: clock.now(),
      });
      return withLock(user);
    },

    async create(actor: RequestActor, body: CreateUserBody) {
      checkPhone(body.phone);
      assertPasswordAllowed(config.env, body.password);
      const passwordHash = await hashPassword(body.password);
      const stored = await db.transaction(async (tx) => {
        await assertBelongs(tx, actor.companyId, body);
        if (await repo.usernameTaken(tx, body.username))
          throw new DomainError('validation_failed', 'validation_failed', {}, undefined, {
            username: 'rule.username_taken',
          });
        const row = await repo.insertUser(tx, {
          companyId: actor.companyId,
          username: body.username,
          name: body.name,
          jobNumber: body.jobNumber || null,
          phone: body.phone || null,
          departmentId: body.departmentId ?? null,
          roles: body.roles,
          passwordHash,
          isService: body.isService,
        });
        await repo.setUserOffices(tx, actor.companyId, row.id, body.officeIds);
        return (await repo.getUser(tx, actor.companyId, row.id))!;
      });
      return withLock(stored);
    },

    async update(actor: RequestActor, id: string, body: UpdateUserBody) {
      checkPhone(body.phone);
      if (body.password) assertPasswordAllowed(config.env, body.password);
      const passwordHash = body.password ? await hashPassword(body.password) : undefined;
      const stored = await db.transaction(async (tx) => {
        const current = await repo.getUser(tx, actor.companyId, id);
        if (!current) throw notFound();
        if (current.version !== body.version) throw versionConflict(current.version);
        await assertBelongs(tx, actor.companyId, body);
        const losesAdmin =
          current.roles.includes('admin') &&
          current.active &&
          (body.active === false || (body.roles && !body.roles.includes('admin')));
        if (losesAdmin && (await repo.countActiveAdmins(tx, actor.companyId)) <= 1)
          throw ruleViolation('last_admin');
        const now = clock.now();
        await repo.updateUser(tx, id, body.version, {
          name: body.name,
          jobNumber: body.jobNumber,
          phone: body.phone,
          departmentId: body.departmentId,
          roles: body.roles,
          active: body.active,
          // A reset password is no longer the demo seed's (no demo password in production).
          ...(passwordHash ? { passwordHash, passwordChangedAt: now, demo: false } : {}),
          updatedAt: now,
        });
        if (body.officeIds) await repo.setUserOffices(tx, actor.companyId, id, body.officeIds);
        // Deactivation or a new password ends the user's sessions at once.
        if (body.active === false || passwordHash) await deleteUserSessions(tx, id);
        return (await repo.getUser(tx, actor.companyId, id))!;
      });
      return withLock(stored);
    },

    async listTokens(actor: RequestActor) {
      const rows = await repo.listApiTokens(db, actor.companyId);
      return rows.map(({ t, u }) => toApiToken(t, u));
    },

    /** The token is returned once and stored only as its SHA-256. */
    async createToken(actor: RequestActor, body: CreateTokenBody) {
      const user = await getUserRow(db, actor.companyId, body.userId);
      if (!user) throw fieldError({ userId: 'not_found' });
      const token = newApiToken();
      const row = await repo.insertApiToken(db, {
        companyId: actor.companyId,
        userId: user.id,
        name: body.name,
        tokenHash: sha256(token),
        prefix: token.slice(0, 8),
        createdBy: actor.userId,
      });
      return { token, apiToken: toApiToken(row, user) };
    },

    async revokeToken(actor: RequestActor, id: string) {
      if (!(await repo.revokeApiToken(db, actor.companyId, id, clock.now()))) throw notFound();
    },
  };
}

function toApiToken(t: repo.ApiTokenRow, u: repo.TokenOwner) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    user: { id: u.id, name: u.name, username: u.username },
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}
