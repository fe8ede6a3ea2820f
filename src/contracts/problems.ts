/**
 * Recurring problems (问题, PROBLEM-1, 000 §9): clusters of cases by place and category or by similar text, each
 * with a cross-department review, a due date, root cause and measures.
 */
import { z } from 'zod';
import { PROBLEM_SCOPE_TYPES, PROBLEM_STATUSES } from '../domain/accountability/problems';
import { CASE_KINDS, CASE_STATES } from '../domain/case/case';
import { ListQuery } from './common';

const IsoTime = z.iso.datetime({ offset: true });
const Named = z.object({ id: z.string(), name: z.string() });

export const ProblemStatus = z.enum(PROBLEM_STATUSES);
export const ProblemScopeType = z.enum(PROBLEM_SCOPE_TYPES);

export const Problem = z.object({
  id: z.string(),
  status: ProblemStatus,
  /** room | building | community: cases of one place and category; similar_text: near-identical descriptions */
  scopeType: ProblemScopeType,
  /** the room, building or community; null for similar text */
  scope: Named.nullable(),
  category: Named.nullable(),
  office: Named.nullable(),
  community: Named.nullable(),
  title: z.string(),
  detectedAt: IsoTime,
  caseCount: z.number().int(),
  /** the departments of the cross-department review */
  reviewDepartments: z.array(Named),
  dueAt: IsoTime.nullable(),
  rootCause: z.string().nullable(),
  /** 整改措施: the problem stays open until they are recorded */
  measures: z.string().nullable(),
  closedAt: IsoTime.nullable(),
  closedBy: Named.nullable(),
  version: z.number().int(),
});
export type Problem = z.infer<typeof Problem>;

export const ProblemCase = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(CASE_KINDS),
  state: z.enum(CASE_STATES),
  receivedAt: IsoTime,
  category: z.string().nullable(),
  room: z.string().nullable(),
  /** the first 200 characters */
  description: z.string(),
});
export type ProblemCase = z.infer<typeof ProblemCase>;

export const ProblemDetail = Problem.extend({
  /** the linked cases, newest first (at most 500) */
  cases: z.array(ProblemCase),
});
export type ProblemDetail = z.infer<typeof ProblemDetail>;

export const ProblemListQuery = ListQuery.extend({
  status: ProblemStatus.optional(),
  officeId: z.uuid().optional(),
});
export type ProblemListQuery = z.infer<typeof ProblemListQuery>;

export const UpdateProblemBody = z.object({
  version: z.number().int().min(1),
  reviewDepartmentIds: z.array(z.uuid()).max(20).optional(),
  dueAt: IsoTime.nullable().optional(),
  rootCause: z.string().trim().max(5000).nullable().optional(),
  measures: z.string().trim().max(5000).nullable().optional(),
});
export type UpdateProblemBody = z.infer<typeof UpdateProblemBody>;

export const CloseProblemBody = z.object({ version: z.number().int().min(1) });
export type CloseProblemBody = z.infer<typeof CloseProblemBody>;

/**
 * At intake: open problems a new case would join — same room, building or community (and category, when given),
 * or, with `description`, near-identical text in the room's community. Without a room nothing matches.
 */
export const ProblemMatchQuery = z.object({
  roomId: z.uuid().optional(),
  categoryId: z.uuid().optional(),
  description: z.string().trim().max(2000).optional(),
});
export type ProblemMatchQuery = z.infer<typeof ProblemMatchQuery>;

export const ProblemMatches = z.object({ items: z.array(Problem) });
export type ProblemMatches = z.infer<typeof ProblemMatches>;

export const DetectResult = z.object({
  /** problems raised now */
  created: z.number().int(),
  /** cases newly linked to open problems (new and existing) */
  linked: z.number().int(),
});
export type DetectResult = z.infer<typeof DetectResult>;
