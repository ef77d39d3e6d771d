import type { DB } from "#db/client";
import { checkChainSegment, GENESIS_HASH, type ChainProblem } from "./chain";

export type ChainReport =
  | { ok: true; count: number; head: { seq: number; hash: string } }
  | { ok: false; count: number; problem: ChainProblem };

const PAGE = 2000;

/** Walks the whole audit chain in seq order and reports the first entry that breaks it. */
export async function verifyAuditChain(db: DB): Promise<ChainReport> {
  let last = { seq: 0, hash: GENESIS_HASH };
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">", last.seq)
      .orderBy("seq")
      .limit(PAGE)
      .execute();
    const entries = rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    const result = checkChainSegment(entries, last);
    if (!result.ok) return { ok: false, count, problem: result.problem };
    count += entries.length;
    last = result.last;
    if (rows.length < PAGE) break;
  }
  const head = await db.selectFrom("audit_head").select(["seq", "hash"]).where("id", "=", 1).executeTakeFirstOrThrow();
  if (Number(head.seq) !== last.seq || head.hash !== last.hash) {
    return { ok: false, count, problem: { kind: "head", seq: Number(head.seq) } };
  }
  return { ok: true, count, head: last };
}
