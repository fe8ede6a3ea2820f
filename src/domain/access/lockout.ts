/**
 * Login lock-out (ACCESS-3, policy): `maxFailures` failed attempts for a username inside `windowMs` lock it for
 * `lockMs` from the last of them; a successful login or an admin's unlock clears the count. Pure: attempts and
 * `now` are arguments.
 *
 * An attempt is counted as a failure from the moment it is admitted, before its password is checked: the
 * caller reserves it under a lock and turns it into a success only after the check passes, so
 * concurrent requests can never check more than `maxFailures` passwords.
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

/**
 * Returns the instant the username is locked until, or null when it may try. `unlockedAt`: an admin's latest
 * unlock; attempts up to it no longer count.
 */
export function lockedUntil(
  attempts: readonly Attempt[],
  now: Date,
  policy: LockoutPolicy,
  unlockedAt: Date | null = null,
): Date | null {
  const sorted = [...attempts].sort((a, b) => a.at.getTime() - b.at.getTime());
  let lastSuccess = unlockedAt ? unlockedAt.getTime() : -Infinity;
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
