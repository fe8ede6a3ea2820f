/**
 * The small form behind each action button (FLOW-1): one drawer, the fields of the action's body,
 * the `version` the user was looking at when they opened it. Each action's fields, starting values and body live
 * in `actions/<Action>Fields.tsx`, typed by the contract's body; sending and what comes back, in
 * `actions/useCaseAction.ts`.
 */
import type { ReactElement } from 'react';
import { Drawer, Grid } from 'antd';
import type { Case, CaseAction } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { ArrangeLeaderMeetingFields, arrangeLeaderMeeting } from './actions/ArrangeLeaderMeetingFields';
import { ArriveFields, arrive } from './actions/ArriveFields';
import { AssignCallbackFields, assignCallback } from './actions/AssignCallbackFields';
import { AssignFields, assign } from './actions/AssignFields';
import { CallbackFields, callback } from './actions/CallbackFields';
import { CaseActionForm } from './actions/CaseActionForm';
import { CommentFields, comment } from './actions/CommentFields';
import { CompleteCorrectiveFields, completeCorrective } from './actions/CompleteCorrectiveFields';
import { ExtendFields, extend } from './actions/ExtendFields';
import { InvalidateFields, invalidate } from './actions/InvalidateFields';
import { MergeFields, merge } from './actions/MergeFields';
import { ReasonFields, reason } from './actions/ReasonFields';
import { RecordContactFields, recordContact } from './actions/RecordContactFields';
import { RecordDecisionFields, recordDecision } from './actions/RecordDecisionFields';
import { RecordReportSentFields, recordReportSent } from './actions/RecordReportSentFields';
import { ReplyFields, reply } from './actions/ReplyFields';
import { ResolveFields, resolve } from './actions/ResolveFields';
import { RouteFields, route } from './actions/RouteFields';
import type { FormAction } from './actions/types';
import { VerifyFields, verify } from './actions/VerifyFields';

/** Actions with an empty body: one click, no form. */
export const DIRECT_ACTIONS = ['accept', 'resume'] as const satisfies readonly Exclude<
  CaseAction,
  FormAction
>[];
export type DirectAction = (typeof DIRECT_ACTIONS)[number];
export const isDirectAction = (a: CaseAction): a is DirectAction => DIRECT_ACTIONS.some((d) => d === a);

interface Props {
  c: Case;
  action: CaseAction | null;
  onClose: () => void;
}

export function ActionDrawer({ c, action, onClose }: Props) {
  const { label } = useI18n();
  const screens = Grid.useBreakpoint();
  return (
    <Drawer
      open={action !== null}
      title={action ? `${label('action', action)} · ${c.number}` : ''}
      onClose={onClose}
      size={screens.sm ? 520 : '100%'}
      destroyOnHidden
    >
      {action && <ActionForm key={action} c={c} action={action} onClose={onClose} />}
    </Drawer>
  );
}

/** Every action has its case here: the return type makes a new action without one fail to compile. */
function ActionForm({
  c,
  action,
  onClose,
}: {
  c: Case;
  action: CaseAction;
  onClose: () => void;
}): ReactElement | null {
  const frame = { c, onClose };
  switch (action) {
    case 'route':
      return (
        <CaseActionForm {...frame} action={action} spec={route(c)}>
          <RouteFields c={c} />
        </CaseActionForm>
      );
    case 'assign':
      return (
        <CaseActionForm {...frame} action={action} spec={assign(c)}>
          <AssignFields c={c} />
        </CaseActionForm>
      );
    case 'assignCallback':
      return (
        <CaseActionForm {...frame} action={action} spec={assignCallback(c)}>
          <AssignCallbackFields c={c} />
        </CaseActionForm>
      );
    case 'recordContact':
      return (
        <CaseActionForm {...frame} action={action} spec={recordContact(c)}>
          <RecordContactFields />
        </CaseActionForm>
      );
    case 'return':
    case 'wait':
    case 'reopen':
    case 'close':
    case 'escalate':
    case 'refer':
    case 'flagSpecialIncident':
      return (
        <CaseActionForm {...frame} action={action} spec={reason}>
          <ReasonFields c={c} action={action} />
        </CaseActionForm>
      );
    case 'invalidate':
      return (
        <CaseActionForm {...frame} action={action} spec={invalidate}>
          <InvalidateFields />
        </CaseActionForm>
      );
    case 'comment':
      return (
        <CaseActionForm {...frame} action={action} spec={comment}>
          <CommentFields />
        </CaseActionForm>
      );
    case 'extend':
      return (
        <CaseActionForm {...frame} action={action} spec={extend}>
          <ExtendFields c={c} />
        </CaseActionForm>
      );
    case 'reply':
      return (
        <CaseActionForm {...frame} action={action} spec={reply(c)}>
          <ReplyFields />
        </CaseActionForm>
      );
    case 'resolve':
      return (
        <CaseActionForm {...frame} action={action} spec={resolve}>
          <ResolveFields />
        </CaseActionForm>
      );
    case 'callback':
      return (
        <CaseActionForm {...frame} action={action} spec={callback}>
          <CallbackFields />
        </CaseActionForm>
      );
    case 'merge':
      return (
        <CaseActionForm {...frame} action={action} spec={merge}>
          <MergeFields />
        </CaseActionForm>
      );
    case 'verify':
      return (
        <CaseActionForm {...frame} action={action} spec={verify}>
          <VerifyFields />
        </CaseActionForm>
      );
    case 'arrive':
      return (
        <CaseActionForm {...frame} action={action} spec={arrive}>
          <ArriveFields c={c} />
        </CaseActionForm>
      );
    case 'completeCorrective':
      return (
        <CaseActionForm {...frame} action={action} spec={completeCorrective}>
          <CompleteCorrectiveFields c={c} />
        </CaseActionForm>
      );
    case 'recordReportSent':
      return (
        <CaseActionForm {...frame} action={action} spec={recordReportSent(c)}>
          <RecordReportSentFields />
        </CaseActionForm>
      );
    case 'recordDecision':
      return (
        <CaseActionForm {...frame} action={action} spec={recordDecision(c)}>
          <RecordDecisionFields c={c} />
        </CaseActionForm>
      );
    case 'arrangeLeaderMeeting':
      return (
        <CaseActionForm {...frame} action={action} spec={arrangeLeaderMeeting}>
          <ArrangeLeaderMeetingFields />
        </CaseActionForm>
      );
    case 'accept':
    case 'resume':
      // DIRECT_ACTIONS: run from the button, no form
      return null;
  }
}
