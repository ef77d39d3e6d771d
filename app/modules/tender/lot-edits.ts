/**
 * The officer's edits of a tender's lots (DESIGN.md "Tender and lots": the officer can merge,
 * split and edit the suggested lots; each lot carries occupation, level, headcount, delivery
 * window, a maximum price per trainee that is the subsidy cap by default and never above it, and
 * the demands it covers). Pure: each edit takes the lots and returns the lots after it.
 */
import { formatFen } from "~/modules/reference/money";
import type { IsoDate } from "~/modules/reference/working-days";
import { msg } from "~/utils/result";
import type { DemandStatus } from "~/modules/demand/lifecycle";
import type { LotStatus, TenderStatus } from "./lifecycle";
import { commonWindow, windowFitsAll } from "./suggest-lots";

export interface LotDemand {
  id: string;
  headcount: number;
  earliestStart: IsoDate;
  latestEnd: IsoDate;
}

export interface BuilderLot<D extends LotDemand = LotDemand> {
  id: string;
  number: number;
  occupationCode: string;
  level: number;
  headcount: number;
  windowStart: IsoDate;
  windowEnd: IsoDate;
  maxPriceFen: number;
  capFen: number;
  status: LotStatus;
  demands: D[];
}

/** The lots after an edit, or the field the edit failed on with its message (`key|{params}`). */
export type LotEdit<D extends LotDemand = LotDemand> = { ok: true; lots: BuilderLot<D>[] } | { ok: false; field: string; error: string };

/**
 * A draft is still the bureau's working paper, so a merged-away lot is deleted and the lots are
 * renumbered; after publication lot numbers are public, so it stays, cancelled and empty.
 */
export type EditMode = "draft" | "amendment";

const fail = (field: string, key: string, params?: Record<string, string | number>): { ok: false; field: string; error: string } => ({
  ok: false,
  field,
  error: msg(`tender.lots.${key}`, params),
});

const headcountOf = (demands: readonly LotDemand[]) => demands.reduce((s, d) => s + d.headcount, 0);

/** Lots of the same occupation and level that a lot can merge with (the UI offers only these). */
export function mergeCandidates<D extends LotDemand>(lots: readonly BuilderLot<D>[], lotId: string): BuilderLot<D>[] {
  const lot = lots.find((l) => l.id === lotId);
  if (!lot || lot.status !== "open") return [];
  return lots.filter(
    (o) => o.id !== lot.id && o.status === "open" && o.occupationCode === lot.occupationCode && o.level === lot.level,
  );
}

/** Merge `otherId` into `lotId`: same occupation and level only, with a window common to both (DESIGN.md "Tender and lots"). The lower of the two maximum prices is kept, so a merge never raises a price. */
export function mergeLots<D extends LotDemand>(lots: readonly BuilderLot<D>[], lotId: string, otherId: string, mode: EditMode): LotEdit<D> {
  const lot = lots.find((l) => l.id === lotId && l.status === "open");
  const other = lots.find((l) => l.id === otherId && l.status === "open");
  if (!lot || !other || lot.id === other.id) return fail("otherLotId", "mergeChooseOther");
  if (lot.occupationCode !== other.occupationCode || lot.level !== other.level) {
    return fail("otherLotId", "mergeDifferentKind", { a: lot.number, b: other.number });
  }
  const window = commonWindow([
    { start: lot.windowStart, end: lot.windowEnd },
    { start: other.windowStart, end: other.windowEnd },
  ]);
  if (!window) return fail("otherLotId", "mergeNoCommonWindow", { a: lot.number, b: other.number });
  const demands = [...lot.demands, ...other.demands];
  const merged: BuilderLot<D> = {
    ...lot,
    demands,
    headcount: headcountOf(demands),
    windowStart: window.start,
    windowEnd: window.end,
    maxPriceFen: Math.min(lot.maxPriceFen, other.maxPriceFen),
  };
  if (mode === "amendment") {
    return {
      ok: true,
      lots: lots.map((l) =>
        l.id === lot.id ? merged : l.id === other.id ? { ...l, status: "cancelled" as const, demands: [], headcount: 0 } : l,
      ),
    };
  }
  const kept = lots.filter((l) => l.id !== other.id).map((l) => (l.id === lot.id ? merged : l));
  return { ok: true, lots: kept.map((l) => (l.number > other.number ? { ...l, number: l.number - 1 } : l)) };
}

