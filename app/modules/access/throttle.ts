/**
 * Sign-in throttling (DESIGN.md "Sessions and sign-in"; ASVS 2.2.1): at most 100 failures an
 * hour per account, with growing delays after the fifth, and a ceiling per network address.
 * Unknown accounts are throttled exactly like existing ones, so the answer reveals nothing.
 */
export const WINDOW_MS = 60 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 100;
export const MAX_FAILURES_PER_ADDRESS = 1000;
export const FREE_FAILURES = 5;
// At most 30 s, so that the hourly ceiling of 100 failures is reachable (and enforced) within the hour.
export const MAX_DELAY_MS = 30 * 1000;

export interface ThrottleFacts {
  /** Failures for this account in the last hour. */
  accountFailures: number;
  /** The latest of them, if any. */
  lastAccountFailureAt: Date | null;
  /** Failures from this address in the last hour, over all accounts. */
  addressFailures: number;
  now: Date;
}

/** The wait imposed after n failures: none for the first five, then 1 s, 2 s, 4 s … up to 30 s. */
export function delayAfter(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES) * 1000, MAX_DELAY_MS);
}

/** May this attempt be checked at all? */
export function isThrottled(f: ThrottleFacts): boolean {
  if (f.accountFailures >= MAX_FAILURES_PER_ACCOUNT) return true;
  if (f.addressFailures >= MAX_FAILURES_PER_ADDRESS) return true;
  if (f.lastAccountFailureAt) {
    const wait = delayAfter(f.accountFailures);
    if (f.now.getTime() - f.lastAccountFailureAt.getTime() < wait) return true;
  }
  return false;
}
