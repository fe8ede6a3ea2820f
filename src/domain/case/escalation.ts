import type { Role } from '../access/roles';
import { MAX_ESCALATION_TIER, type CaseClosure, type Satisfaction } from './case';

/**
 * Who a case escalates to at each tier when a clock is breached (domain.md §4, ours/policy): tier 1 the office's
 * supervisor (客服主管), tier 2 the director (管理处主任), tier 3 the manager (经理). Tier 0 is not escalated.
 */
export type EscalationRole = Extract<Role, 'supervisor' | 'director' | 'manager'>;

export function escalationRole(tier: number): EscalationRole {
  if (!Number.isInteger(tier) || tier < 1 || tier > MAX_ESCALATION_TIER)
    throw new RangeError(`no escalation tier ${tier}`);
  return tier === 1 ? 'supervisor' : tier === 2 ? 'director' : 'manager';
}

/** The manager is company-wide; the supervisor and director are found among the case office's staff. */
export const escalationIsCompanyWide = (role: EscalationRole) => role === 'manager';

/**
 * A case the director closed without a satisfied callback counts as "closed unsatisfied" in reports
 * (domain.md §5.3, ours/policy).
 */
export function closedUnsatisfied(
  closure: CaseClosure | null | undefined,
  lastSatisfaction: Satisfaction | null | undefined,
) {
  return (
    closure === 'director' && lastSatisfaction !== 'satisfied' && lastSatisfaction !== 'basically_satisfied'
  );
}
