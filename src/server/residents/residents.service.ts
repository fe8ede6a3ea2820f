/**
 * The residents' own channel (RESIDENT-1…3): sign-in by phone and one-time code, the rooms an account is bound
 * to, the room picker, and the staff's bindings inbox. load → decide (src/domain/residents) → store → present.
 */
import { randomInt } from 'node:crypto';
import { can, canManageInOffice, officeScope } from '../../domain/access/access';
import { DomainError, fieldError } from '../../domain/errors';
import { parsePhone } from '../../domain/property/phone';
import { roomLabel } from '../../domain/property/room';
import { maskPhone } from '../../domain/privacy/mask';
import {
  bindingRequestRefusal,
  decideBinding,
  recentDeclines,
  registerBindings,
  type BindingSource,
  type BindingStatus,
} from '../../domain/residents/binding';
import { LOGIN_CODE, RESIDENT_SESSION, sendRefusal, tryCode } from '../../domain/residents/sign-in';
import type {
  BindingRequest,
  BindingRequestListQuery,
  ResidentBinding,
  ResidentMe,
} from '../../contracts/residents';
import type { AppDeps } from '../platform/deps';
import type { RequestActor, RequestResident } from '../http/types';
import { newSessionId, sha256 } from '../auth/tokens';
import { uuidv7 } from '../db/ids';
import { enqueue } from '../outbox/outbox.repository';
import * as repo from './residents.repository';

/** One message for every failed sign-in: a guess learns nothing about which part was wrong (RESIDENT-1). */
const badCode = () => fieldError({ code: 'field.login_code_wrong' });

/** The phone as a resident types it, in canonical form; only a mainland mobile can receive a code. */
function mobileOf(raw: string): string {
  const parsed = parsePhone(raw);
  if (!parsed.ok || parsed.kind !== 'mobile' || parsed.extension)
    throw fieldError({ phone: 'field.mobile_required' });
  return parsed.canonical;
}

const codeHash = (codeId: string, code: string) => sha256(`${codeId}:${code}`);

type BindingWithRoom = Awaited<ReturnType<typeof repo.bindingsOf>>[number];
const toResidentBinding = (b: BindingWithRoom): ResidentBinding => ({
  id: b.id,
  roomId: b.roomId,
  label: roomLabel(b.community, b.building, b.unit, b.number),
  status: b.status,
  source: b.source,
  reason: b.reason,
  createdAt: b.createdAt.toISOString(),
  decidedAt: b.decidedAt?.toISOString() ?? null,
});

