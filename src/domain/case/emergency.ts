/**
 * Who is told at once when an emergency is received (EMERGENCY-1, 001 通知 三.1, 四.1): the office's director,
 * its supervisors and — for a repair — the head of each repair team (`engineering` department) of the office. The
 * server finds the people; this rule picks them. Not an emergency: nobody beyond the usual.
 */
import type { CaseKind, Severity } from '../policy/defaults';

export function emergencyRecipients(
  c: { severity: Severity; kind: CaseKind },
  people: {
    officeDirectorId: string | null;
    officeSupervisorIds: readonly string[];
    repairTeamHeadIds: readonly string[];
  },
): string[] {
  if (c.severity !== 'emergency') return [];
  const ids = [
    people.officeDirectorId,
    ...people.officeSupervisorIds,
    ...(c.kind === 'repair' ? people.repairTeamHeadIds : []),
  ];
  return [...new Set(ids.filter((id): id is string => !!id))];
}
