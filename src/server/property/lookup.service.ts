/**
 * Caller lookup (api.md Lookup): while an agent types or the phone system passes the caller ID, who is this?
 * Phones are compared in canonical form, so "+86 138-1234-5678" finds 13812345678.
 */
import { officeScope } from '../../domain/access/access';
import { caseActorOf } from '../cases/cases.repository';
import { openCasesOfCaller } from '../cases/cases.repository';
import { fieldError } from '../../domain/errors';
import { parsePhone } from '../../domain/property/phone';
import type { CallerLookup } from '../../contracts/property';
import type { AppDeps } from '../app';
import type { RequestActor } from '../http/types';
import * as repo from './property.repository';
import { canSeePii, toResident } from './property.service';

/** What the agent should mention: the caller's open cases this actor may see (cases.repository openCasesOfCaller). */
async function openCasesOf(db: AppDeps['db'], actor: RequestActor, canonical: string, roomIds: string[]) {
  const rows = await openCasesOfCaller(db, actor.companyId, await caseActorOf(db, actor), canonical, roomIds);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    state: r.state,
    receivedAt: r.receivedAt.toISOString(),
    categoryId: r.categoryId,
    roomId: r.roomId,
    summary: r.description,
  }));
}

/** A caller ID shared by a whole family is common; more than this is a switchboard, not a resident. */
const MAX_RESIDENTS = 20;

export function lookupService({ db }: AppDeps) {
  return {
    async caller(actor: RequestActor, phone: string | undefined): Promise<CallerLookup> {
      if (!phone) return { residents: [], rooms: [], openCases: [] };
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
        openCases: await openCasesOf(db, actor, parsed.canonical, roomIds),
      };
    },
  };
}
