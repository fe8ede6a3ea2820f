/**
 * Who sees a case's reporter (PRIV-1: personal data is used only to handle and answer the case and kept
 * confidential; INTAKE-5: the anonymity flag is ours).
 *
 * - A named reporter's phone and name are shown in full to those who handle or answer the case: the agent,
 *   supervisor and director of the case's office, the manager (company-wide), the first responder and the
 *   handler. Everyone else who can see the case — the technician who is not its handler, the auditor, and the
 *   admin (a system role, not a case desk role) — gets them masked: the technician still has the room (a case
 *   field outside this module) and "the resident ending in 5678".
 * - An anonymous reporter's identity is seen only by the first responder (who took the matter and answers it)
 *   and the director of the case's office (CALLBACK-2: organises major callbacks). For everyone else name
 *   and phone are absent — not masked: a surname and four digits are enough to identify a neighbour.
 *
 * Scope: roles count only within the viewer's offices (the manager company-wide); being the first responder or
 * the handler counts wherever the case is.
 */
import type { CaseActor, CaseFacts } from '../case/case';
import { maskName, maskPhone } from './mask';

export interface Reporter {
  name?: string | null;
  phone?: string | null;
  anonymous?: boolean | null;
}

/** The reporter as one viewer may see them (the case field `reporter { name, phone, anonymous }`, API-6). */
export interface ReporterView {
  name: string | null;
  phone: string | null;
  anonymous: boolean;
  /** name and phone are masked (张*, 138****5678) */
  masked: boolean;
  /** anonymous, and this viewer may not know who: name and phone are null */
  identityHidden: boolean;
}

export type ReporterViewer = Pick<CaseActor, 'userId' | 'roles' | 'officeIds'>;
export type ReporterCaseFacts = Pick<CaseFacts, 'officeId' | 'firstResponderId' | 'handlerId'>;

/** Roles that see a named reporter's contact in full, within their offices. */
export const REPORTER_CONTACT_ROLES = ['agent', 'supervisor', 'director'] as const;

function inOffice(viewer: ReporterViewer, facts: ReporterCaseFacts): boolean {
  return facts.officeId != null && viewer.officeIds.includes(facts.officeId);
}

/** Whether the viewer sees a named reporter's name and phone unmasked. */
export function seesReporterContact(viewer: ReporterViewer, facts: ReporterCaseFacts): boolean {
  if (viewer.userId === facts.firstResponderId) return true;
  if (facts.handlerId != null && viewer.userId === facts.handlerId) return true;
  if (viewer.roles.includes('manager')) return true;
  return (
    inOffice(viewer, facts) &&
    viewer.roles.some((role) => (REPORTER_CONTACT_ROLES as readonly string[]).includes(role))
  );
}

/** Whether the viewer may know who an anonymous reporter is: the first responder and the office's director. */
export function seesAnonymousIdentity(viewer: ReporterViewer, facts: ReporterCaseFacts): boolean {
  if (viewer.userId === facts.firstResponderId) return true;
  return viewer.roles.includes('director') && inOffice(viewer, facts);
}

/** The reporter as `viewer` may see them on this case. */
export function presentReporter(
  reporter: Reporter,
  viewer: ReporterViewer,
  facts: ReporterCaseFacts,
): ReporterView {
  const name = reporter.name ?? null;
  const phone = reporter.phone ?? null;
  const anonymous = reporter.anonymous === true;
  if (anonymous) {
    return seesAnonymousIdentity(viewer, facts)
      ? { name, phone, anonymous, masked: false, identityHidden: false }
      : { name: null, phone: null, anonymous, masked: false, identityHidden: true };
  }
  if (seesReporterContact(viewer, facts))
    return { name, phone, anonymous, masked: false, identityHidden: false };
  return { name: maskName(name), phone: maskPhone(phone), anonymous, masked: true, identityHidden: false };
}
