/** Operations: health, the manual deadline sweep, and the test clock of e2e runs. */
import { z } from 'zod';

export const Health = z.object({ status: z.literal('ok'), db: z.literal('ok'), version: z.string() });
export type Health = z.infer<typeof Health>;

export const SweepResult = z.object({ warned: z.number(), breached: z.number(), escalated: z.number() });
export type SweepResult = z.infer<typeof SweepResult>;

export const TestClockBody = z.object({
  now: z.iso.datetime({ offset: true }).optional(),
  advanceMs: z
    .number()
    .int()
    .min(0)
    .max(366 * 86_400_000)
    .optional(),
});
export const TestClockResult = z.object({ now: z.string() });
