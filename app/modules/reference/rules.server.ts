import type { DB } from "#db/client";
import { rulesFromRows, type Regime, type Rules } from "./procurement-rules";

/** The procurement rules of a regime as the bureau admin last set them (DESIGN.md "Procurement rules": one table, not code). */
export async function loadRules(db: DB, regime: Regime): Promise<Rules> {
  const rows = await db.selectFrom("procurement_rules").select(["key", "value", "unit"]).where("regime", "=", regime).execute();
  return rulesFromRows(rows);
}

export interface SubsidyCap {
  capFen: number;
  /** The demo's illustrative figure, not the district's published standard: labelled on screen. */
  illustrative: boolean;
  /** Whether the cap is the occupation's own row rather than the all-occupations row. */
  occupationSpecific: boolean;
}

/**
 * The subsidy cap per trainee for a year, occupation and level (DESIGN.md "Reference data"): the
 * occupation's own standard where the bureau set one, else the standard for all occupations
 * (occupation_code null); undefined when neither exists.
 */
export async function findSubsidyCap(
  db: DB,
  key: { year: number; occupationCode: string; level: number },
): Promise<SubsidyCap | undefined> {
  const rows = await db
    .selectFrom("subsidy_standards")
    .select(["occupation_code", "cap_fen", "illustrative"])
    .where("year", "=", key.year)
    .where("level", "=", key.level)
    .where((eb) => eb.or([eb("occupation_code", "=", key.occupationCode), eb("occupation_code", "is", null)]))
    .execute();
  const row = rows.find((r) => r.occupation_code === key.occupationCode) ?? rows.find((r) => r.occupation_code === null);
  if (!row) return undefined;
  return { capFen: Number(row.cap_fen), illustrative: Number(row.illustrative) === 1, occupationSpecific: row.occupation_code !== null };
}
