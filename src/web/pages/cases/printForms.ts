/** The paper forms of FORM-1 with a print view (/cases/:id/print/:form). */
import type { CaseKind } from '../../api/types';
import type { UiKey } from '../../i18n/dictionaries';

export const PRINT_FORMS = [
  'complaint-register',
  'complaint-notice',
  'written-report',
  'first-responder-register',
  'major-complaint-record',
  'repair-order',
] as const;
export type PrintForm = (typeof PRINT_FORMS)[number];

export const PRINT_FORM_TITLE: Record<PrintForm, UiKey> = {
  'complaint-register': 'printForm.complaintRegister',
  'complaint-notice': 'printForm.complaintNotice',
  'written-report': 'printForm.writtenReport',
  'first-responder-register': 'printForm.firstResponderRegister',
  'major-complaint-record': 'printForm.majorComplaintRecord',
  'repair-order': 'printForm.repairOrder',
};

/** The forms that fit a kind first (a repair's work order, a complaint's register …); all are offered. */
export function formsFor(kind: CaseKind): PrintForm[] {
  const first: PrintForm[] =
    kind === 'repair'
      ? ['repair-order', 'first-responder-register']
      : kind === 'complaint'
        ? [
            'complaint-register',
            'complaint-notice',
            'written-report',
            'major-complaint-record',
            'first-responder-register',
          ]
        : ['first-responder-register'];
  return [...first, ...PRINT_FORMS.filter((f) => !first.includes(f))];
}

export const isPrintForm = (v: string | undefined): v is PrintForm =>
  (PRINT_FORMS as readonly string[]).includes(v ?? '');
