/**
 * The shape of a synthetic district at a given scale (issue "Benchmarks"): how many
 * enterprises, institutions and trainees, over how many years. Pure numbers and a seeded
 * random source, so two runs at the same scale and seed describe the same world.
 */
export interface Scale {
  enterprises: number;
  institutions: number;
  traineesPerYear: number;
  years: number;
}

export const SCALES = {
  /** A few seconds: used by the smoke test that keeps the benchmarks working. */
  tiny: { enterprises: 40, institutions: 8, traineesPerYear: 200, years: 2 },
  district: { enterprises: 2_000, institutions: 100, traineesPerYear: 5_000, years: 5 },
  city: { enterprises: 40_000, institutions: 2_000, traineesPerYear: 100_000, years: 5 },
  country: { enterprises: 400_000, institutions: 20_000, traineesPerYear: 1_000_000, years: 1 },
} as const satisfies Record<string, Scale>;
export type ScaleName = keyof typeof SCALES;

export function isScale(name: string): name is ScaleName {
  return Object.hasOwn(SCALES, name);
}

/** Mulberry32: small, fast, good enough for synthetic data; deterministic for a seed. */
export function randomSource(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** An integer in [min, max]. */
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    /** True with probability p. */
    chance: (p: number): boolean => next() < p,
    /** A weighted choice: weights need not sum to 1. */
    weighted: <T>(items: readonly (readonly [T, number])[]): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) {
        r -= w;
        if (r <= 0) return item;
      }
      return items[items.length - 1]![0];
    },
  };
}
export type Random = ReturnType<typeof randomSource>;

/**
 * Bids per lot averaging about 2.4 (issue "Benchmarks"): most lots draw two or three bidders,
 * some one, a few four or five. Mean = 1×.15 + 2×.40 + 3×.32 + 4×.10 + 5×.03 = 2.46.
 */
export const BIDS_PER_LOT: readonly (readonly [number, number])[] = [
  [1, 0.15],
  [2, 0.4],
  [3, 0.32],
  [4, 0.1],
  [5, 0.03],
];

/** Skill levels demanded: mostly intermediate (4) and senior (3), some technician grades. */
export const LEVEL_WEIGHTS: readonly (readonly [number, number])[] = [
  [5, 0.15],
  [4, 0.4],
  [3, 0.3],
  [2, 0.1],
  [1, 0.05],
];

/** Completion and certification rates of past cohorts (shares of enrolled trainees). */
export const COMPLETION_RATE = 0.92;
export const CERTIFICATION_RATE = 0.85;

/** Number of demands an enterprise posts for a year's trainees: headcounts of 5–20. */
export function splitHeadcount(total: number, rnd: Random): number[] {
  const out: number[] = [];
  let left = total;
  while (left > 0) {
    const n = Math.min(left, rnd.int(5, 20));
    out.push(n);
    left -= n;
  }
  return out;
}
