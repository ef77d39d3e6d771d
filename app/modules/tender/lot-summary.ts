/**
 * A lot's one-line summary on the public tender list ("电工 四级 12 人" / "Electrician, Level 4,
 * 12 trainees"), worded by the dictionary's `tender.public.lotSummary` but filled without a
 * translation call per lot: the page translates the wording once with these slot markers (a
 * private-use character, never in a dictionary or a name, around the slot's name) as the values, and each lot's line is that text with the markers replaced.
 */
export type LotSummaryValues = {
  occupation: string;
  level: string;
  headcount: string;
};

const SLOT = (name: keyof LotSummaryValues) => `\uE000${name}\uE000`;

/** The values to translate the wording with once: a marker for each slot. */
export const LOT_SUMMARY_SLOTS: LotSummaryValues = { occupation: SLOT("occupation"), level: SLOT("level"), headcount: SLOT("headcount") };

const MARKER = /\uE000(occupation|level|headcount)\uE000/g;

/** A formatter for one page: the translated wording (with markers) in, a lot's line out. */
export function lotSummaryFormat(wording: string): (values: LotSummaryValues) => string {
  return (values) => wording.replace(MARKER, (_, name: keyof LotSummaryValues) => values[name]);
}
