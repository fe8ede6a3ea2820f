/**
 * Every case action, one module each, keyed by action: a missing or misnamed action is a type error here, and
 * `decide` in lifecycle.ts only looks its action up.
 */
import type { CaseAction } from '../case';
import { accept } from './accept';
import { arrive, type ArriveInput } from './arrive';
import { completeCorrective, type CompleteCorrectiveInput } from './complete-corrective';
import { verify, type VerifyInput } from './verify';
import { recordReportSent, type RecordReportSentInput } from './record-report-sent';
import { refer } from './refer';
import { recordDecision, type RecordDecisionInput } from './record-decision';
import { arrangeLeaderMeeting, type ArrangeLeaderMeetingInput } from './arrange-leader-meeting';
import { flagSpecialIncident } from './flag-special-incident';
import { assign, type AssignInput } from './assign';
import { assignCallback, type AssignCallbackInput } from './assign-callback';
import { callback, type CallbackInput } from './callback';
import { close } from './close';
import { comment, type CommentInput } from './comment';
import { escalate } from './escalate';
import { extend, type ExtendInput } from './extend';
import { invalidate, type InvalidateInput } from './invalidate';
import { merge, type MergeInput } from './merge';
import { recordContact, type RecordContactInput } from './record-contact';
import { reopen, type ReopenInput } from './reopen';
import { reply, type ReplyInput } from './reply';
import { resolve, type ResolveInput } from './resolve';
import { resume } from './resume';
import { returnCase } from './return';
import { route, type RouteInput } from './route';
import type { CaseActionModule, NoInput, ReasonInput } from './types';
import { wait } from './wait';

/** The body of POST /api/cases/{id}/actions/{action}, besides `version`, already parsed by the contract. */
export interface CaseActionInputs {
  route: RouteInput;
  assign: AssignInput;
  accept: NoInput;
  recordContact: RecordContactInput;
  return: ReasonInput;
  wait: ReasonInput;
  resume: NoInput;
  extend: ExtendInput;
  reply: ReplyInput;
  resolve: ResolveInput;
  callback: CallbackInput;
  reopen: ReopenInput;
  close: ReasonInput;
  invalidate: InvalidateInput;
  merge: MergeInput;
  escalate: ReasonInput;
  comment: CommentInput;
  assignCallback: AssignCallbackInput;
  verify: VerifyInput;
  arrive: ArriveInput;
  completeCorrective: CompleteCorrectiveInput;
  recordReportSent: RecordReportSentInput;
  refer: ReasonInput;
  recordDecision: RecordDecisionInput;
  arrangeLeaderMeeting: ArrangeLeaderMeetingInput;
  flagSpecialIncident: ReasonInput;
}

export type CaseActionModules = { readonly [A in CaseAction]: CaseActionModule<A, CaseActionInputs[A]> };

export const CASE_ACTION_MODULES: CaseActionModules = Object.freeze({
  route,
  assign,
  accept,
  recordContact,
  return: returnCase,
  wait,
  resume,
  extend,
  reply,
  resolve,
  callback,
  reopen,
  close,
  invalidate,
  merge,
  escalate,
  comment,
  assignCallback,
  verify,
  arrive,
  completeCorrective,
  recordReportSent,
  refer,
  recordDecision,
  arrangeLeaderMeeting,
  flagSpecialIncident,
});
