import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import { companyPolicies } from '../db/schema';
import type { CaseKind } from '../../domain/policy/defaults';

export interface PolicyRow {
  clockPolicy: unknown;
  numberPrefixes: unknown;
  callbackExemptKinds: unknown;
  version: number;
}

const COLUMNS = {
  clockPolicy: companyPolicies.clockPolicy,
  numberPrefixes: companyPolicies.numberPrefixes,
  callbackExemptKinds: companyPolicies.callbackExemptKinds,
  version: companyPolicies.version,
};

export async function getPolicyRow(db: Tx, companyId: string): Promise<PolicyRow | undefined> {
  const [row] = await db
    .select(COLUMNS)
    .from(companyPolicies)
    .where(eq(companyPolicies.companyId, companyId));
  return row;
}

/** The row, locked for the update; created (version 1, empty policy) when the company has none yet. */
export async function lockPolicyRow(tx: Tx, companyId: string): Promise<PolicyRow> {
  await tx.insert(companyPolicies).values({ companyId }).onConflictDoNothing();
  const [row] = await tx
    .select(COLUMNS)
    .from(companyPolicies)
    .where(eq(companyPolicies.companyId, companyId))
    .for('update');
  return row;
}

export async function updatePolicyRow(
  tx: Tx,
  companyId: string,
  v: {
    clockPolicy: unknown;
    numberPrefixes: unknown;
    callbackExemptKinds: CaseKind[] | null;
    updatedAt: Date;
  },
) {
  await tx
    .update(companyPolicies)
    .set({ ...v, version: sql`${companyPolicies.version} + 1` })
    .where(eq(companyPolicies.companyId, companyId));
}

/** The company's stored report policy, unresolved (the domain resolves it with its defaults). */
export async function loadReportPolicy(db: Tx, companyId: string): Promise<unknown> {
  const { rows } = await db.execute<{ report_policy: unknown }>(
    sql`select report_policy from company_policies where company_id = ${companyId}`,
  );
  return rows[0]?.report_policy;
}
