import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditFields {
  seq: number;
  at: string;
  actor_user_id: string | null;
  actor_org_id: string | null;
  action: string;
  record_type: string;
  record_id: string | null;
  before_json: string | null;
  after_json: string | null;
}

/** The hash of an entry covers every field and the previous entry's hash (a hash chain). */
export function hashEntry(prevHash: string, e: AuditFields): string {
  const canonical = JSON.stringify([
    e.seq,
    e.at,
    e.actor_user_id,
    e.actor_org_id,
    e.action,
    e.record_type,
    e.record_id,
    e.before_json,
    e.after_json,
    prevHash,
  ]);
  return encodeHexLowerCase(sha256(new TextEncoder().encode(canonical)));
}

export type ChainProblem =
  | { kind: "gap"; seq: number; expectedSeq: number }
  | { kind: "prevHash"; seq: number }
  | { kind: "hash"; seq: number }
  | { kind: "head"; seq: number };

export interface StoredEntry extends AuditFields {
  prev_hash: string;
  hash: string;
}

/**
 * Walks entries in seq order from `prev` (the hash and seq before the first entry given) and
 * returns the first problem: a missing or inserted entry (gap), a broken link, or an entry whose
 * content no longer matches its hash.
 */
export function checkChainSegment(
  entries: readonly StoredEntry[],
  prev: { seq: number; hash: string },
): { ok: true; last: { seq: number; hash: string } } | { ok: false; problem: ChainProblem } {
  let last = prev;
  for (const e of entries) {
    if (e.seq !== last.seq + 1) return { ok: false, problem: { kind: "gap", seq: e.seq, expectedSeq: last.seq + 1 } };
    if (e.prev_hash !== last.hash) return { ok: false, problem: { kind: "prevHash", seq: e.seq } };
    if (hashEntry(e.prev_hash, e) !== e.hash) return { ok: false, problem: { kind: "hash", seq: e.seq } };
    last = { seq: e.seq, hash: e.hash };
  }
  return { ok: true, last };
}
