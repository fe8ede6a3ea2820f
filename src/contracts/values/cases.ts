/**
 * The case desk's values for every client, zod-free so a small bundle gets them without zod: owned by the domain
 * (src/domain/case/case.ts, src/domain/policy/defaults.ts, src/domain/access/roles.ts), re-exported here — the
 * web imports these and keeps no copy.
 */
export {
  CALLBACK_METHODS,
  CASE_ACTIONS,
  CASE_KINDS,
  CASE_STATES,
  CHANNELS,
  CLOCK_NAMES,
  DECISIONS,
  OPEN_STATES,
  PASSED_DATA,
  REPAIR_TYPES,
  REPLY_VIAS,
  ROUTE_TARGET_TYPES,
  SATISFACTIONS,
  SEVERITIES,
  TIMELINE_TYPES,
} from '../../domain/case/case';
export type {
  CallbackMethod,
  CaseAction,
  CaseKind,
  CaseState,
  Channel,
  ClockName,
  Decision,
  PassedData,
  RepairType,
  ReplyVia,
  RouteTargetType,
  Satisfaction,
  Severity,
  TimelineType,
} from '../../domain/case/case';
export { DAILY_RESULTS_FILTER } from '../../domain/case/daily-results';
export { clashingPrefixKinds } from '../../domain/policy/policy';
export { ROLES } from '../../domain/access/roles';
export type { Role } from '../../domain/access/roles';
