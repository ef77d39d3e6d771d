import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * For the demo and local runs only: when BID_SEAL_KEY is not set, use (or make) a key file under
 * data/, beside but outside the database. A real deployment sets BID_SEAL_KEY from its secret
 * store (docs/operations.md); the key is never written into the database.
 */
export function ensureLocalSealKey(path = process.env.BID_SEAL_KEY_FILE ?? "data/bid-seal.key"): void {
  if (process.env.BID_SEAL_KEY) return;
  const file = resolve(path);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64") + "\n", { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  process.env.BID_SEAL_KEY = readFileSync(file, "utf8").trim();
}
