/**
 * Caller lookup (REGISTER-5): while an agent types or the phone system passes the caller ID, who is this?
 * Phones are compared in canonical form, so "+86 138-1234-5678" finds 13812345678.
 */
import { officeScope } from '../../domain/access/access';
import { caseActorOf } from '../access/case-access.repository';
import { openCasesOfCaller, recentlyClosedOfRooms } from '../cases/cases.repository';
import { fieldError } from '../../domain/errors';
import { parsePhone } from '../../domain/property/phone';
import { isLikelyDuplicate, isRecentRepeat, REPEAT_WINDOW_DAYS } from '../../domain/case/duplicates';
import type { CallerLookup } from '../../contracts/property';
import type { AppDeps } from '../platform/deps';
import type { RequestActor } from '../http/types';
import * as repo from './property.repository';
import { canSeePii, toResident } from './property.service';

/** The case being recorded, as far as the intake screen knows it: the duplicate hint's probe. */
export interface RecordingCase {
  categoryId?: string;
  roomId?: string;
}

/**
 * What the agent should mention: the caller's open cases this actor may see (cases.repository openCasesOfCaller),
 * each marked when the domain's rule holds it a likely duplicate of the case being recorded now.
 */
async function openCasesOf(
  db: AppDeps['db'],
  actor: RequestActor,
  phone: { typed: string; canonical: string },
  roomIds: string[],
  recording: RecordingCase,
  now: Date,
) {
  const rows = await openCasesOfCaller(
    db,
    actor.companyId,
    await caseActorOf(db, actor),
    phone.canonical,
    roomIds,
  );
  const probe = {
    categoryId: recording.categoryId ?? null,
    roomId: recording.roomId ?? null,
    callerPhone: phone.typed,
    receivedAt: now,
  };
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    state: r.state,
    receivedAt: r.receivedAt.toISOString(),
    categoryId: r.categoryId,
    roomId: r.roomId,
    summary: r.description,
    likelyDuplicate: isLikelyDuplicate(probe, {
      id: r.id,
      state: r.state,
      categoryId: r.categoryId,
      roomId: r.roomId,
      receivedAt: r.receivedAt,
      callerPhone: r.sameCaller ? phone.typed : null,
    }),
  }));
}

/**
 * The caller's rooms' cases closed recently that the case being recorded repeats (INTAKE-12: same room and
 * category, by the domain's rule); none until the intake names a room and a category.
 */
async function recentlyClosedOf(
  db: AppDeps['db'],
  actor: RequestActor,
  _callerRoomIds: string[],
  recording: RecordingCase,
  now: Date,
) {
  if (!recording.roomId || !recording.categoryId) return [];
  // the room being recorded, whether or not the caller holds it: only cases this viewer may see are read
  const rooms = [recording.roomId];
  const since = new Date(now.getTime() - REPEAT_WINDOW_DAYS * 86_400_000);
  const rows = await recentlyClosedOfRooms(db, actor.companyId, await caseActorOf(db, actor), rooms, since);
  return rows
    .filter((r) => isRecentRepeat(recording, r, now))
    .map((r) => ({
      id: r.id,
      number: r.number,
      kind: r.kind,
      categoryId: r.categoryId,
      roomId: r.roomId,
      closedAt: r.closedAt!.toISOString(),
      summary: r.description,
    }));
}

/** A caller ID shared by a whole family is common; more than this is a switchboard, not a resident. */
const MAX_RESIDENTS = 20;

export function lookupService({ db, clock }: AppDeps) {
  return {
    async caller(
      actor: RequestActor,
      phone: string | undefined,
      recording: RecordingCase = {},
    ): Promise<CallerLookup> {
      // no phone (a letter, a walk-in who gives none): only the repeat hint, by the room and category recorded
      if (!phone)
        return {
          residents: [],
          rooms: [],
          openCases: [],
          recentlyClosed: await recentlyClosedOf(db, actor, [], recording, clock.now()),
        };
      const parsed = parsePhone(phone);
      if (!parsed.ok) throw fieldError({ 'querystring.phone': 'field.phone_invalid' });
      const scope = officeScope(actor);
      const found = await repo.listResidents(db, actor.companyId, {
        limit: MAX_RESIDENTS,
        phone: parsed.canonical,
        scope,
      });
      // The residents' rooms were read inside the actor's scope already.
      const roomIds = [...new Set(found.items.flatMap((r) => r.rooms.map((x) => x.roomId)))];
      const rooms = await repo.getRooms(db, actor.companyId, roomIds);
      const order = new Map(roomIds.map((id, i) => [id, i]));
      return {
        residents: found.items.map((r) => toResident(r, canSeePii(actor))),
        rooms: rooms
          .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
          .map(({ officeId: _o, ...room }) => room),
        openCases: await openCasesOf(
          db,
          actor,
          { typed: phone, canonical: parsed.canonical },
          roomIds,
          recording,
          clock.now(),
        ),
        recentlyClosed: await recentlyClosedOf(db, actor, roomIds, recording, clock.now()),
      };
    },
  };
}
