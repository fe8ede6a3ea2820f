/** The organisation's value lists (zod-free; contracts validate with them, the web lists them). */

/** What a department does; routing and dispatch use it. */
export const DEPARTMENT_FUNCTIONS = [
  'customer_service',
  'engineering',
  'quality',
  'finance',
  'security',
  'cleaning',
  'greening',
  'admin',
  // the company's complaint-supervision centre (客户投诉中心, ESCALATE-3): a company department above the offices
  'complaint_centre',
  'other',
] as const;

/** sister: a unit of the same group (004 第六条); external: an outside body (004 第七条, 000 §7) */
export const PARTNER_RELATIONS = ['sister', 'external'] as const;

/** what an outside body or sister unit provides (routing picks the unit by it) */
export const PARTNER_SERVICES = [
  'water',
  'power',
  'gas',
  'heating',
  'telecom',
  'municipal',
  'developer',
  'other',
] as const;
