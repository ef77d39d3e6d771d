import { parseSealKey } from "./seal.server";

/**
 * The sealing keys: BID_SEAL_KEY seals new bids; BID_SEAL_KEY_PREVIOUS (comma-separated) keeps
 * bids sealed before a rotation openable. Never stored in the database (DESIGN.md "Bid — sealed").
 */
export function sealKeys(env: NodeJS.ProcessEnv = process.env): { current: Buffer; all: Buffer[] } {
  const current = parseSealKey(env.BID_SEAL_KEY);
  const previous = (env.BID_SEAL_KEY_PREVIOUS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((k) => parseSealKey(k));
  return { current, all: [current, ...previous] };
}
