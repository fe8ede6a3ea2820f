/** The report policy's columns of company_policies: read with who changed it last, locked, stored. */
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client';

export type ReportPolicyRow = {
  report_policy: unknown;
  report_policy_version: number;
  report_policy_updated_at: Date | string | null;
  updated_by_id: string | null;
  updated_by_name: string | null;
};

export async function readReportPolicy(db: Tx, companyId: string): Promise<ReportPolicyRow | undefined> {
  const { rows } = await db.execute<ReportPolicyRow>(sql`select p.report_policy, p.report_policy_version,
      p.report_policy_updated_at, u.id as updated_by_id, u.name as updated_by_name
    from company_policies p left join users u on u.id = p.report_policy_updated_by_id
    where p.company_id = ${companyId}`);
  return rows[0];
}

/** The company's policy row, created when missing, locked for the update; returns its report policy's version. */
export async function lockReportPolicy(db: Tx, companyId: string): Promise<number> {
  await db.execute(
    sql`insert into company_policies (company_id) values (${companyId}) on conflict do nothing`,
  );
  const { rows } = await db.execute<{ v: number }>(sql`select report_policy_version as v
    from company_policies where company_id = ${companyId} for update`);
  return rows[0].v;
}

export async function storeReportPolicy(
  db: Tx,
  companyId: string,
  values: unknown,
  by: { userId: string; at: Date },
): Promise<void> {
  await db.execute(sql`update company_policies set report_policy = ${JSON.stringify(values)}::jsonb,
      report_policy_version = report_policy_version + 1, report_policy_updated_at = ${by.at},
      report_policy_updated_by_id = ${by.userId}
    where company_id = ${companyId}`);
}
