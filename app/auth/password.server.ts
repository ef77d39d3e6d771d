import { hash, verify, type Options } from "@node-rs/argon2";

// argon2id (Algorithm.Argon2id = 2; a const enum, so written as its value) with OWASP's
// minimum configuration: m=19 MiB, t=2, p=1 (≈70 ms here).
const OPTIONS: Options = { algorithm: 2 as Options["algorithm"], memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check when the account does not exist, so that timing does not
 * tell whether an e-mail address has an account.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("no-such-account-dummy-password");
  await verifyPassword(await dummyHash, password);
  return false;
}
