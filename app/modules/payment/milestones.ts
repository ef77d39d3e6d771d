/**
 * Milestone amounts (DESIGN.md "Contract and delivery": an advance of the tender's share of the
 * enrolled trainees' value when enrolment is confirmed, the balance per trainee who completed and
 * passed certification). Computed from delivery data, never typed in; integer fen throughout.
 *
 * Per trainee, the advance is a = round-half-up(price × advance % / 100) and the balance is
 * price − a, so a contract whose every trainee certifies pays exactly price × headcount.
 */
import type { MilestoneKind } from "./lifecycle";

/** The advance per trainee: price × pct / 100, rounded half up to the fen (exact integer arithmetic). */
export function advancePerTraineeFen(priceFen: number, advancePct: number): number {
  if (!Number.isSafeInteger(priceFen) || priceFen < 0) throw new RangeError(`price must be whole fen, got ${priceFen}`);
  if (!Number.isInteger(advancePct) || advancePct < 0 || advancePct > 100) throw new RangeError(`advance share must be 0–100 %, got ${advancePct}`);
  // x / 100 rounded half up = floor((x + 50) / 100) for x ≥ 0.
  return Math.floor((priceFen * advancePct + 50) / 100);
}

/** The balance per certified trainee: what the advance left of the price. */
export function balancePerTraineeFen(priceFen: number, advancePct: number): number {
  return priceFen - advancePerTraineeFen(priceFen, advancePct);
}

export interface ContractTerms {
  priceFen: number;
  advancePct: number;
  headcount: number;
}

export interface AdvanceBasis {
  kind: "advance";
  priceFen: number;
  advancePct: number;
  perTraineeFen: number;
  headcount: number;
  /** Trainees whose enrolment is confirmed now. */
  confirmed: number;
  /** Seats already covered by earlier advance milestones that were not refused. */
  coveredBefore: number;
  /** New seats this advance pays: confirmed (at most the headcount) less those covered. */
  seats: number;
  /** The confirmed enrolments at the time of the request, for the record. */
  enrolmentIds: string[];
  amountFen: number;
}

/**
 * The advance that may be requested now, or null: seats = min(confirmed, headcount) less the
 * seats of earlier live advance milestones; amount = seats × the advance per trainee.
 */
export function nextAdvance(terms: ContractTerms, confirmedEnrolmentIds: readonly string[], coveredSeats: number): AdvanceBasis | null {
  const perTraineeFen = advancePerTraineeFen(terms.priceFen, terms.advancePct);
  const seats = Math.min(confirmedEnrolmentIds.length, terms.headcount) - coveredSeats;
  if (seats <= 0 || perTraineeFen <= 0) return null;
  return {
    kind: "advance",
    priceFen: terms.priceFen,
    advancePct: terms.advancePct,
    perTraineeFen,
    headcount: terms.headcount,
    confirmed: confirmedEnrolmentIds.length,
    coveredBefore: coveredSeats,
    seats,
    enrolmentIds: [...confirmedEnrolmentIds],
    amountFen: seats * perTraineeFen,
  };
}

export interface CertifiedTrainee {
  enrolmentId: string;
  certificateNumber: string | null;
}

export interface BalanceBasis {
  kind: "balance";
  priceFen: number;
  advancePct: number;
  perTraineeFen: number;
  /** Certified trainees not yet in a live balance milestone: the ones this balance pays. */
  trainees: CertifiedTrainee[];
  /** Certified trainees already in a live balance milestone. */
  coveredBefore: number;
  amountFen: number;
}

/**
 * The balance that may be requested now, or null: price − advance for each certified trainee not
 * yet in a live (not refused) balance milestone.
 */
export function nextBalance(terms: ContractTerms, certified: readonly CertifiedTrainee[], coveredEnrolmentIds: ReadonlySet<string>): BalanceBasis | null {
  const perTraineeFen = balancePerTraineeFen(terms.priceFen, terms.advancePct);
  const trainees = certified.filter((c) => !coveredEnrolmentIds.has(c.enrolmentId));
  if (trainees.length === 0 || perTraineeFen <= 0) return null;
  return {
    kind: "balance",
    priceFen: terms.priceFen,
    advancePct: terms.advancePct,
    perTraineeFen,
    trainees,
    coveredBefore: certified.length - trainees.length,
    amountFen: trainees.length * perTraineeFen,
  };
}

export type MilestoneBasis = AdvanceBasis | BalanceBasis;

/** How many trainees a milestone pays for: advance seats, or certified trainees. */
export function traineeCountOf(basis: MilestoneBasis): number {
  return basis.kind === "advance" ? basis.seats : basis.trainees.length;
}

/** The basis as frozen in `milestones.basis_json`, read back (tolerant of older shapes: unknown → null). */
export function parseBasis(json: string): MilestoneBasis | null {
  try {
    const v = JSON.parse(json) as { kind?: MilestoneKind };
    return v && (v.kind === "advance" || v.kind === "balance") ? (v as MilestoneBasis) : null;
  } catch {
    return null;
  }
}
