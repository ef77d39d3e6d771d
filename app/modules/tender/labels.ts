/** Small display rules shared by the tender pages (pure). */
import { SKILL_LEVELS } from "~/modules/reference/skill-levels";
import type { LotStatus, TenderStatus } from "./lifecycle";

export interface OccupationName {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** A skill level's name in the page's language: "四级/中级工", "Level 4 / Intermediate". */
export function levelName(level: number, lang: string): string {
  const l = SKILL_LEVELS.find((s) => s.level === level);
  if (!l) return String(level);
  return lang === "en" ? l.nameEn : l.nameZh;
}

/** An occupation's name in the page's language, by code (the code itself when unknown). */
export function occupationName(occupations: readonly OccupationName[], code: string, lang: string): string {
  const o = occupations.find((x) => x.code === code);
  if (!o) return code;
  return lang === "en" ? o.nameEn : o.nameZh;
}

/** The badge colour of a tender's status: open for bids is ok, in progress is plain, cancelled is bad. */
export function tenderBadgeClass(status: TenderStatus | LotStatus): string {
  switch (status) {
    case "published":
    case "open":
    case "awarded":
    case "complete":
      return "badge badge-ok";
    case "draft":
      return "badge badge-warn";
    case "cancelled":
    case "unsuccessful":
      return "badge badge-bad";
    default:
      return "badge";
  }
}
