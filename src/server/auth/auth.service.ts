import { ipLimited, lockedUntil } from '../../domain/access/lockout';
import { permissionsOf } from '../../domain/access/access';
import { DomainError } from '../../domain/errors';
import type { Me } from '../../contracts/auth';
import type { AppDeps } from '../platform/deps';
import type { Tx } from '../db/client';
import type { RequestActor } from '../http/types';
import * as repo from './auth.repository';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { newSessionId, sha256 } from './tokens';
import { DEMO_PASSWORD_DEFAULT } from '../platform/config';
import { getCompany } from '../org/org.repository';

const rateLimited = (key: string, until: Date, now: Date) => {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new DomainError(
    'rate_limited',
    key,
    { minutes: Math.ceil(seconds / 60) },
    { retryAfterSeconds: seconds },
  );
};

export function authService(deps: AppDeps) {
  const { db, clock, config } = deps;

  return {
    /**
     * Checks lock-outs kept in PostgreSQL (they survive restarts and hold across instances), then the password.
     * The attempt is admitted and reserved as a failure in one transaction under per-IP and per-username locks,
     * before the slow password check (login lock-out counted before the password check): concurrent requests see each other's reservations, so no
     * more than the limits are ever checked; a success then turns its reservation into the success that clears
     * the count.
     */
    async login(username: string, password: string, ip: string, previousSid?: string) {
      const now = clock.now();
      const { maxFailures, windowMs, lockMs, maxPerIp } = config.login;

      const attemptId = await db.transaction(async (tx) => {
        await repo.lockLoginKeys(tx, ip, username);
        const ipUntil = ipLimited(
          await repo.recentIpAttempts(tx, ip, new Date(now.getTime() - windowMs), maxPerIp),
          now,
          windowMs,
          maxPerIp,
        );
        if (ipUntil) throw rateLimited('auth.ip_limited', ipUntil, now);
        const attempts = await repo.recentAttempts(tx, username, new Date(now.getTime() - windowMs - lockMs));
        const unlocks = await repo.latestUnlocks(tx, [username]);
        const lockUntil = lockedUntil(
          attempts,
          now,
          { maxFailures, windowMs, lockMs },
          unlocks.get(username.toLowerCase()) ?? null,
        );
        if (lockUntil) throw rateLimited('auth.locked', lockUntil, now);
        return repo.reserveAttempt(tx, { username, ip, at: now });
      });

      const user = await repo.findUserForLogin(db, username);
      const ok = user
        ? await verifyPassword(user.passwordHash, password)
        : (await verifyPassword(await dummyPasswordHash(), password), false);
      const success = ok && !!user?.active && !user.isService;
      if (!success) throw new DomainError('unauthenticated', 'auth.bad_credentials');
      // Production refuses the demo seed's accounts and the demo password (no demo password in production). Only after the
      // password matched, so a guess learns nothing; the reservation stays a failure.
      if (
        config.env === 'production' &&
        (user!.demo || password === DEMO_PASSWORD_DEFAULT || password === config.demoPassword)
      )
        throw new DomainError('forbidden', 'auth.demo_login_refused', {}, { rule: 'demo_password' });
      await repo.markSucceeded(db, attemptId);

      // A new session id at every login: a cookie planted before login is worth nothing after it.
      if (previousSid) await repo.deleteSession(db, sha256(previousSid));
      const sid = newSessionId();
      const expiresAt = new Date(now.getTime() + config.session.absoluteMs);
      const actor = (await repo.actorByUserId(db, user!.id))!;
      await repo.createSession(db, {
        idHash: sha256(sid),
        userId: actor.userId,
        companyId: actor.companyId,
        now,
        expiresAt,
      });
      return { sid, expiresAt, me: await this.me(actor) };
    },

    async logout(sid: string | undefined) {
      if (sid) await repo.deleteSession(db, sha256(sid));
    },

    async me(actor: RequestActor): Promise<Me> {
      const [user, company] = await Promise.all([
        repo.getUserRow(db, actor.companyId, actor.userId),
        getCompany(db, actor.companyId),
      ]);
      return {
        user: {
          id: actor.userId,
          username: actor.username,
          name: actor.name,
          jobNumber: user?.jobNumber ?? null,
          roles: [...actor.roles],
          officeIds: [...actor.officeIds],
          companyId: actor.companyId,
          companyName: company?.name ?? '',
          companyShortName: company?.shortName ?? '',
          departmentId: user?.departmentId ?? null,
        },
        permissions: permissionsOf(actor.roles),
        serverTime: clock.now().toISOString(),
      };
    },

    /** Changing one's password ends every other session of the user. */
    async changePassword(actor: RequestActor, currentPassword: string, newPassword: string) {
      const hash = await repo.passwordHashOf(db, actor.userId);
      if (!hash || !(await verifyPassword(hash, currentPassword)))
        throw new DomainError('validation_failed', 'validation_failed', {}, undefined, {
          currentPassword: 'auth.wrong_current_password',
        });
      assertPasswordAllowed(config.env, newPassword);
      await repo.setPasswordHash(db, actor.userId, await hashPassword(newPassword), clock.now());
      await repo.deleteUserSessions(db, actor.userId, actor.sessionIdHash);
    },
  };
}

/**
 * The start-up warning naming the demo seed's accounts, in production only, where their sign-in is refused
 * (no demo password in production): the operator learns whom to give a new password. Null when there are none.
 */
export async function demoAccountsWarning(db: Tx, env: string): Promise<string | null> {
  if (env !== 'production') return null;
  const usernames = await repo.demoUsernames(db);
  if (!usernames.length) return null;
  return (
    `demo accounts refuse to sign in in production until their password changes: ${usernames.join(', ')} ` +
    '(reset them on the Staff (users) page, or create an admin with "huiyin admin create")'
  );
}

/** Production refuses the demo password (ACCESS-6). */
export function assertPasswordAllowed(env: string, password: string) {
  if (env === 'production' && password === DEMO_PASSWORD_DEFAULT)
    throw new DomainError('validation_failed', 'validation_failed', {}, undefined, {
      newPassword: 'auth.demo_password_refused',
    });
}
