/** `huiyin verify`: re-hashes every case's timeline and names the first broken entry (domain.md §6, api.md). */
import { sql } from 'drizzle-orm';
import { verifyChain } from '../../domain/case/timeline-hash';
import type { Db } from '../db/client';
import { loadTimeline } from './cases.repository';

export interface VerifyReport {
  checked: number;
  broken: { caseId: string; number: string; firstBrokenSeq: number }[];
}

export async function verifyAllTimelines(
  db: Db,
  opts: { companyId?: string; batch?: number } = {},
): Promise<VerifyReport> {
  const report: VerifyReport = { checked: 0, broken: [] };
  const batch = opts.batch ?? 500;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const { rows } = await db.execute<{
      id: string;
      number: string;
    }>(sql`select id, number from cases where id > ${after}
      ${opts.companyId ? sql`and company_id = ${opts.companyId}` : sql``} order by id limit ${batch}`);
    for (const c of rows) {
      const entries = await loadTimeline(db, c.id);
      const verdict = verifyChain(
        entries.map((e) => ({
          seq: e.seq,
          at: e.at,
          actorId: e.actor_id,
          type: e.type,
          data: e.data,
          prevHash: e.prev_hash,
          hash: e.hash,
        })),
      );
      report.checked++;
      if (!verdict.intact)
        report.broken.push({ caseId: c.id, number: c.number, firstBrokenSeq: verdict.firstBrokenSeq });
    }
    if (rows.length < batch) return report;
    after = rows[rows.length - 1].id;
  }
}