export function residentsService(deps: AppDeps) {
  const { db, clock } = deps;

  async function companyOf(code: string) {
    const company = await repo.companyByCode(db, code);
    // A company's code is public (its H5 address, every printed QR): saying it is unknown reveals nothing.
    if (!company) throw fieldError({ companyCode: 'field.company_code_unknown' });
    return company;
  }

  async function present(resident: {
    accountId: string;
    companyId: string;
    phone: string;
  }): Promise<ResidentMe> {
    const company = await repo.companyById(db, resident.companyId);
    const bindings = await repo.bindingsOf(db, resident.accountId);
    return {
      resident: { id: resident.accountId, phone: maskPhone(resident.phone)! },
      company: { code: company.code, name: company.name, shortName: company.shortName },
      rooms: bindings
        .filter((b) => b.status === 'approved')
        .map((b) => ({
          roomId: b.roomId,
          label: roomLabel(b.community, b.building, b.unit, b.number),
          communityId: b.communityId,
        })),
      pendingBindings: bindings.filter((b) => b.status === 'pending').map(toResidentBinding),
      // recent declines, so the resident reads why
      declinedBindings: recentDeclines(bindings, clock.now()).map(toResidentBinding),
    };
  }

  return {
    /**
     * RESIDENT-1, RESIDENT-2: a new code for the phone, sent through the outbox (type `login_code`) in the same
     * transaction; the send limits are counted under a lock on the phone, so two requests at once cannot both pass.
     */
    async sendCode(body: { companyCode: string; phone: string }, address: string): Promise<void> {
      const company = await companyOf(body.companyCode);
      const phone = mobileOf(body.phone);
      const now = clock.now();
      const addressHash = sha256(`resident-address:${address}`);
      await db.transaction(async (tx) => {
        await repo.lockPhone(tx, company.id, phone);
        const refusal = sendRefusal(
          await repo.sendHistory(tx, { companyId: company.id, phone, addressHash, now }),
          now,
        );
        if (refusal) {
          const seconds = Math.ceil(refusal.retryAfterMs / 1000);
          throw new DomainError(
            'rate_limited',
            `resident.code_${refusal.reason}`,
            { minutes: Math.ceil(seconds / 60) },
            { retryAfterSeconds: seconds },
          );
        }
        const id = uuidv7(now.getTime());
        const code = String(randomInt(0, 10 ** LOGIN_CODE.digits)).padStart(LOGIN_CODE.digits, '0');
        const expiresAt = new Date(now.getTime() + LOGIN_CODE.ttlMs);
        await repo.insertCode(tx, {
          id,
          companyId: company.id,
          phone,
          codeHash: codeHash(id, code),
          addressHash,
          now,
          expiresAt,
        });
        const sent = await enqueue(
          tx,
          [
            {
              companyId: company.id,
              type: 'login_code',
              to: { kind: 'phone', phone },
              params: { code },
              expiresAt,
            },
          ],
          now,
        );
        // No channel takes sign-in codes: the company has not set up SMS. Say so rather than wait for nothing.
        if (!sent.length)
          throw new DomainError(
            'rule_violation',
            'resident.code_channel_missing',
            {},
            { rule: 'login_code_channel' },
          );
      });
    },

    /** RESIDENT-1, RESIDENT-3: signs in with the code; the account is made at its first sign-in. */
    async verify(body: { companyCode: string; phone: string; code: string }, previousSid?: string) {
      const company = await companyOf(body.companyCode);
      const parsed = parsePhone(body.phone);
      if (!parsed.ok || parsed.kind !== 'mobile') throw badCode();
      const phone = parsed.canonical;
      const now = clock.now();
      const outcome = await db.transaction(async (tx) => {
        const stored = await repo.latestCodeForUpdate(tx, company.id, phone);
        const matches = !!stored && stored.codeHash === codeHash(stored.id, body.code);
        const tried = tryCode(stored, matches, now);
        if (tried.outcome === 'wrong')
          await repo.recordWrongTry(tx, stored!.id, tried.attempts, tried.burnt ? now : null);
        if (tried.outcome !== 'signed_in') return null;
        await repo.finishCode(tx, stored!.id, now);
        const account = await repo.upsertAccount(tx, company.id, phone, now);
        const mine = await repo.bindingsOf(tx, account.id);
        const listed = await repo.registerRoomsOfPhone(tx, company.id, phone);
        await repo.insertBindings(
          tx,
          registerBindings(listed, mine).map((roomId) => ({
            companyId: company.id,
            accountId: account.id,
            roomId,
            status: 'approved' as const,
            source: 'register' as const,
            now,
          })),
        );
        // A new session id at every sign-in: a cookie planted before is worth nothing after it.
        if (previousSid) await repo.deleteSession(tx, sha256(previousSid));
        const sid = newSessionId();
        const expiresAt = new Date(now.getTime() + RESIDENT_SESSION.absoluteMs);
        await repo.createSession(tx, {
          idHash: sha256(sid),
          accountId: account.id,
          companyId: company.id,
          now,
          expiresAt,
        });
        return { sid, expiresAt, account };
      });
      // The wrong try is committed before the refusal: a failed guess counts.
      if (!outcome) throw badCode();
      const me = await present({ accountId: outcome.account.id, companyId: company.id, phone });
      return { sid: outcome.sid, expiresAt: outcome.expiresAt, me };
    },

    async logout(sid: string | undefined) {
      if (sid) await repo.deleteSession(db, sha256(sid));
    },

    me: (resident: RequestResident) => present(resident),

    /** Community → building → unit of the resident's company; another company's id is "not found". */
    async places(resident: RequestResident, q: { communityId?: string; buildingId?: string }) {
      if (q.buildingId) {
        if (!(await repo.building(db, resident.companyId, q.buildingId))) throw new DomainError('not_found');
        return { level: 'unit' as const, items: await repo.unitsOf(db, resident.companyId, q.buildingId) };
      }
      if (q.communityId) {
        if (!(await repo.community(db, resident.companyId, q.communityId)))
          throw new DomainError('not_found');
        return {
          level: 'building' as const,
          items: await repo.buildingsOf(db, resident.companyId, q.communityId),
        };
      }
      return { level: 'community' as const, items: await repo.communitiesOf(db, resident.companyId) };
    },

    async rooms(resident: RequestResident, unitId: string) {
      if (!(await repo.unit(db, resident.companyId, unitId))) throw new DomainError('not_found');
      const rooms = await repo.roomsOfUnit(db, resident.companyId, unitId);
      return { items: rooms.map((r) => ({ id: r.id, label: r.number })) };
    },

    /** RESIDENT-3: a request the office decides. */
    async requestBinding(resident: RequestResident, roomId: string): Promise<ResidentBinding> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        if (!(await repo.roomOfCompany(tx, resident.companyId, roomId))) throw new DomainError('not_found');
        await repo.lockPhone(tx, resident.companyId, resident.phone);
        const mine = await repo.bindingsOf(tx, resident.accountId);
        const refusal = bindingRequestRefusal(mine, roomId);
        if (refusal)
          throw new DomainError('rule_violation', `resident.binding_${refusal}`, {}, { rule: refusal });
        const [made] = await repo.insertBindings(tx, [
          {
            companyId: resident.companyId,
            accountId: resident.accountId,
            roomId,
            status: 'pending',
            source: 'request',
            now,
          },
        ]);
        const withRoom = (await repo.bindingsOf(tx, resident.accountId)).find((b) => b.id === made.id)!;
        return toResidentBinding(withRoom);
      });
    },

    /** RESIDENT-3: unbind a room or withdraw a request for it; a room not bound to the account is "not found". */
    async unbind(resident: RequestResident, roomId: string) {
      const removed = await repo.removeLiveBinding(db, resident.accountId, roomId, clock.now());
      if (!removed.length) throw new DomainError('not_found');
    },

    /** RESIDENT-3 (PIPL 第四十七条): the account, its sessions and bindings go; its sign-in codes expire by themselves. */
    async deleteAccount(resident: RequestResident) {
      await repo.deleteAccount(db, resident.accountId);
    },

    // ── staff ────────────────────────────────────────────────────────────────────────────────────────────────
    async listBindings(actor: RequestActor, q: BindingRequestListQuery) {
      const scope = officeScope(actor);
      if (q.officeId && scope !== 'all' && !scope.includes(q.officeId)) throw new DomainError('forbidden');
      const officeIds = q.officeId ? [q.officeId] : scope === 'all' ? null : scope;
      const result = await repo.listBindings(
        db,
        { companyId: actor.companyId, statuses: q.status ?? ['pending'], officeIds },
        q.cursor,
        q.limit,
      );
      return { ...result, items: result.items.map((r) => toBindingRequest(r, actor)) };
    },

    async decide(
      actor: RequestActor,
      id: string,
      body: { version: number; reason?: string },
      approve: boolean,
    ): Promise<BindingRequest> {
      const now = clock.now();
      return db.transaction(async (tx) => {
        const row = await repo.bindingForStaff(tx, actor.companyId, id, true);
        if (!row || !canManageInOffice(actor, row.officeId)) throw new DomainError('not_found');
        if (row.version !== body.version)
          throw new DomainError('version_conflict', 'version_conflict', {}, { currentVersion: row.version });
        const decided = decideBinding(
          row.status as BindingStatus,
          approve ? { approve: true } : { approve: false, reason: body.reason ?? '' },
        );
        if ('refused' in decided)
          throw new DomainError(
            'rule_violation',
            `resident.binding_${decided.refused}`,
            {},
            { rule: decided.refused },
          );
        await repo.decideBinding(tx, id, { ...decided, decidedById: actor.userId, at: now });
        return toBindingRequest((await repo.bindingForStaff(tx, actor.companyId, id))!, actor);
      });
    },
  };
}

function toBindingRequest(r: repo.StaffBindingRow, actor: RequestActor): BindingRequest {
  return {
    id: r.id,
    status: r.status as BindingStatus,
    source: r.source as BindingSource,
    room: { id: r.roomId, label: roomLabel(r.community, r.building, r.unit, r.number) },
    officeId: r.officeId,
    phone: can(actor, 'residents.pii') ? r.phone : maskPhone(r.phone)!,
    reason: r.reason,
    decidedBy: r.decidedById ? { id: r.decidedById, name: r.decidedByName ?? '' } : null,
    decidedAt: r.decidedAt ? new Date(r.decidedAt).toISOString() : null,
    createdAt: new Date(r.createdAt).toISOString(),
    version: r.version,
  };
}
