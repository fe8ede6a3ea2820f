/**
 * Caller lookup (api.md Lookup): while an agent types or the phone system passes the caller ID, who is this?
 * Phones are compared in canonical form, so "+86 138-1234-5678" finds 13812345678.
 */
import { sql } from 'drizzle-orm';
import { officeScope, seesWholeCompany } from '../../domain/access/access';
import { caseActorOf } from '../cases/cases.service';
import { toDate, visibleTo } from '../cases/cases.repository';
import { fieldError } from '../../domain/errors';
import { parsePhone } from '../../domain/property/phone';
import type { CallerLookup } from '../../contracts/property';
import type { AppDeps } from '../app';
import type { RequestActor } from '../http/types';
import * as repo from './property.repository';
import { canSeePii, toResident } from './property.service';

/** Open cases (not closed) of this phone or of the caller's rooms, newest first: what the agent should mention. */
async function openCasesOf(db: AppDeps['db'], actor: RequestActor, canonical: string, roomIds: string[]) {
  const cActor = await caseActorOf(db, actor);
  const rooms = roomIds.length
    ? sql.join(
        roomIds.map((id) => sql`${id}::uuid`),
        sql`, `,
      )
    : sql`null::uuid`;
  const { rows } = await db.execute<{
    id: string;
    number: string;
    kind: string;
    state: string;
    received_at: unknown;
    category_id: string | null;
    room_id: string | null;
    description: string;
  }>(
    sql`select c.id, c.number, c.kind, c.state, c.received_at, c.category_id, c.room_id, left(c.description, 100) as description
      from cases c where c.company_id = ${actor.companyId} and c.state <> 'closed'
        and (c.reporter_phone_canonical = ${canonical} or c.room_id in (${rooms}))
        and ${visibleTo({ companyWide: seesWholeCompany(actor), userId: actor.userId, officeIds: actor.officeIds, departmentIds: cActor.departmentIds })}
      order by c.received_at desc limit 20`,
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    kind: r.kind,
    state: r.state,
    receivedAt: toDate(r.received_at)!.toISOString(),
    categoryId: r.category_id,
    roomId: r.room_id,
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
