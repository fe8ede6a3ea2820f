/**
 * Login lock-out (issue 2 §4, policy): `maxFailures` failed attempts for a username inside `windowMs` lock it for
 * `lockMs` from the last of them; a successful login clears the count. Pure: attempts and `now` are arguments.
 */
export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export interface Attempt {
  at: Date;
  success: boolean;
}

/** Returns the instant the username is locked until, or null when it may try. */
export function lockedUntil(attempts: readonly Attempt[], now: Date, policy: LockoutPolicy): Date | null {
  const sorted = [...attempts].sort((a, b) => a.at.getTime() - b.at.getTime());
  let lastSuccess = -Infinity;
  for (const a of sorted) if (a.success) lastSuccess = a.at.getTime();
  const failures = sorted
    .filter((a) => !a.success && a.at.getTime() > lastSuccess)
    .map((a) => a.at.getTime());
  let until: number | null = null;
  // A lock starts at any failure that completes `maxFailures` failures within the window.
  for (let i = policy.maxFailures - 1; i < failures.length; i++) {
    if (failures[i] - failures[i - policy.maxFailures + 1] <= policy.windowMs)
      until = failures[i] + policy.lockMs;
  }
  return until !== null && until > now.getTime() ? new Date(until) : null;
}

/** Attempts from one IP inside the window, all outcomes (a password-spraying guard). */
export function ipLimited(
  attemptTimes: readonly Date[],
  now: Date,
  windowMs: number,
  maxPerIp: number,
): Date | null {
  const recent = attemptTimes
    .map((d) => d.getTime())
    .filter((t) => t > now.getTime() - windowMs)
    .sort((a, b) => a - b);
  if (recent.length < maxPerIp) return null;
  // Free again when enough of the oldest attempts leave the window.
  return new Date(recent[recent.length - maxPerIp] + windowMs);
}
