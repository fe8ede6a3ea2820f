/** What a staff notification (the bell) is about (zod-free; contracts validate with it, the web labels it). */
export const NOTIFICATION_TYPES = [
  /** a case waits in the user's queue */
  'queued',
  /** the user became the handler */
  'assigned',
  /** a clock reached 80% (CLOCK-5) */
  'warning',
  /** a clock was breached */
  'breach',
  'callback_due',
  'callback_result',
  /** a breached case escalated to the user's tier */
  'escalated',
  /**
   * Recurring problems (PROBLEM-3): raised (to the office director), assigned to a review (to the review
   * departments' people and the director; `data.departments`: their names), due without measures (to the review's
   * people). No case: `data` carries `problemId` and `title`, and the bell links to the problem.
   */
  'problem_raised',
  'problem_assigned',
  'problem_overdue',
  /** an emergency was received (EMERGENCY-1): to the office director, the supervisors, a repair's team heads */
  'emergency',
  /** a complaint was verified (HANDLE-1): the findings, to the office director (and, for a service complaint, to
   * the employee's department head, HANDLE-6) */
  'verified',
  /** a case was referred to the director for a decision (ESCALATE-3) */
  'referred',
  /** a special incident (HANDLE-7): to the office director and the manager */
  'special_incident',
  /** a meeting with the resident was arranged for the user (HANDLE-6); `data.at` */
  'leader_meeting',
  /** a complaint, major or emergency case was resolved (CALLBACK-8): to the office director */
  'resolved',
  /** a new case repeats one closed recently (INTAKE-12): to the office's supervisors, who may reopen it;
   * `data.relatedNumber` */
  'repeat',
  /** the office's other results of the previous day (CALLBACK-8), no case: `data.day`, `data.count`, `data.officeId` */
  'daily_results',
] as const;
