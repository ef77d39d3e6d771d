/**
 * The reliability drills' world and writer (tests only): a SQLite test database with an open lot
 * for one institution to bid on, an awarded lot whose runners-up the writer proposes in turn, and
 * an approved milestone of the resulting contract for finance to pay; and the writer process
 * (write-loop.ts) started, told to go, read and killed. `DRILL_DEBUG=1` echoes the writer's
 * output.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { sql } from "kysely";
import { onTestFinished } from "vitest";
import { makeActor } from "#tests/factories";
import { openSqlite } from "#db/client";
import { closeObjections } from "~/modules/award/close-objections.server";
import { after, publishedResult } from "~/modules/award/test-fixtures.server";
import { institutions, publishedLot } from "~/modules/bidding/test-fixtures.server";
import { makeWorld, NOW } from "~/modules/tender/test-fixtures.server";
import { newId } from "~/utils/id.server";
import type { WriterWorld } from "./write-loop";

export interface DrillWorld extends WriterWorld {
  /** The SQLite file (removed when the test ends). */
  path: string;
}

/**
 * Builds the drill's world with the fixtures' use cases, then closes the test's own connection,
 * so that only the writer and the checks open the file from here on.
 */
export async function makeDrillWorld(): Promise<DrillWorld> {
  const w = await makeWorld();
  const [{ file }] = (await sql<{ file: string }>`pragma database_list`.execute(w.db)).rows as [{ file: string }];

  const { lotId: bidLotId } = await publishedLot(w);
  const [bidder] = await institutions(w, 1);
  const lot = await w.db.selectFrom("lots").select("max_price_fen").where("id", "=", bidLotId).executeTakeFirstOrThrow();

  // Three ranked bids: the first wins and is contracted; the writer proposes the other two in turn.
  const awarded = await publishedResult(w, [150_000, 160_000, 170_000]);
  after(awarded.objectionDeadline, 1000);
  const closed = await closeObjections(w.db, w.officer, awarded.lotId);
  if (!closed.ok || closed.value.contractIds.length !== 1) throw new Error(`closing objections failed: ${JSON.stringify(closed)}`);
  const contract = await w.db.selectFrom("contracts").select(["id", "institution_id"]).where("id", "=", closed.value.contractIds[0]!).executeTakeFirstOrThrow();

  const finance = await makeActor(w.db, { kind: "bureau", roles: ["finance"] });
  const t = NOW.toISOString();
  await w.db
    .insertInto("payout_accounts")
    .values({ organisation_id: contract.institution_id, account_id: `offline_acct_${newId()}`, mode: "offline", can_receive: 1, details_submitted: 1, requirements: null, status_as_of: 0, created_at: t, updated_at: t })
    .execute();
  const milestoneId = newId();
  await w.db
    .insertInto("milestones")
    .values({
      id: milestoneId,
      contract_id: contract.id,
      kind: "advance",
      number: 1,
      trainee_count: 25,
      amount_fen: 1_875_000,
      basis_json: JSON.stringify({ drill: true }),
      status: "approved",
      requested_at: t,
      requested_by: awarded.bidders[0]!.userId,
      decided_at: t,
      decided_by: finance.userId,
      refusal_reason: null,
      updated_at: t,
    })
    .execute();

  await w.db.destroy();
  return {
    path: file,
    bidLotId,
    bidder: bidder!,
    priceFen: Math.min(150_000, Number(lot.max_price_fen)),
    awardLotId: awarded.lotId,
    awardBidIds: [awarded.bidIds[1]!, awarded.bidIds[2]!],
    milestoneId,
    finance,
  };
}

/** The bid deadline is weeks after NOW: the writer's clock starts there, a minute later each run. */
export function drillClock(run: number): string {
  return new Date(NOW.getTime() + run * 60_000).toISOString();
}

export interface Ack {
  action: string;
  id: string;
  other?: string;
  /** Milliseconds since the writer was told to go. */
  atMs: number;
}

export interface State {
  seq: number;
  hash: string;
  counts: Record<string, number>;
  atMs: number;
}

export interface Writer {
  child: ChildProcessWithoutNullStreams;
  /** Modules loaded; the database not yet opened. */
  loaded: Promise<void>;
  /** Opens the database and starts writing. */
  go(): void;
  acks: Ack[];
  states: State[];
  /** Resolves at the first acknowledged write of this action (or when the writer ends). */
  ackOf(action: string): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts the writer (it loads, then waits for `go`). */
export function startWriter(world: DrillWorld, mode: "crash" | "load", run: number): Writer {
  const { path, ...writerWorld } = world;
  // tsx as a loader in this very process, not its CLI (which runs the script in a second process
  // that a SIGKILL of the first would miss).
  const child = spawn(process.execPath, ["--import", "tsx", "tests/reliability/write-loop.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: `file:${path}`,
      LOG_LEVEL: "silent",
      RELIABILITY_WORLD: JSON.stringify(writerWorld),
      RELIABILITY_MODE: mode,
      RELIABILITY_CLOCK: drillClock(run),
    },
  });
  // However the test ends, no writer outlives it.
  onTestFinished(() => {
    child.kill("SIGKILL");
  });
  let goAt = 0;
  const since = () => performance.now() - goAt;
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
    if (process.env.DRILL_DEBUG) process.stderr.write(`[writer ${run} stderr] ${d.toString()}`);
  });
  const acks: Ack[] = [];
  const states: State[] = [];
  let onLoaded = () => {};
  const loaded = new Promise<void>((resolve) => (onLoaded = resolve));
  let waiters: { action: string; resolve: () => void }[] = [];
  let ended = false;
  const settle = (action?: string) => {
    for (const w of waiters) if (action === undefined || w.action === action) w.resolve();
    waiters = waiters.filter((w) => action !== undefined && w.action !== action);
  };
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (process.env.DRILL_DEBUG) process.stderr.write(`[writer ${run}] ${line}\n`);
    const [word, ...rest] = line.split(" ");
    if (word === "loaded") onLoaded();
    else if (word === "ack") {
      acks.push({ action: rest[0]!, id: rest[1]!, other: rest[2], atMs: since() });
      settle(rest[0]);
    } else if (word === "state") {
      states.push({ seq: Number(rest[0]), hash: rest[1]!, counts: JSON.parse(rest.slice(2).join(" ")) as Record<string, number>, atMs: since() });
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal, stderr })),
  );
  // A writer that dies on its own (an error) must fail the test, not hang it.
  void exited.then(() => {
    ended = true;
    onLoaded();
    settle();
  });
  return {
    child,
    loaded,
    go() {
      goAt = performance.now();
      child.stdin.write("go\n");
    },
    acks,
    states,
    ackOf(action) {
      if (ended || acks.some((a) => a.action === action)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ action, resolve }));
    },
    exited,
  };
}

/** SQLite's own checks of the file: `PRAGMA integrity_check` and `PRAGMA foreign_key_check`. */
export function fileChecks(path: string): { integrity: string[]; foreignKeyViolations: number } {
  const sqlite = openSqlite(path);
  try {
    const integrity = sqlite.pragma("integrity_check", { simple: false }) as { integrity_check: string }[];
    const fk = sqlite.pragma("foreign_key_check") as unknown[];
    return { integrity: integrity.map((r) => r.integrity_check), foreignKeyViolations: fk.length };
  } finally {
    sqlite.close();
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
