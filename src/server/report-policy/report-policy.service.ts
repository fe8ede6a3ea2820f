/**
 * The company's report policy (src/contracts/report-policy.ts): stored in company_policies.report_policy and read
 * by the duty ledger and recurring-problem detection (resolveAccountabilityPolicy) and the public monthly summary
 * (minGroupSizeOf). It has its own version and change record (report_policy_version, _updated_at, _updated_by_id),
 * apart from the clock policy of the same row.
 */
import {
  DEFAULT_ACCOUNTABILITY_POLICY,
  resolveAccountabilityPolicy,
} from '../../domain/accountability/policy';
import { versionConflict } from '../../domain/errors';
import { DEFAULT_MIN_GROUP_SIZE } from '../../domain/privacy/anonymise';
import {
  REPORT_POLICY_FIELDS,
  ReportPolicySettings,
  type ReportPolicy,
  type ReportPolicyValues,
  type UpdateReportPolicyBody,
} from '../../contracts/report-policy';
import type { AppDeps } from '../platform/deps';
import type { RequestActor } from '../http/types';
import { minGroupSizeOf } from '../reports/summary.service';
import * as repo from './report-policy.repository';

const DEFAULTS: ReportPolicy['defaults'] = {
  firstResponderAmount: DEFAULT_ACCOUNTABILITY_POLICY.firstResponderAmount,
  departmentAmount: DEFAULT_ACCOUNTABILITY_POLICY.departmentAmount,
  problemWindowDays: DEFAULT_ACCOUNTABILITY_POLICY.problemWindowDays,
  problemMinCases: DEFAULT_ACCOUNTABILITY_POLICY.problemMinCases,
  similarityThreshold: DEFAULT_ACCOUNTABILITY_POLICY.similarityThreshold,
  problemKinds: [...DEFAULT_ACCOUNTABILITY_POLICY.problemKinds],
  publicMinGroupSize: DEFAULT_MIN_GROUP_SIZE,
};

/**
 * The company's own values: each stored field that is valid today (a value written under older limits, or by
 * hand, is left out and so takes its default — as the readers do).
 */
function storedValues(stored: unknown): ReportPolicyValues {
  const s = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const key of REPORT_POLICY_FIELDS) {
    if (s[key] === undefined) continue;
    const parsed = ReportPolicySettings.shape[key].safeParse(s[key]);
    if (parsed.success)
      values[key] = key === 'problemKinds' ? [...new Set(parsed.data as string[])] : parsed.data;
  }
  return values as ReportPolicyValues;
}

/** What the readers of the policy make of the stored object: the proof that the page shows what applies. */
function effectivePolicy(stored: unknown): ReportPolicy['effective'] {
  const a = resolveAccountabilityPolicy(stored);
  return {
    firstResponderAmount: a.firstResponderAmount,
    departmentAmount: a.departmentAmount,
    problemWindowDays: a.problemWindowDays,
    problemMinCases: a.problemMinCases,
    similarityThreshold: a.similarityThreshold,
    problemKinds: [...a.problemKinds],
    publicMinGroupSize: minGroupSizeOf(stored),
  };
}

function toReportPolicy(row: repo.ReportPolicyRow | undefined): ReportPolicy {
  const stored = row?.report_policy ?? {};
  return {
    values: storedValues(stored),
    effective: effectivePolicy(stored),
    defaults: DEFAULTS,
    version: row?.report_policy_version ?? 1,
    updatedAt: row?.report_policy_updated_at ? new Date(row.report_policy_updated_at).toISOString() : null,
    updatedBy: row?.updated_by_id ? { id: row.updated_by_id, name: row.updated_by_name ?? '' } : null,
  };
}

export function reportPolicyService({ db, clock }: AppDeps) {
  return {
    async get(actor: RequestActor): Promise<ReportPolicy> {
      return toReportPolicy(await repo.readReportPolicy(db, actor.companyId));
    },

    /** Replaces the company's values in one transaction, with the version read (409 when stale). */
    update(actor: RequestActor, body: UpdateReportPolicyBody): Promise<ReportPolicy> {
      return db.transaction(async (tx) => {
        const current = await repo.lockReportPolicy(tx, actor.companyId);
        if (current !== body.version) throw versionConflict(current);
        // only the fields given, in a fixed order; duplicate kinds dropped
        const values = storedValues(body.values);
        await repo.storeReportPolicy(tx, actor.companyId, values, { userId: actor.userId, at: clock.now() });
        return toReportPolicy(await repo.readReportPolicy(tx, actor.companyId));
      });
    },
  };
}
