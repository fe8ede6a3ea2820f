/**
 * The intake form's values and the create body they become (CreateCase of src/contracts/cases.ts): trimmed texts,
 * blanks left out, the address only without a room, the repair type only for a repair and the agreed visit only
 * for a private one, the on-the-spot result only when ticked, a special incident only when switched on, the
 * recently closed case it repeats only when the agent linked it (INTAKE-12).
 */
import type { Dayjs } from 'dayjs';
import type { CreateCase } from '../../../api/types';

export interface IntakeValues {
  channel: CreateCase['channel'];
  /** required by the form's rule: present once the form is submitted */
  kind: CreateCase['kind'];
  severity: CreateCase['severity'];
  categoryId?: string;
  repairType?: CreateCase['repairType'];
  visitAt?: Dayjs | null;
  roomId?: string;
  address?: string;
  reporter: { phone?: string; name?: string; anonymous?: boolean };
  /** required by the form's rule (not blank) */
  description: string;
  receivedAt?: Dayjs | null;
  firstResponderId?: string;
  attachmentIds?: string[];
  onTheSpot?: boolean;
  /** shown, and required, while `onTheSpot` is ticked */
  resolvedOnTheSpot?: { result: string };
  /** a special incident: the office director and the manager are told at once (HANDLE-7) */
  specialIncident?: boolean;
  /** the recently closed case this one repeats, linked from the repeat hint (INTAKE-12); not a form field */
  relatedCaseId?: string;
}

const trim = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

export function toCreateBody(v: IntakeValues): CreateCase {
  return {
    channel: v.channel,
    kind: v.kind,
    severity: v.severity,
    categoryId: v.categoryId || undefined,
    roomId: v.roomId || undefined,
    address: v.roomId ? undefined : trim(v.address),
    reporter: {
      name: trim(v.reporter?.name),
      phone: trim(v.reporter?.phone),
      anonymous: Boolean(v.reporter?.anonymous),
    },
    description: v.description.trim(),
    receivedAt: v.receivedAt ? v.receivedAt.toISOString() : undefined,
    firstResponderId: v.firstResponderId || undefined,
    repairType: v.kind === 'repair' ? v.repairType : undefined,
    visitAt:
      v.kind === 'repair' && v.repairType === 'private' && v.visitAt ? v.visitAt.toISOString() : undefined,
    attachmentIds: v.attachmentIds?.length ? v.attachmentIds : undefined,
    resolvedOnTheSpot:
      v.onTheSpot && v.resolvedOnTheSpot ? { result: v.resolvedOnTheSpot.result.trim() } : undefined,
    specialIncident: v.specialIncident ? true : undefined,
    relatedCaseId: v.relatedCaseId || undefined,
  };
}
