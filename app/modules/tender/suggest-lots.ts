/**
 * Lot suggestion (DESIGN.md "Tender and lots": the system suggests lots — pooled demand grouped by
 * occupation and level whose time windows overlap; the officer can merge, split and edit).
 *
 * The lot's delivery window is the INTERSECTION of its demands' windows, never their union: one
 * institution delivers one lot in one window, and a demand's window (earliest start … latest end)
 * is when that enterprise can release its workers. Training run anywhere in a union would fall
 * outside some enterprise's window. So a group must have a period common to all its demands.
 *
 * Overlap is not transitive: Jan–Mar, Mar–May and May–Jul are linked in a chain, yet no day lies
 * in all three. A chain (a connected set of overlapping windows) is therefore cut into the fewest
 * groups that each share a common period: take the earliest-ending window; every remaining window
 * that starts by its end contains that end day, so they form one group; repeat. This greedy choice
 * is optimal for intervals (the classic interval-stabbing argument), so no suggestion has more
 * lots than it must.
 */
import type { IsoDate } from "~/modules/reference/working-days";

/** A period of dates, both ends included. */
export interface DateWindow {
  start: IsoDate;
  end: IsoDate;
}

/** What the suggestion needs of a pooled demand. */
export interface PoolDemand {
  id: string;
  occupationCode: string;
  level: number;
  headcount: number;
  earliestStart: IsoDate;
  latestEnd: IsoDate;
}

/** An i18n key with its parameters (rendered in the reader's language). */
export interface Explanation {
  key: string;
  params: Record<string, string | number>;
}

export interface SuggestedLot {
  number: number;
  occupationCode: string;
  level: number;
  headcount: number;
  windowStart: IsoDate;
  windowEnd: IsoDate;
  demandIds: string[];
  explanations: Explanation[];
}

/** The period common to every window (their intersection), or null when there is none. */
export function commonWindow(windows: readonly DateWindow[]): DateWindow | null {
  if (windows.length === 0) return null;
  let start = windows[0]!.start;
  let end = windows[0]!.end;
  for (const w of windows) {
    if (w.start > start) start = w.start;
    if (w.end < end) end = w.end;
  }
  return start <= end ? { start, end } : null;
}

/** Whether a lot's window lies inside every demand's window (DESIGN.md "Tender and lots": the lot's delivery window must suit each demand it covers). */
export function windowFitsAll(window: DateWindow, demands: readonly { earliestStart: IsoDate; latestEnd: IsoDate }[]): boolean {
  return window.start <= window.end && demands.every((d) => d.earliestStart <= window.start && window.end <= d.latestEnd);
}

const byWindow = (a: PoolDemand, b: PoolDemand) =>
  a.earliestStart.localeCompare(b.earliestStart) || a.latestEnd.localeCompare(b.latestEnd) || a.id.localeCompare(b.id);

/** Chains of overlapping windows (connected components), each sorted by start. */
function chains(demands: PoolDemand[]): PoolDemand[][] {
  const sorted = [...demands].sort(byWindow);
  const out: PoolDemand[][] = [];
  let current: PoolDemand[] = [];
  let reach = "";
  for (const d of sorted) {
    if (current.length > 0 && d.earliestStart <= reach) {
      current.push(d);
      if (d.latestEnd > reach) reach = d.latestEnd;
    } else {
      if (current.length > 0) out.push(current);
      current = [d];
      reach = d.latestEnd;
    }
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** Cuts a chain into the fewest groups that each share a common period (interval stabbing). */
function groupsWithCommonWindow(chain: PoolDemand[]): PoolDemand[][] {
  let left = [...chain].sort((a, b) => a.latestEnd.localeCompare(b.latestEnd) || byWindow(a, b));
  const groups: PoolDemand[][] = [];
  while (left.length > 0) {
    const stab = left[0]!.latestEnd;
    const group = left.filter((d) => d.earliestStart <= stab);
    groups.push(group.sort(byWindow));
    left = left.filter((d) => d.earliestStart > stab);
  }
  return groups;
}

const list = (numbers: number[]) => numbers.join(", ");

/**
 * Suggests lots for pooled demand: one lot per occupation, level and common delivery window, each
 * with its headcount (Σ), its window (the intersection) and why it was formed and kept apart
 * (DESIGN.md "Tender and lots").
 */
export function suggestLots(demands: readonly PoolDemand[]): SuggestedLot[] {
  interface Draft {
    kind: string;
    occupationCode: string;
    level: number;
    chain: number;
    group: PoolDemand[];
    window: DateWindow;
  }
  const byKind = new Map<string, PoolDemand[]>();
  for (const d of demands) {
    const kind = `${d.occupationCode}\u0000${d.level}`;
    byKind.set(kind, [...(byKind.get(kind) ?? []), d]);
  }
  const drafts: Draft[] = [];
  let chainNo = 0;
  for (const [kind, ds] of byKind) {
    for (const chain of chains(ds)) {
      chainNo += 1;
      for (const group of groupsWithCommonWindow(chain)) {
        const window = commonWindow(group.map((d) => ({ start: d.earliestStart, end: d.latestEnd })))!;
        drafts.push({ kind, occupationCode: group[0]!.occupationCode, level: group[0]!.level, chain: chainNo, group, window });
      }
    }
  }
  // Occupation, then level from junior (5) to senior (1), then time.
  drafts.sort(
    (a, b) =>
      a.occupationCode.localeCompare(b.occupationCode) ||
      b.level - a.level ||
      a.window.start.localeCompare(b.window.start) ||
      a.window.end.localeCompare(b.window.end),
  );
  const numbered = drafts.map((d, i) => ({ ...d, number: i + 1 }));

  return numbered.map((lot) => {
    const explanations: Explanation[] = [];
    const headcount = lot.group.reduce((s, d) => s + d.headcount, 0);
    explanations.push(
      lot.group.length === 1
        ? { key: "tender.suggest.why.single", params: { start: lot.window.start, end: lot.window.end } }
        : {
            key: "tender.suggest.why.grouped",
            params: { count: lot.group.length, headcount, start: lot.window.start, end: lot.window.end },
          },
    );
    const sameKind = numbered.filter((o) => o.kind === lot.kind && o.number !== lot.number);
    const chained = sameKind.filter((o) => o.chain === lot.chain).map((o) => o.number);
    const apart = sameKind.filter((o) => o.chain !== lot.chain).map((o) => o.number);
    if (chained.length > 0) explanations.push({ key: "tender.suggest.why.chain", params: { lots: list(chained) } });
    if (apart.length > 0) explanations.push({ key: "tender.suggest.why.noOverlap", params: { lots: list(apart) } });
    const otherLevels = numbered.filter((o) => o.occupationCode === lot.occupationCode && o.level !== lot.level);
    if (otherLevels.length > 0) {
      explanations.push({
        key: "tender.suggest.why.otherLevel",
        params: {
          lots: list(otherLevels.map((o) => o.number)),
          levels: list([...new Set(otherLevels.map((o) => o.level))].sort((a, b) => b - a)),
        },
      });
    }
    return {
      number: lot.number,
      occupationCode: lot.occupationCode,
      level: lot.level,
      headcount,
      windowStart: lot.window.start,
      windowEnd: lot.window.end,
      demandIds: lot.group.map((d) => d.id),
      explanations,
    };
  });
}
