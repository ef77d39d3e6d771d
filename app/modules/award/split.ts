/**
 * Splitting a lot's headcount down the ranking (DESIGN.md "Opening, evaluation, award"): the top
 * bid takes up to its capacity, the next the remainder, and so on until the headcount is
 * covered; each enterprise's demand stays with one institution where capacities allow; at most
 * one award per bid; the awarded headcount never exceeds the lot's.
 */
export interface RankedCapacity {
  bidId: string;
  capacity: number;
}

export interface DemandPart {
  demandId: string;
  headcount: number;
}

export interface AwardShare {
  bidId: string;
  headcount: number;
  demands: DemandPart[];
}

/**
 * Allocates demands to bids in rank order. First pass: whole demands, largest first, to the
 * highest-ranked bid with room. Second pass: what is left is split across the remaining
 * capacity, again down the ranking. Bids that receive nothing get no award.
 */
export function splitAward(ranked: readonly RankedCapacity[], demands: readonly DemandPart[]): AwardShare[] {
  const room = ranked.map((r) => Math.max(0, Math.floor(r.capacity)));
  const parts: DemandPart[][] = ranked.map(() => []);
  const whole = [...demands].filter((d) => d.headcount > 0).sort((a, b) => b.headcount - a.headcount || a.demandId.localeCompare(b.demandId));
  const leftover: DemandPart[] = [];
  for (const d of whole) {
    const i = room.findIndex((r) => r >= d.headcount);
    if (i < 0) {
      leftover.push({ ...d });
      continue;
    }
    parts[i]!.push({ ...d });
    room[i]! -= d.headcount;
  }
  for (const d of leftover) {
    let need = d.headcount;
    for (let i = 0; i < ranked.length && need > 0; i++) {
      const take = Math.min(room[i]!, need);
      if (take <= 0) continue;
      parts[i]!.push({ demandId: d.demandId, headcount: take });
      room[i]! -= take;
      need -= take;
    }
  }
  return ranked
    .map((r, i) => ({ bidId: r.bidId, headcount: parts[i]!.reduce((s, p) => s + p.headcount, 0), demands: parts[i]! }))
    .filter((a) => a.headcount > 0);
}
