/** A company's policy as GET /api/policies answers it, for the clock policy page's tests. */
import type { Policy } from '../../../contracts/policies';

export const CATEGORY = '00000000-0000-4000-8000-0000000000d1';

export const policyFixture = (over: Partial<Policy> = {}): Policy => ({
  clockPolicy: {
    defaults: { reply: { amount: 12, unit: 'hours' }, corrective: null },
    byKind: { repair: { resolve: { amount: 3, unit: 'calendar_days' } } },
    bySeverity: { emergency: { onsite: { amount: 15, unit: 'minutes' }, callback: null } },
    byCategory: { [CATEGORY]: { resolve: { amount: 1, unit: 'working_days' } } },
  },
  numberPrefixes: { complaint: 'TS' },
  callbackExemptKinds: ['inquiry', 'praise'],
  version: 4,
  defaults: {
    clocks: {
      dispatch: { amount: 5, unit: 'minutes' },
      contact: { amount: 30, unit: 'minutes' },
      route: { amount: 60, unit: 'minutes' },
      verify: { amount: 0, unit: 'same_day' },
      reply: { amount: 24, unit: 'hours' },
      resolve: { amount: 7, unit: 'calendar_days' },
      callback: { amount: 2, unit: 'calendar_days' },
      corrective: null,
      onsite: { amount: 30, unit: 'minutes' },
      progress: { amount: 2, unit: 'hours' },
      appointment: null,
      followUp: { amount: 2, unit: 'working_days' },
      homeVisit: null,
    },
    numberPrefixes: {
      complaint: 'TS',
      repair: 'BX',
      inquiry: 'ZX',
      suggestion: 'JY',
      praise: 'BY',
      other: 'QT',
    },
    callbackExemptKinds: ['inquiry', 'praise'],
  },
  ...over,
});