/** Split the chosen demands off into a new lot (some, not all, of the lot's demand); the new lot's window is their common period, its price the lot's. */
export function splitLot<D extends LotDemand>(
  lots: readonly BuilderLot<D>[],
  lotId: string,
  demandIds: readonly string[],
  newLotId: string,
): LotEdit<D> {
  const lot = lots.find((l) => l.id === lotId && l.status === "open");
  if (!lot) return fail("demandIds", "splitChooseDemand");
  const chosen = new Set(demandIds);
  const moving = lot.demands.filter((d) => chosen.has(d.id));
  const staying = lot.demands.filter((d) => !chosen.has(d.id));
  if (moving.length === 0 || moving.length !== chosen.size) return fail("demandIds", "splitChooseDemand");
  if (staying.length === 0) return fail("demandIds", "splitKeepOne");
  const window = commonWindow(moving.map((d) => ({ start: d.earliestStart, end: d.latestEnd })))!;
  const number = Math.max(...lots.map((l) => l.number)) + 1;
  const created: BuilderLot<D> = {
    ...lot,
    id: newLotId,
    number,
    demands: moving,
    headcount: headcountOf(moving),
    windowStart: window.start,
    windowEnd: window.end,
  };
  return {
    ok: true,
    lots: [...lots.map((l) => (l.id === lot.id ? { ...l, demands: staying, headcount: headcountOf(staying) } : l)), created],
  };
}

/** Edit a lot's maximum price per trainee (> 0 and never above its subsidy cap) and its window (inside every covered demand's window). */
export function editLot<D extends LotDemand>(
  lots: readonly BuilderLot<D>[],
  lotId: string,
  edit: { maxPriceFen: number; windowStart: IsoDate; windowEnd: IsoDate },
): LotEdit<D> {
  const lot = lots.find((l) => l.id === lotId && l.status === "open");
  if (!lot) return fail("maxPrice", "notOpen");
  if (edit.maxPriceFen <= 0) return fail("maxPrice", "pricePositive");
  if (edit.maxPriceFen > lot.capFen) return fail("maxPrice", "aboveCap", { cap: formatFen(lot.capFen, "en") });
  if (edit.windowStart > edit.windowEnd) return fail("windowEnd", "windowReversed");
  const window = { start: edit.windowStart, end: edit.windowEnd };
  if (!windowFitsAll(window, lot.demands)) {
    const allowed = commonWindow(lot.demands.map((d) => ({ start: d.earliestStart, end: d.latestEnd })));
    return fail("windowStart", "windowOutside", { start: allowed?.start ?? "—", end: allowed?.end ?? "—" });
  }
  return {
    ok: true,
    lots: lots.map((l) => (l.id === lot.id ? { ...l, maxPriceFen: edit.maxPriceFen, windowStart: edit.windowStart, windowEnd: edit.windowEnd } : l)),
  };
}

/**
 * Whether a lot's demand still counts: a draft's demand must still be pooled (an enterprise may
 * withdraw pooled demand, DESIGN.md "Demand"); a published tender's demand is tendered.
 */
export function isDemandAvailable(status: DemandStatus, tenderStatus: TenderStatus): boolean {
  return tenderStatus === "draft" ? status === "pooled" : status === "tendered";
}

/** Remove from a draft's lot the demand that has left the pool (withdrawn by its enterprise), so that the lot covers only demand it can still serve. */
export function dropUnavailableDemand<D extends LotDemand & { status: DemandStatus }>(
  lots: readonly BuilderLot<D>[],
  lotId: string,
  tenderStatus: TenderStatus,
): LotEdit<D> {
  const lot = lots.find((l) => l.id === lotId && l.status === "open");
  if (!lot) return fail("lotId", "notOpen");
  const kept = lot.demands.filter((d) => isDemandAvailable(d.status, tenderStatus));
  if (kept.length === lot.demands.length) return fail("lotId", "nothingToDrop");
  return { ok: true, lots: lots.map((l) => (l.id === lot.id ? { ...l, demands: kept, headcount: headcountOf(kept) } : l)) };
}
