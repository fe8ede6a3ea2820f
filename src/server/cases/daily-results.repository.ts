/** The daily results list (CALLBACK-8): each office's other results of a local day, and whether it was sent. */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';

export type OfficeResults = {
  companyId: string;
  officeId: string;
  directorId: string;
  count: number;
};

/**
 * Per office with a director: the cases resolved in [start, end) that the director did not hear of at once
 * (general repairs, inquiries, suggestions, praise, other), for the companies in `zone`; and only where no list of
 * `day` went to that director yet.
 */
export function officeResultsSql(zone: string, day: string, start: Date, end: Date) {
  return sql`select c.company_id as "companyId", c.office_id as "officeId", o.director_id as "directorId",
      count(*)::int as count
    from cases c
    join companies co on co.id = c.company_id and co.time_zone = ${zone}
    join offices o on o.id = c.office_id and o.director_id is not null
    where c.resolved_at >= ${start} and c.resolved_at < ${end}
      and c.kind <> 'complaint' and c.severity = 'general'
      and not exists (select 1 from notifications n where n.user_id = o.director_id and n.type = 'daily_results'
        and n.data->>'day' = ${day} and n.data->>'officeId' = c.office_id::text)
    group by c.company_id, c.office_id, o.director_id`;
}

export async function officeResults(tx: Tx, zone: string, day: string, start: Date, end: Date) {
  const { rows } = await tx.execute<OfficeResults>(officeResultsSql(zone, day, start, end));
  return rows;
}

/** The time zones the companies are in. */
export async function companyZones(tx: Tx): Promise<string[]> {
  const { rows } = await tx.execute<{ zone: string }>(sql`select distinct time_zone as zone from companies`);
  return rows.map((r) => r.zone);
}

/** Serialises the list's senders across instances for the transaction (each list goes once). */
export async function lockDailyResults(tx: Tx) {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('huiyin:daily_results'))`);
}
