/** The deadline engine's subject kinds, zod-free for the web (domain/deadlines/subjects.ts). */
export {
  DEADLINE_SUBJECTS as DEADLINE_KINDS,
  type DeadlineSubject as DeadlineKind,
} from '../../domain/deadlines/kinds';
export { DEADLINE_STEPS, type DeadlineStep } from '../../domain/deadlines/subjects';
export type { StoredDeadlineSubject as StoredDeadlineKind } from '../../domain/deadlines/kinds';
