/** Satisfaction of answered callbacks (CALLBACK-3): (满意 + 基本满意) ÷ answered. */
export interface SatisfactionTally {
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
}

/** 0–1, or null when no callback was answered (no rate, rather than 0 % or 100 %). */
export function satisfactionRate(t: SatisfactionTally): number | null {
  const answered = t.satisfied + t.basicallySatisfied + t.unsatisfied;
  return answered === 0 ? null : (t.satisfied + t.basicallySatisfied) / answered;
}
